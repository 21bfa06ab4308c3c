import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface TranslationReview {
  translation_id: string;
  confirmed_at: Date;
  confirmed_by: string | null;
}

/** The administrators' confirmations of these translations, by translation id; the others are unconfirmed. */
export async function translationReviews(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, TranslationReview>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('translation_reviews')
    .leftJoin('users', 'users.id', 'translation_reviews.confirmed_by')
    .select(['translation_reviews.translation_id', 'translation_reviews.confirmed_at', 'users.email as confirmed_by'])
    .where('translation_reviews.translation_id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.translation_id, row]));
}
