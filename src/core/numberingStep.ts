/**
 * Numbering at the step the document names (编号时机): a record of such a register is submitted as 待编号 and
 * gets its number, from the same pattern and the same rules (yearly reset, never reused), when that step is
 * approved. Until then it is identified in the audit log by who registered it and when, so the chain follows
 * it across its numbering.
 */
import type { RecordValue } from './cells';
import { valueText } from './conditions';
import { compilePattern, nextNumber } from './numbering';
import type { FieldError } from './findings';
import type { StepEntry } from './records';
import { stepOutcome } from './workflow';
import type { RegisterSpec } from '../spec/schema';
import type { TableSnapshot } from '../workbook/port';

export const PENDING_NUMBER = '待编号';

interface Identified {
  values: Record<string, RecordValue>;
  submittedBy: string | null;
  submittedAt: string | null;
}

const serialOf = (spec: RegisterSpec) => spec.fields.find((f) => f.type === 'serial') ?? null;

export function numbersLater(spec: RegisterSpec): boolean {
  return !!spec.numberAt && !!serialOf(spec);
}

export function isPendingNumber(spec: RegisterSpec, values: Record<string, RecordValue>): boolean {
  const serial = serialOf(spec);
  return !!serial && valueText(values[serial.name]) === PENDING_NUMBER;
}

/** The audit log's name for a record still 待编号. */
export function provisionalNumber(record: Pick<Identified, 'submittedBy' | 'submittedAt'>): string {
  return `${PENDING_NUMBER} ${record.submittedAt ?? ''} ${record.submittedBy ?? ''}`.trim();
}

/** The key under which the audit log knows the record: its number, or its provisional name while 待编号. */
export function auditNumber(spec: RegisterSpec, record: Identified, number: string): string {
  return numbersLater(spec) && isPendingNumber(spec, record.values) ? provisionalNumber(record) : number;
}

/** The key a second read of the register's number column goes under (the action's row is read whole). */
export const numbersKey = (table: string) => `${table}#numbers`;

/** The next number, from the number column of every row. */
export function numberNow(spec: RegisterSpec, numbers: TableSnapshot, now: string): string {
  const serial = serialOf(spec)!;
  const i = numbers.headers.indexOf(serial.name);
  const existing = i < 0 ? [] : numbers.rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i])));
  return nextNumber(compilePattern(serial.rules.pattern!), existing, now).number;
}

/**
 * For `taizhang check`: whether the record's 待编号 is as it should be. 'waiting' — not numbered yet, rightly
 * (left out of the numbering checks); a FieldError — its numbering step was approved but it has no number.
 */
export function pendingNumberState(spec: RegisterSpec, record: Identified & { steps: Record<string, StepEntry> }): 'numbered' | 'waiting' | FieldError {
  if (!isPendingNumber(spec, record.values)) return 'numbered';
  const serial = serialOf(spec)!;
  if (spec.numberAt && stepOutcome(record.steps[spec.numberAt]) !== 'approved') return 'waiting';
  return spec.numberAt
    ? { field: serial.name, rule: 'number.pending', message: `“${spec.numberAt}”已办理,但“${serial.name}”仍为待编号`, messageEn: `"${spec.numberAt}" was approved but "${serial.name}" is still 待编号 (not numbered)` }
    : { field: serial.name, rule: 'number.pending', message: `“${serial.name}”为待编号,但本登记表提交时编号`, messageEn: `"${serial.name}" is 待编号 although this register numbers on submission` };
}
