/**
 * Rows of plain values written into a worksheet part that exceljs has written: inline strings, numbers and
 * booleans as SpreadsheetML has them (ECMA-376 Part 1, §18.3.1.4 c, §18.3.1.73 row), after the part's last row,
 * with the part's dimension widened to cover them. Text is escaped as exceljs escapes it (the control characters
 * XML 1.0 cannot hold are dropped, as exceljs drops them), so a saved value reads back as exceljs would have kept it.
 */
import type { CellValue } from '../../core/cells';
import { columnName } from '../../core/a1';

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => ESCAPES[c] ?? '');
}

function cellXml(ref: string, value: CellValue, emptyText: number | null): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  // An empty inline string reads back as no value; exceljs keeps empty text as a shared string.
  if (value === '' && emptyText !== null) return `<c r="${ref}" t="s"><v>${emptyText}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeText(String(value))}</t></is></c>`;
}

/** The rows' XML from sheet row firstRow on, and the widest row's column count; emptyText is the shared string index of "". */
export function rowsXml(firstRow: number, rows: CellValue[][], emptyText: number | null = null): { xml: string; columns: number } {
  const letters: string[] = [];
  const parts: string[] = [];
  let columns = 0;
  rows.forEach((values, i) => {
    const r = firstRow + i;
    let row = '';
    for (let j = 0; j < values.length; j++) {
      const value = values[j];
      if (value === null || value === undefined) continue;
      row += cellXml((letters[j] ??= columnName(j + 1)) + r, value, emptyText);
      if (j + 1 > columns) columns = j + 1;
    }
    if (row) parts.push(`<row r="${r}">${row}</row>`);
  });
  return { xml: parts.join(''), columns };
}

const COLUMN_OF = /^\$?([A-Z]+)/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/**
 * The worksheet part with the rows after its sheet data; null when the part has no sheetData element to hold them
 * (the caller then lets exceljs write the rows itself).
 */
export function withRowsAppended(part: string, firstRow: number, rows: CellValue[][], emptyText: number | null = null): string | null {
  const { xml, columns } = rowsXml(firstRow, rows, emptyText);
  if (!xml) return part;
  let out: string;
  const close = part.indexOf('</sheetData>');
  if (close >= 0) out = part.slice(0, close) + xml + part.slice(close);
  else {
    if (!/<sheetData\s*\/>/.test(part)) return null;
    out = part.replace(/<sheetData\s*\/>/, `<sheetData>${xml}</sheetData>`);
  }
  const lastRow = firstRow + rows.length - 1;
  return out.replace(/<dimension\s+ref="([^"]*)"\s*\/>/, (_tag, ref: string) => {
    const right = ref.split(':').pop() ?? '';
    const width = Math.max(columns, COLUMN_OF.test(right) ? columnNumber(COLUMN_OF.exec(right)![1]) : 1);
    return `<dimension ref="A1:${columnName(width)}${lastRow}"/>`;
  });
}

/** Whether any of the rows holds empty text (which needs a shared string, see cellXml). */
export const holdsEmptyText = (rows: CellValue[][]): boolean => rows.some((row) => row.includes(''));

/**
 * The shared strings part with an empty string, and its index; null when the part is not one exceljs wrote
 * (no sst element with a uniqueCount to keep right).
 */
export function withEmptySharedString(part: string): { part: string; index: number } | null {
  const open = /<sst\b[^>]*\buniqueCount="(\d+)"[^>]*>/.exec(part);
  const close = part.lastIndexOf('</sst>');
  if (!open || close < 0) return null;
  const index = Number(open[1]);
  const tag = open[0].replace(/\buniqueCount="\d+"/, `uniqueCount="${index + 1}"`).replace(/\bcount="(\d+)"/, (_m, n: string) => `count="${Number(n) + 1}"`);
  return { part: part.slice(0, open.index) + tag + part.slice(open.index + open[0].length, close) + '<si><t></t></si>' + part.slice(close), index };
}
