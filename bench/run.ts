/**
 * `npm run bench [-- name ...]`: runs every bench module listed below (or the named ones) and prints
 * one table. A module exports `run(): Promise<BenchRow[]>` and cleans up after itself. The process
 * exits with 1 when a row misses its goal or a module fails, so CI can run it.
 */

import type { BenchRow } from './support.js';

type BenchModule = { run(): Promise<BenchRow[]> };

// Imported on demand, so one module that fails to load does not stop the others.
const MODULES: Record<string, () => Promise<BenchModule>> = {
  scoring: () => import('./scoring.js'),
  participation: () => import('./participation.js'),
  programmes: () => import('./programmes.js'),
  comparisons: () => import('./comparisons.js'),
  federal: () => import('./federal.js'),
  'first-question': () => import('./first-question.js'),
  'http-submissions': () => import('./http-submissions.js'),
  bundle: () => import('./bundle.js'),
  'embedded-durability': () => import('./embedded-durability.js'),
};

const fmt = (x: number | undefined) => (x === undefined ? '' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));

function goalText(row: BenchRow): { text: string; met: boolean } {
  if (!row.goal) return { text: '', met: true };
  const { max, min } = row.goal;
  const met = (max === undefined || row.value <= max) && (min === undefined || row.value >= min);
  const bounds = [min !== undefined ? `≥ ${fmt(min)}` : '', max !== undefined ? `≤ ${fmt(max)}` : ''].filter(Boolean).join(', ');
  return { text: `${bounds} ${met ? 'met' : 'MISSED'}`, met };
}

function printTable(rows: BenchRow[]): boolean {
  const header = ['name', 'figure', 'unit', 'baseline', 'ratio', 'goal', 'note'];
  let allMet = true;
  const cells = rows.map((row) => {
    const goal = goalText(row);
    allMet &&= goal.met;
    const ratio = row.baseline ? `${fmt(row.value / row.baseline)}×` : '';
    return [row.name, fmt(row.value), row.unit, fmt(row.baseline), ratio, goal.text, row.note ?? ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 3 || i === 4 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  return allMet;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const rows: BenchRow[] = [];
let failed = false;
for (const name of wanted.length > 0 ? wanted : Object.keys(MODULES)) {
  console.error(`bench ${name} ...`);
  try {
    rows.push(...(await (await MODULES[name]!()).run()));
  } catch (error) {
    failed = true;
    console.error(`bench ${name} failed:`, error);
  }
}
console.log();
const met = printTable(rows);
process.exitCode = failed || !met ? 1 : 0;
