import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The physical floor of accepting answers on this machine: pgbench, PostgreSQL's own C client, running one
 * single-row INSERT per transaction into the same `responses` table (with its triggers), from as many
 * connections as the HTTP run has requests in flight. Neither JavaScript nor a network protocol of ours is
 * in the way, so what our server reaches against it is the whole cost of HTTP, validation and Node.
 */
export async function pgbenchInsertRate(options: {
  databaseUrl: string;
  schema: string;
  /** Link ids to spread the rows over; the bench's links are one contiguous run. */
  linkIds: { min: number; max: number };
  answers: Record<string, unknown>;
  clients: number;
  seconds: number;
}): Promise<{ rate: number; transactions: number }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'pgbench-'));
  const script = path.join(folder, 'insert.sql');
  const answers = JSON.stringify(options.answers).replaceAll("'", "''");
  await writeFile(
    script,
    [
      `\\set link random(${options.linkIds.min}, ${options.linkIds.max})`,
      `insert into responses (wave_id, school_id, role, link_id, client_key, answers, duration_seconds, code_link_id) ` +
        `select wave_id, school_id, role, id, gen_random_uuid(), '${answers}'::jsonb, 300, null from links where id = :link ` +
        `on conflict (client_key) do nothing;`,
      '',
    ].join('\n'),
  );
  try {
    const output = await runPgbench(
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(options.clients),
        '-j',
        String(os.availableParallelism()),
        '-T',
        String(options.seconds),
        '-f',
        script,
        options.databaseUrl,
      ],
      { ...process.env, PGOPTIONS: `-c search_path=${options.schema}` },
    );
    const tps = /tps = ([\d.]+)/.exec(output);
    const done = /number of transactions actually processed: (\d+)/.exec(output);
    if (!tps || !done) throw new Error(`pgbench printed no rate:\n${output}`);
    return { rate: Number(tps[1]), transactions: Number(done[1]) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function runPgbench(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => reject(new Error(`pgbench could not start (is postgresql-client installed?): ${error.message}`, { cause: error })));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`pgbench exited with ${code}:\n${output}`))));
  });
}
