/**
 * Rows appended to Taizhang's append-only log sheets (_审计, _导入), kept as plain values until the workbook is
 * saved instead of as exceljs cells. An import of 100,000 records appends 1.4 million log cells: as exceljs cells
 * (four or five objects each, all kept) they cost more than reading the ledger itself, and saving them through
 * exceljs costs as much again. The adapter reads them back as if they were cells (sheetValues), saveXlsx writes
 * them straight into the sheet's XML, and settlePendingRows makes them cells for anything that needs exceljs's own
 * model of the sheet.
 */
import type ExcelJS from 'exceljs';
import type { CellValue } from '../../core/cells';

export interface PendingRows {
  /** The sheet row of rows[0]; every row of the sheet from here on is pending. */
  firstRow: number;
  rows: CellValue[][];
}

const pending = new WeakMap<ExcelJS.Worksheet, PendingRows>();

export function pendingRowsOf(ws: ExcelJS.Worksheet): PendingRows | undefined {
  const found = pending.get(ws);
  return found && found.rows.length ? found : undefined;
}

/** Appends after the sheet's last row: its last row with a value, or any row exceljs would write, whichever is lower. */
export function appendPendingRows(ws: ExcelJS.Worksheet, lastUsedRow: number, rows: CellValue[][]): void {
  let found = pending.get(ws);
  if (!found) pending.set(ws, (found = { firstRow: Math.max(lastUsedRow, ws.rowCount) + 1, rows: [] }));
  for (const row of rows) found.rows.push(row);
  guardExceljsWrites(ws.workbook);
}

const guarded = new WeakSet<ExcelJS.Workbook>();
const keeping = new WeakSet<ExcelJS.Workbook>();

/**
 * A workbook written by exceljs itself (xlsx.write, writeBuffer and writeFile all go through write) gets its
 * pending rows as cells first: only saveXlsx knows how to write them, and an audit row must never be lost.
 */
function guardExceljsWrites(workbook: ExcelJS.Workbook): void {
  if (guarded.has(workbook)) return;
  guarded.add(workbook);
  const xlsx = workbook.xlsx as unknown as { write: (...args: unknown[]) => Promise<unknown> };
  const write = xlsx.write.bind(xlsx);
  xlsx.write = (...args: unknown[]) => {
    if (!keeping.has(workbook)) for (const ws of workbook.worksheets) settlePendingRows(ws);
    return write(...args);
  };
}

/** Runs an exceljs write that leaves the pending rows to the caller (saveXlsx writes them into the sheet XML). */
export async function keepingPendingRows<T>(workbook: ExcelJS.Workbook, write: () => Promise<T>): Promise<T> {
  keeping.add(workbook);
  try {
    return await write();
  } finally {
    keeping.delete(workbook);
  }
}

/** The pending rows as exceljs cells, where they stand (then the sheet is exceljs's alone again). */
export function settlePendingRows(ws: ExcelJS.Worksheet): void {
  const found = pending.get(ws);
  if (!found) return;
  pending.delete(ws);
  found.rows.forEach((values, i) => {
    const row = ws.getRow(found.firstRow + i);
    values.forEach((value, j) => {
      if (value !== null) row.getCell(j + 1).value = value;
    });
  });
}
