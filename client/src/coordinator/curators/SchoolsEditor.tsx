import { useState, type FormEvent } from 'react';
import { errorText } from '../../shared/errors';
import { matchesSearch } from '../../shared/picker/search-text';
import { saveCuratorSchools, type AssignableSchool, type CuratorView } from './api';
import { curatorStrings as s } from './strings';

interface Props {
  curator: CuratorView;
  /** The schools of the curator's region, by municipality and name. */
  schools: AssignableSchool[];
  /** The other curators of a school, by its id: a school may have more than one, and whoever assigns should see it. */
  othersOf(schoolId: number): string[];
  onSaved(curator: CuratorView): void;
  onCancel(): void;
}

/** The curator's schools as a searchable checklist, grouped by municipality; saved in one go. */
export function SchoolsEditor({ curator, schools, othersOf, onSaved, onCancel }: Props) {
  const [selected, setSelected] = useState(() => new Set(curator.schools.map((school) => school.id)));
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const shown = schools.filter((school) => matchesSearch(query, `${school.code} ${school.name} ${school.municipality}`));
  const municipalities = [...new Set(shown.map((school) => school.municipality))];

  function toggle(id: number, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await saveCuratorSchools(curator.id, [...selected]));
    } catch (err) {
      setError(errorText(err, s.errors));
      setBusy(false);
    }
  }

  return (
    <form className="cu-editor" onSubmit={save}>
      <fieldset>
        <legend>{s.editLegend}</legend>
        <label className="cu-search">
          {s.search}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <div className="cu-choices">
          {municipalities.map((municipality) => (
            <fieldset key={municipality} className="cu-group">
              <legend>{municipality}</legend>
              {shown
                .filter((school) => school.municipality === municipality)
                .map((school) => {
                  const others = othersOf(school.id);
                  return (
                    <label key={school.id} className="cu-choice">
                      <input type="checkbox" checked={selected.has(school.id)} onChange={(e) => toggle(school.id, e.target.checked)} />
                      <span>
                        <span className="cu-code">{school.code}</span> {school.name}
                        {others.length > 0 && <span className="muted cu-also">{s.alsoWith(others.join(', '))}</span>}
                      </span>
                    </label>
                  );
                })}
            </fieldset>
          ))}
          {shown.length === 0 && <p className="muted">{s.nothingFound}</p>}
        </div>
        <p className="muted cu-selected" aria-live="polite">
          {s.selected(selected.size, schools.length)}
        </p>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? s.saving : s.save}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}
