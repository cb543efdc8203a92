/**
 * Record validation: the register's zod schema (field types, required, ranges, lengths, 设置 values) and then the
 * document's cross-field rules. Errors are data — field, rule id, zh-CN and en-US message — for check's findings
 * and the task pane's inline errors alike. Serial fields are numbering's business (numbering.ts).
 */
import type { z } from 'zod';
import type { RecordValue } from './cells';
import { isBlank } from './conditions';
import type { ConsumptionEvent } from './consumption';
import { checkRule, ruleFieldNames } from './crossRules';
import { recordSchema } from './fieldSchema';
import type { FieldError } from './findings';
import type { FieldSpec, RegisterSpec, SettingsSpec } from '../spec/schema';

export interface ValidationContext {
  /** The workbook's 设置; null when the sheet is missing (person, department and list values are then not checked). */
  settings: SettingsSpec | null;
  /** Issue history for 半年使用数为上限; without it that rule is not applied. */
  consumption?: ConsumptionEvent[];
}

const TYPE_WORDS: Record<FieldSpec['type'], [string, string]> = {
  text: ['文字', 'text'],
  longText: ['文字', 'text'],
  integer: ['整数', 'a whole number'],
  copies: ['份数(整数)', 'a whole number of copies'],
  decimal: ['数字', 'a number'],
  money: ['金额(数字,单位元)', 'an amount in yuan'],
  date: ['日期,如 2026-03-15', 'a date such as 2026-03-15'],
  dateTime: ['日期和时间,如 2026-03-15 09:30', 'a date and time such as 2026-03-15 09:30'],
  time: ['时间,如 09:30', 'a time such as 09:30'],
  choice: ['选项中的一项', 'one of the choices'],
  list: ['“设置”列表中的一项', 'a value from the 设置 list'],
  person: ['“设置”中的人员', 'a person from 设置'],
  department: ['“设置”中的部门', 'a department from 设置'],
  yesNo: ['“是”或“否”', '是 or 否'],
  phone: ['电话号码', 'a phone number'],
  serial: ['编号', 'a number'],
};

const shown = (v: unknown) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

function translate(issue: z.core.$ZodIssue, field: FieldSpec, value: RecordValue): FieldError {
  const name = field.name;
  const unit = field.rules.unit ?? '';
  const [typeZh, typeEn] = TYPE_WORDS[field.type];
  const e = (rule: string, message: string, messageEn: string): FieldError => ({ field: name, rule, message, messageEn });
  const params = (issue as { params?: { rule?: string } }).params;
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      if (issue.origin === 'string') {
        const len = String(value).length;
        return small
          ? e('field.length', `“${name}”至少 ${limit} 字,现为 ${len} 字`, `"${name}" needs at least ${limit} characters; it has ${len}`)
          : e('field.length', `“${name}”最多 ${limit} 字,现为 ${len} 字`, `"${name}" allows at most ${limit} characters; it has ${len}`);
      }
      return small
        ? e('field.range', `“${name}”应不小于 ${limit}${unit},现为 ${shown(value)}`, `"${name}" must be at least ${limit}${unit}; it is ${shown(value)}`)
        : e('field.range', `“${name}”应不大于 ${limit}${unit},现为 ${shown(value)}`, `"${name}" must be at most ${limit}${unit}; it is ${shown(value)}`);
    }
    case 'custom':
      switch (params?.rule) {
        case 'field.cents':
          return e('field.cents', `“${name}”金额最多两位小数,现为 ${shown(value)}`, `"${name}" allows two decimals at most; it is ${shown(value)}`);
        case 'field.choice':
          return e('field.choice', `“${name}”只能选:${(field.choices ?? []).join('、')};现为“${shown(value)}”`, `"${name}" must be one of ${(field.choices ?? []).join(', ')}; it is "${shown(value)}"`);
        case 'field.person':
        case 'field.department':
        case 'field.list': {
          const what = field.type === 'person' ? '人员' : field.type === 'department' ? '部门' : `列表“${field.list}”`;
          const whatEn = field.type === 'person' ? 'people' : field.type === 'department' ? 'departments' : `list "${field.list}"`;
          return e(params.rule, `“${name}”的“${shown(value)}”不在“设置”工作表的${what}中;请从下拉列表选择,新值先加到“设置”`, `"${name}": "${shown(value)}" is not among the ${whatEn} on the 设置 sheet`);
        }
        default:
          return e(params?.rule ?? 'field.type', `“${name}”应填写${typeZh},现为“${shown(value)}”`, `"${name}" must be ${typeEn}; it is "${shown(value)}"`);
      }
    default:
      return e('field.type', `“${name}”应填写${typeZh},现为“${shown(value)}”`, `"${name}" must be ${typeEn}; it is "${shown(value)}"`);
  }
}

type Schema = ReturnType<typeof recordSchema>;
const cache = new WeakMap<RegisterSpec, WeakMap<object, Schema>>();
const NO_SETTINGS = {};

function schemaFor(spec: RegisterSpec, settings: SettingsSpec | null): Schema {
  let bySettings = cache.get(spec);
  if (!bySettings) cache.set(spec, (bySettings = new WeakMap()));
  const key = settings ?? NO_SETTINGS;
  let schema = bySettings.get(key);
  if (!schema) bySettings.set(key, (schema = recordSchema(spec, settings)));
  return schema;
}

const lookups = new WeakMap<RegisterSpec, { fields: Map<string, FieldSpec>; order: Map<string, number> }>();

/** Fields by name and their form order, once per register (an import validates every row). */
function lookupsFor(spec: RegisterSpec): { fields: Map<string, FieldSpec>; order: Map<string, number> } {
  let found = lookups.get(spec);
  if (!found) lookups.set(spec, (found = { fields: new Map(spec.fields.map((f) => [f.name, f])), order: new Map(spec.fields.map((f, i) => [f.name, i])) }));
  return found;
}

/** Blank text is no value: what a cleared cell and an untouched form field both mean. */
export function normaliseValues(spec: RegisterSpec, values: Record<string, RecordValue | undefined>): Record<string, RecordValue> {
  const out: Record<string, RecordValue> = {};
  for (const f of spec.fields) {
    const v = values[f.name];
    out[f.name] = isBlank(v) ? null : (v as RecordValue);
  }
  return out;
}

export function validateValues(spec: RegisterSpec, values: Record<string, RecordValue | undefined>, ctx: ValidationContext): FieldError[] {
  const clean = normaliseValues(spec, values);
  const errors: FieldError[] = [];
  const bad = new Set<string>();
  for (const f of spec.fields) {
    if (f.type !== 'serial' && f.required && clean[f.name] === null) {
      errors.push({ field: f.name, rule: 'field.required', message: `“${f.name}”必填`, messageEn: `"${f.name}" is required` });
      bad.add(f.name);
    }
  }
  const parsed = schemaFor(spec, ctx.settings).safeParse(clean);
  const { fields, order } = lookupsFor(spec);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      const field = fields.get(name);
      if (!field || bad.has(name)) continue;
      bad.add(name);
      errors.push(translate(issue, field, clean[name]));
    }
  }
  // In form order, so that the pane's first inline error is the first field to fix.
  if (errors.length > 1) errors.sort((a, b) => order.get(a.field!)! - order.get(b.field!)!);
  for (const rule of spec.rules) {
    if (ruleFieldNames(rule).some((f) => bad.has(f) && !(rule.kind === 'requiredWhen' && rule.when.field !== f))) continue;
    errors.push(...checkRule(rule, clean, { spec, fields, consumption: ctx.consumption }));
  }
  return errors;
}
