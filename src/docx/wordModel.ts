/**
 * What Taizhang reads from a Word document: the body as paragraphs and tables, in order, with just enough
 * formatting (heading level, list, bold, merged cells, header rows) to recover the process document's structure.
 * Tracked changes are already accepted here; the ones seen are listed so that the reader can warn about them.
 */

export interface TrackedChange {
  kind: 'insert' | 'delete';
  text: string;
  author: string;
}

export interface WordParagraph {
  kind: 'paragraph';
  /** Text as shown once every tracked change is accepted; line breaks (Shift+Enter) are "\n". */
  text: string;
  /** 'title' for the Title style, 1–9 for headings (style or outline level), null for body text. */
  heading: 'title' | number | null;
  /** Set when Word numbers or bullets the paragraph (numbering.xml): its format decides how it reads. */
  list: 'bullet' | 'number' | null;
  /** Every run that has text is bold: a hand-made heading. */
  bold: boolean;
  changes: TrackedChange[];
}

export interface WordCell {
  text: string;
  /** Grid columns the cell spans (w:gridSpan). */
  span: number;
  /** Vertical merge (w:vMerge): a 'continue' cell shows the text of the 'restart' cell above it. */
  vMerge: 'restart' | 'continue' | null;
  changes: TrackedChange[];
}

export interface WordRow {
  cells: WordCell[];
  /** Marked "repeat as header row" (w:tblHeader). */
  header: boolean;
  /** Empty grid columns before the first cell (w:gridBefore). */
  gridBefore: number;
}

export interface WordTable {
  kind: 'table';
  rows: WordRow[];
}

export type WordBlock = WordParagraph | WordTable;

export interface WordDocument {
  blocks: WordBlock[];
}
