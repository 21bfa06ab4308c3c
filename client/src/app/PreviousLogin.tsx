import { dateTime, zoneLabel } from '../shared/format';
import { useSession } from '../shared/session';
import { strings } from './strings';

/**
 * Right after a login with the password: when the account was last used before, so that a person notices a login
 * that was not theirs. Shown until closed; the next page load forgets it.
 */
export function PreviousLogin() {
  const { previousLogin, timeZone, dismissPreviousLogin } = useSession();
  if (previousLogin === null) return null;
  return (
    <div className="card previous-login" role="status">
      <p>
        {strings.previousLogin.text(`${dateTime(previousLogin, timeZone)} (${zoneLabel(timeZone, new Date(previousLogin))})`)} {strings.previousLogin.unknown}
      </p>
      <button type="button" onClick={dismissPreviousLogin}>
        {strings.previousLogin.close}
      </button>
    </div>
  );
}
