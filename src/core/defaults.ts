/** A document's 默认 values (默认 今天, 默认 否, 默认 月度需求) as record values at a given instant. */
import type { RecordValue } from './cells';
import { formatDate, parseInstant } from './dates';
import type { FieldSpec, RegisterSpec } from '../spec/schema';

export function defaultValue(field: FieldSpec, now: string): RecordValue | undefined {
  const d = field.rules.defaultValue?.trim();
  if (!d) return undefined;
  const ms = parseInstant(now);
  if (['今天', '今日', '当天', 'today'].includes(d) && ms !== null) return field.type === 'dateTime' ? `${formatDate(ms)}T${now.slice(11, 16) || '00:00'}` : formatDate(ms);
  if (['现在', '当前时间', 'now'].includes(d) && ms !== null) return field.type === 'date' ? formatDate(ms) : now.slice(0, 16);
  if (field.type === 'yesNo') return d === '是' ? true : d === '否' ? false : d;
  if (['integer', 'decimal', 'money', 'copies'].includes(field.type) && Number.isFinite(Number(d))) return Number(d);
  return d;
}

/** What the form starts with. */
export function defaultValues(spec: RegisterSpec, now: string): Record<string, RecordValue> {
  const out: Record<string, RecordValue> = {};
  for (const f of spec.fields) {
    const v = defaultValue(f, now);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** Fields the caller left out (undefined, not cleared) take their defaults. */
export function withDefaults(spec: RegisterSpec, values: Record<string, RecordValue | undefined>, now: string): Record<string, RecordValue | undefined> {
  const out = { ...values };
  for (const f of spec.fields) if (out[f.name] === undefined) out[f.name] = defaultValue(f, now);
  return out;
}
