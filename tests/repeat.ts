/**
 * `npm run test:repeat [-- runs]`: the whole suite several times in a row, to catch tests that fail only
 * sometimes. Prints, per run, its time and every failed test by file and title; exits with 1 if any run failed.
 * Run it with the machine busy (e.g. `npm run bench` beside it): flakiness shows under load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
  }>;
}

const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`test:repeat: the number of runs must be a positive integer, not "${process.argv[2]}"`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'test-repeat-'));
const failedRuns: number[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const output = join(dir, `run-${run}.json`);
    const started = Date.now();
    const result = spawnSync('npx', ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${output}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    let report: JsonReport | undefined;
    try {
      report = JSON.parse(readFileSync(output, 'utf8')) as JsonReport;
    } catch {
      report = undefined;
    }
    const failures = (report?.testResults ?? []).flatMap((file) => {
      const name = relative(process.cwd(), file.name);
      // The message's first lines say which assertion failed and with what: a flaky test is fixed from them, not guessed at.
      const tests = file.assertionResults
        .filter((t) => t.status === 'failed')
        .map((t) => `${name} › ${t.fullName}\n      ${(t.failureMessages?.[0] ?? '').split('\n').slice(0, 6).join('\n      ')}`);
      return tests.length > 0 || file.status !== 'failed' ? tests : [`${name} (the file failed: ${file.message ?? 'no message'})`];
    });
    const ok = result.status === 0 && failures.length === 0;
    if (!ok) failedRuns.push(run);
    console.log(
      `run ${run}/${runs}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s, ${report?.numTotalTests ?? '?'} tests, ${report?.numFailedTests ?? '?'} failed`,
    );
    for (const f of failures) console.log(`  ✗ ${f}`);
    if (!ok && failures.length === 0) console.log(`  ✗ vitest exited with ${result.status ?? result.signal} and no test failed: see its output above`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${runs} runs, ${failedRuns.length} failed${failedRuns.length ? ` (runs ${failedRuns.join(', ')})` : ''}`);
process.exit(failedRuns.length ? 1 : 0);
