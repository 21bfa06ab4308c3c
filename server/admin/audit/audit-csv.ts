import { csvFile } from '../../exports/csv.js';
import { localTime } from '../../exports/local-time.js';
import { auditActionLabel, auditActorLabel, auditDetailLines, auditEntityLabel } from '../../shared/rules/audit-wording.js';
import type { AuditEntry } from './audit.schemas.js';

/** The filtered log as a spreadsheet: the same words the screen shows, one entry a row. */
export function auditCsv(entries: AuditEntry[], zone: string, generatedAt: Date, filterLines: Array<[string, string]>): Buffer {
  return csvFile({
    heading: [['Журнал аудита', ''], ['Сформирован', localTime(generatedAt, zone)], ...filterLines],
    columns: [
      { header: '№ записи', width: 10 },
      { header: 'Когда', width: 28 },
      { header: 'Кто', width: 30 },
      { header: 'Действие', width: 40 },
      { header: 'Объект', width: 24 },
      { header: '№ объекта', width: 12 },
      { header: 'Подробности', width: 60 },
      { header: 'Код действия', width: 20 },
    ],
    rows: entries.map((e) => [
      e.id,
      localTime(new Date(e.at), zone),
      auditActorLabel(e),
      auditActionLabel(e.action),
      auditEntityLabel(e.entity),
      e.entityId,
      auditDetailLines(e.details).join('; '),
      e.action,
    ]),
  });
}
