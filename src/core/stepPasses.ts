/**
 * Passes of approval steps: each time a record arrived at a step of its route and, when someone acted, who did
 * and when. The time per step (timeliness.ts) is computed from these.
 *
 * A pass starts when the record arrives at the step — its submission (提交, 重新提交) for the first approval step,
 * the previous step's 审批 for the next, a 退回至<step> or 取回 for the step it goes back to — and ends when someone
 * acts on it: 审批 (approved), 退回 or 退回至… (returned), 驳回 (rejected). A record returned and resubmitted passes
 * the step again, and each pass counts. A pass ended by 撤回 or by 取回 of the step before it ends without anyone
 * acting on it and is not counted. The record's current waiting step is a pending pass (end null).
 *
 * Source: the record's audit entries replayed in order against its route (routeFor, from its values now). A
 * record without submission entries in the audit log (imported, typed by hand, or a log that was cleared) falls
 * back to its step columns: submission time, then each step's time in route order; that gives one pass per step,
 * since the columns keep only the latest. Only the steps of the record's route exist for it: steps of another
 * conditional route are never counted against it. A delegated action (`受托人(代 委托人)`) is credited to the
 * person who acted.
 */
import { AUDIT_ACTIONS, type AuditEntry } from './audit';
import { stepAuthority } from './authority';
import { parseActor } from './delegation';
import { auditNumber, numbersLater, provisionalNumber } from './numberingStep';
import type { RegisterRecord } from './records';
import { recordNumber } from './transitions';
import { approvalStepsOf, deriveState, routeFor, stepOutcome } from './workflow';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

export type PassOutcome = 'approved' | 'returned' | 'rejected';

export interface StepPass {
  registerId: string;
  number: string;
  step: string;
  /** When the record arrived at the step (naive local time). */
  start: string;
  /** When someone acted; null while the record waits at the step now. */
  end: string | null;
  /** Who acted (the delegate for a delegated step); null while pending. */
  actor: string | null;
  onBehalfOf: string | null;
  outcome: PassOutcome | null;
  /** For a pending pass: who may act on it now (authority.ts); empty otherwise. */
  holders: string[];
}

export type PassRecord = Pick<RegisterRecord, 'values' | 'steps' | 'submittedAt' | 'submittedBy'>;
export type PassAuditEntry = Pick<AuditEntry, 'seq' | 'time' | 'register' | 'number' | 'action' | 'actor'>;

const RETURN_TO = `${AUDIT_ACTIONS.return}至`;

/** The audit entries of each record, by register id and the number the log knows it by, in sequence order. */
export function auditByRecord(entries: readonly PassAuditEntry[]): Map<string, PassAuditEntry[]> {
  const out = new Map<string, PassAuditEntry[]>();
  for (const e of entries) {
    const key = `${e.register}\u0000${e.number}`;
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  }
  for (const list of out.values()) list.sort((a, b) => a.seq - b.seq);
  return out;
}

/** A record's own entries: under its number, and under its provisional name from before a numbering step. */
export function entriesOf(spec: RegisterSpec, record: PassRecord, byRecord: ReadonlyMap<string, PassAuditEntry[]>): PassAuditEntry[] {
  const number = auditNumber(spec, record, recordNumber(spec, record.values));
  const own = byRecord.get(`${spec.id}\u0000${number}`) ?? [];
  if (!numbersLater(spec)) return own;
  const provisional = provisionalNumber(record);
  if (provisional === number) return own;
  return [...(byRecord.get(`${spec.id}\u0000${provisional}`) ?? []), ...own].sort((a, b) => a.seq - b.seq);
}

const isSubmission = (action: string) => action === AUDIT_ACTIONS.submit || action === AUDIT_ACTIONS.resubmit;

/**
 * Every pass of one record. `entries` are its audit entries in order (entriesOf); `shared` says its number is
 * held by another row too, so the log cannot tell them apart and the step columns are used.
 */
export function recordPasses(spec: RegisterSpec, settings: SettingsSpec, record: PassRecord, entries: readonly PassAuditEntry[], shared = false): StepPass[] {
  const route = routeFor(spec, record.values);
  if (!route) return [];
  const steps = approvalStepsOf(route).map((s) => s.text);
  if (!steps.length) return [];
  const number = recordNumber(spec, record.values);
  const state = deriveState(spec, record);
  const fromLog = !shared && entries.some((e) => isSubmission(e.action));
  const passes = fromLog ? replay(spec.id, number, steps, entries) : fromColumns(spec.id, number, steps, record);
  // What waits now is what the step columns say; the log gives when it arrived there.
  const open = passes.findIndex((p) => p.end === null);
  const opened = open >= 0 ? passes.splice(open, 1)[0] : null;
  if (state.pending) {
    const start = opened && opened.step === state.pending.text ? opened.start : arrivalFromColumns(steps, record, state.pending.text);
    const authority = stepAuthority(spec, settings, record, state.pending);
    if (start) passes.push({ registerId: spec.id, number, step: state.pending.text, start, end: null, actor: null, onBehalfOf: null, outcome: null, holders: authority.ok ? authority.names : [] });
  }
  return passes;
}

function acted(registerId: string, number: string, step: string, start: string, e: PassAuditEntry, outcome: PassOutcome): StepPass {
  const who = parseActor(e.actor);
  return { registerId, number, step, start, end: e.time, actor: who.actor, onBehalfOf: who.onBehalfOf, outcome, holders: [] };
}

function replay(registerId: string, number: string, steps: readonly string[], entries: readonly PassAuditEntry[]): StepPass[] {
  const passes: StepPass[] = [];
  let at = -1;
  let since = '';
  for (const e of entries) {
    const action = e.action.trim();
    if (isSubmission(action)) {
      at = 0;
      since = e.time;
    } else if (action === AUDIT_ACTIONS.approve) {
      if (at < 0) continue;
      passes.push(acted(registerId, number, steps[at], since, e, 'approved'));
      at = at + 1 < steps.length ? at + 1 : -1;
      since = e.time;
    } else if (action === AUDIT_ACTIONS.return || action.startsWith(RETURN_TO)) {
      if (at < 0) continue;
      passes.push(acted(registerId, number, steps[at], since, e, 'returned'));
      at = action === AUDIT_ACTIONS.return ? -1 : steps.indexOf(action.slice(RETURN_TO.length).trim());
      since = e.time;
    } else if (action === AUDIT_ACTIONS.reject) {
      if (at < 0) continue;
      passes.push(acted(registerId, number, steps[at], since, e, 'rejected'));
      at = -1;
    } else if (action === AUDIT_ACTIONS.withdraw) {
      at = -1;
    } else if (action === AUDIT_ACTIONS.recall) {
      // The step before the waiting one was taken back: that step is waiting again from now.
      if (at > 0) {
        at -= 1;
        since = e.time;
      }
    }
  }
  if (at >= 0) passes.push({ registerId, number, step: steps[at], start: since, end: null, actor: null, onBehalfOf: null, outcome: null, holders: [] });
  return passes;
}

function fromColumns(registerId: string, number: string, steps: readonly string[], record: PassRecord): StepPass[] {
  const passes: StepPass[] = [];
  let since = record.submittedAt;
  for (const step of steps) {
    const entry = record.steps[step];
    const outcome = stepOutcome(entry);
    if (outcome === null) {
      if (since) passes.push({ registerId, number, step, start: since, end: null, actor: null, onBehalfOf: null, outcome: null, holders: [] });
      break;
    }
    if (outcome === 'withdrawn' || !entry!.time || !since) break;
    const who = parseActor(entry!.actor);
    passes.push({ registerId, number, step, start: since, end: entry!.time, actor: who.actor, onBehalfOf: who.onBehalfOf, outcome, holders: [] });
    if (outcome !== 'approved') break;
    since = entry!.time;
  }
  return passes;
}

/** When the record reached `step` by its columns: the previous step's time, or its submission. */
function arrivalFromColumns(steps: readonly string[], record: PassRecord, step: string): string | null {
  const i = steps.indexOf(step);
  for (let j = i - 1; j >= 0; j--) {
    const time = record.steps[steps[j]]?.time;
    if (time) return time;
  }
  return record.submittedAt;
}

/** Every pass of every record of a register; `byRecord` from auditByRecord over the whole log. */
export function registerPasses(spec: RegisterSpec, settings: SettingsSpec, records: readonly PassRecord[], byRecord: ReadonlyMap<string, PassAuditEntry[]>): StepPass[] {
  if (!spec.chain.length) return [];
  const keys = records.map((r) => auditNumber(spec, r, recordNumber(spec, r.values)));
  const count = new Map<string, number>();
  for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
  return records.flatMap((r, i) => recordPasses(spec, settings, r, entriesOf(spec, r, byRecord), (count.get(keys[i]) ?? 0) > 1));
}
