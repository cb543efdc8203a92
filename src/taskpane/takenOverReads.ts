/**
 * Telling records taken over from a ledger (core/takenOver) among those a narrow read found closed with a deadline
 * open: their first approval step's actor is read and judged with the status the narrow read already has.
 */
import type { RegisterRecord } from '../core/records';
import { isTakenOver, takenOverColumns } from '../core/takenOver';
import type { RegisterSpec } from '../spec/schema';
import { rowRuns } from '../workbook/reads';
import type { TableRead, TableSnapshot } from '../workbook/port';

/** Asking Excel for one more run of rows costs about what a dozen cells of response do (a range's path and load). */
const RUN_COST_CELLS = 12;

/**
 * The actor column(s) of those rows: by row when they are few or gathered, whole when many are scattered (a ledger
 * imported among the office's own records): one range per column instead of one per run.
 */
export function takenOverRead(spec: RegisterSpec, table: string, rows: number[], rowCount: number, key?: string): TableRead {
  const byRow = rowRuns(rows, rowCount).length * RUN_COST_CELLS + rows.length < rowCount;
  return { table, ...(key ? { key } : {}), columns: takenOverColumns(spec), ...(byRow ? { rowsAt: rows } : {}) };
}

/** Which of `rows` are taken over: each row's status from the narrow read's records, its actors from `read`. */
export function takenOverIn(spec: RegisterSpec, records: RegisterRecord[], rows: number[], read: TableSnapshot | null | undefined): Set<number> {
  const steps = takenOverColumns(spec);
  const columns = steps.map((s) => read?.headers.indexOf(s) ?? -1);
  // A table gone or renamed since the narrow read says nothing: its records stay as they look (open).
  if (!read || columns.some((c) => c < 0)) return new Set();
  const status = new Map(records.map((r) => [r.index, r.status]));
  return new Set(
    rows.filter((index) => {
      const row = read.rows[index - read.rowStart];
      if (!row) return false;
      const actors = Object.fromEntries(steps.map((s, j) => [s, { actor: row[columns[j]] === null || row[columns[j]] === '' ? null : String(row[columns[j]]), time: null, opinion: null }]));
      return isTakenOver(spec, { status: status.get(index) ?? null, steps: actors });
    }),
  );
}
