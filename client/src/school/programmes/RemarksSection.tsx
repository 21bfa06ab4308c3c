import { dateTime } from '../../shared/format';
import { AnswerForm } from './AnswerForm';
import type { Programme, Remark } from './api';
import { RemarkForm } from './RemarkForm';
import { programmeStrings as s } from './strings';

const t = s.remarks;

interface Props {
  programme: Programme;
  timeZone: string;
  onChange(programme: Programme): void;
}

/** What a remark is about: the whole programme, or a measure by its number in the plan. */
function aboutText(programme: Programme, remark: Remark): string {
  if (remark.measureId === null) return t.aboutProgramme;
  const index = programme.measures.findIndex((m) => m.id === remark.measureId);
  return index < 0 ? t.aboutRemovedMeasure : t.aboutMeasure(index + 1, programme.measures[index].action);
}

/** The reviewer's remarks and the team's answers, one thread each. */
export function RemarksSection({ programme, timeZone, onChange }: Props) {
  const { remarks, actions } = programme;
  if (remarks.length === 0 && !actions.remark) return null;
  return (
    <section className="card pg-remarks no-print" aria-labelledby="remarks-title" data-testid="remarks">
      <h2 id="remarks-title">{t.title}</h2>
      {remarks.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul className="pg-remark-list">
          {remarks.map((r) => (
            <li key={r.id} className={r.answer === null ? 'pg-remark pg-remark-open' : 'pg-remark'}>
              <p className="muted sc-small">
                {aboutText(programme, r)} · {t.by(r.author, dateTime(r.createdAt, timeZone))}
              </p>
              <p className="pg-text">{r.body}</p>
              {r.answer !== null ? (
                <div className="pg-answer-given">
                  <p className="muted sc-small">
                    {t.answer} · {t.answerBy(r.answeredBy ?? '', r.answeredAt ? dateTime(r.answeredAt, timeZone) : '')}
                  </p>
                  <p className="pg-text">{r.answer}</p>
                </div>
              ) : actions.answerRemarks ? (
                <AnswerForm programmeId={programme.id} remarkId={r.id} onChange={onChange} />
              ) : (
                <p className="sc-small pg-awaiting">{t.awaiting}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {actions.remark && <RemarkForm programme={programme} onChange={onChange} />}
    </section>
  );
}
