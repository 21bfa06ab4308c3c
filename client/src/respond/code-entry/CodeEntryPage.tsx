import { useEffect, useState, type FormEvent } from 'react';
import { findCode } from '../api';
import { Layout } from '../Frame';
import { codeEntryStrings as s } from './strings';

type State = { kind: 'idle' } | { kind: 'checking' } | { kind: 'refused'; message: string };

/**
 * /c: the way in for a respondent whose slip's QR code cannot be scanned. The typed code is sent in a request
 * body, never in an address, so it stays out of the browser's history and the server's logs.
 */
export function CodeEntryPage() {
  const [code, setCode] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    document.title = s.pageTitle;
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (state.kind === 'checking' || !code.trim()) return;
    setState({ kind: 'checking' });
    const res = await findCode(code);
    if (res.kind === 'ok') {
      // The questionnaire's own page says whether the code is still unused and its wave open.
      location.assign(`/s/${encodeURIComponent(res.data.token)}`);
      return;
    }
    const message = res.kind === 'network' ? s.errors.network : (s.errors[res.code] ?? (res.status === 429 ? s.errors.rate_limited : s.errors.default));
    setState({ kind: 'refused', message });
  }

  return (
    <Layout>
      <form className="rs-message rs-code" onSubmit={(e) => void submit(e)} noValidate>
        <h1 className="rs-message__title">{s.title}</h1>
        <p className="rs-message__text">{s.text}</p>
        <label className="rs-code__label" htmlFor="code">
          {s.label}
        </label>
        <input
          id="code"
          className="rs-code__input"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={s.placeholder}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          aria-describedby={state.kind === 'refused' ? 'code-error' : undefined}
          aria-invalid={state.kind === 'refused' || undefined}
        />
        {state.kind === 'refused' && (
          <p id="code-error" className="rs-status__box rs-status__box--error rs-code__error" role="alert" data-testid="code-error">
            {state.message}
          </p>
        )}
        <button type="submit" className="rs-button" disabled={state.kind === 'checking'}>
          {state.kind === 'checking' ? s.checking : s.submit}
        </button>
      </form>
    </Layout>
  );
}
