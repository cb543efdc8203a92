/**
 * Rows of plain values written into a worksheet part that exceljs has written: text as shared strings added to the
 * end of exceljs's shared strings part, numbers and booleans in the cell (ECMA-376 Part 1, §18.3.1.4 c,
 * §18.3.1.73 row, §18.4.9 sst), after the part's last row, with the part's dimension widened to cover them. Text is
 * escaped as exceljs escapes it (the control characters XML 1.0 cannot hold are dropped, as exceljs drops them), so
 * a saved value reads back as an exceljs cell's would. Shared, as exceljs writes text: a log repeats its register
 * ids, actions, people and times on every row, and readers parse each shared string once.
 */
import type { CellValue } from '../../core/cells';
import { columnName, decodeRect } from '../../core/a1';
import { xmlEscape } from './opc';

/** The characters XML 1.0 cannot hold, which exceljs drops from text (tab, line feed and carriage return stay). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const escapeText = (text: string) => xmlEscape(text.replace(CONTROL, ''));

/** Text added after the shared strings exceljs wrote: each distinct text once, numbered on from theirs. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  /** Cells that refer to a shared string (the part's count attribute). */
  references = 0;

  constructor(private readonly first: number) {}

  indexOf(text: string): number {
    this.references++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.first + this.added.length;
      this.index.set(text, i);
      this.added.push(text);
    }
    return i;
  }

  /** The shared strings part with the added text; null when it is not one exceljs wrote (no sst with its counts). */
  appendTo(part: string): string | null {
    const open = /<sst\b[^>]*>/.exec(part);
    const close = part.lastIndexOf('</sst>');
    if (!open || close < 0 || startOf(part) !== this.first) return null;
    if (!this.added.length) return part;
    const tag = open[0]
      .replace(/\buniqueCount="\d+"/, `uniqueCount="${this.first + this.added.length}"`)
      .replace(/\bcount="(\d+)"/, (_m, n: string) => `count="${Number(n) + this.references}"`);
    const items = this.added.map((text) => `<si><t xml:space="preserve">${escapeText(text)}</t></si>`).join('');
    return part.slice(0, open.index) + tag + part.slice(open.index + open[0].length, close) + items + part.slice(close);
  }
}

/** The index the next shared string gets in an exceljs shared strings part (its uniqueCount); null when it has none. */
export function startOf(part: string): number | null {
  const found = /<sst\b[^>]*\buniqueCount="(\d+)"/.exec(part);
  return found ? Number(found[1]) : null;
}

function cellXml(ref: string, value: CellValue, strings: SharedStrings): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="s"><v>${strings.indexOf(String(value))}</v></c>`;
}

/** The rows' XML from sheet row firstRow on, and the widest row's column count. */
export function rowsXml(firstRow: number, rows: CellValue[][], strings: SharedStrings): { xml: string; columns: number } {
  const letters: string[] = [];
  const parts: string[] = [];
  let columns = 0;
  rows.forEach((values, i) => {
    const r = firstRow + i;
    let row = '';
    for (let j = 0; j < values.length; j++) {
      const value = values[j];
      if (value === null || value === undefined) continue;
      row += cellXml((letters[j] ??= columnName(j + 1)) + r, value, strings);
      if (j + 1 > columns) columns = j + 1;
    }
    if (row) parts.push(`<row r="${r}">${row}</row>`);
  });
  return { xml: parts.join(''), columns };
}

/** The right-hand column of a dimension reference ("A1:I4" → 9); 1 when it cannot be read. */
function rightColumn(ref: string): number {
  try {
    return decodeRect(ref).right;
  } catch {
    return 1;
  }
}

/**
 * The worksheet part with the rows after its sheet data; null when the part has no sheetData element to hold them
 * (the caller then lets exceljs write the rows itself).
 */
export function withRowsAppended(part: string, firstRow: number, rows: CellValue[][], strings: SharedStrings): string | null {
  const hasData = part.includes('</sheetData>');
  if (!hasData && !/<sheetData\s*\/>/.test(part)) return null;
  const { xml, columns } = rowsXml(firstRow, rows, strings);
  if (!xml) return part;
  const close = part.indexOf('</sheetData>');
  const out = hasData ? part.slice(0, close) + xml + part.slice(close) : part.replace(/<sheetData\s*\/>/, `<sheetData>${xml}</sheetData>`);
  const lastRow = firstRow + rows.length - 1;
  return out.replace(/<dimension\s+ref="([^"]*)"\s*\/>/, (_tag, ref: string) => `<dimension ref="A1:${columnName(Math.max(columns, rightColumn(ref)))}${lastRow}"/>`);
}
