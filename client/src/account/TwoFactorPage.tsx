import { useEffect, useState, type FormEvent } from 'react';
import type { TwoFactorSetup, TwoFactorStatus } from '../../../server/auth/two-factor/two-factor.schemas';
import { QrSvg } from '../admin/waves/QrSvg';
import { api } from '../shared/api';
import { errorText } from '../shared/errors';
import { strings } from './strings';

type Message = { ok: boolean; text: string } | null;

/** The account's second factor: set up from a QR code and confirmed with a code, or turned off with the password. */
export default function TwoFactorPage() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<Message>(null);

  useEffect(() => {
    api<TwoFactorStatus>('/api/auth/two-factor')
      .then((s) => setEnabled(s.enabled))
      .catch((err) => setMessage({ ok: false, text: errorText(err) }));
  }, []);

  async function run(action: () => Promise<void>) {
    setMessage(null);
    try {
      await action();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, strings.errors) });
    }
  }

  const start = () => run(async () => setSetup(await api<TwoFactorSetup>('/api/auth/two-factor/setup', { method: 'POST' })));

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      await api('/api/auth/two-factor/enable', { method: 'POST', json: { code } });
      setSetup(null);
      setCode('');
      setEnabled(true);
      setMessage({ ok: true, text: strings.enabled });
    });
  };

  const disable = (e: FormEvent) => {
    e.preventDefault();
    return run(async () => {
      await api('/api/auth/two-factor/disable', { method: 'POST', json: { password } });
      setPassword('');
      setEnabled(false);
      setMessage({ ok: true, text: strings.disabled });
    });
  };

  return (
    <div className="narrow card">
      <h1>{strings.title}</h1>
      <p className="muted">{strings.intro}</p>
      {enabled !== null && <p>{enabled ? strings.on : strings.off}</p>}
      {enabled === false && !setup && (
        <button type="button" className="primary" onClick={() => void start()}>
          {strings.start}
        </button>
      )}
      {enabled === false && setup && (
        <form onSubmit={confirm} className="form">
          <p>{strings.scan}</p>
          <QrSvg text={setup.uri} className="two-factor-qr" />
          <p>
            {strings.secret}: <code className="two-factor-secret">{setup.secret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
          </p>
          <label>
            {strings.code}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              required
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            />
          </label>
          <button type="submit" className="primary">
            {strings.confirm}
          </button>
        </form>
      )}
      {enabled && (
        <form onSubmit={disable} className="form">
          <h2>{strings.disableTitle}</h2>
          <label>
            {strings.password}
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit">{strings.disable}</button>
          <p className="muted">{strings.lost}</p>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
