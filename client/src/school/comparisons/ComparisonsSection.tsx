import { ErrorMessage } from '../../shared/ErrorMessage';
import { useLoad } from '../../shared/useLoad';
import { fetchComparisons } from '../api/comparisons';
import { schoolStrings as s } from '../strings';
import { ComparisonsTable } from './ComparisonsTable';
import { comparisonStrings as t } from './strings';

/** The school's factors beside its region's and its similar schools' (docs/methodology.md §13). */
export function ComparisonsSection({ waveId, schoolId }: { waveId: number; schoolId: number }) {
  const comparisons = useLoad(() => fetchComparisons(waveId, schoolId), `${waveId}:${schoolId}`);
  return (
    <section className="card" aria-labelledby="comparisons-title">
      <h2 id="comparisons-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      {comparisons.error ? (
        <ErrorMessage error={comparisons.error} messages={s.errors} onRetry={comparisons.reload} />
      ) : !comparisons.data ? (
        <p className="muted">{t.loading}</p>
      ) : (
        <ComparisonsTable data={comparisons.data} />
      )}
    </section>
  );
}
