/**
 * 时效: how long each approval step takes, per register and step and per person, in working hours of the
 * office's calendar (calendar.ts), from the passes of each step (stepPasses.ts).
 *
 * Definitions (`taizhang report`, the 时效分析 sheet):
 *  - time of a pass: working hours from its arrival at the step to the action on it; for a pending pass (the
 *    record waits at the step now), its age so far: working hours from arrival to now (as-of);
 *  - passed: acted passes (审批, 退回, 驳回);
 *  - medianHours, p90Hours: the median and the 90th percentile, as Excel's MEDIAN and PERCENTILE.INC compute them
 *    (linear between ranks), of the times of acted passes and the ages of pending ones — items still waiting
 *    count, or a step that never acts would look fast;
 *  - limit: the step's 审批时限 in working hours (设置; the most specific row for the register and step, else the
 *    row for all, else 8);
 *  - onTimeShare: acted passes within the limit ÷ (acted passes + pending passes already over it), null when both
 *    are 0;
 *  - waiting: pending passes now; oldestWaitingHours: the age of the oldest of them;
 *  - per person: acted = passes they acted on (a delegated step counts for the delegate who acted), medianHours of
 *    those, waiting = pending passes where they are one of the people permitted to act now (authority.ts);
 *  - month filter (YYYY-MM): acted passes that ended in that month, and pending passes that arrived on or before
 *    its last day (they were waiting during it); ages are still taken at as-of.
 */
import { calendarOf, workingHoursBetween, type WorkCalendar } from './calendar';
import { auditByRecord, registerPasses, type PassAuditEntry, type PassRecord, type StepPass } from './stepPasses';
import { approvalStepsOf } from './workflow';
import type { RegisterSpec, SettingsSpec, StepLimit } from '../spec/schema';

export const DEFAULT_STEP_LIMIT_HOURS = 8;

export interface TimelinessInput {
  settings: SettingsSpec;
  registers: readonly { spec: RegisterSpec; name: string; records: readonly PassRecord[] }[];
  audit: readonly PassAuditEntry[];
  /** Now, naive local time (YYYY-MM-DDTHH:mm). */
  asOf: string;
  /** YYYY-MM, or null for every pass. */
  month?: string | null;
}

export interface StepFigures {
  registerId: string;
  register: string;
  step: string;
  passed: number;
  medianHours: number | null;
  p90Hours: number | null;
  onTimeShare: number | null;
  waiting: number;
  oldestWaitingHours: number | null;
  limitHours: number;
  /** Acted passes over the limit. */
  late: number;
}

export interface PersonFigures {
  person: string;
  acted: number;
  medianHours: number | null;
  waiting: number;
  /** Acted passes over the limit. */
  late: number;
}

export interface MonthFigures {
  registerId: string;
  register: string;
  /** YYYY-MM: the month an acted pass ended in; pending passes over the limit count in as-of's month. */
  month: string;
  passed: number;
  onTimeShare: number | null;
}

/** A record waiting at a step now. */
export interface WaitingItem {
  registerId: string;
  register: string;
  number: string;
  step: string;
  /** When it arrived at the step. */
  since: string;
  hours: number;
  limitHours: number;
  /** Who may act on it now. */
  holders: string[];
}

export interface TimelinessReport {
  asOf: string;
  month: string | null;
  steps: StepFigures[];
  people: PersonFigures[];
  months: MonthFigures[];
  /** Longest waiting first. */
  waiting: WaitingItem[];
}

/** A pass with its working hours: the time to act, or the age so far when pending. */
export interface TimedPass extends StepPass {
  hours: number;
}

/** Excel's PERCENTILE.INC of unsorted values (p in 0..1); null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

/** The 审批时限 of a step: register and step named > step named > register named > all. */
export function stepLimitHours(limits: readonly StepLimit[] | undefined, register: { id: string; name: string }, step: string): number {
  const matches = (l: StepLimit) => (!l.register || l.register === register.name || l.register === register.id) && (!l.step || l.step === step);
  const rank = (l: StepLimit) => (l.register ? 1 : 0) + (l.step ? 2 : 0);
  const best = (limits ?? []).filter(matches).sort((a, b) => rank(b) - rank(a))[0];
  return best ? best.hours : DEFAULT_STEP_LIMIT_HOURS;
}

const monthOf = (time: string) => time.slice(0, 7);

function inMonth(pass: StepPass, month: string | null | undefined): boolean {
  if (!month) return true;
  return pass.end !== null ? monthOf(pass.end) === month : monthOf(pass.start) <= month;
}

/** Every pass of every register, timed against the calendar, after the month filter. */
export function timedPasses(input: TimelinessInput, calendar: WorkCalendar = calendarOf(input.settings)): TimedPass[] {
  const byRecord = auditByRecord(input.audit);
  return input.registers.flatMap((r) =>
    registerPasses(r.spec, input.settings, r.records, byRecord)
      .filter((p) => inMonth(p, input.month))
      .map((p) => ({ ...p, hours: workingHoursBetween(calendar, p.start, p.end ?? input.asOf) }))
      .filter((p) => Number.isFinite(p.hours)),
  );
}

function stepFigures(registerId: string, register: string, step: string, limitHours: number, passes: readonly TimedPass[]): StepFigures {
  const acted = passes.filter((p) => p.end !== null);
  const pending = passes.filter((p) => p.end === null);
  const onTime = acted.filter((p) => p.hours <= limitHours).length;
  const overdue = pending.filter((p) => p.hours > limitHours).length;
  const all = passes.map((p) => p.hours);
  return {
    registerId,
    register,
    step,
    passed: acted.length,
    medianHours: median(all),
    p90Hours: percentile(all, 0.9),
    onTimeShare: acted.length + overdue ? onTime / (acted.length + overdue) : null,
    waiting: pending.length,
    oldestWaitingHours: pending.length ? Math.max(...pending.map((p) => p.hours)) : null,
    limitHours,
    late: acted.length - onTime,
  };
}

export function timelinessReport(input: TimelinessInput): TimelinessReport {
  const passes = timedPasses(input);
  const limitOf = new Map<string, number>();
  const keyOf = (p: { registerId: string; step: string }) => `${p.registerId}\u0000${p.step}`;
  const byStep = new Map<string, TimedPass[]>();
  for (const p of passes) {
    const list = byStep.get(keyOf(p));
    if (list) list.push(p);
    else byStep.set(keyOf(p), [p]);
  }
  const steps: StepFigures[] = [];
  const waiting: WaitingItem[] = [];
  const months = new Map<string, { registerId: string; register: string; month: string; passed: number; onTime: number; overdue: number }>();
  for (const r of input.registers) {
    const texts = [...new Set(r.spec.chain.flatMap((route) => approvalStepsOf(route).map((s) => s.text)))];
    if (!texts.some((t) => byStep.has(keyOf({ registerId: r.spec.id, step: t })))) continue;
    for (const step of texts) {
      const limit = stepLimitHours(input.settings.stepLimits, { id: r.spec.id, name: r.name }, step);
      limitOf.set(keyOf({ registerId: r.spec.id, step }), limit);
      const own = byStep.get(keyOf({ registerId: r.spec.id, step })) ?? [];
      steps.push(stepFigures(r.spec.id, r.name, step, limit, own));
      for (const p of own) {
        if (p.end === null) waiting.push({ registerId: r.spec.id, register: r.name, number: p.number, step, since: p.start, hours: p.hours, limitHours: limit, holders: p.holders });
        const pendingLate = p.end === null && p.hours > limit;
        if (p.end === null && !pendingLate) continue;
        const month = monthOf(p.end ?? input.asOf);
        const key = `${r.spec.id}\u0000${month}`;
        const m = months.get(key) ?? { registerId: r.spec.id, register: r.name, month, passed: 0, onTime: 0, overdue: 0 };
        if (p.end !== null) {
          m.passed++;
          if (p.hours <= limit) m.onTime++;
        } else m.overdue++;
        months.set(key, m);
      }
    }
  }
  return {
    asOf: input.asOf,
    month: input.month ?? null,
    steps,
    people: peopleFigures(passes, (p) => limitOf.get(keyOf(p)) ?? DEFAULT_STEP_LIMIT_HOURS),
    months: [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((m) => ({ registerId: m.registerId, register: m.register, month: m.month, passed: m.passed, onTimeShare: m.passed + m.overdue ? m.onTime / (m.passed + m.overdue) : null })),
    waiting: waiting.sort((a, b) => b.hours - a.hours || a.since.localeCompare(b.since)),
  };
}

function peopleFigures(passes: readonly TimedPass[], limitOf: (p: TimedPass) => number): PersonFigures[] {
  const people = new Map<string, { hours: number[]; waiting: number; late: number }>();
  const of = (name: string) => {
    let p = people.get(name);
    if (!p) people.set(name, (p = { hours: [], waiting: 0, late: 0 }));
    return p;
  };
  for (const p of passes) {
    if (p.end !== null && p.actor) {
      const person = of(p.actor);
      person.hours.push(p.hours);
      if (p.hours > limitOf(p)) person.late++;
    } else if (p.end === null) for (const holder of new Set(p.holders)) of(holder).waiting++;
  }
  return [...people]
    .map(([person, f]) => ({ person, acted: f.hours.length, medianHours: median(f.hours), waiting: f.waiting, late: f.late }))
    .sort((a, b) => b.acted - a.acted || b.waiting - a.waiting || a.person.localeCompare(b.person, 'zh-CN'));
}
