import { number } from '../../shared/format';
import type { Explanation } from '../api/explanation';
import { schoolStrings as s } from '../strings';

type Answer = Explanation['principal']['questions'][number]['answers'][number];

/** The principal's answer(s) to one question; a shared link may have let the principal answer twice. */
export function PrincipalAnswerText({ answers }: { answers: Answer[] }) {
  if (answers.length === 0) return <span className="muted">{s.explanation.noAnswer}</span>;
  return <strong>{answers.map((a) => (a.number !== null ? number(a.number) : (a.text ?? s.explanation.noAnswer))).join(' / ')}</strong>;
}
