/**
 * What tells one record from another in a list: the field the document names as 标题字段, otherwise the first
 * required text field (a 标题, 事由 or 名称, in the order the document lists its fields).
 */
import type { RecordValue } from './cells';
import type { FieldSpec, RegisterSpec } from '../spec/schema';

export function titleFieldOf(spec: RegisterSpec): FieldSpec | undefined {
  if (spec.titleField) return spec.fields.find((f) => f.name === spec.titleField);
  return spec.fields.find((f) => f.type === 'text' && f.required);
}

/** The record's title as it is stored, or null when the register has no title field or the record leaves it empty. */
export function recordTitleValue(spec: RegisterSpec, values: Record<string, RecordValue | undefined>): RecordValue {
  const field = titleFieldOf(spec);
  const value = field ? values[field.name] : null;
  return value === undefined || value === '' ? null : value;
}
