import { RUSSIAN_ZONES } from '../../../../server/shared/rules/russian-zones';
import { zoneLabel } from '../../shared/format';

/** Every zone a region can be given, with the name people know it by: «Томск, GMT+7». */
export const timeZoneOptions = (current?: string) =>
  [...new Set([...Object.keys(RUSSIAN_ZONES), ...(current ? [current] : [])])].map((zone) => ({ zone, label: zoneLabel(zone) }));
