/**
 * How much each register is used in a year of a 60-person office, and when: documents come and go every week,
 * seals are used daily, meetings weekly; registers that refer to another register's number (签到, 纪要, 督办 →
 * 会议编号) are filled for the records they refer to.
 */
import { MS_MINUTE, parseInstant, startOfDay } from '../core/dates';
import type { RegisterMeta } from '../core/metadata';
import { serialField } from '../core/transitions';
import type { FieldSpec } from '../spec/schema';
import { isRef, type DemoValue, type RecordPlan } from './plan';
import type { Rng } from './random';
import { nextWorkMoment, timeOnDay, workdaysOfMonth } from './timeline';

/** Records per month by register id; a register not listed gets DEFAULT_VOLUME. */
export const MONTHLY_VOLUME: Record<string, number> = {
  incoming_docs: 18,
  outgoing_docs: 7,
  seal_use: 20,
  vehicle_use: 16,
  meeting_room_use: 12,
  meetings: 6,
  fax_log: 8,
  visitors: 12,
  receptions: 4,
  guest_meals: 4,
  intro_letters: 4,
  archive_loans: 5,
  leave_overtime: 14,
  requests_reports: 5,
  monthly_work_plan: 6,
  archive_catalog: 8,
  repairs: 4,
};
export const DEFAULT_VOLUME = 3;

/** Registers whose records are the subject of another register's rows. */
export interface Reference {
  field: FieldSpec;
  target: RegisterMeta;
}

/** A text field named like another register's number field refers to that register (same category first). */
export function referenceOf(meta: RegisterMeta, all: RegisterMeta[]): Reference | null {
  for (const field of meta.spec.fields) {
    if (field.type !== 'text') continue;
    const targets = all.filter((m) => m !== meta && serialField(m.spec)?.name === field.name);
    if (!targets.length) continue;
    const target = targets.find((m) => m.spec.category === meta.spec.category) ?? targets[0];
    return { field, target };
  }
  return null;
}

/** Days of the year a register's records start on: about `volume` a month, on working days up to `end`. */
export function recordStarts(volume: number, rng: Rng, start: number, end: number): number[] {
  const out: number[] = [];
  const from = new Date(start);
  for (let y = from.getUTCFullYear(), m = from.getUTCMonth() + 1; Date.UTC(y, m - 1, 1) <= end; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const days = workdaysOfMonth(y, m, end).filter((d) => d >= startOfDay(start));
    if (!days.length) continue;
    const n = Math.max(0, Math.round(volume * (0.75 + rng.next() * 0.5) * (days.length / 21)));
    for (let i = 0; i < n; i++) out.push(timeOnDay(rng.pick(days), rng));
  }
  return out.sort((a, b) => a - b);
}

/** The latest date in a record that is not a plan for the future: when the thing it records happened. */
export function anchorOf(plan: RecordPlan, asOf: number): number {
  let t = plan.t0;
  for (const f of plan.meta.spec.fields) {
    if (f.type !== 'date' && f.type !== 'dateTime') continue;
    const v = plan.final[f.name];
    if (isRef(v) || typeof v !== 'string') continue;
    const ms = parseInstant(v);
    if (ms !== null && ms > t && ms <= asOf) t = f.type === 'date' ? Math.max(t, ms + 9 * 60 * MS_MINUTE) : ms;
  }
  return t;
}

/** Values a referring record copies from the record it refers to: same name and type. */
export function copiedValues(from: RecordPlan, to: RegisterMeta, ref: Reference): Record<string, DemoValue> {
  const out: Record<string, DemoValue> = { [ref.field.name]: { ref: from.id } };
  for (const f of to.spec.fields) {
    if (f === ref.field || f.type === 'serial') continue;
    const source = from.meta.spec.fields.find((g) => g.name === f.name && g.type === f.type);
    const v = source ? from.final[source.name] : undefined;
    if (v !== undefined && v !== null && !isRef(v)) out[f.name] = v;
  }
  return out;
}

export function startAfter(anchor: number, rng: Rng): number {
  return nextWorkMoment(anchor + rng.int(2, 18) * 5 * MS_MINUTE);
}
