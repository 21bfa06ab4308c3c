import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useLoad } from '../../shared/useLoad';
import { fetchExplanation } from '../api/explanation';
import { schoolStrings as s } from '../strings';
import { ExplanationView } from './ExplanationView';

interface Props {
  waveId: number;
  schoolId: number;
  factorId: string;
  priority: boolean;
  onClose(): void;
}

/** The explanation of the factor a person picked, brought into view where they can read it. */
export function ExplanationPanel({ waveId, schoolId, factorId, priority, onClose }: Props) {
  const loaded = useLoad(() => fetchExplanation(waveId, schoolId, factorId), `${waveId}:${schoolId}:${factorId}`);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [factorId]);
  return (
    <section className="card sc-explanation-panel" ref={panel} aria-labelledby="explanation-title" aria-busy={loaded.loading}>
      <div className="sc-panel-head">
        <h2 id="explanation-title">{s.explanation.title}</h2>
        <button type="button" className="no-print" onClick={onClose}>
          {s.explanation.close}
        </button>
      </div>
      {loaded.error ? (
        <ErrorMessage error={loaded.error} messages={s.errors} onRetry={loaded.reload} />
      ) : loaded.data ? (
        <ExplanationView explanation={loaded.data} priority={priority} />
      ) : (
        <p className="muted">{s.explanation.loading}</p>
      )}
    </section>
  );
}
