/** One row of a CSV file or worksheet: the line (row number) people see in their editor, and its cells as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}
