/**
 * Field values for a demo record: by type, by what the field's name says it holds (dates of plans lie ahead,
 * dates of events lie behind), by role for people, and repaired until the document's rules hold.
 */
import type { RecordValue } from '../core/cells';
import { conditionHolds, isBlank, valueText } from '../core/conditions';
import { MS_DAY, MS_HOUR, MS_MINUTE, formatDate, formatDateTime, parseInstant, startOfDay } from '../core/dates';
import { roleHolders } from '../core/settings';
import type { FieldSpec, RegisterSpec, SettingsSpec } from '../spec/schema';
import { phoneFor, textFor } from './content';
import { isRef, type DemoValue } from './plan';
import type { Rng } from './random';
import { nextWorkMoment, timeOnDay } from './timeline';

const PLACEHOLDER = 'REF-0001';
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function resolvePlaceholders(values: Record<string, DemoValue>): Record<string, RecordValue> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isRef(v) ? PLACEHOLDER : v]));
}

export function instantOf(field: FieldSpec | undefined, v: DemoValue | undefined): number | null {
  if (!field || (field.type !== 'date' && field.type !== 'dateTime') || isRef(v) || isBlank(v ?? null)) return null;
  return parseInstant(valueText(v as RecordValue));
}

export function dateValue(field: FieldSpec, ms: number): string {
  return field.type === 'date' ? formatDate(ms) : formatDateTime(Math.round(ms / (5 * MS_MINUTE)) * 5 * MS_MINUTE);
}

/** Where a date field starts, from what its name says it is. */
export function initialInstant(field: FieldSpec, t0: number, rng: Rng): number {
  const n = field.name;
  const day = startOfDay(t0);
  if (/下次/.test(n)) return day + (365 + rng.int(-10, 10)) * MS_DAY;
  if (/预计|应还|需用|有效期|时限|期限|截止|计划|到期/.test(n)) return timeOnDay(day + rng.int(3, 15) * MS_DAY, rng);
  if (/开始|出车|借出|出发|起始/.test(n)) return nextWorkMoment(timeOnDay(day + rng.int(1, 5) * MS_DAY, rng, 9 * 60, 15 * 60));
  if (/发生|提出|收到|来访|到达/.test(n)) return Math.max(day + 8 * MS_HOUR, t0 - rng.int(2, 24) * 5 * MS_MINUTE);
  return t0;
}

export function personFor(field: FieldSpec, settings: SettingsSpec, rng: Rng, fallback: string): string {
  const text = `${field.name} ${field.note ?? ''}`;
  const roles = settings.roles.map((r) => r.name).filter((r) => text.includes(r)).sort((a, b) => b.length - a.length);
  for (const role of roles) {
    const holders = roleHolders(settings, role);
    if (holders.length) return rng.pick(holders).name;
  }
  return /人$|申请|经办|使用|借用|用车|领用|提交/.test(field.name) ? fallback : rng.pick(settings.people).name;
}

export interface Draft {
  spec: RegisterSpec;
  fields: Map<string, FieldSpec>;
  values: Record<string, DemoValue>;
  rng: Rng;
  settings: SettingsSpec;
  t0: number;
  person: string;
  department: string;
}

export function generate(d: Draft, field: FieldSpec, at: number): DemoValue {
  const { rng, settings } = d;
  const r = field.rules;
  switch (field.type) {
    case 'text':
    case 'longText':
      return textFor(field, { rng, settings, register: d.spec.name, date: at, person: d.person, department: d.department });
    case 'phone':
      return phoneFor(rng);
    case 'integer':
    case 'copies': {
      const min = r.min ?? (field.type === 'copies' ? 1 : /次数|差异/.test(field.name) ? 0 : 1);
      const typical = r.unit === '分' ? r.max ?? 10 : /人数/.test(field.name) ? 12 : /页数/.test(field.name) ? 8 : 10;
      const max = Math.min(r.max ?? typical * 2, Math.max(min, typical));
      const low = r.unit === '分' ? Math.max(min, max - 3) : min;
      return rng.int(low, Math.max(low, max));
    }
    case 'decimal':
      return /里程/.test(field.name) ? rng.int(20000, 90000) + rng.int(0, 9) / 10 : rng.int(1, 100) + rng.int(0, 9) / 10;
    case 'money': {
      const base = /单价/.test(field.name) ? rng.int(2, 150) : /罚款/.test(field.name) ? 20 : /费|金额/.test(field.name) ? rng.int(20, 800) : rng.int(50, 3000);
      return Math.max(r.min ?? 0, round2(base + rng.int(0, 99) / 100));
    }
    case 'date':
    case 'dateTime':
      return dateValue(field, at);
    case 'time':
      return `${String(rng.int(8, 17)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}`;
    case 'choice':
      return rng.pickMostlyFirst(field.choices ?? ['']);
    case 'list':
      return rng.pick(settings.lists.find((l) => l.name === field.list)?.values ?? ['']);
    case 'person':
      return personFor(field, settings, rng, d.person);
    case 'department':
      return d.department;
    case 'yesNo':
      return rng.chance(0.85);
    case 'serial':
      return null;
  }
}

export function fillRate(field: FieldSpec): number {
  if (/备注/.test(field.name)) return 0.15;
  if (/说明|原因|情况/.test(field.name)) return 0.3;
  return 0.6;
}

/** Derived values a reader expects: 金额 = 数量 × 单价, 总分 = the sum of the scores. */
export function deriveTotals(d: Draft): void {
  const v = d.values;
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : null);
  if (d.fields.has('金额') && num('单价') !== null && num('数量') !== null) v['金额'] = round2(num('单价')! * num('数量')!);
  const total = d.spec.fields.find((f) => f.name === '总分');
  if (total) {
    const parts = d.spec.fields.filter((f) => f !== total && f.rules.unit === '分' && typeof v[f.name] === 'number');
    if (parts.length) v['总分'] = Math.min(total.rules.max ?? Infinity, parts.reduce((s, f) => s + (v[f.name] as number), 0));
  }
}

/** Pushes dates forward until every 不早于 rule holds (documents write them as a DAG of "after"). */
export function repairDates(d: Draft, skip: Set<string>): void {
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (const rule of d.spec.rules) {
      if (rule.kind !== 'notBefore' || skip.has(rule.field)) continue;
      const f = d.fields.get(rule.field)!;
      const a = instantOf(f, d.values[rule.field]);
      const b = instantOf(d.fields.get(rule.other), d.values[rule.other]);
      if (a === null || b === null) continue;
      const byDay = f.type === 'date' || d.fields.get(rule.other)!.type === 'date';
      const need = (byDay ? startOfDay(b) : b) + rule.offsetDays * MS_DAY;
      if ((byDay ? startOfDay(a) : a) >= need) continue;
      const step = f.type === 'date' ? d.rng.int(0, 2) * MS_DAY : /结束|收车|归还|完成/.test(rule.field) ? d.rng.int(1, 4) * MS_HOUR : d.rng.int(1, 18) * 5 * MS_MINUTE;
      const at = f.type === 'date' ? need + step : Math.max(need, b) + step;
      d.values[rule.field] = dateValue(f, at);
      changed = true;
    }
    if (!changed) break;
  }
}

/** Fields the document requires when a condition holds, filled for conditions that hold now. */
export function fillRequiredWhen(d: Draft, at: (f: FieldSpec) => number, skip: Set<string>): Record<string, DemoValue> {
  const added: Record<string, DemoValue> = {};
  for (let pass = 0; pass < 2; pass++) {
    for (const rule of d.spec.rules) {
      if (rule.kind === 'requiredWhen' && conditionHolds(rule.when, d.values as Record<string, RecordValue>)) {
        for (const name of rule.fields) {
          if (!isBlank(d.values[name] as RecordValue) || skip.has(name)) continue;
          const f = d.fields.get(name)!;
          d.values[name] = added[name] = generate(d, f, at(f));
        }
      }
      if (rule.kind === 'atLeast') {
        for (const name of rule.fields) {
          if (rule.fields.filter((f) => !isBlank(d.values[f] as RecordValue)).length >= rule.count) break;
          if (isBlank(d.values[name] as RecordValue) && !skip.has(name)) d.values[name] = added[name] = generate(d, d.fields.get(name)!, at(d.fields.get(name)!));
        }
      }
      if (rule.kind === 'notMoreThan') {
        const a = d.values[rule.field];
        const b = d.values[rule.other];
        if (typeof a === 'number' && typeof b === 'number' && a > b) d.values[rule.field] = added[rule.field] = b;
      }
    }
  }
  return added;
}
