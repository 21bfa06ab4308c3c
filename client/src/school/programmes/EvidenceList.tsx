import { dateTime } from '../../shared/format';
import { evidenceUrl, type Measure } from './api';
import { programmeStrings as s } from './strings';

const t = s.progress;

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? t.kilobytes(Math.max(1, Math.round(bytes / 1024))) : t.megabytes(Math.round(bytes / 104857.6) / 10));

interface Props {
  programmeId: number;
  measure: Measure;
  timeZone: string;
}

/** A measure's files, each a download (the server never shows one in the browser). */
export function EvidenceList({ programmeId, measure, timeZone }: Props) {
  if (measure.evidence.length === 0) return <p className="muted sc-small">{t.noEvidence}</p>;
  return (
    <ul className="pg-evidence">
      {measure.evidence.map((e) => (
        <li key={e.id}>
          <a href={evidenceUrl(programmeId, measure.id, e.id)} download>
            {e.filename}
          </a>{' '}
          <span className="muted sc-small">{t.fileMeta(sizeText(e.size), dateTime(e.uploadedAt, timeZone), e.uploadedBy)}</span>
        </li>
      ))}
    </ul>
  );
}
