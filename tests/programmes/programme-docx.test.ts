import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeDisplayFilename, programmeDocx, programmeFilename } from '../../server/programmes/programme-docx.js';
import type { Measure, Programme } from '../../server/programmes/programmes.schemas.js';

const run = promisify(execFile);

const measure = (id: number, fields: Partial<Measure>): Measure => ({
  id,
  action: `Мероприятие ${id}`,
  deadline: '2027-05-31',
  responsible: 'Заместитель директора по УВР',
  expectedResult: 'Доля учащихся с низкой мотивацией снизится',
  target: { kind: 'factor', id: 'R3' },
  targetTitle: 'Фактор R3. Низкая учебная мотивация',
  status: 'planned',
  overdue: false,
  statusComment: '',
  evidence: [],
  ...fields,
});

const programme: Programme = {
  id: 7,
  waveId: 3,
  waveTitle: 'Весна 2027',
  school: { id: 11, code: 'SCH-0042', name: 'МБОУ «Берёзовская СОШ № 1»', municipality: 'Берёзовский район', region: 'Приморский край' },
  factor: { id: 'R3', title: 'Низкая учебная мотивация обучающихся' },
  state: 'returned',
  version: 4,
  goal: 'Повысить учебную мотивацию обучающихся 5–9 классов.',
  tasks: ['Выявить обучающихся с низкой мотивацией', 'Вовлечь родителей в учебную жизнь школы'],
  measures: [
    measure(1, { action: 'Провести диагностику учебной мотивации', deadline: '2027-02-15', status: 'in_progress', overdue: true }),
    measure(2, { action: 'Организовать родительский всеобуч', deadline: '2027-04-01', status: 'done' }),
    measure(3, { action: 'Запустить проектную деятельность в 7 классах', deadline: '2027-06-30' }),
  ],
  remarks: [],
  history: [
    { action: 'created', at: '2027-01-10T03:00:00.000Z', by: 'Иванова А. П.', comment: null },
    { action: 'submitted', at: '2027-01-20T04:30:00.000Z', by: 'Иванова А. П.', comment: null },
    { action: 'returned', at: '2027-01-25T06:15:00.000Z', by: 'Петров С. И.', comment: 'Уточните сроки' },
  ],
  period: { from: '2027-02-15', to: '2027-06-30' },
  actions: { edit: true, submit: true, review: false, remark: false, answerRemarks: true, updateMeasures: false },
  targets: [],
};

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'programme-docx-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The parts of a DOCX by name, read back with the system's unzip: the test trusts no code of the writer's. */
async function parts(docx: Buffer): Promise<Map<string, string>> {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.docx`);
  await writeFile(file, docx);
  const names = (await run('unzip', ['-Z1', file])).stdout.split('\n').filter(Boolean);
  // unzip reads a name as a wildcard pattern: `[[]` is the class that matches a literal `[` ([Content_Types].xml).
  const pattern = (name: string) => name.replace(/\[/g, '[[]');
  const contents = await Promise.all(names.map(async (name) => (await run('unzip', ['-p', file, pattern(name)], { maxBuffer: 1 << 26 })).stdout));
  return new Map(names.map((name, i) => [name, contents[i]!]));
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]!);

/** The text of each match of `element` (paragraphs, rows), its runs joined as Word shows them. */
function texts(xml: string, element: 'w:p' | 'w:tr'): string[] {
  return [...xml.matchAll(new RegExp(`<${element}[ >][\\s\\S]*?</${element}>`, 'g'))].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join(''),
  );
}

/** Well-formed XML: every tag closed in order, every `&` an entity, no `<` or `>` loose in text. */
function expectWellFormed(xml: string) {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  for (const [, closing, name, , selfClosing] of body.matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(stack).toEqual([]);
  const text = body.replace(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g, '');
  expect(text).not.toMatch(/[<>]/);
  expect(text).not.toMatch(/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
}

describe(programmeDocx.name, () => {
  it('writes the school, the factor, the tasks, each measure with its date and status, and the approval', async () => {
    const docx = await parts(await programmeDocx(programme, new Date('2027-03-01T09:00:00Z'), 'Asia/Vladivostok'));
    expect(docx.has('[Content_Types].xml')).toBe(true);
    const xml = docx.get('word/document.xml')!;
    expectWellFormed(xml);
    const lines = texts(xml, 'w:p');

    expect(lines).toContain('МБОУ «Берёзовская СОШ № 1»');
    expect(lines).toContain('Берёзовский район, Приморский край');
    expect(lines).toContain('УТВЕРЖДАЮ');
    expect(lines).toContain('АНТИРИСКОВАЯ ПРОГРАММА');
    expect(lines).toContain('по направлению «Низкая учебная мотивация обучающихся»');
    expect(lines).toContain('Период реализации: 15.02.2027 — 30.06.2027');
    expect(lines).toContain('Основание: результаты анкетирования «Весна 2027»');
    expect(lines).toEqual(expect.arrayContaining(programme.tasks));
    expect(xml).toContain('<w:numPr>');

    const rows = texts(xml, 'w:tr');
    const measureRows = rows.filter((r) => /^\d/.test(r) && r.includes('Фактор R3'));
    expect(measureRows).toHaveLength(3);
    expect(measureRows[0]).toMatch(/^1Провести диагностику учебной мотивации15\.02\.2027.*Выполняется \(просрочено\)$/);
    expect(measureRows[1]).toMatch(/^2Организовать родительский всеобуч01\.04\.2027.*Выполнено$/);
    expect(measureRows[2]).toMatch(/^3Запустить проектную деятельность в 7 классах30\.06\.2027.*Запланировано$/);
    expect(xml.match(/просрочено/g)).toHaveLength(1);
    expect(xml).toContain('<w:tblHeader/>');

    expect(lines).toContain('Состояние: Возвращена на доработку');
    // Times in the region's zone: 06:15 UTC is 16:15 in Vladivostok.
    expect(rows).toContain('25.01.2027, 16:15Возвращена на доработкуУточните срокиПетров С. И.');
    expect(rows).toContain('10.01.2027, 13:00СозданаИванова А. П.');
  });

  it('numbers the pages in the footer and says when the file was made', async () => {
    const docx = await parts(await programmeDocx(programme, new Date('2027-03-01T09:00:00Z')));
    const footers = [...docx].filter(([name]) => /^word\/footer\d*\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers).toHaveLength(1);
    const footer = footers[0]!;
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(texts(footer, 'w:p')).toContain('Стр.  из ');
    expect(texts(footer, 'w:p').join('\n')).toMatch(/Сформировано: 01\.03\.2027, 12:00 \(Москва/);
  });

  it('escapes markup a school typed, keeps its line breaks, and writes no character XML cannot hold', async () => {
    const hostile: Programme = {
      ...programme,
      goal: 'Строка 1\nСтрока 2\u0001',
      measures: [measure(1, { action: '<script>alert("x")</script> & "кавычки"', responsible: 'A & B <b>' })],
    };
    const xml = (await parts(await programmeDocx(hostile, new Date())))!.get('word/document.xml')!;
    expectWellFormed(xml);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('\u0001');
    const rows = texts(xml, 'w:tr');
    expect(rows.some((r) => r.includes('<script>alert("x")</script> & "кавычки"') && r.includes('A & B <b>'))).toBe(true);
    expect(texts(xml, 'w:p')).toEqual(expect.arrayContaining(['Строка 1', 'Строка 2']));
  });

  it('leaves out the period without measures, and says there are none', async () => {
    const empty: Programme = { ...programme, state: 'draft', goal: '', tasks: [], measures: [], history: [], period: null };
    const lines = texts((await parts(await programmeDocx(empty, new Date()))).get('word/document.xml')!, 'w:p');
    expect(lines.some((l) => l.startsWith('Период реализации'))).toBe(false);
    expect(lines).toContain('Мероприятия не запланированы.');
    expect(lines).toContain('Состояние: Черновик');
  });
});

describe('programme file names', () => {
  it('gives an ASCII name with no path or quoting characters, and a Russian one to show', () => {
    expect(programmeFilename(programme)).toBe('programme-SCH-0042-R3.docx');
    const odd = {
      ...programme,
      school: { ...programme.school, code: '../Школа "7"/x', name: 'МБОУ "СОШ" 1/2' },
      factor: { ...programme.factor, id: 'R3\\..' },
    };
    expect(programmeFilename(odd)).toMatch(/^programme-[A-Za-z0-9_-]+-[A-Za-z0-9_-]+\.docx$/);
    expect(programmeDisplayFilename(programme)).toBe('Антирисковая программа — МБОУ «Берёзовская СОШ № 1» — R3.docx');
    expect(programmeDisplayFilename(odd)).not.toMatch(/[/\\"]/);
    const cyrillic = { ...programme, school: { ...programme.school, code: 'Школа' } };
    expect(programmeFilename(cyrillic)).toBe('programme-11-R3.docx');
  });
});
