/**
 * Records taken over from a hand-made ledger: closed by the status the ledger gave them (已办结, 已驳回, 已撤回) with
 * no approval step acted on in Taizhang. Every chain has at least one approval step and every way Taizhang closes a
 * record (approval, 驳回, 撤回) writes an actor into a step, so a closed status over blank step actors can only come
 * from outside: an import, or a ledger typed straight into the table. Such a record has nothing waiting: no step
 * for anyone to act on and no deadline to chase (its 办结日期 was never kept), whatever its empty columns say.
 *
 * This is the one definition; `taizhang check`, the 汇总 and the 待办 queue use it. It needs the record's status and
 * step actors: a record read without its step columns (the summary's narrow read) cannot be judged by it.
 */
import type { RecordValue } from './cells';
import { STATUS_HEADER, approvalSteps } from './layout';
import type { RegisterRecord } from './records';
import { openDeadlines } from './deadlines';
import { STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN, stepDone } from './workflow';
import type { RegisterSpec } from '../spec/schema';

export const CLOSED_STATUSES: readonly string[] = [STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN];

export function isClosedStatus(status: RecordValue | undefined): boolean {
  return typeof status === 'string' && CLOSED_STATUSES.includes(status);
}

export function isTakenOver(spec: Pick<RegisterSpec, 'chain'>, record: Pick<RegisterRecord, 'status' | 'steps'>): boolean {
  return spec.chain.length > 0 && isClosedStatus(record.status) && !Object.values(record.steps).some(stepDone);
}

/** The columns isTakenOver needs of a record: its status and each approval step's actor. */
export function takenOverColumns(spec: RegisterSpec): string[] {
  return spec.chain.length ? [STATUS_HEADER, ...approvalSteps(spec).map((s) => s.text)] : [];
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
