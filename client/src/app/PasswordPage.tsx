import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { useSession, type Session } from '../shared/session';
import { strings } from './strings';

export function PasswordPage() {
  const { signedIn } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      signedIn(await api<Session>('/api/auth/password', { method: 'POST', json: { currentPassword, newPassword } }));
      setMessage({ ok: true, text: strings.password.done });
      setCurrent('');
      setNext('');
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  return (
    <div className="narrow card">
      <h1>{strings.password.title}</h1>
      <form onSubmit={submit} className="form">
        <label>
          {strings.password.current}
          <input type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {strings.password.next}
          <input type="password" autoComplete="new-password" minLength={8} required value={newPassword} onChange={(e) => setNext(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {strings.password.submit}
        </button>
      </form>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
      {/* The header has no room left on a desktop: the second factor is found beside the password. */}
      <p className="muted">
        {strings.password.twoFactorHint} <Link to="/account/two-factor">{strings.password.twoFactor}</Link>
      </p>
    </div>
  );
}
