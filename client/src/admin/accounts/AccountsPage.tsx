import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../shared/api';
import { errorText } from '../../shared/errors';
import type { AccountRole } from '../../shared/session';
import { sharedStrings } from '../../shared/strings';
import type { AccountView as Account, CreatedAccount, Invitation, Territories } from '../../../../server/admin/accounts/accounts.schemas';
import type { Done } from '../../../../server/shared/vocabulary';
import { accountStrings as s } from './strings';
import { CopyButton } from '../copy/CopyButton';
import './accounts.css';
import { SearchPicker } from '../../shared/picker/SearchPicker';
import { territoryOptions } from './territory-options';

const roleTitles = sharedStrings.accountRoles;

export function AccountsPage() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [territories, setTerritories] = useState<Territories>({ regions: [], municipalities: [], schools: [] });
  const [form, setForm] = useState({ email: '', name: '', role: 'school' as AccountRole, scopeId: '' });
  const [invite, setInvite] = useState<{ email: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => api<Account[]>('/api/admin/accounts').then(setAccounts, (e) => setError(errorText(e, s.errors))), []);
  useEffect(() => {
    void reload();
    api<Territories>('/api/admin/territories').then(setTerritories, (e) => setError(errorText(e, s.errors)));
  }, [reload]);

  const options = useMemo(() => territoryOptions(territories, form.role), [territories, form.role]);

  const showInvite = (email: string, path: string) => setInvite({ email, url: `${window.location.origin}${path}` });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (form.role !== 'admin' && form.role !== 'security' && !form.scopeId) return setError(s.errors.scope_required);
    const scopeKey = { admin: null, security: null, region: 'regionId', curator: 'regionId', municipality: 'municipalityId', school: 'schoolId' }[form.role];
    try {
      const result = await api<CreatedAccount>('/api/admin/accounts', {
        method: 'POST',
        json: { email: form.email, name: form.name, role: form.role, ...(scopeKey && form.scopeId ? { [scopeKey]: Number(form.scopeId) } : {}) },
      });
      showInvite(form.email, result.invitePath);
      setForm({ ...form, email: '', name: '' });
      await reload();
    } catch (err) {
      setError(errorText(err, s.errors));
    }
  }

  async function rename(account: Account) {
    const name = window.prompt(s.renamePrompt(account.name), account.name);
    if (name === null) return;
    setError(null);
    try {
      await api<Done>(`/api/admin/accounts/${account.id}`, { method: 'PUT', json: { name } });
      await reload();
    } catch (err) {
      setError(errorText(err, s.errors));
    }
  }

  async function act(account: Account, action: 'invitation' | 'disable' | 'enable' | 'anonymise' | 'two-factor/reset') {
    if (action === 'anonymise' && !window.confirm(s.anonymiseConfirm(account.email))) return;
    setError(null);
    try {
      const result = await api<Invitation | Done>(`/api/admin/accounts/${account.id}/${action}`, { method: 'POST' });
      if ('invitePath' in result) showInvite(account.email, result.invitePath);
      await reload();
    } catch (err) {
      setError(errorText(err, s.errors));
    }
  }

  return (
    <section>
      <h1>{s.title}</h1>
      <p className="muted">{s.intro}</p>
      <form className="card form accounts-form" onSubmit={submit}>
        <h2>{s.create}</h2>
        <label>
          {s.email}
          <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label>
          {s.name}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {s.role}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as AccountRole, scopeId: '' })}>
            {(Object.keys(roleTitles) as AccountRole[]).map((r) => (
              <option key={r} value={r}>
                {roleTitles[r]}
              </option>
            ))}
          </select>
        </label>
        {form.role !== 'admin' && form.role !== 'security' && (
          <SearchPicker
            key={form.role}
            options={options}
            value={form.scopeId ? Number(form.scopeId) : null}
            onChange={(id) => setForm({ ...form, scopeId: id === null ? '' : String(id) })}
            labels={s.picker}
          />
        )}
        <button className="primary" type="submit">
          {s.submit}
        </button>
      </form>
      {invite && (
        <div className="card accounts-invite" role="status">
          <p>
            {s.inviteReady} <strong>{invite.email}</strong>
          </p>
          <code>{invite.url}</code> <CopyButton text={invite.url} />
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="table-scroll accounts-table" role="region" tabIndex={0} aria-label={s.title}>
        <table>
          <thead>
            <tr>
              <th>{s.email}</th>
              <th>{s.name}</th>
              <th>{s.role}</th>
              <th>{s.scope}</th>
              <th>{s.statusColumn}</th>
              <th>{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {(accounts ?? []).map((a) => (
              <tr key={a.id}>
                <td>{a.email}</td>
                <td>{a.name}</td>
                <td>{roleTitles[a.role]}</td>
                <td>{a.scopeName ?? '—'}</td>
                <td>
                  <span className={`badge ${a.status === 'active' ? 'level-low' : a.status === 'invited' ? 'level-medium' : 'level-insufficient'}`}>
                    {s.status[a.status]}
                  </span>
                </td>
                <td className="accounts-actions">
                  {a.status !== 'anonymised' && (
                    <>
                      <button type="button" onClick={() => void act(a, 'invitation')}>
                        {s.newInvite}
                      </button>{' '}
                      <button type="button" onClick={() => void rename(a)}>
                        {s.rename}
                      </button>{' '}
                    </>
                  )}
                  {a.status === 'disabled' ? (
                    <>
                      <button type="button" onClick={() => void act(a, 'enable')}>
                        {s.enable}
                      </button>{' '}
                      <button type="button" onClick={() => void act(a, 'anonymise')}>
                        {s.anonymise}
                      </button>
                    </>
                  ) : (
                    a.status !== 'anonymised' && (
                      <button type="button" onClick={() => void act(a, 'disable')}>
                        {s.disable}
                      </button>
                    )
                  )}
                  {a.twoFactor && (
                    <>
                      {' '}
                      <button type="button" onClick={() => window.confirm(s.resetTwoFactorConfirm(a.email)) && void act(a, 'two-factor/reset')}>
                        {s.resetTwoFactor}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {accounts === null && !error && <p className="muted">{s.loading}</p>}
    </section>
  );
}
