/** Conditions from documents (`文件类别 为 重要文件`, `预算金额 ≥ 5000`) evaluated on record values. */
import type { RecordValue } from './cells';
import type { Condition } from '../spec/schema';

export function isBlank(v: RecordValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A value as the words a document compares it with: booleans are 是/否. */
export function valueText(v: RecordValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v).trim();
}

export function conditionHolds(condition: Condition, values: Record<string, RecordValue>): boolean {
  const v = values[condition.field];
  if (isBlank(v)) return false;
  if (condition.op === 'in') return condition.values.includes(valueText(v));
  const n = typeof v === 'number' ? v : Number(valueText(v));
  if (!Number.isFinite(n)) return false;
  switch (condition.op) {
    case '>=':
      return n >= condition.value;
    case '<=':
      return n <= condition.value;
    case '>':
      return n > condition.value;
    case '<':
      return n < condition.value;
  }
}
