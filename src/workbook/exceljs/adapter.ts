/**
 * WorkbookPort over an exceljs Workbook held in memory (Node CLI, standalone page in the browser).
 * Values are exchanged as plain cells: dates as Excel serial numbers, text always stored as text.
 */
import type ExcelJS from 'exceljs';
import type { CellValue } from '../../core/cells';
import { metaFromRows } from '../../core/metadata';
import { AUDIT_SHEET, META_SHEET } from '../../core/layout';
import { IMPORT_LOG_SHEET } from '../../core/import/importLog';
import type { CellCopy, ReadRequest, ReadResult, SetupRequest, TableRead, TableSnapshot, WorkbookPort, WriteBatch, WriteResult } from '../port';
import { StructureGuardError, WriteShapeError, assertStructure, columnGone } from '../guard';
import { isBlankRow, sheetPart, sheetReads, tableReads } from '../reads';
import { tableSnapshot, type SheetGrid } from '../tableSnapshot';
import { addRegisters } from './setup';
import { applySheetStyle } from './sheetStyle';
import { followTableBody } from './bodyFormats';
import { appendPendingRows, pendingRowsOf } from './pendingRows';
import { decodeAddress, decodeRect, encodeAddress, type Rect } from '../../core/a1';

const MS_PER_DAY = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

export { decodeAddress, encodeAddress };
/** "A1:C9" as a rectangle (the table refs exceljs keeps). */
export const decodeRange = (ref: string): Rect => decodeRect(ref);

/** exceljs cell value → plain cell value. */
export function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return (value.getTime() - EPOCH_MS) / MS_PER_DAY;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (result instanceof Date) return (result.getTime() - EPOCH_MS) / MS_PER_DAY;
      if (typeof result === 'object') return 'error' in result ? String(result.error) : null;
      return result as CellValue;
    }
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

interface TableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  autoFilterRef?: string;
  columns: { name: string }[];
  headerRow?: boolean;
  totalsRow?: boolean;
}

function findTable(wb: ExcelJS.Workbook, name: string): { ws: ExcelJS.Worksheet; model: TableModel } | null {
  for (const ws of wb.worksheets) {
    const table = (ws as unknown as { tables: Record<string, { model: TableModel }> }).tables?.[name];
    if (table) return { ws, model: table.model };
  }
  return null;
}

function tableRange(model: TableModel) {
  return decodeRange(model.tableRef ?? model.ref ?? 'A1');
}

export function mergedRanges(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges: Record<string, { range: string } | { model: { top: number; left: number; bottom: number; right: number } }> })._merges ?? {};
  return Object.values(merges).map((m) => {
    const model = (m as { model: { top: number; left: number; bottom: number; right: number } }).model;
    return `${encodeAddress(model.top, model.left)}:${encodeAddress(model.bottom, model.right)}`;
  });
}

function rowValues(ws: ExcelJS.Worksheet, row: number, left: number, right: number): CellValue[] {
  const r = ws.getRow(row);
  const out: CellValue[] = [];
  for (let c = left; c <= right; c++) out.push(plainValue(r.getCell(c).value));
  return out;
}

/** A table as it is now, whole or the part `read` asks for (columns not asked for are null). */
export function snapshotTable(wb: ExcelJS.Workbook, name: string, read?: Omit<TableRead, 'table'>): TableSnapshot | null {
  const found = findTable(wb, name);
  if (!found) return null;
  const { ws, model } = found;
  const grid: SheetGrid = { sheet: ws.name, cells: (row, left, right) => rowValues(ws, row, left, right), lastRow: ws.rowCount, merges: () => mergedRanges(ws) };
  return tableSnapshot(grid, name, { ...tableRange(model), totalsRow: !!model.totalsRow }, read);
}

/** A row's cells without the empty ones at its end. */
function trimmed(row: CellValue[]): CellValue[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === null || row[end - 1] === '')) end--;
  return end === row.length ? row : row.slice(0, end);
}

/**
 * A sheet's values from A1 to its last used row, each row without its empty end; only the last `lastRows` of
 * them when asked (the audit log's tail: an action on a register of 100,000 records reads one entry, not 400,000).
 */
export function sheetValues(ws: ExcelJS.Worksheet, lastRows?: number): CellValue[][] {
  const last = lastUsedRow(ws);
  const first = lastRows === undefined ? 1 : Math.max(1, last - lastRows + 1);
  const out: CellValue[][] = [];
  for (let r = first; r <= last; r++) out.push(usedValues(ws, r));
  return out;
}

/** A row's values up to its last cell with one ([] for a row that is not there); never creates the row. */
function usedValues(ws: ExcelJS.Worksheet, r: number): CellValue[] {
  const pending = pendingRowsOf(ws);
  if (pending && r >= pending.firstRow) return trimmed(pending.rows[r - pending.firstRow] ?? []);
  const row = ws.findRow(r);
  return row ? trimmed(rowValues(ws, r, 1, Math.max(1, row.cellCount))) : [];
}

/** The last row with a value, found from the bottom (a sheet's column count would visit every row). */
function lastUsedRow(ws: ExcelJS.Worksheet): number {
  const pending = pendingRowsOf(ws);
  for (let r = pending ? pending.firstRow + pending.rows.length - 1 : ws.rowCount; r >= 1; r--) if (usedValues(ws, r).length) return r;
  return 0;
}

/** The append-only log sheets, whose appended rows wait as values until the workbook is saved (pendingRows.ts). */
const LOG_SHEETS: ReadonlySet<string> = new Set([AUDIT_SHEET, IMPORT_LOG_SHEET]);

function setCell(ws: ExcelJS.Worksheet, row: number, col: number, value: CellValue, styleFrom?: ExcelJS.Cell): void {
  setRowCell(ws, ws.getRow(row), col, value, styleFrom);
}

function setRowCell(ws: ExcelJS.Worksheet, row: ExcelJS.Row, col: number, value: CellValue, styleFrom?: ExcelJS.Cell): void {
  const cell = row.getCell(col);
  // The template's empty first body row was created before the column formats: take the column's then,
  // or the first record's dates show as serial numbers (and its long text does not wrap).
  const numFmt = styleFrom?.numFmt || ws.getColumn(col).numFmt;
  if (numFmt && !cell.numFmt) cell.numFmt = numFmt;
  const alignment = styleFrom?.alignment || (styleFrom ? ws.getColumn(col).alignment : undefined);
  if (alignment && !cell.alignment) cell.alignment = alignment;
  // A string is always written as a string cell: text starting with = + - @ stays text, never a formula.
  cell.value = value;
  shareStyle(ws.getColumn(col), cell);
}

const STYLE_PARTS = ['numFmt', 'font', 'alignment', 'border', 'fill', 'protection'] as const;
const sharedStyles = new WeakMap<ExcelJS.Column, Map<ExcelJS.ValueType, Partial<ExcelJS.Style>[]>>();

/**
 * Cells styled alike share one style object, as exceljs's own reader shares them: when saving, exceljs renders a
 * style to XML to find its id once per style object, so an appended cell with its own copy cost that rendering
 * (45 of the 90 seconds of importing 100,000 rows from the CLI). Shared per column and value type, because exceljs
 * also takes the default number format of a style without one from the type of the first cell it meets.
 */
function shareStyle(column: ExcelJS.Column, cell: ExcelJS.Cell): void {
  let byType = sharedStyles.get(column);
  if (!byType) sharedStyles.set(column, (byType = new Map()));
  let known = byType.get(cell.type);
  if (!known) byType.set(cell.type, (known = []));
  const own = cell.style;
  const same = known.find((style) => STYLE_PARTS.every((part) => style[part] === own[part]) && Object.keys(style).length === Object.keys(own).length);
  if (same) cell.style = same;
  else if (known.length < 16) known.push(own);
}

export class ExcelJsWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  async read(request: ReadRequest): Promise<ReadResult> {
    const result: ReadResult = { meta: null, tables: {}, sheets: {} };
    if (request.meta) {
      const ws = this.workbook.getWorksheet(META_SHEET);
      result.meta = ws
        ? metaFromRows(sheetValues(ws))
        : metaFromRows([]);
    }
    for (const read of tableReads(request)) result.tables[read.key] = snapshotTable(this.workbook, read.table, read);
    for (const read of sheetReads(request)) {
      const ws = this.workbook.getWorksheet(read.sheet);
      result.sheets[read.sheet] = ws ? sheetPart(sheetValues(ws, read.lastRows), read) : null;
    }
    return result;
  }

  /** Everything that could make the batch fail is checked before the first cell changes: a refused write changes nothing. */
  private precheck(batch: WriteBatch): void {
    assertStructure(batch.expectHeaders, (table) => snapshotTable(this.workbook, table));
    const width = (table: string) => {
      const found = findTable(this.workbook, table);
      if (!found) throw new WriteShapeError(`Table ${table} not found`);
      const range = tableRange(found.model);
      return { columns: range.right - range.left + 1, rows: range.bottom - range.top - (found.model.totalsRow ? 1 : 0) };
    };
    for (const u of batch.updates ?? []) {
      const t = width(u.table);
      if (u.row < 0 || u.row >= t.rows || u.column < 0 || u.column >= t.columns)
        throw new WriteShapeError(`Update of ${u.table} row ${u.row} column ${u.column} is outside the table (${t.rows} × ${t.columns})`);
    }
    for (const a of batch.appends ?? []) {
      const t = width(a.table);
      const bad = a.rows.findIndex((r) => r.length !== t.columns);
      if (bad >= 0) throw new WriteShapeError(`Row ${bad} appended to ${a.table} has ${a.rows[bad].length} cells, the table has ${t.columns} columns`);
    }
    for (const a of [...(batch.sheetAppends ?? []), ...(batch.rangeWrites ?? [])])
      if (!this.workbook.getWorksheet(a.sheet)) throw new WriteShapeError(`Sheet ${a.sheet} not found`);
    for (const copy of (batch.sheetWrites ?? []).flatMap((w) => w.copies ?? [])) {
      const t = width(copy.table);
      // A column renamed or deleted since the read is the structure guard's business, as in Excel.
      if (!this.copySource(copy)) throw new StructureGuardError([columnGone(findTable(this.workbook, copy.table)!.ws.name)]);
      if (copy.row < 0 || copy.row >= t.rows) throw new WriteShapeError(`Copy from ${copy.table} row ${copy.row} is outside the table (${t.rows} rows)`);
    }
  }

  async write(batch: WriteBatch): Promise<WriteResult> {
    this.precheck(batch);
    const copied: WriteResult['copied'] = {};
    for (const update of batch.updates ?? []) {
      const found = findTable(this.workbook, update.table);
      if (!found) throw new Error(`Table ${update.table} not found`);
      const range = tableRange(found.model);
      setCell(found.ws, range.top + 1 + update.row, range.left + update.column, update.value);
    }
    for (const append of batch.appends ?? []) {
      const found = findTable(this.workbook, append.table);
      if (!found) throw new Error(`Table ${append.table} not found`);
      const { ws, model } = found;
      const range = tableRange(model);
      let next = range.bottom + 1;
      // A fresh template holds one empty body row, as Excel's own empty tables do: fill it first.
      const bodyRows = range.bottom - range.top;
      if (bodyRows >= 1 && isBlankRow(rowValues(ws, range.bottom, range.left, range.right))) {
        let firstBlank = range.bottom;
        while (firstBlank - 1 > range.top && isBlankRow(rowValues(ws, firstBlank - 1, range.left, range.right))) firstBlank--;
        next = firstBlank;
      }
      const styleRow = ws.getRow(Math.max(range.top + 1, next - 1));
      const styleCells = Array.from({ length: range.right - range.left + 1 }, (_, j) => styleRow.getCell(range.left + j));
      for (const row of append.rows) {
        const sheetRow = ws.getRow(next);
        for (let j = 0; j < row.length; j++) {
          // An empty value where the row has no cell yet needs none: the column's format and alignment, the table's
          // style and the range's data validation reach it as they reach the table's other empty cells. Most cells
          // of an imported record are empty step columns, and each exceljs cell is four objects kept until saved.
          if (row[j] === null && !sheetRow.findCell(range.left + j)) continue;
          setRowCell(ws, sheetRow, range.left + j, row[j], styleCells[j]);
        }
        next++;
      }
      const bottom = Math.max(range.bottom, next - 1);
      followTableBody(ws, { ...range, top: range.top + 1 }, bottom);
      const ref = `${encodeAddress(range.top, range.left)}:${encodeAddress(bottom, range.right)}`;
      model.tableRef = ref;
      model.autoFilterRef = ref;
    }
    for (const append of batch.sheetAppends ?? []) {
      const ws = this.workbook.getWorksheet(append.sheet);
      if (!ws) throw new Error(`Sheet ${append.sheet} not found`);
      if (LOG_SHEETS.has(append.sheet)) {
        appendPendingRows(ws, lastUsedRow(ws), append.rows);
        continue;
      }
      let next = lastUsedRow(ws) + 1;
      for (const row of append.rows) {
        const sheetRow = ws.getRow(next);
        for (let j = 0; j < row.length; j++) setRowCell(ws, sheetRow, j + 1, row[j]);
        next++;
      }
    }
    for (const write of batch.rangeWrites ?? []) {
      const ws = this.workbook.getWorksheet(write.sheet);
      if (!ws) throw new Error(`Sheet ${write.sheet} not found`);
      write.rows.forEach((row, i) => {
        const sheetRow = ws.getRow(write.row + i);
        row.forEach((value, j) => setRowCell(ws, sheetRow, write.column + j, value));
      });
    }
    // exceljs cannot draw charts: sheetWrites' charts are left to Excel (the Office.js adapter).
    for (const write of batch.sheetWrites ?? []) {
      let ws = this.workbook.getWorksheet(write.sheet);
      // The sheet is replaced where it stood (汇总 stays the first tab).
      // (exceljs orders sheets by orderNo, which its typings omit.)
      const orderNo = (ws as unknown as { orderNo?: number } | undefined)?.orderNo;
      if (ws) this.workbook.removeWorksheet(ws.id);
      ws = this.workbook.addWorksheet(write.sheet, write.hidden ? { state: 'veryHidden' } : {});
      if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
      // A log sheet written whole (the first import's _导入) keeps its header as cells and the rest as log rows.
      const cellRows = LOG_SHEETS.has(write.sheet) && !write.style && !write.copies?.length ? 1 : write.rows.length;
      write.rows.slice(0, cellRows).forEach((row, i) => {
        const sheetRow = ws!.getRow(i + 1);
        row.forEach((value, j) => setRowCell(ws!, sheetRow, j + 1, value));
      });
      if (cellRows < write.rows.length) appendPendingRows(ws, lastUsedRow(ws), write.rows.slice(cellRows));
      for (const copy of write.copies ?? []) {
        const value = this.tableCell(copy);
        ws.getCell(copy.cell).value = value;
        copied[`${write.sheet}!${copy.cell}`] = value;
      }
      if (write.style) applySheetStyle(ws, write.style);
    }
    return { copied };
  }

  /** The cell a CellCopy takes its value from, found by header; null when the table has no such column. */
  private copySource(copy: CellCopy): ExcelJS.Cell | null {
    const found = findTable(this.workbook, copy.table);
    if (!found) return null;
    const range = tableRange(found.model);
    const column = rowValues(found.ws, range.top, range.left, range.right).indexOf(copy.column);
    return column < 0 ? null : found.ws.getRow(range.top + 1 + copy.row).getCell(range.left + column);
  }

  /** The value of a table cell by body row and header, as a CellCopy takes it. */
  private tableCell(copy: CellCopy): CellValue {
    return plainValue(this.copySource(copy)!.value);
  }

  async setUp(request: SetupRequest): Promise<void> {
    await addRegisters(this.workbook, request);
  }
}
