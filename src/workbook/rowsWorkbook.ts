/**
 * Reads through the port over a workbook held as plain rows: every sheet's values from A1 and where its tables
 * sit. The CLI's check, verify, report and retention read a file so (cli/workbookFile.ts) rather than building an
 * exceljs workbook, whose cell objects for a 100,000-record register and its audit log take gigabytes. Answers
 * exactly as the exceljs adapter does: tables through tableSnapshot, sheets as sheetValues gives them.
 */
import type { CellValue } from '../core/cells';
import { META_SHEET } from '../core/layout';
import { metaFromRows } from '../core/metadata';
import type { ReadRequest, ReadResult, WorkbookPort } from './port';
import { sheetPart, sheetReads, tableReads } from './reads';
import { tableSnapshot, type SheetGrid, type TableShape } from './tableSnapshot';

export interface RowsSheet {
  name: string;
  /** Values from A1; a row may be shorter than others or missing (empty). */
  rows: (CellValue[] | undefined)[];
  merges: string[];
}

export interface RowsTable extends TableShape {
  name: string;
  sheet: string;
}

const isEmpty = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/** A row without its empty end, as sheet reads return rows. */
function trimmed(row: CellValue[] | undefined): CellValue[] {
  if (!row) return [];
  let end = row.length;
  while (end > 0 && isEmpty(row[end - 1])) end--;
  let dense = end === row.length;
  for (let i = 0; dense && i < end; i++) dense = row[i] !== undefined;
  return dense ? row : Array.from({ length: end }, (_, i) => row[i] ?? null);
}

function grid(sheet: RowsSheet): SheetGrid {
  return {
    sheet: sheet.name,
    cells: (row, left, right) => {
      const values = sheet.rows[row - 1];
      const out = new Array<CellValue>(right - left + 1);
      for (let c = left; c <= right; c++) out[c - left] = values?.[c - 1] ?? null;
      return out;
    },
    lastRow: sheet.rows.length,
    merges: () => sheet.merges,
  };
}

export class RowsWorkbook implements Pick<WorkbookPort, 'read'> {
  private readonly sheets: Map<string, RowsSheet>;

  constructor(sheets: readonly RowsSheet[], private readonly tables: readonly RowsTable[]) {
    this.sheets = new Map(sheets.map((s) => [s.name, s]));
  }

  async read(request: ReadRequest): Promise<ReadResult> {
    const result: ReadResult = { meta: null, tables: {}, sheets: {} };
    if (request.meta) result.meta = metaFromRows(this.values(META_SHEET) ?? []);
    for (const read of tableReads(request)) {
      const table = this.tables.find((t) => t.name === read.table);
      const sheet = table && this.sheets.get(table.sheet);
      result.tables[read.key] = table && sheet ? tableSnapshot(grid(sheet), table.name, table, read) : null;
    }
    for (const read of sheetReads(request)) {
      const values = this.values(read.sheet);
      result.sheets[read.sheet] = values ? sheetPart(values, read) : null;
    }
    return result;
  }

  /** A sheet's rows from A1 to its last used row, each without its empty end; null when there is no such sheet. */
  private values(name: string): CellValue[][] | null {
    const sheet = this.sheets.get(name);
    if (!sheet) return null;
    let last = sheet.rows.length;
    while (last > 0 && trimmed(sheet.rows[last - 1]).length === 0) last--;
    const out: CellValue[][] = new Array(last);
    for (let r = 0; r < last; r++) out[r] = trimmed(sheet.rows[r]);
    return out;
  }
}
