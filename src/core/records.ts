/**
 * Table rows ↔ records. A record is what core rules work on: field values by name (dates as ISO text),
 * plus the system columns (who registered it and when, status, approval steps).
 */
import type { CellValue, RecordValue } from './cells';
import { fromCell, toCell } from './cells';
import { registerColumns, type Column } from './layout';
import type { RegisterSpec } from '../spec/schema';

export interface StepEntry {
  actor: string | null;
  time: string | null;
  opinion: string | null;
}

export interface RegisterRecord {
  /** 0-based index of the row in the table body. */
  index: number;
  /** 1-based worksheet row, for messages such as 收文登记!A5. */
  sheetRow: number;
  values: Record<string, RecordValue>;
  submittedBy: string | null;
  submittedAt: string | null;
  status: string | null;
  /** By step text. */
  steps: Record<string, StepEntry>;
}

const str = (v: RecordValue): string | null => (v === null || v === '' ? null : String(v));

export function rowToRecord(spec: RegisterSpec, row: CellValue[], index: number, firstRow: number, columns: readonly Column[] = registerColumns(spec)): RegisterRecord {
  const record: RegisterRecord = { index, sheetRow: firstRow + index, values: {}, submittedBy: null, submittedAt: null, status: null, steps: {} };
  columns.forEach((column, i) => {
    const value = fromCell(column, row[i] ?? null);
    switch (column.kind) {
      case 'field':
        record.values[column.header] = value;
        break;
      case 'submittedBy':
        record.submittedBy = str(value);
        break;
      case 'submittedAt':
        record.submittedAt = str(value);
        break;
      case 'status':
        record.status = str(value);
        break;
      default: {
        const step = (record.steps[column.step!] ??= { actor: null, time: null, opinion: null });
        if (column.kind === 'stepActor') step.actor = str(value);
        else if (column.kind === 'stepTime') step.time = str(value);
        else step.opinion = str(value);
      }
    }
  });
  return record;
}

export function recordToRow(spec: RegisterSpec, record: Omit<RegisterRecord, 'index' | 'sheetRow'>, columns: readonly Column[] = registerColumns(spec)): CellValue[] {
  return columns.map((column) => {
    switch (column.kind) {
      case 'field':
        return toCell(column, record.values[column.header] ?? null);
      case 'submittedBy':
        return toCell(column, record.submittedBy);
      case 'submittedAt':
        return toCell(column, record.submittedAt);
      case 'status':
        return toCell(column, record.status);
      case 'stepActor':
        return toCell(column, record.steps[column.step!]?.actor ?? null);
      case 'stepTime':
        return toCell(column, record.steps[column.step!]?.time ?? null);
      case 'stepOpinion':
        return toCell(column, record.steps[column.step!]?.opinion ?? null);
    }
  });
}

/** Non-blank body rows as records; blank rows (the template's empty row, deleted contents) are skipped. */
export function tableRecords(spec: RegisterSpec, rows: CellValue[][], firstRow: number): RegisterRecord[] {
  const columns = registerColumns(spec);
  const out: RegisterRecord[] = [];
  rows.forEach((row, i) => {
    if (row.every((c) => c === null || c === '')) return;
    out.push(rowToRecord(spec, row, i, firstRow, columns));
  });
  return out;
}
