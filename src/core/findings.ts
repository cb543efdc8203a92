/**
 * What core rules report, as data: located (register, sheet row, cell, field) and in both languages, so the CLI,
 * the task pane's inline errors and `--json` consumers all read the same thing.
 */
export type Severity = 'error' | 'overdue';

/** A problem with one field or rule, before it is placed on a sheet (the task pane's inline error). */
export interface FieldError {
  /** null for a problem with the record as a whole. */
  field: string | null;
  /** Stable rule id, e.g. field.required, rule.notBefore, number.duplicate, status.mismatch. */
  rule: string;
  message: string;
  messageEn: string;
}

/** A FieldError placed in a workbook. */
export interface Finding extends FieldError {
  severity: Severity;
  register: string;
  registerId: string;
  sheet: string;
  /** 1-based worksheet row; null for a problem with the register as a whole. */
  row: number | null;
  /** A1 reference of the offending cell when known. */
  cell: string | null;
  /** The record's number (serial field, or first field when the register has none). */
  number: string | null;
}

export function fieldError(field: string | null, rule: string, message: string, messageEn: string): FieldError {
  return { field, rule, message, messageEn };
}

/** `收文登记!F15` or `收文登记` when the finding has no cell. */
export function findingLocation(f: Pick<Finding, 'sheet' | 'cell' | 'row'>): string {
  if (f.cell) return `${f.sheet}!${f.cell}`;
  if (f.row !== null) return `${f.sheet}!${f.row}:${f.row}`;
  return f.sheet;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.sheet.localeCompare(b.sheet, 'zh') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.cell ?? '').localeCompare(b.cell ?? ''),
  );
}
