import { day, lastDayOf } from '../../shared/format';
import { schoolStrings as s } from '../strings';

/** In place of the figures of a wave still open: when they will appear, and why not before. */
export function Withheld({ releasesAt, timeZone }: { releasesAt: string; timeZone: string }) {
  return (
    <section className="card" role="status" data-testid="figures-withheld">
      <h2>{s.profile.title}</h2>
      <p>
        <strong>{s.withheld.profile(day(lastDayOf(releasesAt), timeZone))}</strong>
      </p>
      <p className="muted">{s.withheld.why}</p>
    </section>
  );
}
