import { useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useUser } from '../../shared/session';
import { useLoad } from '../../shared/useLoad';
import { listAssignableSchools, listCurators, type CuratorView } from './api';
import { SchoolsEditor } from './SchoolsEditor';
import { curatorStrings as s } from './strings';
import './curators.css';

const nameOf = (curator: CuratorView) => curator.name || curator.email;

/**
 * The region's curators and the schools each one follows. The region's coordinators and the administrator assign the
 * schools (the API's rule); a municipal coordinator reads who curates the municipality's schools.
 */
export function CuratorsPage() {
  const user = useUser();
  const mayAssign = user.role === 'admin' || user.role === 'region';
  const curators = useLoad(listCurators, 'curators');
  const schools = useLoad(mayAssign ? listAssignableSchools : null, 'schools');
  const [editing, setEditing] = useState<number | null>(null);
  const [updated, setUpdated] = useState<Record<number, CuratorView>>({});
  const [savedId, setSavedId] = useState<number | null>(null);

  // A municipality's list holds only the schools within it: a curator left with none curates nothing there.
  const shown = (curators.data ?? []).map((curator) => updated[curator.id] ?? curator).filter((curator) => mayAssign || curator.schools.length > 0);
  const othersOf = (curator: CuratorView) => (schoolId: number) =>
    shown.filter((other) => other.id !== curator.id && other.schools.some((school) => school.id === schoolId)).map(nameOf);

  return (
    <section className="cu-page">
      <h1>{s.title}</h1>
      <p className="muted cu-lead">
        {s.intro} {mayAssign ? s.introAssign : s.introReadOnly}
      </p>
      {curators.error !== null && <ErrorMessage error={curators.error} messages={s.errors} onRetry={curators.reload} />}
      {curators.loading && <p className="muted">{s.loading}</p>}
      {curators.data && shown.length === 0 && <p className="card">{mayAssign ? s.none : s.noneHere}</p>}
      <ul className="cu-list">
        {shown.map((curator) => (
          <li key={curator.id} className={`card cu-card${editing === curator.id ? ' cu-editing' : ''}`} data-testid="curator">
            <h2>{nameOf(curator)}</h2>
            <p className="muted cu-email">{curator.email}</p>
            {editing === curator.id ? (
              schools.data ? (
                <SchoolsEditor
                  curator={curator}
                  schools={schools.data.filter((school) => school.regionId === curator.regionId)}
                  othersOf={othersOf(curator)}
                  onSaved={(saved) => {
                    setUpdated({ ...updated, [saved.id]: saved });
                    setSavedId(saved.id);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : schools.error !== null ? (
                <ErrorMessage error={schools.error} messages={s.errors} onRetry={schools.reload} />
              ) : (
                <p className="muted">{s.loadingSchools}</p>
              )
            ) : (
              <>
                <p className="cu-count">{s.count(curator.schools.length)}</p>
                {curator.schools.length > 0 && (
                  <ul className="cu-schools">
                    {curator.schools.map((school) => (
                      <li key={school.id}>
                        <span className="cu-code">{school.code}</span> {school.name}
                      </li>
                    ))}
                  </ul>
                )}
                {savedId === curator.id && (
                  <p className="ok" role="status">
                    {s.saved}
                  </p>
                )}
                {mayAssign && (
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(curator.id);
                      setSavedId(null);
                    }}
                  >
                    {s.edit}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
