import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { connectDatabase, type Db } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Mulberry32: a seeded generator, so every run benches the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall time of `runs` calls, after one warm-up call unless told otherwise. */
export async function timed(runs: number, fn: () => Promise<unknown>, warmUp = true): Promise<number> {
  if (warmUp) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Runs `fn` on a migrated schema of its own in the bench PostgreSQL, connected as the server connects
 * (`poolSize` as the server's pool), and drops the schema afterwards whatever happens.
 */
export async function withBenchSchema<T>(name: string, poolSize: number | undefined, fn: (db: Db, schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${name}_${process.pid}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: BENCH_DATABASE_URL, max: 1 }) }) });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const database = await connectDatabase({ databaseUrl: BENCH_DATABASE_URL, dataDir: '', schema, poolSize });
  try {
    await migrateToLatest(database.db, schema);
    return await fn(database.db, schema);
  } finally {
    await database.close();
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
    await admin.destroy();
  }
}

/** One line of the bench table, as every bench module returns it. */
export interface BenchRow {
  name: string;
  /** The measured figure. */
  value: number;
  unit: string;
  /** The same measure of a reference (the floor any implementation pays), in the same unit; the table prints value / baseline. */
  baseline?: number;
  /** Bounds the figure must stay within, in its unit. */
  goal?: { max?: number; min?: number };
  note?: string;
}
