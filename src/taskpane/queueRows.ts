/**
 * Which records the 待办 queue reads in full. The queue first reads what the summary reads (status, deadline
 * fields) for every row, then all its columns for these rows only: a register of 100,000 records, most of them
 * closed, costs the queue two syncs instead of a dozen.
 */
import { mayActOnStep } from '../core/authority';
import { openDeadlines } from '../core/deadlines';
import type { RegisterRecord } from '../core/records';
import { isClosedStatus } from '../core/takenOver';
import { pendingStatus } from '../core/workflow';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

/**
 * Body indexes of records someone may still have to act on: not closed by their status (a blank or unknown status
 * counts as open: the queue decides from the steps), or with a deadline passed or due within `soonMs` of `asOf`.
 */
export function queueRows(spec: RegisterSpec, records: RegisterRecord[], asOf: number, soonMs: number): number[] {
  return records
    .filter((r) => (spec.chain.length > 0 && !isClosedStatus(r.status)) || openDeadlines(spec, r, asOf).some((d) => d.leftMs <= soonMs))
    .map((r) => r.index);
}

/** How many records the queue reads in full at once: well inside one response, more than anyone works through. */
export const QUEUE_PAGE = 1000;

/**
 * Which of a register's queue rows the user may be able to act on, judged from the status alone (a status that
 * names no step of the chain, a blank one or 已退回 counts: the steps or the applicant decide once read).
 */
export function likelyMine(spec: RegisterSpec, settings: SettingsSpec, records: RegisterRecord[], rows: number[], user: string, at: string): Set<number> {
  const approvalSteps = spec.chain.flatMap((route) => route.steps.slice(1));
  const statusOf = new Map(records.map((r) => [r.index, r.status ?? '']));
  return new Set(
    rows.filter((row) => {
      const matching = approvalSteps.filter((step) => pendingStatus(step.text) === statusOf.get(row));
      return matching.length === 0 || matching.some((step) => mayActOnStep(spec, settings, step, user, at));
    }),
  );
}
