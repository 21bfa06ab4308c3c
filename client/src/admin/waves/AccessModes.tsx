import { sharedStrings } from '../../shared/strings';
import { ROLES, setAccess, type AccessMode, type Role, type WaveDetails } from './api';
import { wavesStrings as s } from './strings';

const roleTitles = sharedStrings.roles;

const MODES: AccessMode[] = ['open', 'codes'];

interface Props {
  wave: WaveDetails;
  busy: boolean;
  /** Runs the change; the page shows its message and reloads what it touched. */
  onChange(action: () => Promise<string>): void;
}

export function AccessModes({ wave, busy, onChange }: Props) {
  function switchTo(role: Role, mode: AccessMode) {
    const question = mode === 'codes' ? s.wave.confirmCodes(roleTitles[role]) : s.wave.confirmOpen(roleTitles[role]);
    if (!window.confirm(question)) return;
    onChange(async () => {
      const result = await setAccess(wave.id, role, mode);
      return s.wave.accessDone(result.created, result.restored);
    });
  }

  return (
    <div className="card access-card">
      <h2>{s.wave.accessTitle}</h2>
      <p className="muted hint">{s.wave.accessIntro}</p>
      <div className="access-grid">
        {ROLES.map((role) => (
          <fieldset key={role} className="segmented" disabled={busy}>
            <legend>{roleTitles[role]}</legend>
            <div className="segmented-options">
              {MODES.map((mode) => (
                <label key={mode} className={wave.access[role] === mode ? 'on' : undefined}>
                  <input type="radio" name={`access-${role}`} value={mode} checked={wave.access[role] === mode} onChange={() => switchTo(role, mode)} />
                  {s.wave.modes[mode]}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
