/**
 * What a ReadRequest means, independent of the host: every adapter resolves table parts and sheet tails with
 * these functions, so a projection reads the same cells through exceljs and through Office.js.
 */
import type { CellValue } from '../core/cells';
import type { ReadRequest, RowWindow, SheetRead, TableRead } from './port';

export interface NormalTableRead extends TableRead {
  key: string;
}

export function tableReads(request: ReadRequest): NormalTableRead[] {
  const reads = (request.tables ?? []).map((t) => (typeof t === 'string' ? { table: t, key: t } : { ...t, key: t.key ?? t.table }));
  const keys = new Set<string>();
  for (const r of reads) {
    if (keys.has(r.key)) throw new Error(`ReadRequest reads table ${r.table} twice under key ${r.key}: give each part its own key`);
    keys.add(r.key);
  }
  return reads;
}

export function sheetReads(request: ReadRequest): SheetRead[] {
  return (request.sheets ?? []).map((s) => (typeof s === 'string' ? { sheet: s } : s));
}

/**
 * What a sheet read returns of a sheet's rows from A1 (each already without its empty end): its last `lastRows`
 * and, when `columns` is set, each row cut to them, trimmed again as a sheet read trims (trailing blank rows dropped).
 */
export function sheetPart(rows: CellValue[][], read: SheetRead): CellValue[][] {
  const tail = read.lastRows === undefined ? rows : rows.slice(Math.max(0, rows.length - read.lastRows));
  return read.columns === undefined ? tail : trimSheet(tail.map((row) => row.slice(0, read.columns)));
}

/** Body rows [start, end) that a window selects in a body of rowCount rows, clipped to the body. */
export function resolveWindow(window: RowWindow | undefined, rowCount: number): { start: number; end: number } {
  if (!window) return { start: 0, end: rowCount };
  const from = window.from ?? 0;
  const start = Math.min(rowCount, Math.max(0, from < 0 ? rowCount + from : from));
  const end = window.count === undefined ? rowCount : Math.min(rowCount, start + Math.max(0, window.count));
  return { start, end };
}

/** Indexes of the requested headers that the table has, in table order; null means every column. */
export function resolveColumns(headers: string[], columns: string[] | undefined): number[] | null {
  if (!columns) return null;
  const wanted = new Set(columns);
  return headers.flatMap((h, i) => (wanted.has(h) ? [i] : []));
}

export const isBlankRow = (row: CellValue[]) => row.every((v) => v === null || v === '');

/** Trailing empty cells and trailing blank rows dropped, as sheet reads return them. */
export function trimSheet(rows: CellValue[][]): CellValue[][] {
  const out = rows.map((row) => {
    const copy = [...row];
    while (copy.length && (copy[copy.length - 1] === null || copy[copy.length - 1] === '')) copy.pop();
    return copy;
  });
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

/** Sorted distinct indexes below rowCount, as runs [start, end) of consecutive rows. */
export function rowRuns(indexes: number[], rowCount: number): [number, number][] {
  const sorted = [...new Set(indexes.filter((i) => Number.isInteger(i) && i >= 0 && i < rowCount))].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}
