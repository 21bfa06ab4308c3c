import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiFailure } from '../shared/api';
import { ErrorMessage } from '../shared/ErrorMessage';
import { sharedStrings } from '../shared/strings';
import { correctSheet, enterSheet, openSheet, type EntryResult, type SheetView } from './api';
import { paperQuestions, readTyped, shownAnswer, type PaperQuestion, type Typed } from './sheet-questions';
import { paperStrings as s } from './strings';

type Differences = EntryResult['differences'];

function problemText(question: PaperQuestion, read: Typed): string | null {
  if (!('problem' in read)) return null;
  const { problem } = read;
  if (problem === 'no_choice') return question.kind === 'number' ? s.problems.not_number : s.problems.no_choice(question.choices);
  if (problem === 'out_of_range') return question.kind === 'number' ? s.problems.out_of_range(question.min, question.max) : s.problems.not_number;
  return s.problems[problem];
}

/** Server refusals name the questions at fault (`details[].question`): the screen marks them where they are typed. */
function questionsAtFault(error: unknown): string[] {
  if (!(error instanceof ApiFailure) || !Array.isArray(error.details)) return [];
  return (error.details as Array<{ question?: unknown }>).flatMap((d) => (typeof d.question === 'string' ? [d.question] : []));
}

/**
 * Typing in paper questionnaires, made for speed: keyboard only. The sheet id, Enter; per question the printed
 * number of the ticked box, Enter; Enter after the last question saves, and the cursor is back in the sheet id for
 * the next sheet. A sheet entered a second time is compared with its first entry, and the operator settles each
 * difference against the paper.
 */
export function EntryPage() {
  const sheetField = useRef<HTMLInputElement>(null);
  const fields = useRef(new Map<string, HTMLInputElement>());
  const [sheetId, setSheetId] = useState('');
  const [sheet, setSheet] = useState<SheetView | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [faults, setFaults] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [differences, setDifferences] = useState<Differences | null>(null);
  const [chosen, setChosen] = useState<Record<string, 'first' | 'second'>>({});
  const [busy, setBusy] = useState(false);
  const questions = useMemo(() => (sheet ? paperQuestions(sheet.survey) : []), [sheet]);
  const reads = useMemo(() => new Map(questions.map((q) => [q.name, readTyped(q, typed[q.name] ?? '')])), [questions, typed]);
  const byName = useMemo(() => new Map(questions.map((q) => [q.name, q])), [questions]);
  // A sheet just opened: the cursor goes to its first question, where the operator's digits are awaited.
  useEffect(() => {
    if (questions[0]) fields.current.get(questions[0].name)?.focus();
  }, [questions]);

  const answers = () => {
    const result: Record<string, unknown> = {};
    for (const [name, read] of reads) if ('value' in read && read.value !== null) result[name] = read.value;
    return result;
  };
  const answeredScored = sheet ? sheet.counting.questions.filter((name) => answers()[name] !== undefined).length : 0;

  function nextSheet(message: string) {
    setSheet(null);
    setTyped({});
    setDifferences(null);
    setChosen({});
    setSheetId('');
    setNotice(message);
    setTimeout(() => sheetField.current?.focus());
  }

  async function open(event: FormEvent) {
    event.preventDefault();
    if (!sheetId.trim()) return;
    setError(null);
    setNotice(null);
    setFaults([]);
    try {
      const opened = await openSheet(sheetId.trim());
      setSheet(opened);
      setTyped({});
      setDifferences(null);
    } catch (e) {
      setError(e);
      sheetField.current?.select();
    }
  }

  async function save() {
    if (!sheet || busy) return;
    const wrong = questions.find((q) => 'problem' in reads.get(q.name)!);
    if (wrong) {
      fields.current.get(wrong.name)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setFaults([]);
    try {
      const result = await enterSheet(sheet.id, answers());
      if (result.status === 'stored') nextSheet(s.entry.saved(sheet.printed));
      else if (result.differences.length === 0) nextSheet(s.entry.same(sheet.printed));
      else {
        setDifferences(result.differences);
        setChosen(Object.fromEntries(result.differences.map((d) => [d.question, 'first'])));
      }
    } catch (e) {
      setError(e);
      const atFault = questionsAtFault(e);
      setFaults(atFault);
      if (atFault[0]) fields.current.get(atFault[0])?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function settle(event: FormEvent) {
    event.preventDefault();
    if (!sheet || !differences) return;
    const corrections = Object.fromEntries(differences.filter((d) => chosen[d.question] === 'second').map((d) => [d.question, d.second]));
    setBusy(true);
    try {
      const { corrected } = Object.keys(corrections).length > 0 ? await correctSheet(sheet.id, corrections) : { corrected: 0 };
      nextSheet(s.entry.kept(sheet.printed, corrected));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function onQuestionKey(event: KeyboardEvent<HTMLInputElement>, index: number) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const question = questions[index]!;
    if (event.ctrlKey || index === questions.length - 1) return void save();
    if ('problem' in reads.get(question.name)!) return;
    fields.current.get(questions[index + 1]!.name)?.focus();
  }

  return (
    <div className="paper-entry">
      <h1>{s.entry.title}</h1>
      <p className="muted">{s.entry.intro}</p>
      <form className="paper-sheet-form" onSubmit={(e) => void open(e)}>
        <label htmlFor="paper-sheet-id">{s.entry.sheetId}</label>
        <input
          id="paper-sheet-id"
          ref={sheetField}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={sheetId}
          onChange={(e) => setSheetId(e.target.value)}
          placeholder="XXXX-XXXX"
        />
        <button type="submit">{s.entry.open}</button>
      </form>
      {notice && (
        <p className="paper-notice" role="status">
          {notice}
        </p>
      )}
      {error ? <ErrorMessage error={error} messages={s.errors} /> : null}
      {sheet && !differences && (
        <form
          className="card paper-form"
          aria-label={`${s.entry.sheetId} ${sheet.printed}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2>
            {sheet.printed} · {s.entry.sheetOf(sharedStrings.roles[sheet.role], sheet.school.name, sheet.wave.title)}
          </h2>
          {sheet.entered && <p className="paper-notice">{s.entry.secondEntry}</p>}
          {!sheet.wave.open && <p className="error">{s.entry.closed}</p>}
          <ol className="paper-entry-questions">
            {questions.map((q, i) => {
              const read = reads.get(q.name)!;
              const problem = problemText(q, read) ?? (faults.includes(q.name) ? s.errors.invalid_answers : null);
              const shown = 'value' in read ? (shownAnswer(q, read.value) ?? s.entry.skipped) : null;
              return (
                <li key={q.name} className={problem ? 'paper-entry-wrong' : undefined}>
                  <label htmlFor={`paper-q-${q.name}`}>
                    {i + 1}. {q.title}
                  </label>
                  <span className="paper-entry-input">
                    <input
                      id={`paper-q-${q.name}`}
                      ref={(el) => {
                        if (el) fields.current.set(q.name, el);
                        else fields.current.delete(q.name);
                      }}
                      inputMode={q.kind === 'number' && !q.integer ? 'decimal' : 'numeric'}
                      autoComplete="off"
                      size={6}
                      value={typed[q.name] ?? ''}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={`paper-q-${q.name}-read`}
                      onChange={(e) => setTyped({ ...typed, [q.name]: e.target.value })}
                      onKeyDown={(e) => onQuestionKey(e, i)}
                    />
                    <span className="muted paper-entry-hint">
                      {q.kind === 'number' ? s.entry.numberHint(q.min, q.max) : s.entry.choiceHint(q.choices.length)}
                    </span>
                  </span>
                  <span id={`paper-q-${q.name}-read`} className={problem ? 'error paper-entry-read' : 'paper-entry-read'}>
                    {problem ?? shown}
                  </span>
                </li>
              );
            })}
          </ol>
          <p className={answeredScored < sheet.counting.minAnswered ? 'error' : 'muted'}>
            {answeredScored < sheet.counting.minAnswered
              ? s.entry.fewer(sheet.counting.minAnswered - answeredScored)
              : s.entry.answered(answeredScored, sheet.counting.questions.length)}
          </p>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? s.entry.saving : s.entry.save}
          </button>
        </form>
      )}
      {sheet && differences && (
        <form className="card paper-differences" onSubmit={(e) => void settle(e)}>
          <h2>{sheet.printed}</h2>
          <p role="status">{s.entry.differ(differences.length)}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{s.entry.question}</th>
                <th scope="col">{s.entry.first}</th>
                <th scope="col">{s.entry.second}</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d, i) => {
                const q = byName.get(d.question);
                const pick = (which: 'first' | 'second') => (
                  <label>
                    <input
                      type="radio"
                      name={`pick-${d.question}`}
                      checked={chosen[d.question] === which}
                      autoFocus={i === 0 && which === 'first'}
                      onChange={() => setChosen({ ...chosen, [d.question]: which })}
                    />{' '}
                    {shownAnswer(q, d[which]) ?? s.entry.notAnswered}
                  </label>
                );
                return (
                  <tr key={d.question}>
                    <th scope="row">{q ? `${questions.indexOf(q) + 1}. ${q.title}` : d.question}</th>
                    <td>{pick('first')}</td>
                    <td>{pick('second')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit" className="primary" disabled={busy}>
            {s.entry.keep}
          </button>
        </form>
      )}
    </div>
  );
}
