/**
 * One zod schema per register, built from its spec: the same field rules that become Excel data validation in the
 * templates, plus what Excel cannot express (money in cents, person and list values from the 设置 sheet).
 * Issues carry `params.rule`; validate.ts turns them into bilingual, located errors.
 */
import { z } from 'zod';
import { dateTimeToSerial, dateToSerial, timeToSerial, type RecordValue } from './cells';
import type { FieldSpec, RegisterSpec, SettingsSpec } from '../spec/schema';
import { listValues } from './settings';

const PHONE_RE = /^\+?\d[\d\s\-()]{2,19}(?:(?:转|ext\.?|-)\d{1,6})?$/;

const custom = (rule: string) => ({ params: { rule } });

/** Which values a field may take from 设置; null when it takes anything or 设置 is unknown. */
export function allowedValues(field: FieldSpec, settings: SettingsSpec | null): string[] | null {
  if (!settings) return null;
  if (field.type === 'person') return settings.people.map((p) => p.name);
  if (field.type === 'department') return settings.departments.map((d) => d.name);
  if (field.type === 'list') return listValues(settings, field.list ?? '') ?? [];
  return null;
}

function baseSchema(field: FieldSpec, settings: SettingsSpec | null): z.ZodType<RecordValue> {
  const r = field.rules;
  switch (field.type) {
    case 'text':
    case 'longText': {
      let s = z.string();
      if (r.minLength !== undefined) s = s.min(r.minLength);
      s = s.max(r.maxLength ?? 32767);
      return s;
    }
    case 'phone':
      return z.string().max(30).refine((v) => PHONE_RE.test(v.trim()), custom('field.phone'));
    case 'serial':
      return z.string();
    case 'integer':
    case 'copies':
    case 'decimal':
    case 'money': {
      let n = field.type === 'integer' || field.type === 'copies' ? z.number().int() : z.number();
      const min = r.min ?? (field.type === 'copies' ? 1 : undefined);
      if (min !== undefined) n = n.min(min);
      if (r.max !== undefined) n = n.max(r.max);
      if (field.type === 'money') return n.refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, custom('field.cents'));
      return n;
    }
    case 'date':
      return z.string().refine((v) => dateToSerial(v) !== null, custom('field.date'));
    case 'dateTime':
      return z.string().refine((v) => dateTimeToSerial(v) !== null, custom('field.dateTime'));
    case 'time':
      return z.string().refine((v) => timeToSerial(v) !== null, custom('field.time'));
    case 'choice':
      return z.string().refine((v) => (field.choices ?? []).includes(v.trim()), custom('field.choice'));
    case 'list':
    case 'person':
    case 'department': {
      const allowed = allowedValues(field, settings);
      if (!allowed) return z.string();
      const set = new Set(allowed);
      return z.string().refine((v) => set.has(v.trim()), custom(`field.${field.type}`));
    }
    case 'yesNo':
      return z.boolean();
  }
}

/** Blank optional fields are null; required blank fields are reported by validate.ts before zod sees them. */
export function fieldSchema(field: FieldSpec, settings: SettingsSpec | null): z.ZodType<RecordValue> {
  return baseSchema(field, settings).nullable();
}

export function recordSchema(spec: RegisterSpec, settings: SettingsSpec | null) {
  const shape: Record<string, z.ZodType<RecordValue>> = {};
  for (const field of spec.fields) shape[field.name] = fieldSchema(field, settings);
  return z.object(shape);
}
