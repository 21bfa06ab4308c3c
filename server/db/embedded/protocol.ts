/** Messages between the server and the worker thread that runs the embedded database. */

export interface WorkerOptions {
  dataDir: string;
  /** fsync every commit (the default); off only to measure what it costs. */
  durable: boolean;
}

export type ToWorker = { kind: 'query'; id: number; sql: string; params: readonly unknown[] } | { kind: 'close' };

/** A database error as it crosses the thread boundary: its message and PostgreSQL's fields (code, detail, constraint…). */
export interface WorkerError {
  message: string;
  fields: Record<string, string | number>;
}

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'start-failed'; error: WorkerError }
  | { kind: 'result'; id: number; rows: unknown[]; affectedRows?: number }
  | { kind: 'error'; id: number; error: WorkerError }
  | { kind: 'closed' };

export function toWorkerError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { message: error.message, fields };
}

export function fromWorkerError({ message, fields }: WorkerError): Error {
  return Object.assign(new Error(message), fields);
}
