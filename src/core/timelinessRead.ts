/**
 * The 时效 report's input from what one read of the workbook returned (the CLI's readRegisters, the pane's read):
 * the registers' rows, the 设置 sheet and the audit log.
 */
import { isAuditHeader, rowToEntry } from './audit';
import type { CellValue } from './cells';
import { calendarFromSheet, type SheetProblem } from './calendarSheet';
import type { WorkbookMeta } from './metadata';
import { tableRecords } from './records';
import { isTakenOver } from './takenOver';
import { settingsFromSheet } from './settings';
import type { TimelinessInput } from './timeliness';
import type { TableSnapshot } from '../workbook/port';

export interface TimelinessBook {
  meta: WorkbookMeta;
  tables: Record<string, TableSnapshot | null>;
  settingsRows: CellValue[][] | null;
  auditRows: CellValue[][] | null;
}

const blank = (row: CellValue[]) => row.every((c) => c === null || c === '');

export function timelinessInput(book: TimelinessBook, asOf: string, month: string | null = null): { input: TimelinessInput; problems: SheetProblem[] } {
  const settingsRows = book.settingsRows ?? [];
  const registers = book.meta.registers
    .filter((m) => m.spec.chain.length > 0 && book.tables[m.table])
    .map((m) => {
      const table = book.tables[m.table]!;
      // Records taken over closed from a ledger never passed a step here: they are neither fast nor waiting.
      return { spec: m.spec, name: m.name, records: tableRecords(m.spec, table.rows, table.firstRow).filter((r) => !isTakenOver(m.spec, r)) };
    });
  const audit = (book.auditRows ?? []).filter((r) => !blank(r) && !isAuditHeader(r)).map(rowToEntry);
  return { input: { settings: settingsFromSheet(settingsRows), registers, audit, asOf, month }, problems: calendarFromSheet(settingsRows).problems };
}
