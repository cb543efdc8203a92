/**
 * Records taken over from a hand-made ledger: closed by the status the ledger gave them (已办结, 已驳回, 已撤回) with
 * no approval step acted on in Taizhang. Every chain has at least one approval step, and whatever closes a record in
 * Taizhang (approvals, 驳回, 撤回) first writes an actor into its route's first approval step — a return clears
 * that step only to have it act again. So a closed status over a blank first step can only come from outside: an
 * import, or a ledger typed straight into the table. Such a record has nothing waiting: no step for anyone to act
 * on and no deadline to chase (its 办结日期 was never kept), whatever its empty columns derive to.
 *
 * This is the one definition; `taizhang check`, the 汇总, the 待办 queue and the record's detail use it. It needs
 * the record's status and its first steps' actors: a record read without them (the summary's narrow read) cannot be
 * judged by it, only found a candidate (takenOverCandidates).
 */
import type { RecordValue } from './cells';
import type { RegisterRecord } from './records';
import { openDeadlines } from './deadlines';
import { STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN, stepDone } from './workflow';
import type { RegisterSpec } from '../spec/schema';

export const CLOSED_STATUSES: readonly string[] = [STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN];

export function isClosedStatus(status: RecordValue | undefined): boolean {
  return typeof status === 'string' && CLOSED_STATUSES.includes(status);
}

/** The approval step each route starts with (one column for most registers, whose routes share it). */
export function takenOverColumns(spec: Pick<RegisterSpec, 'chain'>): string[] {
  return [...new Set(spec.chain.flatMap((route) => (route.steps[1] ? [route.steps[1].text] : [])))];
}

export function isTakenOver(spec: Pick<RegisterSpec, 'chain'>, record: Pick<RegisterRecord, 'status' | 'steps'>): boolean {
  return spec.chain.length > 0 && isClosedStatus(record.status) && !takenOverColumns(spec).some((step) => stepDone(record.steps[step]));
}

/**
 * Body indexes of records that may be taken over and that matter if they are: closed by their status yet with a
 * deadline open (passed, or due within `horizonMs` of `asOf`). A read without step columns (the summary's, the
 * queue's first) finds them; only their step actors are then read to decide.
 */
export function takenOverCandidates(spec: RegisterSpec, records: RegisterRecord[], asOf: number, horizonMs: number): number[] {
  if (!spec.chain.length) return [];
  return records.filter((r) => isClosedStatus(r.status) && openDeadlines(spec, r, asOf).some((d) => d.leftMs <= horizonMs)).map((r) => r.index);
}
