/** What the demo plans before it runs: records as timed actions, with references resolved when they run. */
import type { RecordValue } from '../core/cells';
import type { RegisterMeta } from '../core/metadata';
import type { StepEntry } from '../core/records';

/** A value that is another planned record's number, known only once that record is submitted. */
export interface Ref {
  ref: number;
}
export type DemoValue = RecordValue | Ref;
export const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && 'ref' in v;

export type EventKind = 'submit' | 'approve' | 'return' | 'reject' | 'withdraw' | 'resubmit' | 'update' | 'import';

export interface PlannedEvent {
  /** ms of the naive wall-clock instant. */
  time: number;
  kind: EventKind;
  actor: string;
  /** The approver `actor` acts for under a 委托 (pace.ts). */
  onBehalfOf?: string;
  opinion?: string;
  values?: Record<string, DemoValue>;
  /** For kind 'import': the record's system columns as taken over. */
  imported?: { submittedBy: string; submittedAt: string; status: string | null; steps: Record<string, StepEntry> };
}

/** A deliberate problem, listed in the 演示说明 sheet; check must report exactly these. */
export interface Intent {
  kind: 'invalid' | 'overdue';
  rule: string;
  field: string;
  description: string;
}

export interface RecordPlan {
  id: number;
  meta: RegisterMeta;
  events: PlannedEvent[];
  /** Values as of the demo's end (refs unresolved), for planning records that refer to this one. */
  final: Record<string, DemoValue>;
  /** Main instant of the record (its submission). */
  t0: number;
  intents: Intent[];
}
