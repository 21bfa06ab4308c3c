import { useState } from 'react';
import type { TranslationView } from '../../../../server/admin/translations/translations.schemas';
import { api } from '../../shared/api';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { translationStrings as s } from './strings';
import './translations.css';

const listTranslations = () => api<TranslationView[]>('/api/admin/translations');

/** Shipped questionnaire translations, each with its words beside the Russian and «Подтвердить перевод». */
export function TranslationsPage() {
  const translations = useLoad(listTranslations, 'translations');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function confirm(t: TranslationView) {
    if (!window.confirm(s.confirmQuestion(t.name))) return;
    setBusy(t.id);
    setError(null);
    setNotice(null);
    try {
      await api<TranslationView>(`/api/admin/translations/${t.id}/confirm`, { method: 'POST' });
      setNotice(s.confirmedNotice(t.name));
    } catch (err) {
      setError(errorText(err, s.errors));
    }
    setBusy(null);
    translations.reload();
  }

  return (
    <section className="translations">
      <h1>{s.title}</h1>
      <p className="muted lead">{s.intro}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {translations.error ? <ErrorMessage error={translations.error} onRetry={translations.reload} /> : null}
      {translations.data?.length === 0 && <p className="muted">{s.empty}</p>}
      {translations.data?.map((t) => (
        <article key={t.id} className="card translation" data-testid={`translation-${t.role}-${t.language}`}>
          <h2>
            {sharedStrings.roles[t.role]} — <span lang={t.language}>{t.name}</span>
          </h2>
          {t.confirmedAt ? (
            <p className="badge level-low">{s.confirmed(t.confirmedAt, t.confirmedBy)}</p>
          ) : (
            <p className="badge level-medium">{s.unverified}</p>
          )}
          <details>
            <summary>{s.showStrings(t.strings.length)}</summary>
            <StringsTable language={t.language} rows={t.strings} />
          </details>
          <details>
            <summary>{s.showUi}</summary>
            <StringsTable
              language={t.language}
              rows={Object.entries(t.ui).map(([key, translated]) => ({ key, russian: s.uiRussian[key] ?? '', translated }))}
            />
          </details>
          {!t.confirmedAt && (
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void confirm(t)}>
              {busy === t.id ? s.confirming : s.confirm}
            </button>
          )}
        </article>
      ))}
    </section>
  );
}

function StringsTable({ language, rows }: { language: string; rows: TranslationView['strings'] }) {
  return (
    <table className="translation-strings">
      <colgroup>
        <col className="translation-strings__key" />
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{s.key}</th>
          <th scope="col">{s.russian}</th>
          <th scope="col">{s.translated}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>
              <code>{row.key}</code>
            </td>
            <td>{row.russian}</td>
            <td lang={language}>{row.translated}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
