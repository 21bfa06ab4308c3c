import { useMemo, useRef, useState } from 'react';
import { ModalDialog } from '../../shared/ModalDialog';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { day, lastDayOf, percent } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { getSchoolLinks, qrPngUrl, ROLES, type ParticipationReport, type SchoolLinks, type SchoolRow } from './api';
import { coordinatorStrings } from '../strings';

const s = coordinatorStrings.participation.reminder;
const roleNames = sharedStrings.roles;

/** The reminder text: what the school still lacks, until when, and the link of each lagging role. */
function reminderText(report: ParticipationReport, school: SchoolRow, links: SchoolLinks): string {
  const lagging = ROLES.filter((role) => school.roles[role].needed > 0);
  const linkOf = new Map(links.roles.map((r) => [r.role, r]));
  return s.text({
    school: school.name,
    wave: report.wave.title,
    target: percent(report.wave.target),
    closes: day(lastDayOf(report.wave.closesAt), report.wave.timeZone),
    missing: lagging.map((role) => s.missingRole(roleNames[role], school.roles[role].needed)).join(', '),
    links: lagging
      .map((role) => {
        const link = linkOf.get(role);
        return s.linkLine(roleNames[role], link?.url ?? (link?.mode === 'codes' ? s.codesMode : s.noLink));
      })
      .join('\n'),
  });
}

/** The Clipboard API needs a secure context; on a plain-HTTP intranet address the selected text is copied instead. */
async function copy(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: fall back to the selection.
    }
  }
  area?.select();
  return document.execCommand('copy');
}

interface ReminderDialogProps {
  report: ParticipationReport;
  school: SchoolRow;
  onClose(): void;
}

/** One click from a lagging school to a message ready to send: text, links and QR codes of the roles it lacks. */
export function ReminderDialog({ report, school, onClose }: ReminderDialogProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const loaded = useLoad(() => getSchoolLinks(report.wave.id, school.id), `${report.wave.id}:${school.id}`);
  const links = loaded.data;
  const [copied, setCopied] = useState(false);

  const text = useMemo(() => (links ? reminderText(report, school, links) : ''), [links, report, school]);
  const codes = links?.roles.filter((r) => school.roles[r.role].needed > 0 && r.qr && r.url) ?? [];

  async function onCopy() {
    if (await copy(text, area.current)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    }
  }

  return (
    <ModalDialog titleId="pt-reminder-title" title={s.title(school.name)} closeLabel={s.close} onClose={onClose}>
      <p className="muted">{s.intro}</p>
      {loaded.error !== null && <ErrorMessage error={loaded.error} />}
      {!links && loaded.error === null && <p className="muted">{s.loading}</p>}
      {links && (
        <>
          <textarea
            ref={area}
            className="pt-reminder-text"
            aria-labelledby="pt-reminder-title"
            readOnly
            value={text}
            rows={Math.min(16, text.split('\n').length + 2)}
          />
          <div className="toolbar">
            <button type="button" className="primary" onClick={() => void onCopy()} aria-live="polite">
              {copied ? s.copied : s.copy}
            </button>
          </div>
          {codes.length > 0 && (
            <div className="pt-qr-grid">
              {codes.map((r) => (
                <figure key={r.role} className="pt-qr">
                  <img src={r.qr!} alt={s.qrFor(roleNames[r.role])} width={148} height={148} />
                  <figcaption>
                    <strong>{roleNames[r.role]}</strong>
                    <a href={r.qr!} download={`qr-${school.code}-${r.role}.svg`} aria-label={s.downloadQrAs(roleNames[r.role], 'SVG')}>
                      {s.downloadQr} SVG
                    </a>
                    <a href={qrPngUrl(report.wave.id, school.id, r.role)} download aria-label={s.downloadQrAs(roleNames[r.role], 'PNG')}>
                      {s.downloadQr} PNG
                    </a>
                  </figcaption>
                </figure>
              ))}
            </div>
          )}
        </>
      )}
    </ModalDialog>
  );
}
