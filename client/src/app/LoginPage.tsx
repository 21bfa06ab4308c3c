import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { useSession, type Session } from '../shared/session';
import { homePath } from './home';
import { PrivacyLink } from './PrivacyLink';
import { strings } from './strings';

export function LoginPage() {
  const { user, consentRequired, signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={consentRequired ? '/consent' : homePath(user.role)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await api<Session>('/api/auth/login', { method: 'POST', json: { email, password } }), { login: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow card">
      <h1>{strings.login.title}</h1>
      <p className="login-banner" role="note">
        {strings.login.banner}
      </p>
      <p className="muted">{strings.login.hint}</p>
      <form onSubmit={submit} className="form">
        <label>
          {strings.login.email}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {strings.login.password}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? strings.login.submitting : strings.login.submit}
        </button>
      </form>
      <PrivacyLink />
    </div>
  );
}
