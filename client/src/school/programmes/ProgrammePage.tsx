import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { DEFAULT_TIME_ZONE } from '../../shared/format';
import { useUser } from '../../shared/session';
import { useLoad } from '../../shared/useLoad';
import { fetchWaves } from '../api/waves';
import { fetchProgramme, type Programme } from './api';
import { HistoryList } from './HistoryList';
import { MeasuresProgress } from './MeasuresProgress';
import { ProgrammeDocument } from './ProgrammeDocument';
import { ProgrammeEditor } from './ProgrammeEditor';
import { ProgrammeHead } from './ProgrammeHead';
import { RemarksSection } from './RemarksSection';
import { ReviewPanel } from './ReviewPanel';
import { programmeStrings as s } from './strings';
import '../school.css';
import './programmes.css';

/** `/school/programmes/:programmeId`: one programme for its team and for its reviewers alike; its actions decide what shows. */
export function ProgrammePage() {
  const id = Number(useParams().programmeId);
  const loaded = useLoad(() => fetchProgramme(id), String(id));
  const waves = useLoad(() => fetchWaves(), 'waves');
  if (loaded.error) return <ErrorMessage error={loaded.error} messages={s.errors} onRetry={loaded.reload} />;
  if (!loaded.data) return <p className="muted">{s.loading}</p>;
  // Times are written in the region's zone; the wave list carries it.
  const timeZone = waves.data?.find((w) => w.id === loaded.data?.waveId)?.timeZone ?? DEFAULT_TIME_ZONE;
  return <ProgrammeScreen key={id} initial={loaded.data} timeZone={timeZone} />;
}

function ProgrammeScreen({ initial, timeZone }: { initial: Programme; timeZone: string }) {
  const user = useUser();
  const [programme, setProgramme] = useState(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const { actions } = programme;
  const backTo = `${user.role === 'school' ? '/school' : `/school/${programme.school.id}`}?wave=${programme.waveId}`;

  const change = (next: Programme, message?: string) => {
    setProgramme(next);
    setNotice(message ?? null);
  };

  return (
    <article className="pg-page" data-testid="programme">
      <ProgrammeHead programme={programme} backTo={backTo} />
      {notice && (
        <p className="ok no-print" role="status">
          {notice}
        </p>
      )}
      {actions.review && <ReviewPanel programme={programme} onChange={change} />}
      <RemarksSection programme={programme} timeZone={timeZone} onChange={change} />
      {actions.edit ? (
        <ProgrammeEditor programme={programme} targets={programme.targets} onChange={change} />
      ) : (
        <p className="muted no-print">
          {!actions.updateMeasures ? s.page.readOnly : programme.state === 'approved' ? s.page.lockedApproved : s.page.lockedSubmitted}
        </p>
      )}
      <ProgrammeDocument programme={programme} printOnly={actions.edit} />
      <MeasuresProgress programme={programme} timeZone={timeZone} onChange={change} />
      <HistoryList programme={programme} timeZone={timeZone} />
    </article>
  );
}
