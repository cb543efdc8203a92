/**
 * The printable 申请单 for one record: what the pane's print preview shows and what goes into the register's
 * 申请单 sheet. Cell positions follow writeFormSheet (templateWriter.ts): title row 1, form code row 2, one row
 * per field from row 3 with the value in B, then a blank row, 审批签字, the header row, and one row per approval
 * step (A step, B signature, C date, D opinion). test/taskpane/print.test.ts fills a real template to pin this.
 */
import type { CellValue, RecordValue } from '../core/cells';
import { approvalSteps } from '../core/layout';
import { routeFor } from '../core/workflow';
import type { RegisterRecord } from '../core/records';
import type { RegisterSpec } from '../spec/schema';
import type { WriteBatch } from '../workbook/port';

export interface PrintModel {
  title: string;
  formCode: string;
  fields: { label: string; value: string; long: boolean }[];
  /** Every approval step of the register (the sheet has a signature row for each); onRoute marks this record's. */
  steps: { text: string; actor: string; time: string; opinion: string; onRoute: boolean }[];
}

const FIRST_FIELD_ROW = 3;

export function displayValue(value: RecordValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return value.replace('T', ' ');
  return String(value);
}

export function printModel(spec: RegisterSpec, record: Pick<RegisterRecord, 'values' | 'steps'>): PrintModel {
  const route = new Set(routeFor(spec, record.values)?.steps.map((s) => s.text) ?? []);
  return {
    title: `${spec.name}申请单`,
    formCode: spec.formCode,
    fields: spec.fields.map((f) => ({ label: f.name, value: displayValue(record.values[f.name]), long: f.type === 'longText' })),
    steps: approvalSteps(spec).map((s) => {
      const e = record.steps[s.text];
      return { text: s.text, actor: e?.actor ?? '', time: displayValue(e?.time ?? null), opinion: e?.opinion ?? '', onRoute: route.has(s.text) };
    }),
  };
}

/** 1-based sheet row of the first approval step's signature row. */
export function firstStepRow(spec: RegisterSpec): number {
  return FIRST_FIELD_ROW + spec.fields.length + 3;
}

const cell = (text: string): CellValue => (text === '' ? null : text);

export function printBatch(spec: RegisterSpec, record: Pick<RegisterRecord, 'values' | 'steps'>, sheet: string): WriteBatch {
  const model = printModel(spec, record);
  const rangeWrites: NonNullable<WriteBatch['rangeWrites']> = [
    { sheet, row: FIRST_FIELD_ROW, column: 2, rows: model.fields.map((f) => [cell(f.value)]) },
  ];
  if (model.steps.length)
    rangeWrites.push({ sheet, row: firstStepRow(spec), column: 2, rows: model.steps.map((s) => [cell(s.actor), cell(s.time), cell(s.opinion)]) });
  return { rangeWrites, activate: sheet };
}
