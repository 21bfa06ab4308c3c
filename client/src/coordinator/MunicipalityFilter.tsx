interface Props {
  /** The municipalities of the rows shown, as [id, name]; the filter hides itself when there is only one. */
  municipalities: Array<[number, string]>;
  value: number | null;
  onChange(value: number | null): void;
  labels: { municipality: string; allMunicipalities: string };
}

/** Narrows a coordinator's table to one municipality of the territory. */
export function MunicipalityFilter({ municipalities, value, onChange, labels }: Props) {
  if (municipalities.length <= 1) return null;
  return (
    <label>
      {labels.municipality}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{labels.allMunicipalities}</option>
        {municipalities.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
