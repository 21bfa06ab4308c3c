import { ErrorMessage } from '../../shared/ErrorMessage';
import { day, DEFAULT_TIME_ZONE, lastDayOf, points, signed } from '../../shared/format';
import { withheldBy } from '../../shared/release';
import { useLoad } from '../../shared/useLoad';
import { fetchDynamics, type SchoolDynamics } from '../api/dynamics';
import type { WaveView } from '../api/waves';
import { LevelBadge } from '../profile/LevelBadge';
import { schoolStrings as s } from '../strings';

const t = s.dynamics;

interface Props {
  schoolId: number;
  wave: WaveView;
  /** Waves of the region that opened before `wave`, latest first. */
  earlierWaves: WaveView[];
  compareWith: number | null;
  onCompareWith(waveId: number | null): void;
}

type Change = SchoolDynamics['factors'][number];

function Scored({ value }: { value: Change['earlier'] }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="sc-scored">
      <LevelBadge level={value.level} /> {value.score !== null && <span className="num">{points(value.score)}</span>}
    </span>
  );
}

function DeltaText({ change }: { change: Change }) {
  if (change.delta === null || change.direction === null) return <span className="muted">{t.notComparable}</span>;
  const arrow = change.direction === 'down' ? '↓' : change.direction === 'up' ? '↑' : '→';
  const delta = points(change.delta);
  return (
    <span className={`sc-delta sc-${change.direction}`}>
      <span aria-hidden="true">{arrow}</span> {signed(delta)} <span className="sc-visually-hidden">({t.direction[change.direction]})</span>
      {change.noise !== null && points(change.noise) > 0 && <span className="sc-noise"> {t.noise(points(change.noise))}</span>}
    </span>
  );
}

/** A change of level the noise could explain is named as such: it does not count (docs/methodology.md §4). */
function withinNoise(change: Change): boolean {
  return change.levelChange !== null && change.levelChange !== 0 && !change.beyondNoise;
}

function levelText(change: Change): string {
  if (!change.comparable) return t.otherModelFactor;
  if (change.levelChange === null) return t.notComparable;
  const moved = change.levelChange < 0 ? t.levelDown(-change.levelChange) : change.levelChange > 0 ? t.levelUp(change.levelChange) : t.levelSame;
  return withinNoise(change) ? `${moved} — ${t.withinNoise}` : moved;
}

function levelClass(change: Change): string {
  if (change.levelChange === null || withinNoise(change)) return 'muted';
  return change.levelChange < 0 ? 'ok' : change.levelChange > 0 ? 'error' : '';
}

function levelHint(change: Change): string | undefined {
  if (!change.comparable) return t.otherModelHint;
  if (withinNoise(change) && change.noise !== null) return t.withinNoiseHint(points(change.noise));
  return undefined;
}

/** A comparison that involves a wave still open says when it will be possible; any other error as it is. */
function DynamicsError({ error, waves, onRetry }: { error: unknown; waves: WaveView[]; onRetry(): void }) {
  const withheld = withheldBy(error);
  if (!withheld) return <ErrorMessage error={error} messages={s.errors} onRetry={onRetry} />;
  const wave = waves.find((w) => w.id === withheld.waveId);
  return (
    <p role="status" data-testid="figures-withheld">
      {s.withheld.dynamics(wave?.title ?? '', day(lastDayOf(withheld.releasesAt), wave?.timeZone ?? DEFAULT_TIME_ZONE))}
    </p>
  );
}

/** The school's profile against an earlier wave: per factor change, and whether it counts as positive change. */
export function DynamicsSection({ schoolId, wave, earlierWaves, compareWith, onCompareWith }: Props) {
  const loaded = useLoad(compareWith ? () => fetchDynamics(schoolId, compareWith, wave.id) : null, `${schoolId}:${compareWith}:${wave.id}`);
  const d = loaded.data;
  const counted = d?.factors.filter((f) => f.beyondNoise) ?? [];
  const down = counted.filter((f) => (f.levelChange ?? 0) <= -1).length;
  const up = counted.filter((f) => (f.levelChange ?? 0) >= 1).length;
  const noisy = d?.factors.filter(withinNoise).length ?? 0;
  return (
    <section className="card" aria-labelledby="dynamics-title" data-testid="dynamics">
      <h2 id="dynamics-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      {earlierWaves.length === 0 ? (
        <p>{t.noEarlier}</p>
      ) : (
        <label className="sc-inline-field no-print">
          {t.compareWith}
          <select value={compareWith ?? ''} onChange={(e) => onCompareWith(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t.choose}</option>
            {earlierWaves.map((w) => (
              <option key={w.id} value={w.id}>
                {w.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {loaded.error ? <DynamicsError error={loaded.error} waves={[wave, ...earlierWaves]} onRetry={loaded.reload} /> : null}
      {compareWith && !d && !loaded.error && <p className="muted">{s.loading}</p>}
      {d && (
        <>
          {!d.sameModel && (
            <p className="sc-model-notice" data-testid="dynamics-other-model">
              {t.otherModel(d.models.earlier.title, d.models.later.title)}
            </p>
          )}
          <div className={`sc-verdict ${d.positiveChange ? 'sc-positive' : 'sc-neutral'}`} role="status">
            <strong>{d.positiveChange ? t.positive : t.notPositive}</strong>
            <span>
              {t.summary(down, up)}
              {noisy > 0 && t.summaryNoise(noisy)}
            </span>
          </div>
          <table className="sc-stack-table">
            <thead>
              <tr>
                <th>{t.factor}</th>
                <th>
                  {t.earlier}: {d.earlier.title}
                </th>
                <th>
                  {t.later}: {d.later.title}
                </th>
                <th>{t.delta}</th>
                <th>{t.levelColumn}</th>
              </tr>
            </thead>
            <tbody>
              {d.factors.map((f) => (
                <tr key={f.id} className={f.priority ? 'sc-priority-row' : undefined}>
                  <td data-label={t.factor}>
                    {f.priority && (
                      <span className="sc-priority-mark" title={t.priorityMark}>
                        ★{' '}
                      </span>
                    )}
                    <span className="sc-factor-id">{f.id}.</span> {f.title}
                  </td>
                  <td data-label={t.earlier} className="sc-inline-cell">
                    <Scored value={f.earlier} />
                  </td>
                  <td data-label={t.later} className="sc-inline-cell">
                    <Scored value={f.later} />
                  </td>
                  <td data-label={t.delta} className="sc-inline-cell">
                    <DeltaText change={f} />
                  </td>
                  <td data-label={t.levelColumn} className={levelClass(f)} title={levelHint(f)}>
                    {levelText(f)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.priorities.earlier.length > 0 && <p className="muted sc-small">{t.priorityHint(d.earlier.title)}</p>}
        </>
      )}
    </section>
  );
}
