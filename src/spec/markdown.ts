/**
 * A deliberately small Markdown reader: process documents use headings, paragraphs, `-` lists and pipe tables,
 * and every block keeps its 1-based line number so that errors can point at it.
 */

export interface TableCell {
  text: string;
  /** 1-based column of the cell's first character in the raw line. */
  column: number;
}
export interface TableRow {
  line: number;
  cells: TableCell[];
}
export interface Table {
  line: number;
  header: TableRow;
  rows: TableRow[];
  /** Set when the separator row (| --- |) is missing. */
  missingSeparator: boolean;
}
export interface Section {
  /** Heading text without the hashes and without a leading "N." number. */
  title: string;
  level: number;
  line: number;
  /** Raw lines of the section body (up to the next heading of level ≤ 2). */
  body: { line: number; text: string }[];
}
export interface MarkdownDoc {
  title: { text: string; line: number } | null;
  /** Lines between the title and the first ## heading. */
  preamble: { line: number; text: string }[];
  sections: Section[];
}

const MAX_LINE_COUNT = 200_000;

/** Splits on LF, CRLF or CR; strips a BOM; never throws. */
export function splitLines(source: string): string[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = text.split(/\r\n|\r|\n/);
  return lines.length > MAX_LINE_COUNT ? lines.slice(0, MAX_LINE_COUNT) : lines;
}

/** Full-width forms that people type in Chinese input methods, folded for structural parsing only. */
export function foldWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[≧]/g, '≥')
    .replace(/[≦]/g, '≤');
}

const HEADING = /^(#{1,6})\s*(.*?)\s*#*\s*$/;

export function parseMarkdown(source: string): MarkdownDoc {
  const lines = splitLines(source);
  const doc: MarkdownDoc = { title: null, preamble: [], sections: [] };
  let current: Section | null = null;
  let inFence = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const folded = foldWidth(raw);
    if (/^\s*```/.test(folded)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(folded);
    if (heading && heading[1].length <= 2) {
      const level = heading[1].length;
      const title = heading[2].replace(/^\d+\s*[.、)]\s*/, '').trim();
      if (level === 1 && doc.title === null && doc.sections.length === 0) {
        doc.title = { text: title, line };
        return;
      }
      current = { title, level, line, body: [] };
      doc.sections.push(current);
      return;
    }
    if (current) current.body.push({ line, text: raw });
    else if (doc.title) doc.preamble.push({ line, text: raw });
    else if (raw.trim() !== '') doc.preamble.push({ line, text: raw });
  });
  return doc;
}

function isTableLine(text: string): boolean {
  const t = foldWidth(text).trim();
  return t.startsWith('|');
}

function splitRow(raw: string, line: number): TableRow {
  const cells: TableCell[] = [];
  const folded = foldWidth(raw);
  let start = folded.indexOf('|');
  if (start < 0) return { line, cells };
  let i = start + 1;
  let cellStart = i;
  let buf = '';
  while (i <= folded.length) {
    const ch = folded[i];
    if (ch === '\\' && folded[i + 1] === '|') {
      buf += '|';
      i += 2;
      continue;
    }
    if (ch === '|' || i === folded.length) {
      const leading = buf.length - buf.trimStart().length;
      cells.push({ text: buf.trim(), column: cellStart + leading + 1 });
      buf = '';
      cellStart = i + 1;
      i++;
      continue;
    }
    buf += ch;
    i++;
  }
  // A trailing pipe leaves one empty cell behind it.
  if (cells.length > 0 && cells[cells.length - 1].text === '' && /\|\s*$/.test(folded)) cells.pop();
  return { line, cells };
}

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Finds the pipe tables in a body, in order. */
export function readTables(body: { line: number; text: string }[]): Table[] {
  const tables: Table[] = [];
  let i = 0;
  while (i < body.length) {
    if (!isTableLine(body[i].text)) {
      i++;
      continue;
    }
    const header = splitRow(body[i].text, body[i].line);
    const table: Table = { line: body[i].line, header, rows: [], missingSeparator: true };
    i++;
    if (i < body.length && SEPARATOR.test(foldWidth(body[i].text))) {
      table.missingSeparator = false;
      i++;
    }
    while (i < body.length && isTableLine(body[i].text)) {
      table.rows.push(splitRow(body[i].text, body[i].line));
      i++;
    }
    tables.push(table);
  }
  return tables;
}

/** Body text with leading/trailing blank lines removed, as the document shows it. */
export function bodyText(body: { line: number; text: string }[]): string {
  const lines = body.map((b) => b.text.replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** Non-blank lines of a body, e.g. list items. */
export function nonBlank(body: { line: number; text: string }[]): { line: number; text: string }[] {
  return body.filter((b) => b.text.trim() !== '');
}
