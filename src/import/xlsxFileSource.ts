/**
 * Every sheet of an .xlsx file on disk as source sheets for import, read with exceljs's streaming reader: the same
 * cell values as a full load (styles are read, so dated cells are dates) without building the workbook model of a
 * 100,000-row ledger, which takes nearly twice as long and keeps hundreds of MB alive while the import plans.
 * Sheet states and merged ranges come from the workbook and sheet parts, found through their relationships.
 * Node only (the standalone page reads its File with xlsxSource).
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/cells';
import type { SourceSheet } from '../core/import/prepare';
import { decodeRange, plainValue } from '../workbook/exceljs/adapter';
import { mergedRangesOf, readSheetParts } from '../workbook/exceljs/ledgerStream';
import '../workbook/exceljs/nodeStreamReadFix';
import { ZipDirectory } from '../workbook/exceljs/zipDirectory';
import { dateStyles, plainSharedStrings, plainSheetRows } from './plainSheetXml';

export interface XlsxSheet extends SourceSheet {
  /** visible, hidden or veryHidden */
  state: string;
}

const isEmpty = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/** A row's cells from column A, trailing empty cells dropped, as sheetValues gives them. */
function rowCells(values: ExcelJS.CellValue[]): CellValue[] {
  const cells: CellValue[] = [];
  for (let c = 1; c < values.length; c++) cells.push(plainValue(values[c]));
  while (cells.length && isEmpty(cells[cells.length - 1])) cells.pop();
  return cells;
}

/** Every cell of a merged range holds the range's value, as exceljs's full load gives it; trailing blanks dropped. */
function withMergedValues(sparse: CellValue[][], merges: string[]): CellValue[][] {
  const rows = Array.from(sparse, (r) => r ?? []);
  for (const ref of merges) {
    const m = decodeRange(ref);
    const value = rows[m.top - 1]?.[m.left - 1] ?? null;
    if (isEmpty(value)) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      const row = (rows[r - 1] ??= []);
      for (let c = row.length; c < m.right; c++) row.push(null);
      for (let c = m.left; c <= m.right; c++) row[c - 1] = value;
    }
  }
  for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/**
 * The sheets in tab order. Throws on anything it cannot stream (not a zip, a worksheet part at a name the
 * streaming reader does not look for, inline rich text): the caller then loads the file whole, which reads it or says what is wrong.
 */
export async function readXlsxSheets(file: string): Promise<XlsxSheet[]> {
  const zip = await ZipDirectory.open(file);
  const parts = new Map<string, { state: string; merges: string[] }>();
  const plain: XlsxSheet[] = [];
  try {
    // The plain reader's shared strings and styles are where exceljs's streaming reader looks for them.
    const strings = await zip.text('xl/sharedStrings.xml').then((xml) => (xml === null ? null : plainSharedStrings(xml)));
    const dates = await zip.text('xl/styles.xml').then((xml) => (xml === null ? null : dateStyles(xml)));
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\sdate1904="(?:1|true)"/.test((await zip.text('xl/workbook.xml')) ?? '');
    let allPlain = !date1904;
    for (const part of await readSheetParts(zip)) {
      if (part.path.includes('/chartsheets/')) continue;
      // exceljs's streaming reader finds worksheets only at xl/worksheets/sheetN.xml.
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(part.path)) throw new Error(`worksheet part ${part.path}`);
      const xml = (await zip.text(part.path)) ?? '';
      // It also keeps only the last run of an inline rich string (<is><r>…</r><r>…</r></is>).
      if (/<is>\s*<r[\s>]/.test(xml)) throw new Error(`inline rich text in ${part.path}`);
      const merges = mergedRangesOf(xml);
      parts.set(part.name, { state: part.state, merges });
      const rows = allPlain ? plainSheetRows(xml, strings, dates) : null;
      if (rows) plain.push({ name: part.name, rows: withMergedValues(rows, merges), merges, state: part.state });
      else allPlain = false;
    }
    if (allPlain) return plain;
  } finally {
    await zip.close();
  }
  const sheets: XlsxSheet[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name?: string }).name ?? '';
    const part = parts.get(name);
    if (!part) throw new Error(`worksheet ${name} is not in xl/workbook.xml`);
    const rows: CellValue[][] = [];
    for await (const row of worksheet) rows[row.number - 1] = rowCells(row.values as ExcelJS.CellValue[]);
    sheets.push({ name, rows: withMergedValues(rows, part.merges), merges: part.merges, state: part.state });
  }
  if (sheets.length !== parts.size) throw new Error('a worksheet was not streamed');
  // The reader emits sheets in the zip's order; users know them in tab order.
  const order = [...parts.keys()];
  return sheets.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}
