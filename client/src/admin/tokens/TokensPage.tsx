import { useRef, useState, type FormEvent } from 'react';
import type { Territories } from '../../../../server/admin/accounts/accounts.schemas';
import type { CreatedServiceToken, NewServiceToken, ServiceTokenView as Token } from '../../../../server/service-tokens/tokens.schemas';
import {
  REGION_ONLY_PERMISSIONS,
  TOKEN_LIFETIME_DAYS,
  TOKEN_PERMISSIONS,
  TOKEN_REQUESTS_PER_MINUTE,
  type TokenPermission,
} from '../../../../server/shared/rules/service-tokens';
import { api } from '../../shared/api';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { errorText } from '../../shared/errors';
import { dateTime, DEFAULT_TIME_ZONE } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { copyText } from '../copy/copy';
import { listRegions } from '../roster/api';
import { tokenStrings as s } from './strings';
import './tokens.css';

const listTokens = () => api<Token[]>('/api/admin/tokens');
const listTerritories = () => api<Territories>('/api/admin/territories');

const emptyForm = {
  name: '',
  regionId: '',
  municipalityId: '',
  permissions: [] as TokenPermission[],
  lifetimeDays: String(TOKEN_LIFETIME_DAYS.default),
  requestsPerMinute: String(TOKEN_REQUESTS_PER_MINUTE.default),
};

const stateBadge = { active: 'level-low', expired: 'level-medium', revoked: 'level-insufficient' } satisfies Record<Token['state'], string>;

export function TokensPage() {
  const tokens = useLoad(listTokens, 'tokens');
  const territories = useLoad(listTerritories, 'territories');
  const regions = useLoad(listRegions, 'regions');
  const [form, setForm] = useState(emptyForm);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const municipalities = territories.data?.municipalities.filter((m) => String(m.regionId) === form.regionId) ?? [];
  const forMunicipality = form.municipalityId !== '';
  const lookupError = territories.error ?? regions.error;
  // A token is dated in its region's zone, as a wave is; until the zones arrive, in the default one.
  const zoneOf = (regionId: number) => regions.data?.find((r) => r.id === regionId)?.timeZone ?? DEFAULT_TIME_ZONE;

  function chooseMunicipality(municipalityId: string) {
    setForm({
      ...form,
      municipalityId,
      permissions: municipalityId ? form.permissions.filter((p) => !REGION_ONLY_PERMISSIONS.includes(p)) : form.permissions,
    });
  }

  function toggle(permission: TokenPermission, on: boolean) {
    setForm({
      ...form,
      permissions: on ? TOKEN_PERMISSIONS.filter((p) => p === permission || form.permissions.includes(p)) : form.permissions.filter((p) => p !== permission),
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    if (form.permissions.length === 0) return setError(s.needPermission);
    setBusy(true);
    try {
      const body: NewServiceToken = {
        name: form.name,
        regionId: Number(form.regionId),
        municipalityId: forMunicipality ? Number(form.municipalityId) : null,
        permissions: form.permissions,
        lifetimeDays: Number(form.lifetimeDays),
        requestsPerMinute: Number(form.requestsPerMinute),
      };
      const result = await api<CreatedServiceToken>('/api/admin/tokens', { method: 'POST', json: body });
      setCreated({ name: result.token.name, secret: result.secret });
      setForm(emptyForm);
      tokens.reload();
    } catch (err) {
      setError(errorText(err, s.errors));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: Token) {
    if (!window.confirm(s.confirmRevoke(token.name))) return;
    setError(null);
    setNotice(null);
    try {
      await api<Token>(`/api/admin/tokens/${token.id}/revoke`, { method: 'POST' });
      setNotice(s.revoked(token.name));
    } catch (err) {
      setError(errorText(err, s.errors));
    }
    // Refused as revoked already, the list is stale too.
    tokens.reload();
  }

  return (
    <section className="tokens">
      <h1>{s.title}</h1>
      <p className="muted lead">{s.intro}</p>
      <p className="muted lead">
        {s.docsBefore}
        {/* A tab of its own: the page may be holding a secret that is shown only once. */}
        <a href="/api/docs" target="_blank" rel="noreferrer">
          {s.docsLink}
        </a>
        {s.docsAfter}
      </p>

      {created ? (
        <SecretPanel name={created.name} secret={created.secret} onClose={() => setCreated(null)} />
      ) : (
        <form className="card form tokens-form" onSubmit={submit} aria-label={s.create}>
          <h2>{s.create}</h2>
          <label>
            {s.name}
            <input required maxLength={200} placeholder={s.namePlaceholder} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <div className="tokens-row">
            <label>
              {s.region}
              <select required value={form.regionId} onChange={(e) => setForm({ ...form, regionId: e.target.value, municipalityId: '' })}>
                <option value="">{s.choose}</option>
                {territories.data?.regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {s.municipality}
              <select value={form.municipalityId} disabled={!form.regionId} onChange={(e) => chooseMunicipality(e.target.value)}>
                <option value="">{s.wholeRegion}</option>
                {municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset className="tokens-permissions">
            <legend>{s.permissions}</legend>
            {TOKEN_PERMISSIONS.map((permission) => {
              const locked = forMunicipality && REGION_ONLY_PERMISSIONS.includes(permission);
              return (
                <label key={permission} className={locked ? 'locked' : undefined}>
                  <input
                    type="checkbox"
                    checked={form.permissions.includes(permission)}
                    disabled={locked}
                    onChange={(e) => toggle(permission, e.target.checked)}
                  />
                  {s.permissionTitles[permission]}
                </label>
              );
            })}
            {forMunicipality && <p className="muted hint">{s.regionOnlyNote}</p>}
          </fieldset>
          <div className="tokens-row">
            <label>
              {s.lifetime}
              <input
                type="number"
                required
                min={TOKEN_LIFETIME_DAYS.min}
                max={TOKEN_LIFETIME_DAYS.max}
                step={1}
                value={form.lifetimeDays}
                onChange={(e) => setForm({ ...form, lifetimeDays: e.target.value })}
              />
              <span className="muted hint">{s.lifetimeHint}</span>
            </label>
            <label>
              {s.rate}
              <input
                type="number"
                required
                min={TOKEN_REQUESTS_PER_MINUTE.min}
                max={TOKEN_REQUESTS_PER_MINUTE.max}
                step={1}
                value={form.requestsPerMinute}
                onChange={(e) => setForm({ ...form, requestsPerMinute: e.target.value })}
              />
              <span className="muted hint">{s.rateHint}</span>
            </label>
          </div>
          <div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? s.submitting : s.submit}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {lookupError !== null && <ErrorMessage error={lookupError} messages={s.errors} />}

      <h2>{s.list}</h2>
      <p className="muted hint">{s.zoneNote}</p>
      {tokens.error !== null && <ErrorMessage error={tokens.error} messages={s.errors} onRetry={tokens.reload} />}
      {tokens.loading && <p className="muted">{s.loading}</p>}
      {tokens.data?.length === 0 && <p className="muted">{s.empty}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <div className="table-scroll tokens-wrap" role="region" tabIndex={0} aria-label={s.title}>
          <table className="tokens-table">
            <thead>
              <tr>
                <th>{s.columns.name}</th>
                <th>{s.columns.territory}</th>
                <th>{s.columns.permissions}</th>
                <th>{s.columns.state}</th>
                <th>{s.columns.created}</th>
                <th>{s.columns.expires}</th>
                <th>{s.columns.lastUsed}</th>
                <th>{s.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => {
                const zone = zoneOf(token.regionId);
                return (
                  <tr key={token.id}>
                    <td className="tokens-name">
                      <strong>{token.name}</strong>
                      <code>{token.prefix}…</code>
                    </td>
                    <td data-label={s.columns.territory}>
                      {token.regionName}
                      {token.municipalityName && <span className="tokens-sub">{token.municipalityName}</span>}
                    </td>
                    <td data-label={s.columns.permissions}>
                      <ul className="tokens-permission-list">
                        {token.permissions.map((p) => (
                          <li key={p}>{s.permissionTitles[p]}</li>
                        ))}
                      </ul>
                      <span className="tokens-sub">{s.perMinute(token.requestsPerMinute)}</span>
                    </td>
                    <td data-label={s.columns.state}>
                      <span className={`badge ${stateBadge[token.state]}`}>{s.states[token.state]}</span>
                      {token.revokedAt && <span className="tokens-sub">{s.revokedAt(dateTime(token.revokedAt, zone))}</span>}
                    </td>
                    <td className="tokens-when" data-label={s.columns.created}>
                      {dateTime(token.createdAt, zone)}
                      {token.createdBy && <span className="tokens-sub tokens-email">{token.createdBy}</span>}
                    </td>
                    <td className="tokens-when" data-label={s.columns.expires}>
                      {dateTime(token.expiresAt, zone)}
                    </td>
                    <td className="tokens-when" data-label={s.columns.lastUsed}>
                      {token.lastUsedAt ? dateTime(token.lastUsedAt, zone) : <span className="muted">{s.neverUsed}</span>}
                    </td>
                    <td className="tokens-actions">
                      {token.state === 'active' && (
                        <button type="button" aria-label={s.revokeOf(token.name)} onClick={() => void revoke(token)}>
                          {s.revoke}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The secret, this once: the server keeps only its hash, and closing the panel drops it from the page too. */
function SecretPanel({ name, secret, onClose }: { name: string; secret: string; onClose(): void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  async function copy() {
    const done = await copyText(secret);
    setCopied(done);
    if (!done) field.current?.select();
  }

  return (
    <section className="card tokens-secret" aria-labelledby="token-issued">
      <h2 id="token-issued">{s.issued(name)}</h2>
      <p className="tokens-warning">{s.saveNow}</p>
      <label htmlFor="token-secret">{s.secret}</label>
      <div className="tokens-secret-row">
        <input id="token-secret" ref={field} readOnly autoFocus value={secret} spellCheck={false} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={() => void copy()} aria-live="polite">
          {copied ? s.copied : s.copy}
        </button>
      </div>
      {copied === false && <p className="muted hint">{s.copyByHand}</p>}
      <p className="muted hint">{s.headerExample}</p>
      <pre className="tokens-header">Authorization: Bearer {secret}</pre>
      <button type="button" onClick={onClose}>
        {s.close}
      </button>
    </section>
  );
}
