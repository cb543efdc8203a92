/**
 * A table's snapshot from the cells of its sheet, whatever holds them: an exceljs workbook in memory (adapter.ts)
 * or the plain rows of a file read without building one (rowsWorkbook.ts). One definition, so that `check` reads
 * the same records, merged cells and rows pasted below a table through either.
 */
import type { CellValue } from '../core/cells';
import { decodeRect, type Rect } from '../core/a1';
import type { TableRead, TableSnapshot } from './port';
import { isBlankRow, resolveColumns, resolveWindow, rowRuns } from './reads';

/** The cells of one worksheet, 1-based. */
export interface SheetGrid {
  sheet: string;
  /** The values of row `row` from column `left` to `right` (nulls where empty). */
  cells(row: number, left: number, right: number): CellValue[];
  /** The last row the sheet has (rows past it are empty). */
  lastRow: number;
  /** Merged ranges of the sheet, in A1 notation. */
  merges(): string[];
}

/** Where a table sits: its range with the header row, and whether its last row is a totals row. */
export interface TableShape extends Rect {
  totalsRow: boolean;
}

/** A table as it is now, whole or the part `read` asks for (columns not asked for are null). */
export function tableSnapshot(grid: SheetGrid, name: string, range: TableShape, read?: Omit<TableRead, 'table'>): TableSnapshot {
  const headers = grid.cells(range.top, range.left, range.right).map((v) => (v === null ? '' : String(v)));
  const lastBody = range.bottom - (range.totalsRow ? 1 : 0);
  const rowCount = lastBody - range.top;
  const { start, end } = read?.rowsAt ? { start: 0, end: rowCount } : resolveWindow(read?.rows, rowCount);
  const readColumns = resolveColumns(headers, read?.columns);
  const keep = readColumns && new Set(readColumns);
  const wanted = read?.rowsAt && new Set(rowRuns(read.rowsAt, rowCount).flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i)));
  const blankRow = new Array<CellValue>(headers.length).fill(null);
  const rows: CellValue[][] = [];
  for (let r = range.top + 1 + start; r <= range.top + end; r++) {
    if (wanted && !wanted.has(r - range.top - 1)) {
      rows.push(blankRow);
      continue;
    }
    const row = grid.cells(r, range.left, range.right);
    rows.push(keep ? row.map((v, j) => (keep.has(j) ? v : null)) : row);
  }
  const mergedInBody = grid.merges().filter((ref) => {
    const m = decodeRect(ref);
    return m.bottom > range.top && m.top <= lastBody && m.right >= range.left && m.left <= range.right;
  });
  let rowsBelow = 0;
  for (let r = range.bottom + 1; r <= Math.min(grid.lastRow, range.bottom + 50); r++) {
    if (!isBlankRow(grid.cells(r, range.left, range.right))) rowsBelow++;
  }
  return { table: name, sheet: grid.sheet, headers, rows, rowCount, rowStart: start, readColumns, firstRow: range.top + 1 + start, firstColumn: range.left, mergedInBody, rowsBelow };
}
