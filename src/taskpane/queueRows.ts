/**
 * Which records the 待办 queue reads in full. The queue first reads what the summary reads (status, deadline
 * fields) for every row, then all its columns for these rows only: a register of 100,000 records, most of them
 * closed, costs the queue two syncs instead of a dozen.
 */
import { openDeadlines } from '../core/deadlines';
import type { RegisterRecord } from '../core/records';
import { STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN } from '../core/workflow';
import type { RegisterSpec } from '../spec/schema';

const CLOSED = new Set([STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN]);

/**
 * Body indexes of records someone may still have to act on: not closed by their status (a blank or unknown status
 * counts as open: the queue decides from the steps), or with a deadline passed or due within `soonMs` of `asOf`.
 */
export function queueRows(spec: RegisterSpec, records: RegisterRecord[], asOf: number, soonMs: number): number[] {
  return records
    .filter((r) => (spec.chain.length > 0 && !CLOSED.has(r.status ?? '')) || openDeadlines(spec, r, asOf).some((d) => d.leftMs <= soonMs))
    .map((r) => r.index);
}
