import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// The audit log is evidence: what it says happened must not be rewritten by the application that did it. A trigger
// refuses every UPDATE, DELETE and TRUNCATE of audit_log, whoever runs them, including the table's owner (which the
// app's role usually is, so a REVOKE alone would guard nothing). The one way out is `audit_log_purge(keep)`, for an
// operator's retention: it deletes only rows older than `keep`, and `keep` may not be shorter than a year. The
// application never calls it.
//
// A new account role, `security`: a security administrator who reads the audit log and nothing else. Like the
// administrator it belongs to no territory.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      -- The purge below marks its own transaction; even then only rows older than a year may go.
      if tg_op = 'DELETE' and current_setting('audit_log.purge', true) = 'on' and old.at < now() - interval '1 year' then
        return old;
      end if;
      raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db);
  // Meaningful where an operator runs the app under a role that does not own the table (README): nobody but the
  // owner then holds these rights.
  await sql`revoke update, delete, truncate on audit_log from public`.execute(db);

  await sql`
    create function audit_log_purge(keep interval) returns bigint language plpgsql security definer as $$
    declare
      deleted bigint;
    begin
      if keep < interval '1 year' then
        raise exception 'audit rows are kept at least a year, not %', keep using errcode = 'invalid_parameter_value';
      end if;
      perform set_config('audit_log.purge', 'on', true);
      delete from audit_log where at < now() - keep;
      get diagnostics deleted = row_count;
      perform set_config('audit_log.purge', 'off', true);
      return deleted;
    end
    $$`.execute(db);
  await sql`revoke execute on function audit_log_purge(interval) from public`.execute(db);

  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin','region','municipality','school','curator','security'))`.execute(db);
  await sql`alter table users drop constraint users_scope_check`.execute(db);
  await sql`
    alter table users add constraint users_scope_check check (
         (role in ('admin', 'security') and region_id is null and municipality_id is null and school_id is null)
      or (role in ('region', 'curator') and region_id is not null and municipality_id is null and school_id is null)
      or (role = 'municipality' and municipality_id is not null and region_id is null and school_id is null)
      or (role = 'school' and school_id is not null and region_id is null and municipality_id is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_log_no_update_delete on audit_log`.execute(db);
  await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
  await sql`drop function audit_log_purge(interval)`.execute(db);
  await sql`drop function audit_log_refuse_change()`.execute(db);
  await sql`alter table users drop constraint users_scope_check`.execute(db);
  // Fails while a security account has audit rows: such an account is then disabled by hand, not erased.
  await sql`delete from users where role = 'security'`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin','region','municipality','school','curator'))`.execute(db);
  await sql`
    alter table users add constraint users_scope_check check (
         (role = 'admin' and region_id is null and municipality_id is null and school_id is null)
      or (role in ('region', 'curator') and region_id is not null and municipality_id is null and school_id is null)
      or (role = 'municipality' and municipality_id is not null and region_id is null and school_id is null)
      or (role = 'school' and school_id is not null and region_id is null and municipality_id is null))`.execute(db);
}
