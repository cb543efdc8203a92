/**
 * Cross-field rules written in a document's 校验规则 section (end ≥ start, 提前三天, 半年使用数为上限, 三家比价,
 * required-when) evaluated on one record. Each rule reports at the field a user would correct.
 */
import type { RecordValue } from './cells';
import { conditionHolds, isBlank, valueText } from './conditions';
import { halfYearUse, type ConsumptionEvent } from './consumption';
import { MS_DAY, displayInstant, formatDate, isDateOnly, parseInstant, startOfDay } from './dates';
import type { FieldError } from './findings';
import { timeToSerial } from './cells';
import type { CrossRule, FieldSpec, RegisterSpec } from '../spec/schema';

interface Moment {
  ms: number;
  dayOnly: boolean;
  text: string;
}

function moment(field: FieldSpec | undefined, v: RecordValue): Moment | null {
  if (!field || isBlank(v) || typeof v !== 'string') return null;
  if (field.type === 'time') {
    const s = timeToSerial(v);
    return s === null ? null : { ms: Math.round(s * MS_DAY), dayOnly: false, text: v };
  }
  const ms = parseInstant(v);
  if (ms === null) return null;
  const dayOnly = field.type === 'date' || isDateOnly(v);
  return { ms, dayOnly, text: dayOnly ? formatDate(ms) : displayInstant(ms) };
}

function numberOf(v: RecordValue): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** First date field of the register: the date a record is "as of" (申请日期 for a purchase request). */
export function recordDateField(spec: RegisterSpec): FieldSpec | undefined {
  return spec.fields.find((f) => f.type === 'date') ?? spec.fields.find((f) => f.type === 'dateTime');
}

export interface RuleContext {
  spec: RegisterSpec;
  fields: Map<string, FieldSpec>;
  consumption?: ConsumptionEvent[];
}

export function checkRule(rule: CrossRule, values: Record<string, RecordValue>, ctx: RuleContext): FieldError[] {
  switch (rule.kind) {
    case 'notBefore': {
      const a = moment(ctx.fields.get(rule.field), values[rule.field]);
      const b = moment(ctx.fields.get(rule.other), values[rule.other]);
      if (!a || !b) return [];
      const byDay = a.dayOnly || b.dayOnly;
      const left = byDay ? startOfDay(a.ms) : a.ms;
      const right = (byDay ? startOfDay(b.ms) : b.ms) + rule.offsetDays * MS_DAY;
      if (left >= right) return [];
      const plus = rule.offsetDays ? ` 加 ${rule.offsetDays} 天(${formatDate(right)})` : '';
      const plusEn = rule.offsetDays ? ` + ${rule.offsetDays} days (${formatDate(right)})` : '';
      return [{
        field: rule.field,
        rule: 'rule.notBefore',
        message: `“${rule.field}”${a.text} 早于“${rule.other}”${b.text}${plus}:${rule.text}`,
        messageEn: `"${rule.field}" ${a.text} is earlier than "${rule.other}" ${b.text}${plusEn} (rule: ${rule.text})`,
      }];
    }
    case 'notMoreThan': {
      const a = numberOf(values[rule.field]);
      const b = numberOf(values[rule.other]);
      if (a === null || b === null || a <= b) return [];
      return [{
        field: rule.field,
        rule: 'rule.notMoreThan',
        message: `“${rule.field}”${a} 大于“${rule.other}”${b}:${rule.text}`,
        messageEn: `"${rule.field}" ${a} is more than "${rule.other}" ${b} (rule: ${rule.text})`,
      }];
    }
    case 'requiredWhen': {
      if (!conditionHolds(rule.when, values)) return [];
      const cond = `${rule.when.field}为“${valueText(values[rule.when.field])}”`;
      return rule.fields
        .filter((f) => isBlank(values[f]))
        .map((f) => ({
          field: f,
          rule: 'rule.requiredWhen',
          message: `${cond}时必须填写“${f}”:${rule.text}`,
          messageEn: `"${f}" is required when ${rule.when.field} is "${valueText(values[rule.when.field])}" (rule: ${rule.text})`,
        }));
    }
    case 'halfYearCap': {
      const qty = numberOf(values[rule.field]);
      const item = valueText(values[rule.itemField]);
      const dateField = recordDateField(ctx.spec);
      const on = dateField ? parseInstant(valueText(values[dateField.name])) : null;
      if (qty === null || !item || on === null || !ctx.consumption) return [];
      const cap = halfYearUse(ctx.consumption, item, on);
      if (cap === null || qty <= cap) return [];
      return [{
        field: rule.field,
        rule: 'rule.halfYearCap',
        message: `“${rule.field}”${qty} 超过 ${item} 的半年使用数 ${cap}(按领用记录推算):${rule.text}`,
        messageEn: `"${rule.field}" ${qty} exceeds six months of use of ${item} (${cap}, from the issue records) (rule: ${rule.text})`,
      }];
    }
    case 'atLeast': {
      if (rule.when && !conditionHolds(rule.when, values)) return [];
      const filled = rule.fields.filter((f) => !isBlank(values[f]));
      if (filled.length >= rule.count) return [];
      const first = rule.fields.find((f) => isBlank(values[f])) ?? rule.fields[0];
      return [{
        field: first,
        rule: 'rule.atLeast',
        message: `至少填写 ${rule.count} 项(${rule.fields.join('、')}),现只有 ${filled.length} 项:${rule.text}`,
        messageEn: `At least ${rule.count} of ${rule.fields.join(', ')} must be filled; ${filled.length} are (rule: ${rule.text})`,
      }];
    }
  }
}

/** The fields a rule reads: the document parser's own list, so both always agree. */
export { ruleFields as ruleFieldNames } from '../spec/parseRegister';
