import { memo } from 'react';
import { sharedStrings } from '../shared/strings';
import type { PrintView } from './api';
import type { PaperQuestion } from './sheet-questions';
import { paperStrings as s } from './strings';

interface PrintedSheetProps {
  view: PrintView;
  questions: readonly PaperQuestion[];
  sheet: PrintView['sheets'][number];
}

/** One questionnaire on A4: who it is for, its sheet id as text and QR code, and the questions with numbered boxes. */
export const PrintedSheet = memo(function PrintedSheet({ view, questions, sheet }: PrintedSheetProps) {
  return (
    <article className="paper-sheet" aria-label={`${s.sheet.sheetId} ${sheet.printed}`} data-sheet={sheet.id}>
      <header className="paper-sheet-head">
        <div>
          <p className="paper-sheet-role">{sharedStrings.roles[view.role]}</p>
          <h2>{view.school.name}</h2>
          <p>{view.wave.title}</p>
          <p className="paper-sheet-how">{s.sheet.how}</p>
        </div>
        <figure className="paper-sheet-id">
          <img src={sheet.qr} alt={sheet.printed} width={96} height={96} />
          <figcaption>
            {s.sheet.sheetId} <strong>{sheet.printed}</strong>
          </figcaption>
        </figure>
      </header>
      <ol className="paper-questions">
        {questions.map((q) => (
          <li key={q.name}>
            <p className="paper-question-title">
              {q.title}
              {q.kind === 'multi' && <span className="paper-note"> ({s.sheet.several})</span>}
            </p>
            {q.kind === 'number' ? (
              <p className="paper-number">
                <span className="paper-box-wide" aria-hidden="true" /> <span className="paper-note">{s.sheet.range(q.min, q.max)}</span>
              </p>
            ) : (
              <ul className="paper-choices">
                {q.choices.map((c) => (
                  <li key={String(c.value)}>
                    <span className="paper-box" aria-hidden="true" />
                    <span className="paper-choice-number">{c.number}</span> {c.text}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <p className="paper-note">{s.sheet.staff}</p>
    </article>
  );
});
