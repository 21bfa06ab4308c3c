import { useEffect } from 'react';
import type { PublicOperator } from '../../../server/operator/operator.schemas';
import { api } from '../shared/api';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useLoad } from '../shared/useLoad';
import { privacyStrings as s } from './strings';
import './privacy.css';

const loadOperator = () => api<PublicOperator>('/api/operator');

const List = ({ items }: { items: readonly string[] }) => (
  <ul>
    {items.map((item) => (
      <li key={item}>{item}</li>
    ))}
  </ul>
);

/**
 * The public privacy policy: the operator as an administrator filled it in, and what the system does with data. A
 * page of the staff app, open without login, so the respondent's bundle carries only a link to it.
 */
export default function PrivacyPage() {
  const loaded = useLoad(loadOperator, 'operator');
  useEffect(() => {
    document.title = s.title;
  }, []);
  const operator = loaded.data?.operator;

  return (
    <article className="privacy">
      <h1>{s.title}</h1>
      {loaded.loading && <p className="muted">{s.loading}</p>}
      {loaded.error !== null && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      {loaded.data && !operator && (
        <p className="error" role="alert" data-testid="privacy-no-operator">
          {s.notPublished}
        </p>
      )}
      {operator && (
        <>
          <p className="muted">{s.edition(operator.updatedAt)}</p>
          <section>
            <h2>{s.operatorTitle}</h2>
            <dl className="privacy__operator" data-testid="privacy-operator">
              {(Object.keys(s.operatorLabels) as (keyof typeof s.operatorLabels)[]).map((key) =>
                operator[key] ? (
                  <div key={key}>
                    <dt>{s.operatorLabels[key]}</dt>
                    <dd>{key === 'email' ? <a href={`mailto:${operator.email}`}>{operator.email}</a> : operator[key]}</dd>
                  </div>
                ) : null,
              )}
            </dl>
          </section>
          <section>
            <h2>{s.purposesTitle}</h2>
            <List items={s.purposes} />
          </section>
          <section>
            <h2>{s.dataTitle}</h2>
            <h3>{s.respondentsTitle}</h3>
            <List items={s.respondentData} />
            <p>
              <strong>{s.notCollectedTitle}</strong>
            </p>
            <List items={s.notCollected} />
            <p>{s.notCollectedNote}</p>
            <h3>{s.whoSeesTitle}</h3>
            <List items={s.whoSees} />
            <h3>{s.staffTitle}</h3>
            <List items={s.staffData} />
          </section>
          <section>
            <h2>{s.basisTitle}</h2>
            <List items={s.basis} />
          </section>
          <section>
            <h2>{s.retentionTitle}</h2>
            <List items={s.retention} />
          </section>
          <section>
            <h2>{s.rightsTitle}</h2>
            <List items={s.rights} />
            <p>{s.contactLine(operator.email)}</p>
          </section>
          <section>
            <h2>{s.storageTitle}</h2>
            <p>{s.storage}</p>
          </section>
        </>
      )}
    </article>
  );
}
