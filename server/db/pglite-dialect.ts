import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export interface EmbeddedResult<R> {
  rows: R[];
  affectedRows?: number;
}

/** The statements of one connection holder. */
export interface EmbeddedSession {
  query<R>(sql: string, params: readonly unknown[]): Promise<EmbeddedResult<R>>;
}

/** An embedded PostgreSQL: PGlite in this thread (tests) or in a supervised worker (embedded/supervised-pglite.ts). */
export interface EmbeddedDatabase {
  /**
   * Statements that all run on the same start of the database: a transaction begun before a restart must fail,
   * not go on as single statements on the restarted one.
   */
  session(): EmbeddedSession;
  close(): Promise<void>;
}

/** PGlite on the calling thread: for in-memory databases, which have no disk to fill. */
export function inThisThread(pglite: PGlite): EmbeddedDatabase {
  const session: EmbeddedSession = {
    query: async (sql, params) => pglite.query(sql, params as unknown[], { rowMode: 'object' }),
  };
  return {
    session: () => session,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Kysely dialect for embedded PGlite. PGlite is one connection, so the driver hands it out to one
 * holder at a time (like a pool of size 1): a transaction keeps it until commit, other queries wait.
 * Kysely 0.29 ships its own PGlite dialect but requires Node 22; this is the small part we need.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly database: EmbeddedDatabase) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.database);
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private tail: Promise<void> = Promise.resolve();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(private readonly database: EmbeddedDatabase) {}

  // The database is started (and waited for) before its dialect is made.
  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    await previous;
    // A fresh connection per holder, so each release is tied to its own acquisition.
    const handle = new PGliteConnection(this.database.session());
    this.releases.set(handle, release);
    return handle;
  }

  async releaseConnection(connection: DatabaseConnection) {
    this.releases.get(connection)?.();
    this.releases.delete(connection);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy() {
    await this.database.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly session: EmbeddedSession) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.session.query<R>(query.sql, query.parameters);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows != null ? BigInt(result.affectedRows) : undefined,
    };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on PGlite');
  }
}
