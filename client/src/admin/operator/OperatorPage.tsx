import './operator.css';
import { useState, type FormEvent } from 'react';
import type { OperatorBody, OperatorDetails, PublicOperator } from '../../../../server/operator/operator.schemas';
import { api } from '../../shared/api';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { operatorStrings as s } from './strings';

const loadOperator = () => api<PublicOperator>('/api/operator');

type Field = keyof OperatorBody;

/** The operator of personal data: the privacy page and every questionnaire's first screen show what is saved here. */
export function OperatorPage() {
  const loaded = useLoad(loadOperator, 'operator');
  return (
    <section className="operator">
      <h1>{s.title}</h1>
      <p className="muted lead">{s.intro}</p>
      {loaded.error !== null && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      {loaded.data && <OperatorForm initial={loaded.data.operator} />}
    </section>
  );
}

function OperatorForm({ initial }: { initial: OperatorDetails | null }) {
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    name: initial?.name ?? '',
    address: initial?.address ?? '',
    email: initial?.email ?? '',
    phone: initial?.phone ?? '',
    inn: initial?.inn ?? '',
    ogrn: initial?.ogrn ?? '',
  }));
  const [saved, setSaved] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(false);
    try {
      setSaved(await api<OperatorDetails>('/api/admin/operator', { method: 'PUT', json: values satisfies OperatorBody }));
      setNotice(true);
    } catch (err) {
      setError(errorText(err, s.errors));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, label: string, props: { type?: string; required?: boolean; inputMode?: 'numeric' | 'tel' | 'email'; hint?: string } = {}) => (
    <label>
      {label}
      <input
        name={name}
        type={props.type ?? 'text'}
        required={props.required}
        inputMode={props.inputMode}
        placeholder={props.hint}
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      />
    </label>
  );

  return (
    <form className="card form operator-form" onSubmit={submit} aria-label={s.title}>
      {!saved && (
        <p className="error" role="alert" data-testid="operator-missing">
          {s.missing}
        </p>
      )}
      {field('name', s.name, { required: true, hint: s.nameHint })}
      {field('address', s.address, { required: true })}
      {field('email', s.email, { type: 'email', required: true, inputMode: 'email' })}
      {field('phone', s.phone, { type: 'tel', inputMode: 'tel' })}
      {field('inn', s.inn, { inputMode: 'numeric' })}
      {field('ogrn', s.ogrn, { inputMode: 'numeric' })}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {s.saved}
        </p>
      )}
      <div className="operator-form__actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? s.saving : s.save}
        </button>
        <a href="/privacy" target="_blank" rel="noreferrer">
          {s.openPolicy}
        </a>
      </div>
      {saved && <p className="muted">{s.updatedAt(saved.updatedAt)}</p>}
    </form>
  );
}
