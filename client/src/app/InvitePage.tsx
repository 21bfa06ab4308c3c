import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useParams } from 'react-router';
import type { InvitationView } from '../../../server/auth/session.schemas';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { useSession, type Session } from '../shared/session';
import { homePath } from './home';
import { PrivacyLink } from './PrivacyLink';
import { strings } from './strings';
import { ConsentText } from './ConsentText';
import { STAFF_CONSENT_VERSION } from '../../../server/shared/rules/staff-consent';

export function InvitePage() {
  const { token } = useParams();
  const { user, signedIn } = useSession();
  const [email, setEmail] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<InvitationView>(`/api/auth/invitations/${token}`).then(
      (i) => setEmail(i.email),
      (e) => setError(errorText(e)),
    );
  }, [token]);

  if (user) return <Navigate to={homePath(user.role)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) return setError(strings.invite.mismatch);
    if (!agreed) return setError(strings.invite.consentMissing);
    try {
      const json = { password, consentVersion: STAFF_CONSENT_VERSION };
      signedIn(await api<Session>(`/api/auth/invitations/${token}`, { method: 'POST', json }), { login: true });
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="narrow card">
      <h1>{strings.invite.title}</h1>
      {email && <p>{strings.invite.intro(email)}</p>}
      {email && (
        <form onSubmit={submit} className="form">
          <label>
            {strings.invite.password}
            <input type="password" autoComplete="new-password" minLength={8} required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <label>
            {strings.invite.repeat}
            <input type="password" autoComplete="new-password" minLength={8} required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
          <ConsentText />
          <label className="checkbox">
            <input type="checkbox" required checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
            {strings.consent.agree}
          </label>
          <button type="submit" className="primary">
            {strings.invite.submit}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <PrivacyLink />
    </div>
  );
}
