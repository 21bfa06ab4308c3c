import { useState, type ChangeEvent } from 'react';
import { uploadStrings as s } from './strings';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Props {
  /** The file input's id, unique on the page. */
  inputId: string;
  heading: string;
  hint: string;
  /** The columns the file needs, in order. */
  columns: readonly string[];
  file: File | null;
  busy: boolean;
  onFile(file: File): void;
  onTemplate(format: 'csv' | 'xlsx'): void;
}

/** A spreadsheet to check: chosen or dropped, its needed columns listed, with its templates to download. */
export function UploadCard({ inputId, heading, hint, columns, file, busy, onFile, onTemplate }: Props) {
  const [dragging, setDragging] = useState(false);

  function choose(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0];
    // Choosing the same file again after fixing it in Excel must fire `change` again.
    e.target.value = '';
    if (chosen) onFile(chosen);
  }

  return (
    <section className="card upload" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>{heading}</h2>
      <p className="hint">{hint}</p>
      <ol className="column-list">
        {columns.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const dropped = e.dataTransfer.files[0];
          if (dropped && !busy) onFile(dropped);
        }}
      >
        <input id={inputId} className="visually-hidden" type="file" accept={ACCEPT} onChange={choose} disabled={busy} />
        <label htmlFor={inputId} className={`file-button${file ? '' : ' primary'}`}>
          {file ? s.chooseAnother : s.choose}
        </label>
        {file ? (
          <span className="file-name" title={file.name}>
            {file.name} <span className="muted">· {s.size(file.size)}</span>
          </span>
        ) : (
          <span className="muted">{s.drop}</span>
        )}
      </div>
      <p className="templates muted">
        {s.template}{' '}
        <button type="button" className="link" onClick={() => onTemplate('xlsx')}>
          {s.templateXlsx}
        </button>
        {' · '}
        <button type="button" className="link" onClick={() => onTemplate('csv')}>
          {s.templateCsv}
        </button>
      </p>
    </section>
  );
}
