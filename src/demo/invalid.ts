/**
 * The demo's deliberate problems: a few records taken over from "paper registers" (导入) with one mistake each —
 * one per kind of rule the documents have — and a few records left overdue. Each is listed in 演示说明; each
 * mistake is checked here to produce exactly one finding of the intended rule.
 */
import type { RecordValue } from '../core/cells';
import { conditionHolds, isBlank } from '../core/conditions';
import { halfYearUse, CONSUMPTION_SOURCE, type ConsumptionEvent } from '../core/consumption';
import { MS_DAY, MS_HOUR, formatDate, formatDateTime, parseInstant, startOfDay } from '../core/dates';
import type { RegisterMeta } from '../core/metadata';
import { serialField } from '../core/transitions';
import { validateValues } from '../core/validate';
import { STATUS_DONE, deriveState, routeFor } from '../core/workflow';
import type { FieldSpec, RegisterSpec } from '../spec/schema';
import { laterFields } from './laterFields';
import { isRef, type DemoValue, type Intent, type RecordPlan } from './plan';
import type { Rng } from './random';
import { planRecord, type GenContext, type PlanOptions } from './recordGen';
import { referenceOf } from './schedule';
import { SUPPLIES_IDS } from './supplies';
import { timeOnDay, workdaysOfMonth } from './timeline';

interface Mistake {
  rule: string;
  field: string;
  description: string;
  seed?: Record<string, DemoValue>;
  /** Changes the final values (and may change the status) of the imported record. */
  apply(values: Record<string, DemoValue>, plan: RecordPlan): { status?: string } | false;
}

const resolved = (values: Record<string, DemoValue>): Record<string, RecordValue> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, isRef(v) ? 'REF-0001' : v]));

function inRules(spec: RegisterSpec, name: string): boolean {
  return (
    spec.rules.some((r) => JSON.stringify(r).includes(`"${name}"`)) ||
    spec.chain.some((r) => r.when?.field === name) ||
    spec.deadlines.some((d) => d.from === name || d.doneField === name) ||
    spec.retentionFrom === name
  );
}

function shift(field: FieldSpec, value: string, ms: number): string {
  const t = parseInstant(value)! + ms;
  return field.type === 'date' ? formatDate(t) : formatDateTime(t);
}

/** The kinds of mistake a register's document makes possible, most telling first. */
function mistakesFor(meta: RegisterMeta, consumption: ConsumptionEvent[]): Mistake[] {
  const spec = meta.spec;
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const later = laterFields(spec);
  const out: Mistake[] = [];
  for (const rule of spec.rules) {
    if (rule.kind === 'notBefore' && !later.has(rule.field) && !later.has(rule.other)) {
      const f = fields.get(rule.field)!;
      out.push({
        rule: 'rule.notBefore',
        field: rule.field,
        description: rule.offsetDays > 0 ? `“${rule.field}”离“${rule.other}”不足 ${rule.offsetDays} 天(${rule.text})` : `“${rule.field}”早于“${rule.other}”(${rule.text})`,
        apply(v) {
          const other = v[rule.other];
          if (typeof other !== 'string' || isBlank(v[rule.field] as RecordValue)) return false;
          const back = rule.offsetDays > 0 ? (rule.offsetDays - 1) * MS_DAY : f.type === 'date' || fields.get(rule.other)!.type === 'date' ? -MS_DAY : -2 * MS_HOUR;
          v[rule.field] = shift(f, fields.get(rule.other)!.type === 'date' && f.type === 'dateTime' ? `${other}T10:00` : other, back);
          return {};
        },
      });
    }
    if (rule.kind === 'requiredWhen' && rule.when.op === 'in') {
      const open = rule.fields.filter((f) => !later.has(f) && !fields.get(f)!.required);
      const target = open.find((f) => /有效期/.test(f)) ?? open.find((f) => /存根/.test(f)) ?? open.find((f) => /批示/.test(f)) ?? open[0];
      if (target)
        out.push({
          rule: 'rule.requiredWhen',
          field: target,
          description: `${rule.when.field}为“${rule.when.values[0]}”却没有填写“${target}”(${rule.text})`,
          seed: { [rule.when.field]: rule.when.values[0] },
          apply(v) {
            if (!conditionHolds(rule.when, resolved(v))) return false;
            v[target] = null;
            return {};
          },
        });
    }
    if (rule.kind === 'atLeast')
      out.push({
        rule: 'rule.atLeast',
        field: rule.fields[rule.count - 1],
        description: `只有 ${rule.count - 1} 家报价(${rule.text})`,
        apply(v) {
          for (const f of rule.fields.slice(rule.count - 1)) {
            v[f] = null;
            const name = f.replace(/报价$/, '');
            if (name !== f && fields.has(name)) v[name] = null;
          }
          return {};
        },
      });
    if (rule.kind === 'notMoreThan')
      out.push({
        rule: 'rule.notMoreThan',
        field: rule.field,
        description: `“${rule.field}”大于“${rule.other}”(${rule.text})`,
        apply(v) {
          const b = v[rule.other];
          if (typeof b !== 'number' || later.has(rule.field)) return false;
          v[rule.field] = b + 2;
          return {};
        },
      });
    if (rule.kind === 'halfYearCap')
      out.push({
        rule: 'rule.halfYearCap',
        field: rule.field,
        description: `申购数量超过该物品半年使用数(${rule.text})`,
        apply(v) {
          const dateField = spec.fields.find((f) => f.type === 'date');
          const on = dateField ? parseInstant(String(v[dateField.name] ?? '')) : null;
          const cap = on === null ? null : halfYearUse(consumption, String(v[rule.itemField] ?? ''), startOfDay(on));
          if (cap === null) return false;
          v[rule.field] = cap * 2 + 10;
          return {};
        },
      });
  }
  const plain = spec.fields.filter((f) => f.type !== 'serial' && !inRules(spec, f.name));
  const required = plain.find((f) => f.required && (f.type === 'text' || f.type === 'department' || f.type === 'person'));
  if (required)
    out.push({ rule: 'field.required', field: required.name, description: `必填的“${required.name}”没有填写`, apply: (v) => ((v[required.name] = null), {}) });
  const list = plain.find((f) => f.type === 'list' && f.required);
  if (list)
    out.push({ rule: 'field.list', field: list.name, description: `“${list.name}”填了“设置”中没有的值`, apply: (v) => ((v[list.name] = list.name === '密级' ? '绝密' : `其他${list.name}`), {}) });
  const ranged = plain.find((f) => (f.type === 'integer' || f.type === 'copies') && f.rules.max !== undefined && f.required);
  if (ranged)
    out.push({ rule: 'field.range', field: ranged.name, description: `“${ranged.name}”超出 ${ranged.rules.min ?? ''}~${ranged.rules.max} 的范围`, apply: (v) => ((v[ranged.name] = ranged.rules.max! + 1), {}) });
  const long = plain.find((f) => f.type === 'text' && f.rules.maxLength !== undefined && f.rules.maxLength <= 60 && f.required);
  if (long)
    out.push({ rule: 'field.length', field: long.name, description: `“${long.name}”超过 ${long.rules.maxLength} 字`, apply: (v) => ((v[long.name] = `${String(v[long.name] ?? '')}${'(补充说明)'.repeat(20)}`.slice(0, long.rules.maxLength! + 6)), {}) });
  // A date typed as words: the rules and deadlines that start from it skip a value that is not a date.
  const date = spec.fields.find((f) => f.type === 'date' && f.required && !spec.chain.some((r) => r.when?.field === f.name) && !spec.rules.some((r) => r.kind === 'requiredWhen' && r.when.field === f.name));
  if (date)
    out.push({
      rule: 'field.date',
      field: date.name,
      description: `“${date.name}”写成了文字“${'二〇二六年某月某日'}”而不是日期`,
      apply(v) {
        const ms = parseInstant(String(v[date.name] ?? ''));
        if (ms === null) return false;
        const d = new Date(ms);
        v[date.name] = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
        return {};
      },
    });
  const serial = serialField(spec);
  if (serial)
    out.push({ rule: 'number.duplicate', field: serial.name, description: `编号与已有记录重复(手工编号时重复使用)`, apply: () => ({}) });
  if (spec.chain.length && spec.chain.every((r) => r.steps.length >= 3))
    out.push({ rule: 'status.mismatch', field: '状态', description: '状态写成“已办结”,但最后一步审批尚未办理', apply: () => ({ status: STATUS_DONE }) });
  return out;
}

/** Up to `count` working-day instants between two dates. */
function someDay(rng: Rng, from: number, to: number): number {
  const days: number[] = [];
  for (let t = startOfDay(from); t <= to; t += MS_DAY) {
    const d = new Date(t);
    if (d.getUTCDate() === 1) days.push(...workdaysOfMonth(d.getUTCFullYear(), d.getUTCMonth() + 1, to));
  }
  const ok = days.filter((d) => d >= from && d <= to);
  return timeOnDay(rng.pick(ok.length ? ok : [startOfDay(from)]), rng, 9 * 60, 15 * 60);
}

/** Registers that show a kind of mistake best (the seeds' own examples), tried first. */
const SHOWCASE: Record<string, string[]> = {
  'rule.requiredWhen': ['seal_use', 'intro_letters'],
  'rule.notBefore': ['meeting_room_use', 'archive_loans', 'vehicle_use', 'seal_borrow'],
  'rule.notBefore.offset': ['purchase_requests'],
};

export function planInvalidRecords(metas: RegisterMeta[], plans: RecordPlan[], ctx: GenContext, rng: Rng, start: number): RecordPlan[] {
  const out: RecordPlan[] = [];
  const consumption: ConsumptionEvent[] = plans
    .filter((p) => p.meta.id === CONSUMPTION_SOURCE.register)
    .flatMap((p) => {
      const date = parseInstant(String(p.final[CONSUMPTION_SOURCE.date] ?? ''));
      const q = p.final[CONSUMPTION_SOURCE.quantity];
      return date !== null && typeof q === 'number' && q > 0 ? [{ item: String(p.final[CONSUMPTION_SOURCE.item]), date, quantity: q }] : [];
    });
  const catalogItem = plans.find((p) => p.meta.id === 'supplies_catalog' && p.final['物品编码'] === 'BG-001');
  const eligible = (m: RegisterMeta) => (!SUPPLIES_IDS.has(m.id) || m.id === 'purchase_requests') && !referenceOf(m, metas);
  const QUOTA: Record<string, number> = { 'rule.requiredWhen': 2 };
  const used = new Map<string, number>();
  const usedRegisters = new Set<string>();
  const keyOf = (m: Mistake) => (m.rule === 'rule.notBefore' && m.description.includes('不足') ? 'rule.notBefore.offset' : m.rule);
  const candidates = rng.shuffle(metas.filter(eligible)).flatMap((meta) => mistakesFor(meta, consumption).map((mistake) => ({ meta, mistake, key: keyOf(mistake) })));
  const counts = new Map<string, number>();
  for (const c of candidates) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  // Rarest kinds first, so that a kind only one register has (三家比价, 半年使用数) is not crowded out.
  const keys = [...counts.keys()].sort((a, b) => Number(b in SHOWCASE) - Number(a in SHOWCASE) || counts.get(a)! - counts.get(b)! || a.localeCompare(b));
  for (const key of keys) {
    const preferred = SHOWCASE[key] ?? [];
    const rank = (id: string) => (preferred.includes(id) ? preferred.indexOf(id) : preferred.length);
    const pool = candidates.filter((c) => c.key === key);
    const order = (a: (typeof pool)[number], b: (typeof pool)[number]) => Number(usedRegisters.has(a.meta.id)) - Number(usedRegisters.has(b.meta.id)) || rank(a.meta.id) - rank(b.meta.id);
    while (pool.length && (used.get(key) ?? 0) < (QUOTA[key] ?? 1)) {
      const { meta, mistake } = pool.sort(order).shift()!;
      const seed: Record<string, DemoValue> = { ...(mistake.seed ?? {}) };
      if (meta.id === 'purchase_requests' && catalogItem) Object.assign(seed, { 物品编码: 'BG-001', 物品名称: catalogItem.final['物品名称'] ?? null, 申购数量: 10 });
      const late = mistake.rule === 'rule.halfYearCap';
      const options: PlanOptions = { t0: someDay(rng, late ? ctx.asOf - 100 * MS_DAY : start + 25 * MS_DAY, ctx.asOf - 40 * MS_DAY), seed, fate: 'done', asImport: true, intents: [] };
      const plan = planRecord(meta, ctx, rng, options);
      if (!plan) continue;
      const event = plan.events.find((e) => e.kind === 'import');
      if (!event?.values || !event.imported) continue;
      const values = { ...event.values };
      if (mistake.rule === 'number.duplicate') {
        const original = plans.find((p) => p.meta === meta && p.events[0]?.kind === 'submit' && p.t0 < plan.t0 - MS_DAY && !p.intents.length);
        if (!original) continue;
        values[serialField(meta.spec)!.name] = { ref: original.id };
      }
      const applied = mistake.apply(values, plan);
      if (!applied) continue;
      const errors = validateValues(meta.spec, resolved(values), { settings: ctx.settings, consumption });
      const expected = mistake.rule.startsWith('field.') || mistake.rule.startsWith('rule.') ? 1 : 0;
      if (errors.length !== expected || (expected && (errors[0].rule !== mistake.rule || errors[0].field !== mistake.field))) continue;
      if (routeFor(meta.spec, resolved(values)) !== routeFor(meta.spec, resolved(event.values))) continue;
      let status = event.imported.status;
      let steps = event.imported.steps;
      if (applied.status) {
        const route = routeFor(meta.spec, resolved(values))!;
        const last = route.steps[route.steps.length - 1].text;
        steps = { ...steps, [last]: { actor: null, time: null, opinion: null } };
        status = applied.status;
        if (deriveState(meta.spec, { values: resolved(values), steps, submittedAt: 'x', submittedBy: 'x' }).status === status) continue;
      }
      event.values = values;
      event.imported = { ...event.imported, status, steps };
      out.push({ ...plan, final: values, intents: [{ kind: 'invalid', rule: mistake.rule, field: mistake.field, description: mistake.description }] });
      used.set(key, (used.get(key) ?? 0) + 1);
      usedRegisters.add(meta.id);
    }
  }

  // A few records left overdue near the end of the period.
  let overdue = 0;
  const withDeadlines = rng.shuffle(metas.filter((m) => eligible(m) && m.spec.deadlines.length));
  for (const meta of [...withDeadlines.filter((m) => !usedRegisters.has(m.id)), ...withDeadlines.filter((m) => usedRegisters.has(m.id))]) {
    if (overdue >= 5) break;
    const deadline = meta.spec.deadlines.find((d) => laterFields(meta.spec).has(d.doneField) && !laterFields(meta.spec).has(d.from));
    if (!deadline) continue;
    const intent: Intent = { kind: 'overdue', rule: 'deadline.overdue', field: deadline.doneField, description: `“${deadline.name}”已过期限,“${deadline.doneField}”仍未填写` };
    for (let tries = 0; tries < 6; tries++) {
      // A purchase names a catalogued item, or the supplies analysis would count it as a ledger problem.
      const seed: Record<string, DemoValue> | undefined = meta.id === 'purchase_requests' && catalogItem ? { 物品编码: 'BG-001', 物品名称: catalogItem.final['物品名称'] ?? null, 申购数量: 10 } : undefined;
      const plan = planRecord(meta, ctx, rng, { t0: someDay(rng, ctx.asOf - 30 * MS_DAY, ctx.asOf - 14 * MS_DAY), fate: 'done', skip: [deadline.doneField], intents: [intent], seed });
      if (plan) {
        out.push(plan);
        overdue++;
        break;
      }
    }
  }
  return out;
}
