import { useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { listModels, ROLES } from '../waves/api';
import { getModel, previewDerivation, type DerivePreview, type Model, type ModelEdit } from './api';
import { LevelsComparison } from './LevelsComparison';
import { failureOf, FailureMessage, SaveVersionForm, type Failure } from './SaveVersionForm';
import { methodologyStrings } from './strings';

const s = methodologyStrings.derive;
const a = s.labels;
type Indicator = Model['factors'][number]['indicators'][number];

/** Every editable field of a model as the administrator typed it, keyed by what it sets; a comma is a decimal point too. */
type Draft = Record<string, string>;

const parse = (text: string) => {
  const x = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(x) ? x : null;
};

/** A share without anchors scores from 0 to 1 (docs/methodology.md §2); `choice` has a risk per answer instead. */
function anchorsOf(ind: Indicator): { best: number; worst: number } | null {
  if (ind.kind === 'share') return { best: ind.best ?? 0, worst: ind.worst ?? 1 };
  return ind.best !== undefined && ind.worst !== undefined ? { best: ind.best, worst: ind.worst } : null;
}

const roleRate = (model: Model, role: (typeof ROLES)[number]) => (typeof model.minRate === 'number' ? model.minRate : model.minRate[role]);

function initialDraft(model: Model): Draft {
  const draft: Draft = { 'levels.medium': String(model.levels.medium), 'levels.high': String(model.levels.high) };
  for (const role of ROLES) draft[`minRate.${role}`] = String(roleRate(model, role) ?? '');
  for (const factor of model.factors) {
    draft[`factor.${factor.id}.medium`] = factor.levels ? String(factor.levels.medium) : '';
    draft[`factor.${factor.id}.high`] = factor.levels ? String(factor.levels.high) : '';
    for (const ind of factor.indicators) {
      draft[`weight.${ind.id}`] = String(ind.weight);
      const anchors = anchorsOf(ind);
      if (anchors) Object.assign(draft, { [`best.${ind.id}`]: String(anchors.best), [`worst.${ind.id}`]: String(anchors.worst) });
      if (ind.kind === 'share') draft[`values.${ind.id}`] = (ind.values ?? []).join(', ');
      for (const [key, risk] of Object.entries(ind.risk ?? {})) draft[`risk.${ind.id}.${key}`] = String(risk);
    }
  }
  return draft;
}

/** The edits that make the base into the draft, named as the server's ModelEdit; null while a field is unreadable. */
function editsOf(model: Model, draft: Draft): ModelEdit[] | null {
  const edits: ModelEdit[] = [];
  const num = (key: string) => parse(draft[key] ?? '');
  const pair = (a: string, b: string) => [num(a), num(b)] as const;
  let readable = true;
  const need = (...xs: Array<number | null>) => {
    if (xs.some((x) => x === null)) readable = false;
    return readable && xs.every((x) => x !== null);
  };

  const [medium, high] = pair('levels.medium', 'levels.high');
  if (need(medium, high) && (medium !== model.levels.medium || high !== model.levels.high)) edits.push({ kind: 'levels', medium: medium!, high: high! });
  for (const role of ROLES) {
    const text = draft[`minRate.${role}`] ?? '';
    const before = roleRate(model, role);
    if (text.trim() === '' && before === undefined) continue;
    const rate = num(`minRate.${role}`);
    if (need(rate) && rate !== before) edits.push({ kind: 'minRate', role, minRate: rate! });
  }
  for (const factor of model.factors) {
    const [fm, fh] = [draft[`factor.${factor.id}.medium`] ?? '', draft[`factor.${factor.id}.high`] ?? ''];
    if (!(fm.trim() === '' && fh.trim() === '' && !factor.levels)) {
      const [m, h] = pair(`factor.${factor.id}.medium`, `factor.${factor.id}.high`);
      if (need(m, h) && (m !== factor.levels?.medium || h !== factor.levels?.high)) edits.push({ kind: 'levels', factorId: factor.id, medium: m!, high: h! });
    }
    for (const ind of factor.indicators) {
      const weight = num(`weight.${ind.id}`);
      if (need(weight) && weight !== ind.weight) edits.push({ kind: 'weight', indicatorId: ind.id, weight: weight! });
      const anchors = anchorsOf(ind);
      if (anchors) {
        const [best, worst] = pair(`best.${ind.id}`, `worst.${ind.id}`);
        if (need(best, worst) && (best !== anchors.best || worst !== anchors.worst))
          edits.push({ kind: 'anchors', indicatorId: ind.id, best: best!, worst: worst! });
      }
      if (ind.kind === 'share') {
        const values = valuesOf(draft[`values.${ind.id}`] ?? '', ind.values ?? []);
        if (values.join('\n') !== (ind.values ?? []).join('\n')) edits.push({ kind: 'values', indicatorId: ind.id, values });
      }
      if (ind.risk) {
        const risk: Record<string, number> = {};
        for (const key of Object.keys(ind.risk)) {
          const r = num(`risk.${ind.id}.${key}`);
          if (need(r)) risk[key] = r!;
        }
        if (Object.entries(ind.risk).some(([key, r]) => risk[key] !== r)) edits.push({ kind: 'risk', indicatorId: ind.id, risk });
      }
    }
  }
  return readable ? edits : null;
}

/** Answer values typed with commas; one that was a number in the base stays a number. */
function valuesOf(text: string, base: Array<string | number>): Array<string | number> {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => base.find((b) => typeof b === 'number' && String(b) === v) ?? v);
}

export function DerivePanel({ waveId, pinnedModelId }: { waveId: number; pinnedModelId: string }) {
  const models = useLoad(listModels, 'models');
  const [baseId, setBaseId] = useState(pinnedModelId);
  const model = useLoad(() => getModel(baseId), `model-${baseId}`);
  return (
    <>
      <p className="muted lead">{s.intro}</p>
      <label className="inline-field">
        {s.base}{' '}
        <select value={baseId} onChange={(e) => setBaseId(e.target.value)}>
          {(models.data ?? [{ id: pinnedModelId, title: pinnedModelId }]).map((m) => (
            <option key={m.id} value={m.id}>
              {m.title} ({m.id}){m.id === pinnedModelId ? ` — ${s.pinned}` : ''}
            </option>
          ))}
        </select>
      </label>
      {model.error !== null && <ErrorMessage error={model.error} messages={methodologyStrings.errors} onRetry={model.reload} />}
      {!model.data && model.error === null && <p className="muted">{methodologyStrings.loading}</p>}
      {model.data && <DeriveEditor key={`${waveId}-${model.data.id}`} model={model.data} waveId={waveId} />}
    </>
  );
}

function DeriveEditor({ model, waveId }: { model: Model; waveId: number }) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(model));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [preview, setPreview] = useState<{ result: DerivePreview; of: string } | null>(null);
  const edits = editsOf(model, draft);
  const fields = { draft, set: (key: string, value: string) => setDraft((d) => ({ ...d, [key]: value })) };

  async function check() {
    if (!edits) return;
    setBusy(true);
    setFailure(null);
    setPreview(null);
    try {
      setPreview({ result: await previewDerivation(waveId, { baseModelId: model.id, edits }), of: JSON.stringify(edits) });
    } catch (e) {
      setFailure(failureOf(e, s.invalid));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="derive">
      <fieldset className="card">
        <legend>{s.modelSection}</legend>
        <div className="form-row">
          <Pair label={s.levels} keys={['levels.medium', 'levels.high']} names={[a.modelMedium, a.modelHigh]} {...fields} />
        </div>
        <p>{s.minRate}</p>
        <div className="form-row">
          {ROLES.map((role) => (
            <label key={role}>
              {sharedStrings.rolesShort[role]}
              <NumberField name={`minRate.${role}`} label={a.minRate(sharedStrings.rolesShort[role])} {...fields} />
            </label>
          ))}
        </div>
      </fieldset>

      {model.factors.map((factor) => (
        <details key={factor.id} className="card factor-edit" data-factor={factor.id}>
          <summary>
            <strong>{factor.id}</strong>. {factor.title}
          </summary>
          <div className="form-row">
            <Pair
              label={s.ownLevels}
              keys={[`factor.${factor.id}.medium`, `factor.${factor.id}.high`]}
              names={[a.medium(factor.id), a.high(factor.id)]}
              placeholder={s.inherits}
              {...fields}
            />
          </div>
          <div className="table-wrap">
            <table className="derive-table">
              <thead>
                <tr>
                  <th>{s.columns.indicator}</th>
                  <th>{s.columns.role}</th>
                  <th>{s.columns.weight}</th>
                  <th>{s.columns.scale}</th>
                  <th>{s.columns.answers}</th>
                </tr>
              </thead>
              <tbody>
                {factor.indicators.map((ind) => (
                  <tr key={ind.id} data-indicator={ind.id}>
                    <td>
                      <strong>{ind.id}</strong> <span className="muted">{methodologyStrings.kinds[ind.kind] ?? ind.kind}</span>
                      {ind.title && <div className="muted">{ind.title}</div>}
                    </td>
                    <td>{sharedStrings.rolesShort[ind.role]}</td>
                    <td>
                      <NumberField name={`weight.${ind.id}`} label={a.weight(ind.id)} {...fields} />
                    </td>
                    <td>
                      {anchorsOf(ind) ? (
                        <div className="anchors">
                          <NumberField name={`best.${ind.id}`} label={a.best(ind.id)} {...fields} />
                          <NumberField name={`worst.${ind.id}`} label={a.worst(ind.id)} {...fields} />
                        </div>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {ind.kind === 'share' && (
                        <input
                          aria-label={a.values(ind.id)}
                          title={s.values}
                          value={draft[`values.${ind.id}`] ?? ''}
                          onChange={(e) => fields.set(`values.${ind.id}`, e.target.value)}
                        />
                      )}
                      {ind.risk && (
                        <div className="risks">
                          {Object.keys(ind.risk).map((key) => (
                            <label key={key}>
                              {key}
                              <NumberField name={`risk.${ind.id}.${key}`} label={a.risk(ind.id, key)} {...fields} />
                            </label>
                          ))}
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}

      <div className="toolbar derive-actions">
        <span className="muted">{edits ? s.edits(edits.length) : s.unreadable}</span>
        <button type="button" className="primary" disabled={busy || !edits} onClick={() => void check()}>
          {busy ? s.checking : s.check}
        </button>
      </div>
      {failure && <FailureMessage failure={failure} />}
      {preview && (
        <section className="derive-preview">
          <h2>{s.previewTitle(preview.result.wave.title, preview.result.pinned.id)}</h2>
          {preview.of !== JSON.stringify(edits) && <p className="error">{s.stale}</p>}
          <p className="muted">{methodologyStrings.calibration.levelsIntro(preview.result.schools)}</p>
          <LevelsComparison factors={preview.result.factors} schools={preview.result.schools} showChanged />
        </section>
      )}

      <SaveVersionForm
        baseModel={model}
        waveId={waveId}
        edits={edits}
        suffix={{ id: 'v', title: 'новая версия' }}
        labels={{ title: s.saveTitle, save: s.save, nothingChanged: s.nothingChanged }}
      />
    </div>
  );
}

interface FieldProps {
  draft: Draft;
  set(key: string, value: string): void;
}

function NumberField({ name, label, placeholder, draft, set }: FieldProps & { name: string; label: string; placeholder?: string }) {
  const text = draft[name] ?? '';
  const bad = text.trim() !== '' && parse(text) === null;
  return (
    <input
      aria-label={label}
      inputMode="decimal"
      className={`number${bad ? ' invalid' : ''}`}
      placeholder={placeholder}
      value={text}
      onChange={(e) => set(name, e.target.value)}
    />
  );
}

function Pair({
  label,
  keys,
  names,
  placeholder,
  ...fields
}: FieldProps & { label: string; keys: [string, string]; names: [string, string]; placeholder?: string }) {
  return (
    <div className="pair">
      <span>{label}</span>
      <div className="anchors">
        <NumberField name={keys[0]} label={names[0]} placeholder={placeholder} {...fields} />
        <NumberField name={keys[1]} label={names[1]} placeholder={placeholder} {...fields} />
      </div>
    </div>
  );
}
