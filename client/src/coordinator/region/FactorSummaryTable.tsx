import type { RegionPicture } from './api';
import { regionStrings as s } from './strings';

const t = s.factors;
const LEVELS = ['high', 'medium', 'low', 'insufficient'] as const;

/** Per factor, how many schools stand at each level and how many chose it as a priority. */
export function FactorSummaryTable({ picture }: { picture: RegionPicture }) {
  const total = Math.max(1, picture.schools.length);
  return (
    <section className="card rp-card" aria-labelledby="rp-factors-title">
      <h2 id="rp-factors-title">{t.title}</h2>
      <div className="rp-scroll" role="region" tabIndex={0} aria-label={t.title}>
        <table className="rp-factors">
          <thead>
            <tr>
              <th scope="col">{t.factor}</th>
              <th scope="col" className="rp-bar-col" aria-hidden="true" />
              {LEVELS.map((level) => (
                <th key={level} scope="col" className="num">
                  {t[level]}
                </th>
              ))}
              <th scope="col" className="num">
                {t.prioritised}
              </th>
            </tr>
          </thead>
          <tbody>
            {picture.factors.map((f) => (
              <tr key={f.id}>
                <td>
                  <span className="muted">{f.id}.</span> {f.title}
                </td>
                <td className="rp-bar-col" aria-hidden="true">
                  <span className="rp-stack">
                    {LEVELS.map((level) => (
                      <span key={level} className={`rp-${level}`} style={{ width: `${(f[level] / total) * 100}%` }} />
                    ))}
                  </span>
                </td>
                {LEVELS.map((level) => (
                  <td key={level} className="num">
                    {f[level]}
                  </td>
                ))}
                <td className="num">{f.prioritised}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
