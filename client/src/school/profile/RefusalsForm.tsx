import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { ROLES, type Role } from '../../shared/roles';
import { sharedStrings } from '../../shared/strings';
import { refusalsOpen } from '../../../../server/shared/rules/participation-target';
import type { SchoolProfile } from '../api/profile';
import { recordRefusals } from '../api/refusals';
import { schoolStrings as s } from '../strings';

type State = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; refused: number } | { kind: 'failed'; error: unknown };

/** The school team's or a coordinator's count of refusals for one group: the whole count, replacing the previous one. */
export function RefusalsForm({ profile, onSaved }: { profile: SchoolProfile; onSaved(): void }) {
  const [role, setRole] = useState<Role>('parent');
  const [count, setCount] = useState(String(profile.refused.parent));
  const [state, setState] = useState<State>({ kind: 'idle' });
  const open = refusalsOpen(new Date(profile.wave.opensAt), new Date(profile.wave.closesAt), new Date());

  const pick = (next: Role) => {
    setRole(next);
    setCount(String(profile.refused[next]));
    setState({ kind: 'idle' });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ kind: 'saving' });
    try {
      const done = await recordRefusals(profile.wave.id, profile.school.id, { role, refused: Number(count) });
      setState({ kind: 'saved', refused: done.refused });
      onSaved();
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };

  return (
    <section className="card no-print" aria-labelledby="refusals-title" data-testid="refusals">
      <h2 id="refusals-title">{s.refusals.title}</h2>
      <p className="muted">{s.refusals.intro}</p>
      {!open ? (
        <p className="muted">{s.refusals.closed}</p>
      ) : (
        <form className="toolbar sc-refusals-form" onSubmit={submit}>
          <label className="sc-inline-field">
            {s.refusals.role}
            <select value={role} onChange={(e) => pick(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {sharedStrings.roles[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="sc-inline-field">
            {s.refusals.count}
            <input type="number" inputMode="numeric" min={0} step={1} required value={count} onChange={(e) => setCount(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? s.refusals.saving : s.refusals.save}
          </button>
        </form>
      )}
      {state.kind === 'saved' && (
        <p className="ok" role="status">
          {s.refusals.saved(state.refused)}
        </p>
      )}
      {state.kind === 'failed' && <RefusalError error={state.error} />}
    </section>
  );
}

function RefusalError({ error }: { error: unknown }) {
  const max = (error as { details?: { max?: number } }).details?.max;
  return (
    <>
      <ErrorMessage error={error} messages={s.refusals.errors} />
      {max !== undefined && <p className="muted">{s.refusals.max(max)}</p>}
    </>
  );
}
