import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { time, zoneLabel } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { downloadParticipation, listWaves, type SchoolRow } from './api';
import { countFlags, matchesFilter } from './flags';
import { Headline } from './Headline';
import { MarksDialog } from './MarksDialog';
import { ReminderDialog } from './ReminderDialog';
import { SchoolTable, type TableFilter } from './SchoolTable';
import { Distribution, MunicipalitySummary, RoleSummary } from './Summaries';
import { useParticipation } from './useParticipation';
import { coordinatorStrings } from '../strings';
import './participation.css';

const s = coordinatorStrings.participation;

/** The coordinator's live view of the participation target, for the territory the account covers. */
export function ParticipationPage() {
  const [params, setParams] = useSearchParams();
  const loadedWaves = useLoad(listWaves, 'waves');
  const waves = loadedWaves.data;
  // The chosen municipality belongs to the wave it was chosen in: another wave starts with the whole territory.
  const [municipalityChoice, setMunicipalityChoice] = useState<{ waveId: number | null; id: number | null }>({ waveId: null, id: null });
  const [reminderFor, setReminderFor] = useState<SchoolRow | null>(null);
  const [marksFor, setMarksFor] = useState<SchoolRow | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [filter, setFilter] = useState<TableFilter>({ search: '', lagging: false, flag: 'any' });

  const { latestFirst, wave } = pickWaves(waves, params.get('wave'));
  const waveId = wave?.id ?? null;
  const { report, error, live, refresh } = useParticipation(waveId);

  const municipalityId = municipalityChoice.waveId === waveId ? municipalityChoice.id : null;

  const chooseMunicipality = (id: number | null) => setMunicipalityChoice({ waveId, id });
  function pickMunicipality(id: number | null) {
    chooseMunicipality(id);
    document.getElementById('pt-schools-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  async function exportAs(format: 'csv' | 'xlsx') {
    setExportError(null);
    try {
      await downloadParticipation(waveId!, format, { municipalityId, ...filter });
    } catch (e) {
      setExportError(errorText(e));
    }
  }

  if (loadedWaves.error !== null) return <ErrorMessage error={loadedWaves.error} />;
  if (!waves) return <p className="muted">{s.loading}</p>;
  if (waves.length === 0) {
    return (
      <div className="pt-page">
        <h1>{s.title}</h1>
        <p className="muted">{s.noWaves}</p>
      </div>
    );
  }

  const flagged = report && countFlags(report.schools);
  const filtering = municipalityId !== null || filter.search.trim() !== '' || filter.lagging || filter.flag !== 'any';

  return (
    <div className="pt-page">
      <header className="pt-head">
        <div>
          <h1>{s.title}</h1>
          <p className="pt-status">
            {report && (
              <span className={`badge pt-wave-${report.wave.status}`}>
                {report.wave.status === 'planned' ? s.status.planned(report.wave.daysToOpen ?? 0) : s.status[report.wave.status]}
              </span>
            )}
            <span className={`pt-live ${live ? 'on' : 'off'}`} data-testid="live">
              <span className="pt-dot" aria-hidden="true" />
              <span>
                {live ? s.live.on : s.live.off}
                {report && (
                  <span className="muted"> · {s.live.updatedAt(time(report.generatedAt, report.wave.timeZone), zoneLabel(report.wave.timeZone))}</span>
                )}
              </span>
            </span>
            {!live && (
              <button type="button" className="link" onClick={refresh}>
                {s.live.refresh}
              </button>
            )}
          </p>
        </div>
        <div className="pt-controls">
          <label className="pt-wave-select">
            <span>{s.wave}</span>
            <select value={waveId ?? ''} onChange={(e) => setParams({ wave: e.target.value })}>
              {latestFirst.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title}
                </option>
              ))}
            </select>
          </label>
          <div className="pt-export" role="group" aria-label={s.export.label}>
            <span className="muted">{s.export.label}</span>
            <button type="button" onClick={() => void exportAs('csv')}>
              {s.export.csv}
            </button>
            <button type="button" onClick={() => void exportAs('xlsx')}>
              {s.export.xlsx}
            </button>
          </div>
        </div>
      </header>
      {exportError && (
        <p className="error" role="alert">
          {exportError}
        </p>
      )}

      {error !== null && !report && <ErrorMessage error={error} />}
      {!report && error === null && <p className="muted">{s.loading}</p>}
      {report && (
        <>
          <Headline report={report} shown={filtering ? report.schools.filter((school) => matchesFilter(school, { municipalityId, ...filter })) : undefined} />
          {flagged && flagged.over + flagged.noPrincipal + flagged.marked > 0 && (
            <ul className="pt-flag-summary">
              {flagged.over > 0 && <li className="pt-flag-over">{s.flagsSummary.over(flagged.over)}</li>}
              {flagged.noPrincipal > 0 && <li className="pt-flag-principal">{s.flagsSummary.noPrincipal(flagged.noPrincipal)}</li>}
              {flagged.marked > 0 && <li className="pt-flag-marked">{s.flagsSummary.marked(flagged.marked)}</li>}
            </ul>
          )}
          <div className="pt-charts">
            <RoleSummary report={report} />
            <Distribution report={report} />
          </div>
          {report.municipalities.length > 1 && <MunicipalitySummary report={report} onPick={pickMunicipality} />}
          <SchoolTable
            report={report}
            municipalityId={municipalityId}
            onMunicipality={chooseMunicipality}
            filter={filter}
            onFilter={(change) => setFilter((was) => ({ ...was, ...change }))}
            onRemind={setReminderFor}
            onMarks={setMarksFor}
          />
          {reminderFor && <ReminderDialog report={report} school={reminderFor} onClose={() => setReminderFor(null)} />}
          {marksFor && <MarksDialog report={report} school={marksFor} mayDecide onDecided={refresh} onClose={() => setMarksFor(null)} />}
        </>
      )}
    </div>
  );
}
