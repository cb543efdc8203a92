/**
 * Which columns a view reads: the queue and the summary read only what they use, which keeps a register of
 * 100,000 rows inside one request of Excel on the web (5 MB).
 */
import { STATUS_HEADER, SUBMITTED_AT_HEADER, SUBMITTED_BY_HEADER, registerColumns } from '../core/layout';
import { titleFieldOf } from '../core/recordTitle';
import type { RegisterSpec } from '../spec/schema';

const uniq = (names: (string | null | undefined)[]) => [...new Set(names.filter((n): n is string => !!n))];
const numberField = (spec: RegisterSpec) => (spec.fields.find((f) => f.type === 'serial') ?? spec.fields[0]).name;
const titleField = (spec: RegisterSpec) => titleFieldOf(spec)?.name;

/**
 * What the summary counts: status, each deadline's fields and the field its condition tests, and the register's
 * first required field other than the number (a record typed straight into the sheet has it even without a status). Not the number: the
 * overdue lines get theirs copied in the workbook (summary.ts). At 100,000 rows every column read costs 0.5–2 MB of
 * Excel's 5 MB response.
 */
export function summaryColumns(spec: RegisterSpec): string[] {
  const key = (spec.fields.find((f) => f.required && f.type !== 'serial') ?? spec.fields[0]).name;
  // Without a serial number a record is named by its first field, which can be a date: read it rather than copy it raw.
  const name = spec.fields.some((f) => f.type === 'serial') ? null : spec.fields[0]?.name;
  return uniq([key, spec.chain.length ? STATUS_HEADER : null, ...spec.deadlines.flatMap((d) => [d.from, d.doneField, d.when?.field]), name]);
}

/** What the queue needs to tell whose turn it is: number, steps, route conditions, the people and departments named. */
export function queueColumns(spec: RegisterSpec): string[] {
  const conditions = spec.chain.flatMap((r) => (r.when ? [r.when.field] : []));
  const people = spec.fields.filter((f) => f.type === 'person' || f.type === 'department').map((f) => f.name);
  const steps = registerColumns(spec).filter((c) => c.step).map((c) => c.header);
  return uniq([numberField(spec), SUBMITTED_BY_HEADER, STATUS_HEADER, ...summaryColumns(spec), titleField(spec), SUBMITTED_AT_HEADER, ...conditions, ...people, ...steps]);
}

/**
 * What 刷新汇总 reads of each register's newest rows besides its counts: who holds a waiting record and since when,
 * and the steps' times for 时效分析 (the queue's columns without the title, which is long and used by neither).
 */
export function detailColumns(spec: RegisterSpec): string[] {
  const title = titleField(spec);
  return queueColumns(spec).filter((c) => c !== title || summaryColumns(spec).includes(c));
}
