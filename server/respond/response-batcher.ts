import type { Db } from '../db/connect.js';
import type { LinkFacts } from './links.repository.js';
import { explainUnstored, storeOpenLinkResponses, storeResponse, type NewResponse, type StoreResult } from './responses.repository.js';

interface Waiting {
  link: LinkFacts;
  response: NewResponse;
  resolve(result: StoreResult): void;
  reject(error: unknown): void;
}

export interface ResponseBatcherOptions {
  /** Insert statements running at once; the answers that arrive meanwhile wait and go together in the next. */
  maxStatements: number;
  maxBatch: number;
}

/**
 * Group commit for submissions. When a class presses "send" together, each answer as its own statement
 * pays its own parse, plan, trigger run and commit (an fsync); here the answers that arrive while the
 * previous statements run go in one statement and one commit. A lone answer is not held back: it is sent
 * on the next turn of the event loop. An answer is confirmed only after its statement committed, so an
 * acknowledged response is never lost. Single-use codes keep their own statement: their unique column
 * would fail a whole batch for one repeated code.
 */
export class ResponseBatcher {
  private waiting: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly options: ResponseBatcherOptions = { maxStatements: 2, maxBatch: 250 },
  ) {}

  /** Answers waiting for a statement; the monitoring reads it to see submissions outrun the database. */
  get queueDepth(): number {
    return this.waiting.length;
  }

  store(link: LinkFacts, response: NewResponse): Promise<StoreResult> {
    if (link.kind === 'code') return storeResponse(this.db, link, response);
    return new Promise((resolve, reject) => {
      this.waiting.push({ link, response, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.running >= this.options.maxStatements) return;
    this.scheduled = true;
    // setImmediate, not a timer: everything that arrived in this turn of the loop joins, and nothing waits longer.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.waiting.length > 0 && this.running < this.options.maxStatements) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.running++;
      void this.write(batch).finally(() => {
        this.running--;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async write(batch: Waiting[]) {
    let ids: Array<number | undefined>;
    try {
      ids = await storeOpenLinkResponses(this.db, batch);
    } catch {
      // One answer the database refuses must not cost the others theirs: each goes again on its own, and only
      // the one at fault fails.
      await Promise.all(batch.map((item) => storeResponse(this.db, item.link, item.response).then(item.resolve, item.reject)));
      return;
    }
    await Promise.all(
      batch.map(async (item, i) => {
        const id = ids[i];
        if (id !== undefined) return item.resolve({ status: 'stored', id });
        await explainUnstored(this.db, item.link, item.response.clientKey).then(item.resolve, item.reject);
      }),
    );
  }
}
