/**
 * One plausible record of any register, planned as timed actions: field values from the field types, names and
 * the document's rules; later fields (deadline "done" fields) filled in time; approvals by people who hold the
 * roles; now and then a return, a rejection or a withdrawal. Every state the record passes through is validated
 * with core's own rules, and a record that would end up overdue by accident is drawn again.
 */
import { conditionHolds } from '../core/conditions';
import { dueAt, openDeadlines } from '../core/deadlines';
import { MS_DAY, MS_HOUR, MS_MINUTE, formatDateTime, startOfDay } from '../core/dates';
import type { RegisterMeta } from '../core/metadata';
import { validateValues } from '../core/validate';
import { approvalStepsOf, deriveState, routeFor } from '../core/workflow';
import type { FieldSpec, RegisterSpec, SettingsSpec } from '../spec/schema';
import { laterFields } from './laterFields';
import { lifecycle, pickFate, pickSubmitter, type Fate } from './lifecycle';
import { isRef, type DemoValue, type Intent, type PlannedEvent, type RecordPlan } from './plan';
import type { Rng } from './random';
import { nextWorkMoment } from './timeline';
import { dateValue, deriveTotals, fillRate, fillRequiredWhen, generate, initialInstant, instantOf, repairDates, resolvePlaceholders, type Draft } from './values';

export type { Fate } from './lifecycle';

export interface GenContext {
  settings: SettingsSpec;
  /** ms: nothing is planned after this instant (the demo's "today"). */
  asOf: number;
  nextId(): number;
  /** Draws made, kept and failed: how hard the documents' rules are to satisfy (reported in stats). */
  draws: { attempts: number; failures: Record<string, number> };
}

export interface PlanOptions {
  t0: number;
  /** Values decided by the caller (supplies, references); refs are resolved when the record is submitted. */
  seed?: Record<string, DemoValue>;
  /** Later values decided by the caller, at their times; these fields are not filled automatically. */
  updates?: { time: number; values: Record<string, DemoValue> }[];
  person?: string;
  submitter?: string;
  fate?: Fate;
  /** Leave these later fields empty (a deliberately overdue record). */
  skip?: string[];
  intents?: Intent[];
  /** Take the record over with 导入 at t0 with its approvals, instead of submitting it. */
  asImport?: boolean;
}

/** Order later fields so that a field comes after the fields its deadline or 不早于 rules start from. */
function orderLater(spec: RegisterSpec, later: string[]): string[] {
  const deps = new Map<string, Set<string>>(later.map((f) => [f, new Set<string>()]));
  for (const dl of spec.deadlines) if (deps.has(dl.doneField) && deps.has(dl.from)) deps.get(dl.doneField)!.add(dl.from);
  for (const r of spec.rules) {
    if (r.kind === 'notBefore' && deps.has(r.field) && deps.has(r.other)) deps.get(r.field)!.add(r.other);
    if (r.kind === 'requiredWhen' && deps.has(r.when.field)) for (const f of r.fields) if (deps.has(f)) deps.get(r.when.field)!.add(f);
  }
  const out: string[] = [];
  const visit = (f: string, path: Set<string>) => {
    if (out.includes(f) || path.has(f)) return;
    path.add(f);
    for (const g of deps.get(f) ?? []) visit(g, path);
    out.push(f);
  };
  for (const f of later) visit(f, new Set());
  return out;
}

/** When a later field is filled: inside its deadline's window and its 不早于 bounds; null when it cannot be. */
function laterTime(d: Draft, name: string, times: Map<string, number>): number | null {
  const { spec, rng } = d;
  let lo = d.t0 + rng.int(2, 12) * 5 * MS_MINUTE;
  let hi = Infinity;
  const deadline = spec.deadlines.find((dl) => dl.doneField === name);
  if (deadline) {
    const from = d.values[deadline.from];
    const due = dueAt(deadline, isRef(from) ? null : (from ?? null));
    if (due === null) return null;
    const F = instantOf(d.fields.get(deadline.from), from)!;
    if (deadline.amount > 0) lo = Math.max(lo, F);
    else if (deadline.amount === 0) lo = Math.max(lo, F - 2 * MS_DAY);
    hi = due;
  }
  for (const r of spec.rules) {
    if (r.kind === 'requiredWhen' && r.when.field === name) for (const f of r.fields) if (times.has(f)) lo = Math.max(lo, times.get(f)!);
    if (r.kind !== 'notBefore') continue;
    if (r.field === name) {
      const b = instantOf(d.fields.get(r.other), d.values[r.other]);
      if (b !== null) lo = Math.max(lo, b + r.offsetDays * MS_DAY);
    } else if (r.other === name) {
      const a = instantOf(d.fields.get(r.field), d.values[r.field]);
      if (a !== null) hi = Math.min(hi, (d.fields.get(r.field)!.type === 'date' ? startOfDay(a) + MS_DAY - 1 : a) - r.offsetDays * MS_DAY);
    }
  }
  if (hi === Infinity) hi = lo + rng.int(1, 30) * MS_HOUR;
  if (hi < lo) return lo;
  const t = lo + (hi - lo) * rng.next() ** 2;
  const snapped = nextWorkMoment(Math.round(t / (5 * MS_MINUTE)) * 5 * MS_MINUTE);
  return snapped <= hi ? snapped : Math.round(t / MS_MINUTE) * MS_MINUTE;
}

function validStates(spec: RegisterSpec, settings: SettingsSpec, states: Record<string, DemoValue>[]): boolean {
  return states.every((s) => validateValues(spec, resolvePlaceholders(s), { settings }).length === 0);
}

function attempt(meta: RegisterMeta, ctx: GenContext, rng: Rng, o: PlanOptions): RecordPlan | null {
  const spec = meta.spec;
  const settings = ctx.settings;
  const fail = (why: string): null => {
    const key = `${meta.name}:${why}`;
    ctx.draws.failures[key] = (ctx.draws.failures[key] ?? 0) + 1;
    return null;
  };
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const people = settings.people;
  const who = people.find((p) => p.name === o.person) ?? rng.pick(people);
  const d: Draft = { spec, fields, values: { ...(o.seed ?? {}) }, rng, settings, t0: o.t0, person: who.name, department: who.department };
  const provided = new Set((o.updates ?? []).flatMap((u) => Object.keys(u.values)));
  const skip = new Set(o.skip ?? []);
  const later = new Set([...laterFields(spec)].filter((f) => !(f in d.values)));
  for (const f of provided) later.add(f);
  const deferred = new Set([...later, ...skip]);

  for (const f of spec.fields) {
    if (f.type === 'serial' || f.name in d.values || deferred.has(f.name)) continue;
    if (!f.required && !rng.chance(fillRate(f))) continue;
    d.values[f.name] = generate(d, f, f.type === 'date' || f.type === 'dateTime' ? initialInstant(f, o.t0, rng) : o.t0);
  }
  const mainDate = spec.fields.find((f) => (f.type === 'date' || f.type === 'dateTime') && f.required && !(o.seed && f.name in o.seed));
  if (mainDate && !deferred.has(mainDate.name) && !/下次|预计|应还|需用|有效期|时限|期限|截止|计划|到期|开始|出车|借出/.test(mainDate.name))
    d.values[mainDate.name] = dateValue(mainDate, o.t0);
  const atSubmit = (f: FieldSpec) => (f.type === 'date' || f.type === 'dateTime' ? initialInstant(f, o.t0, rng) : o.t0);
  fillRequiredWhen(d, atSubmit, deferred);
  deriveTotals(d);
  repairDates(d, new Set(Object.keys(o.seed ?? {})));
  fillRequiredWhen(d, atSubmit, deferred);
  const submitValues = { ...d.values };

  // Later fields, in time.
  const updates = new Map<number, Record<string, DemoValue>>();
  const times = new Map<string, number>();
  const add = (time: number, values: Record<string, DemoValue>) => updates.set(time, { ...(updates.get(time) ?? {}), ...values });
  for (const u of o.updates ?? []) {
    add(u.time, u.values);
    for (const k of Object.keys(u.values)) times.set(k, u.time);
    Object.assign(d.values, u.values);
  }
  for (const name of orderLater(spec, [...later].filter((f) => !provided.has(f) && !skip.has(f)))) {
    const f = fields.get(name)!;
    const t = laterTime(d, name, times);
    if (t === null) continue;
    let value = generate(d, f, t);
    if (f.type === 'choice') {
      // A condition field takes a value whose required fields can be filled now.
      for (const c of rng.shuffle(f.choices ?? [])) {
        const trial = resolvePlaceholders({ ...d.values, [name]: c });
        const blocked = spec.rules.some((r) => r.kind === 'requiredWhen' && r.when.field === name && conditionHolds(r.when, trial) && r.fields.some((x) => skip.has(x) || (later.has(x) && !times.has(x))));
        if (!blocked) {
          value = c;
          break;
        }
      }
    }
    d.values[name] = value;
    times.set(name, t);
    const extra = fillRequiredWhen(d, () => t, skip);
    add(t, { [name]: value, ...extra });
  }

  // Every state the record passes through must be valid.
  const ordered = [...updates.entries()].sort((a, b) => a[0] - b[0]);
  const states: Record<string, DemoValue>[] = [submitValues];
  for (const [, u] of ordered) states.push({ ...states[states.length - 1], ...u });
  if (!validStates(spec, settings, states)) return fail('invalid');
  const finalValues = states[states.length - 1];
  const resolvedSubmit = resolvePlaceholders(submitValues);
  if (routeFor(spec, resolvedSubmit) !== routeFor(spec, resolvePlaceholders(finalValues))) return fail('route');

  const route = routeFor(spec, resolvedSubmit);
  const submitter = o.submitter ?? (route ? pickSubmitter(spec, settings, resolvedSubmit, route.steps[0], rng, who.name) : who.name);
  const fate = o.fate ?? pickFate(spec, rng);
  const life = lifecycle(d, submitter, fate, resolvedSubmit);
  const events: PlannedEvent[] = [];
  if (o.asImport) {
    // A ledger taken over records who signed each step, not a delegation the office had at the time.
    const steps: Record<string, { actor: string | null; time: string | null; opinion: string | null }> = {};
    for (const e of life.events) if (e.kind === 'approve') steps[approvalStepsOf(route!).find((s) => !steps[s.text])!.text] = { actor: e.onBehalfOf ?? e.actor, time: formatDateTime(e.time), opinion: e.opinion ?? null };
    const importAt = Math.max(o.t0, ...ordered.map(([t]) => t), ...life.events.map((e) => e.time)) + 30 * MS_MINUTE;
    if (importAt > ctx.asOf) return fail('late');
    // What approvers filled on the way (承办部门, 驾驶员) is part of what the ledger shows.
    const taken: Record<string, DemoValue> = Object.assign({}, finalValues, ...life.events.filter((e) => e.kind === 'approve' && e.values).map((e) => e.values));
    const record = { values: resolvePlaceholders(taken), steps, submittedAt: formatDateTime(o.t0), submittedBy: submitter };
    events.push({ time: importAt, kind: 'import', actor: submitter, values: taken, imported: { submittedBy: submitter, submittedAt: formatDateTime(o.t0), status: route ? deriveState(spec, record).status : null, steps } });
  } else {
    events.push({ time: o.t0, kind: 'submit', actor: submitter, values: submitValues });
    events.push(...life.events);
    const closedAt = life.closedAt ?? Infinity;
    for (const [t, values] of ordered) if (t < closedAt) events.push({ time: t, kind: 'update', actor: submitter, values });
  }
  const kept = events.filter((e) => e.time <= ctx.asOf).sort((a, b) => a.time - b.time || (a.kind === 'submit' ? -1 : b.kind === 'submit' ? 1 : 0));
  if (!kept.length || (kept[0].kind !== 'submit' && kept[0].kind !== 'import')) return fail('future');

  // As of the end: nothing overdue unless the caller meant it.
  const asOfValues: Record<string, DemoValue> = {};
  for (const e of kept) if (e.values) Object.assign(asOfValues, e.values);
  const closed = kept.some((e) => e.kind === 'reject' || e.kind === 'withdraw');
  const probe = { index: 0, sheetRow: 0, values: resolvePlaceholders(asOfValues), submittedBy: submitter, submittedAt: formatDateTime(o.t0), status: closed ? '已驳回' : null, steps: {} };
  const overdue = openDeadlines(spec, probe, ctx.asOf).filter((x) => x.leftMs < 0);
  const intended = new Set((o.intents ?? []).filter((i) => i.kind === 'overdue').map((i) => i.field));
  if (overdue.some((x) => !intended.has(x.deadline.doneField)) || [...intended].some((f) => !overdue.some((x) => x.deadline.doneField === f))) return fail('overdue');
  return { id: ctx.nextId(), meta, events: kept, final: asOfValues, t0: o.t0, intents: o.intents ?? [] };
}

/** A record plan, drawn again (up to 12 times) until every state is valid; null when the register defeats it. */
export function planRecord(meta: RegisterMeta, ctx: GenContext, rng: Rng, options: PlanOptions): RecordPlan | null {
  for (let i = 0; i < 12; i++) {
    ctx.draws.attempts++;
    const plan = attempt(meta, ctx, rng, options);
    if (plan) return plan;
  }
  return null;
}

