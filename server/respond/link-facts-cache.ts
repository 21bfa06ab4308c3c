import type { KnownLink } from './links.repository.js';

/**
 * Tokens already looked up, so a submission costs one statement instead of a lookup and an insert. Safe to
 * keep for the life of the process because it holds only what never changes for a token; whether the link
 * is still live and its wave open is checked by the insert itself (responses.repository.ts).
 */
export class LinkFactsCache {
  private readonly facts = new Map<string, KnownLink>();

  constructor(private readonly capacity = 100_000) {}

  get(token: string): KnownLink | undefined {
    return this.facts.get(token);
  }

  remember(token: string, link: KnownLink) {
    // A region's links number in the tens of thousands; past the capacity the oldest entry goes (Map keeps insertion order).
    if (this.facts.size >= this.capacity) this.facts.delete(this.facts.keys().next().value!);
    // `expected` may change with the roster; the burst rule that reads it needs only a rough upper bound.
    const { id, role, kind, wave_id, school_id, expected, model_id, questionnaires_id } = link;
    this.facts.set(token, { id, role, kind, wave_id, school_id, expected, model_id, questionnaires_id });
  }
}
