/**
 * Runs the planned records through core's actions, in time order across all registers, on a MemoryBook —
 * the same plans the task pane would make, so numbering, statuses and the audit chain are the real thing.
 */
import { planAction, planImport, planSubmit, type ActionContext, type PlanResult } from '../core/actions';
import { auditTail, type AuditTail, type Digest } from '../core/audit';
import type { RecordValue } from '../core/cells';
import { CONSUMPTION_SOURCE, consumptionFromRecords, type ConsumptionEvent } from '../core/consumption';
import { formatDateTime } from '../core/dates';
import type { FieldError } from '../core/findings';
import type { RegisterMeta } from '../core/metadata';
import { tableRecords } from '../core/records';
import type { WorkflowAction } from '../core/transitions';
import type { SettingsSpec } from '../spec/schema';
import type { MemoryBook } from './memoryBook';
import { isRef, type DemoValue, type PlannedEvent, type RecordPlan } from './plan';

export interface Placed {
  meta: RegisterMeta;
  /** 0-based body index in the register's table. */
  row: number;
  number: string;
}

export interface SimulationResult {
  placed: Map<number, Placed>;
  failures: { plan: RecordPlan; event: PlannedEvent; errors: FieldError[] }[];
  actions: number;
}

export async function simulate(plans: RecordPlan[], book: MemoryBook, settings: SettingsSpec, metas: RegisterMeta[], digest?: Digest): Promise<SimulationResult> {
  const queue = plans.flatMap((plan, p) => plan.events.map((event, e) => ({ plan, event, p, e })));
  queue.sort((a, b) => a.event.time - b.event.time || a.plan.t0 - b.plan.t0 || a.p - b.p || a.e - b.e);
  const result: SimulationResult = { placed: new Map(), failures: [], actions: 0 };
  const dead = new Set<number>();
  let tail: AuditTail = auditTail(book.audit);
  const source = metas.find((m) => m.id === CONSUMPTION_SOURCE.register);
  let consumption: { rows: number; events: ConsumptionEvent[] } = { rows: -1, events: [] };
  const consumptionNow = (): ConsumptionEvent[] => {
    if (!source) return [];
    const table = book.table(source.table);
    if (consumption.rows !== table.rows.length) consumption = { rows: table.rows.length, events: consumptionFromRecords(source.spec, tableRecords(source.spec, table.rows, table.firstRow)) };
    return consumption.events;
  };
  const resolve = (values: Record<string, DemoValue> | undefined): Record<string, RecordValue> =>
    Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, isRef(v) ? result.placed.get(v.ref)?.number ?? null : v]));

  for (const { plan, event } of queue) {
    if (dead.has(plan.id)) continue;
    const meta = plan.meta;
    const ctx: ActionContext = {
      meta,
      settings,
      table: book.table(meta.table),
      audit: tail,
      now: formatDateTime(event.time),
      consumption: meta.spec.rules.some((r) => r.kind === 'halfYearCap') ? consumptionNow() : undefined,
      digest,
      numbers: book.table(meta.table),
    };
    const placed = result.placed.get(plan.id);
    let outcome: PlanResult;
    if (event.kind === 'submit') outcome = await planSubmit(ctx, resolve(event.values), event.actor);
    else if (event.kind === 'import') outcome = await planImport(ctx, { ...event.imported!, values: resolve(event.values) }, event.actor);
    else if (!placed) continue;
    else {
      const action: WorkflowAction =
        event.kind === 'approve' ? { kind: 'approve', opinion: event.opinion, ...(event.values ? { values: resolve(event.values) } : {}) }
        : event.kind === 'return' ? { kind: 'return', opinion: event.opinion ?? '' }
        : event.kind === 'reject' ? { kind: 'reject', opinion: event.opinion ?? '' }
        : event.kind === 'withdraw' ? { kind: 'withdraw', opinion: event.opinion }
        : event.kind === 'resubmit' ? { kind: 'resubmit', values: resolve(event.values) }
        : { kind: 'update', values: resolve(event.values) };
      outcome = await planAction(ctx, { row: placed.row, number: placed.number }, action, event.actor);
    }
    if (!outcome.ok) {
      result.failures.push({ plan, event, errors: outcome.errors });
      dead.add(plan.id);
      continue;
    }
    book.apply(outcome.batch);
    tail = { seq: outcome.entry.seq, hash: outcome.entry.hash };
    result.actions++;
    if (event.kind === 'submit' || event.kind === 'import') result.placed.set(plan.id, { meta, row: ctx.table.rows.length - 1, number: outcome.number });
    else if (placed) placed.number = outcome.number; // a register numbered at a step (编号时机) numbers on the way
  }
  return result;
}
