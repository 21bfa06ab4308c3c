/** A cell as an export holds it: text, a number, or nothing. */
export type Cell = string | number | null;

export interface Column {
  header: string;
  /** Width in Excel's character units. */
  width: number;
  /**
   * `percent`: the cells are fractions; Excel shows them as 0.0%, the CSV writes the percent itself.
   * `text`: Excel keeps what is typed as text, so a code like 007 keeps its zeros.
   */
  format?: 'percent' | 'text';
}

/** What every export is: label–value lines that say what it is, then a table with a header row. */
export interface Table {
  /** The first line is the title; the others name the wave, the moment, the target… */
  heading?: Array<[string, string]>;
  columns: Column[];
  rows: Cell[][];
}
