import { sql, type Kysely } from 'kysely';

/**
 * Which shipped questionnaire translations an administrator has confirmed (surveys/translations/). A translation is
 * named by the hash of its content, so a changed file is unconfirmed again until someone reads it anew.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table translation_reviews (
      translation_id text primary key check (translation_id ~ '^[0-9a-f]{64}$'),
      role text not null check (role in ('principal', 'teacher', 'student', 'parent')),
      language text not null check (language ~ '^[a-z]{2,3}$'),
      confirmed_by integer references users (id),
      confirmed_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table translation_reviews`.execute(db);
}
