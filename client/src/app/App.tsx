import { strings } from './strings';

export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '2rem auto', padding: '0 1rem' }}>
      <h1>{strings.title}</h1>
      <p>{strings.intro}</p>
    </main>
  );
}
