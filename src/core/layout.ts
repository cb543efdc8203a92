/**
 * How a register sits in a worksheet: which columns, in which order, with which header and kind.
 * Both adapters and every host use this one layout, so a column can never be written in the wrong place.
 */
import type { ChainStep, FieldSpec, RegisterSpec } from '../spec/schema';

export type ColumnKind = 'field' | 'status' | 'submittedBy' | 'submittedAt' | 'stepActor' | 'stepTime' | 'stepOpinion';

export interface Column {
  /** Header text in the table's header row. */
  header: string;
  kind: ColumnKind;
  /** For kind 'field'. */
  field?: FieldSpec;
  /** For step columns: the step's text (its key across routes). */
  step?: string;
}

import { SYSTEM_HEADERS } from '../spec/parseRegister';

export const STATUS_HEADER = SYSTEM_HEADERS.status;
export const SUBMITTED_BY_HEADER = SYSTEM_HEADERS.submittedBy;
export const SUBMITTED_AT_HEADER = SYSTEM_HEADERS.submittedAt;

/** Steps that need a column: every step after the first of any route, in order of first appearance. */
export function approvalSteps(spec: RegisterSpec): ChainStep[] {
  const seen = new Map<string, ChainStep>();
  for (const route of spec.chain) {
    for (const step of route.steps.slice(1)) if (!seen.has(step.text)) seen.set(step.text, step);
  }
  return [...seen.values()];
}

export function registerColumns(spec: RegisterSpec): Column[] {
  const columns: Column[] = spec.fields.map((field) => ({ header: field.name, kind: 'field', field }));
  columns.push({ header: SUBMITTED_BY_HEADER, kind: 'submittedBy' }, { header: SUBMITTED_AT_HEADER, kind: 'submittedAt' });
  if (spec.chain.length > 0) {
    columns.push({ header: STATUS_HEADER, kind: 'status' });
    for (const step of approvalSteps(spec)) {
      columns.push(
        { header: step.text, kind: 'stepActor', step: step.text },
        { header: `${step.text}时间`, kind: 'stepTime', step: step.text },
        { header: `${step.text}意见`, kind: 'stepOpinion', step: step.text },
      );
    }
  }
  return columns;
}

const columnsBySpec = new WeakMap<RegisterSpec, Column[]>();

/** registerColumns once per spec, for what runs per record (an import plans and hashes 100,000). Read only. */
export function specColumns(spec: RegisterSpec): readonly Column[] {
  let columns = columnsBySpec.get(spec);
  if (!columns) columnsBySpec.set(spec, (columns = registerColumns(spec)));
  return columns;
}

/** Headers must be unique in an Excel table; a field named like a step column would collide. */
export function layoutProblems(spec: RegisterSpec): string[] {
  const headers = registerColumns(spec).map((c) => c.header);
  return headers.filter((h, i) => headers.indexOf(h) !== i).map((h) => `列名“${h}”重复:字段名与审批步骤或系统列同名,请改名`);
}

/** Excel table name for a register: ASCII, no spaces, unique in the workbook. */
export function tableName(spec: Pick<RegisterSpec, 'id'>): string {
  return `tz_${spec.id}`;
}

/** Worksheet name of the register's printable application form. */
export function formSheetName(spec: Pick<RegisterSpec, 'name'>): string {
  const name = `${spec.name}申请单`;
  return name.length <= 31 ? name : `${spec.name.slice(0, 28)}申请单`;
}

export const SETTINGS_SHEET = '设置';
export const SUMMARY_SHEET = '汇总';
export const GUIDE_SHEET_SUFFIX = '说明';
export const META_SHEET = '_taizhang';
export const AUDIT_SHEET = '_审计';

/** Number format Excel shows for a column. */
export function numberFormat(column: Column): string {
  if (column.kind === 'submittedAt' || column.kind === 'stepTime') return 'yyyy-mm-dd hh:mm';
  if (column.kind !== 'field' || !column.field) return '@';
  switch (column.field.type) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'dateTime':
      return 'yyyy-mm-dd hh:mm';
    case 'time':
      return 'hh:mm';
    case 'money':
      return '¥#,##0.00';
    case 'decimal':
      return '#,##0.00';
    case 'integer':
    case 'copies':
      return '0';
    case 'yesNo':
      return '@';
    default:
      return '@';
  }
}

/** Column width in characters, from the header and the kind of content. */
export function columnWidth(column: Column): number {
  const headerWidth = [...column.header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2;
  let content = 12;
  if (column.kind === 'stepOpinion') content = 24;
  if (column.field) {
    const t = column.field.type;
    if (t === 'longText') content = 36;
    else if (t === 'text') content = Math.min(30, Math.max(14, Math.round((column.field.rules.maxLength ?? 40) / 2)));
    else if (t === 'dateTime') content = 17;
    else if (t === 'date' || t === 'serial') content = 14;
    else if (t === 'money') content = 14;
    else if (t === 'yesNo' || t === 'copies' || t === 'integer') content = 8;
  }
  return Math.max(headerWidth, content);
}
