import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import type { SecondFactorRequired } from '../../../server/auth/two-factor/two-factor.schemas';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { useSession, type Session } from '../shared/session';
import { homePath } from './home';
import { PrivacyLink } from './PrivacyLink';
import { strings } from './strings';

/** The app's six digits, however they were typed or pasted: «123 456» included. */
const digitsOf = (text: string) => text.replace(/\D/g, '').slice(0, 6);

export function LoginPage() {
  const { user, consentRequired, signedIn, expired } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** Set after a right password on an account with a second factor: the code is asked next. */
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={consentRequired ? '/consent' : homePath(user.role)} replace />;

  async function attempt(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorText(err, strings.login.errors));
    } finally {
      setBusy(false);
    }
  }

  const submitPassword = (e: FormEvent) => {
    e.preventDefault();
    return attempt(async () => {
      const answer = await api<Session | SecondFactorRequired>('/api/auth/login', { method: 'POST', json: { email, password } });
      if ('challenge' in answer) {
        setChallenge(answer.challenge);
        setPassword('');
      } else signedIn(answer, { login: true });
    });
  };

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    return attempt(async () => {
      try {
        signedIn(await api<Session>('/api/auth/login/code', { method: 'POST', json: { challenge, code } }), { login: true });
      } catch (err) {
        setCode('');
        throw err;
      }
    });
  };

  const errorLine = error && (
    <p className="error" role="alert">
      {error}
    </p>
  );

  if (challenge) {
    return (
      <div className="narrow card">
        <h1>{strings.login.codeTitle}</h1>
        <p className="muted">{strings.login.codeHint}</p>
        <form onSubmit={submitCode} className="form">
          <label>
            {strings.login.code}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(digitsOf(e.target.value))}
            />
          </label>
          {errorLine}
          <button type="submit" className="primary" disabled={busy || code.length !== 6}>
            {busy ? strings.login.submitting : strings.login.submitCode}
          </button>
          <button type="button" className="link" onClick={() => (setChallenge(null), setCode(''), setError(null))}>
            {strings.login.restart}
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className="narrow card">
      <h1>{strings.login.title}</h1>
      {expired && (
        <p className="notice" role="status">
          {strings.login.expired}
        </p>
      )}
      <p className="login-banner" role="note">
        {strings.login.banner}
      </p>
      <p className="muted">{strings.login.hint}</p>
      <form onSubmit={submitPassword} className="form">
        <label>
          {strings.login.email}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {strings.login.password}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {errorLine}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? strings.login.submitting : strings.login.submit}
        </button>
      </form>
      <PrivacyLink />
    </div>
  );
}
