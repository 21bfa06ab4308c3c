import { Link } from 'react-router';
import { strings } from './strings';

/** Under the login and invitation forms: whoever is asked for an e-mail and a password may first read what is kept. */
export function PrivacyLink() {
  return (
    <p className="privacy-link">
      <Link to="/privacy">{strings.privacyLink}</Link>
    </p>
  );
}
