import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The issue this answers: strace saw no fsync over 2,809 acknowledged answers. The same look, on every run.

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(import.meta.dirname, 'answers-one-by-one.ts');
const ANSWERS = 40;

/** strace installed and allowed to trace (root, or ptrace permitted). */
const canTrace = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true']).status === 0;
if (!canTrace) console.warn('fsync.test: strace is missing or may not trace here; skipped');

/** The fsync calls the whole process (every thread) made while it stored `ANSWERS` answers one at a time. */
async function fsyncsWhileAnswering(durable: boolean): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'fsync-'));
  try {
    const trace = join(dir, 'trace');
    const child = spawn(
      'strace',
      [
        '-f',
        '-qq',
        '-e',
        'trace=fsync,fdatasync,kill',
        '-o',
        trace,
        process.execPath,
        '--import',
        'tsx',
        SCRIPT,
        join(dir, 'data'),
        String(ANSWERS),
        durable ? '1' : '0',
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    const lines = (await readFile(trace, 'utf8')).split('\n');
    const marks = lines.flatMap((line, i) => (/\bkill\(\d+, 0\)/.test(line) ? [i] : []));
    expect(marks).toHaveLength(2);
    return lines.slice(marks[0], marks[1]).filter((line) => /\b(fsync|fdatasync)\(/.test(line)).length;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.runIf(canTrace)('answers acknowledged by the embedded database', () => {
  it('are fsynced before they are acknowledged: at least one fsync per answer stored alone', async () => {
    expect(await fsyncsWhileAnswering(true)).toBeGreaterThanOrEqual(ANSWERS);
  }, 300_000);

  it('against PGlite as it comes, which never fsyncs (what the test would see without the fix)', async () => {
    expect(await fsyncsWhileAnswering(false)).toBe(0);
  }, 300_000);
});
