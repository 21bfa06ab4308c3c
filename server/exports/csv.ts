import type { Cell, Column, Table } from './table.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Excel would run a cell that starts like a formula; a leading apostrophe keeps it text. */
function textCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(value: Cell, column?: Column): string {
  if (value === null) return '';
  if (typeof value === 'string') return textCell(value);
  // A Russian Excel reads "93,3" as a number; a percentage column holds the percent, not the fraction.
  const number = column?.format === 'percent' ? Math.round(value * 1000) / 10 : value;
  return String(number).replace('.', ',');
}

/** UTF-8 with a BOM, `;` between cells, CRLF lines: what Excel in a Russian locale opens by double-click. */
export function csvFile({ heading, columns, rows }: Table): Buffer {
  const lines = [
    ...(heading ? [...heading.map((pair) => pair.map(textCell).join(';')), ''] : []),
    columns.map((c) => textCell(c.format === 'percent' ? `${c.header}, %` : c.header)).join(';'),
    ...rows.map((row) => row.map((value, i) => cell(value, columns[i])).join(';')),
  ];
  return Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
