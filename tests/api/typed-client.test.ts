import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp } from '../helpers/app.js';

/**
 * Integration code as a region's IT department would write it: a small fetch wrapper typed by the generated `paths`,
 * and the calls of a typical exchange. Only the compiler reads it, so its address and cookie are placeholders.
 */
const USAGE = String.raw`
import type { paths } from './api.js';

type Method = 'get' | 'post';
type Init<O> = O extends { parameters: infer Params }
  ? Pick<Params, Extract<keyof Params, 'path' | 'query'>> &
      (O extends { requestBody: { content: infer Media } } ? { body: Media[keyof Media] } : { body?: never })
  : never;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success<O> = O extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;

export function client(baseUrl: string, headers: Record<string, string>) {
  async function call<P extends keyof paths, M extends Method>(method: M, path: P, init: Init<paths[P][M]>): Promise<Success<paths[P][M]>>;
  async function call(
    method: Method,
    path: string,
    { path: params = {}, query = {}, body: sent }: { path?: Record<string, number>; query?: Record<string, string | boolean>; body?: unknown },
  ) {
    const url = new URL(path.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name])), baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    const body = sent instanceof Blob ? sent : sent === undefined ? null : JSON.stringify(sent);
    const response = await fetch(url, {
      method: method.toUpperCase(),
      headers: typeof body === 'string' ? { ...headers, 'content-type': 'application/json' } : headers,
      body,
    });
    if (!response.ok) throw new Error(method + ' ' + path + ': ' + response.status);
    return response.json();
  }
  return call;
}

const api = client('https://survey.example.org', { cookie: 'sid=from-login', 'x-csrf-token': 'from-login' });

export async function openWaves(): Promise<Array<{ id: number; title: string }>> {
  const waves = await api('get', '/api/waves', {});
  return waves.filter((wave) => wave.open).map(({ id, title }) => ({ id, title }));
}

export async function schoolsShortOfTarget(waveId: number): Promise<Array<{ code: string; needed: number }>> {
  const report = await api('get', '/api/waves/{waveId}/participation', { path: { waveId } });
  return report.schools.filter((school) => !school.meetsTarget).map((school) => ({ code: school.code, needed: school.needed }));
}

export async function teachersRate(waveId: number): Promise<string> {
  const { rate } = (await api('get', '/api/waves/{waveId}/participation', { path: { waveId } })).territory.roles.teacher;
  return rate === null ? 'no teachers expected' : Math.round(rate * 100) + '%';
}

export async function uploadRoster(file: Blob, filename: string): Promise<number> {
  const applied = await api('post', '/api/admin/roster', { query: { filename }, body: file });
  return applied.summary.schoolsNew;
}

export async function createWave(regionId: number, title: string, firstDay: string, lastDay: string): Promise<number> {
  const wave = await api('post', '/api/admin/waves', { body: { regionId, title, firstDay, lastDay, modelId: 'school-risk' } });
  return wave.linksCreated;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const csvExportIsCsv: Equal<keyof paths['/api/waves/{waveId}/participation.csv']['get']['responses'][200]['content'], 'text/csv'> = true;
`;

/** The usage's two mistakes an integrator could make: a field the report does not have, a string for an id. */
const MISTAKEN = USAGE.replace('!school.meetsTarget', '!school.atTarget').replace('{ regionId, title,', '{ regionId: String(regionId), title,');

const BLOB = ts.factory.createTypeReferenceNode('Blob');

/** As strict as a careful integrator's own project, so that a loose type in the document shows up as an error here. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  skipLibCheck: true,
};

/** Each problem as `file:line:col`, the code it points at, and the compiler's message: enough to read a failure. */
function problemsOf(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const code = d.file.text.slice(d.start, d.start + (d.length ?? 0));
    return `${basename(d.file.fileName)}:${line + 1}:${character + 1} \`${code}\`: ${message}`;
  });
}

describe('a typed client generated from the OpenAPI description', () => {
  let dir: string;

  beforeAll(async () => {
    const t = await openTestApp('pglite');
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    await t.close();
    // Files are bytes to a client: `format: binary` becomes a Blob it can send and receive.
    const types = astToString(await openapiTS(spec, { transform: (schema) => (schema.format === 'binary' ? BLOB : undefined) }));
    dir = await mkdtemp(join(tmpdir(), 'typed-client-'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(dir, 'api.ts'), types);
  });
  afterAll(() => dir && rm(dir, { recursive: true, force: true }));

  async function compile(name: string, source: string): Promise<string[]> {
    await writeFile(join(dir, name), source);
    return problemsOf(ts.createProgram([join(dir, name)], COMPILER_OPTIONS));
  }

  it('compiles typical integration code: listing waves, reading participation, uploading the roster, creating a wave', async () => {
    expect(await compile('usage.ts', USAGE)).toEqual([]);
  });

  it('refuses the same code with a field the report lacks and a string where a wave needs an integer id', async () => {
    const problems = await compile('mistaken.ts', MISTAKEN);
    expect(problems).toEqual([
      expect.stringMatching(/`atTarget`: Property 'atTarget' does not exist on type/),
      expect.stringMatching(/`regionId`: Type 'string' is not assignable to type 'number'/),
    ]);
  });
});
