import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiFailure } from '../../shared/api';
import { errorText } from '../../shared/errors';
import { saveProgramme, submitProgramme, type Programme } from './api';
import { contentOf, differs, draftOf, newMeasure, type ProgrammeDraft } from './draft';
import { MeasureFields } from './MeasureFields';
import type { TargetGroup } from './targets';
import { TasksField } from './TasksField';
import { programmeStrings as s } from './strings';

const t = s.editor;
/** The server takes at most this many. */
const MAX_MEASURES = 50;

interface Props {
  programme: Programme;
  targets: TargetGroup[];
  onChange(programme: Programme, notice?: string): void;
}

/** Why a submission was refused: the parts the programme still lacks, or the error in words. */
function refusal(error: unknown): string {
  if (error instanceof ApiFailure && error.code === 'programme_incomplete') {
    const missing = (error.details as { missing?: string[] } | undefined)?.missing ?? [];
    return s.incomplete(missing.map((part) => s.missing[part] ?? part));
  }
  return errorText(error, s.errors);
}

/** The team writes the programme while it is a draft or was returned: goal, tasks, measures; saved, then sent for review. */
export function ProgrammeEditor({ programme, targets, onChange }: Props) {
  const [draft, setDraft] = useState<ProgrammeDraft>(() => draftOf(programme));
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const dirty = useMemo(() => differs(draft, programme), [draft, programme]);

  async function save(): Promise<Programme> {
    const saved = await saveProgramme(programme.id, contentOf(draft, programme.version));
    setDraft(draftOf(saved));
    onChange(saved);
    return saved;
  }

  async function run(kind: 'save' | 'submit', action: () => Promise<string>) {
    setBusy(kind);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await action() });
    } catch (e) {
      setMessage({ ok: false, text: refusal(e) });
    } finally {
      setBusy(null);
    }
  }

  function onSave(e: FormEvent) {
    e.preventDefault();
    void run('save', async () => {
      await save();
      return t.saved;
    });
  }

  function onSubmit() {
    if (!form.current?.reportValidity()) return;
    void run('submit', async () => {
      const saved = dirty ? await save() : programme;
      onChange(await submitProgramme(saved.id), t.submitted);
      return t.submitted;
    });
  }

  const setMeasure = (key: number, measure: ProgrammeDraft['measures'][number]) =>
    setDraft({ ...draft, measures: draft.measures.map((m) => (m.key === key ? measure : m)) });

  return (
    <form ref={form} className="card pg-editor" aria-labelledby="editor-title" onSubmit={onSave}>
      <h2 id="editor-title">{t.title}</h2>
      <label className="pg-field">
        {t.goal}
        <textarea rows={3} maxLength={2000} aria-describedby="goal-hint" value={draft.goal} onChange={(e) => setDraft({ ...draft, goal: e.target.value })} />
        <small id="goal-hint" className="muted">
          {t.goalHint}
        </small>
      </label>
      <TasksField tasks={draft.tasks} onChange={(tasks) => setDraft({ ...draft, tasks })} />
      <fieldset className="pg-measures-editor">
        <legend>{t.measures}</legend>
        {draft.measures.map((m, i) => (
          <MeasureFields
            key={m.key}
            number={i + 1}
            measure={m}
            targets={targets}
            onChange={(measure) => setMeasure(m.key, measure)}
            onRemove={() => setDraft({ ...draft, measures: draft.measures.filter((x) => x.key !== m.key) })}
          />
        ))}
        {draft.measures.length < MAX_MEASURES && (
          <button type="button" onClick={() => setDraft({ ...draft, measures: [...draft.measures, newMeasure(programme.factor.id)] })}>
            {t.addMeasure}
          </button>
        )}
      </fieldset>
      <div className="toolbar pg-editor-actions">
        <button type="submit" disabled={busy !== null || !dirty}>
          {busy === 'save' ? t.saving : t.save}
        </button>
        {programme.actions.submit && (
          <button type="button" className="primary" disabled={busy !== null} onClick={onSubmit}>
            {busy === 'submit' ? t.submitting : t.submit}
          </button>
        )}
        {dirty && <span className="muted sc-small">{t.unsaved}</span>}
      </div>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
