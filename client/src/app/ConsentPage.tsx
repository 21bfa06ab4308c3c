import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { STAFF_CONSENT_VERSION } from '../../../server/shared/rules/staff-consent';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { useSession, type Session } from '../shared/session';
import { ConsentText } from './ConsentText';
import { homePath } from './home';
import { strings } from './strings';

/** Asked at login when the consent text changed since the account agreed to it; nothing else opens before. */
export function ConsentPage() {
  const { user, loading, consentRequired, signedIn, logout } = useSession();
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (loading) return <p className="muted">{strings.loading}</p>;
  if (!user) return <Navigate to="/login" replace />;
  if (!consentRequired) return <Navigate to={homePath(user.role)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      signedIn(await api<Session>('/api/auth/consent', { method: 'POST', json: { consentVersion: STAFF_CONSENT_VERSION } }));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="narrow card">
      <p>{strings.consent.renewed}</p>
      <ConsentText />
      <form onSubmit={submit} className="form">
        <label className="checkbox">
          <input type="checkbox" required checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
          {strings.consent.agree}
        </label>
        <button type="submit" className="primary">
          {strings.consent.submit}
        </button>
        <button type="button" className="link" onClick={() => void logout()}>
          {strings.consent.logout}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
