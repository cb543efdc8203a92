/**
 * Deadlines from a document's 期限 table: "done field" must be filled within an amount of hours/days/months/years
 * after (or, when negative, before) a date field. Day-based limits end with the due calendar day (a 3-day limit on
 * a document received 3 March is met any time on 6 March); hour limits are exact instants.
 * A record is overdue as of an instant when the limit has passed and the done field is still empty.
 * Rejected and withdrawn records have no deadlines.
 */
import type { RecordValue } from './cells';
import { conditionHolds, isBlank, valueText } from './conditions';
import { MS_HOUR, addMonths, endOfDay, parseInstant, startOfDay, MS_DAY, displayInstant, formatDate } from './dates';
import type { RegisterRecord } from './records';
import { STATUS_REJECTED, STATUS_WITHDRAWN } from './workflow';
import type { Deadline, RegisterSpec } from '../spec/schema';
import { formatDuration } from '../spec/rulesText';

/** The instant a deadline passes for a start value, or null when the start is blank or not a date. */
export function dueAt(deadline: Deadline, from: RecordValue): number | null {
  if (isBlank(from)) return null;
  const start = parseInstant(valueText(from));
  if (start === null) return null;
  switch (deadline.unit) {
    case 'hour':
      return start + deadline.amount * MS_HOUR;
    case 'day':
      return endOfDay(startOfDay(start) + deadline.amount * MS_DAY);
    case 'month':
      return endOfDay(addMonths(startOfDay(start), deadline.amount));
    case 'year':
      return endOfDay(addMonths(startOfDay(start), deadline.amount * 12));
  }
}

export interface DeadlineItem {
  deadline: Deadline;
  record: RegisterRecord;
  due: number;
  /** Negative: overdue by that much; positive: time left. */
  leftMs: number;
}

export function displayDue(deadline: Deadline, due: number): string {
  return deadline.unit === 'hour' ? displayInstant(due) : formatDate(due);
}

/** Open deadlines of one record: not yet done, start known, record not closed by rejection or withdrawal. */
export function openDeadlines(spec: RegisterSpec, record: RegisterRecord, asOf: number): DeadlineItem[] {
  if (record.status === STATUS_REJECTED || record.status === STATUS_WITHDRAWN) return [];
  const out: DeadlineItem[] = [];
  for (const d of spec.deadlines) {
    if (!isBlank(record.values[d.doneField])) continue;
    if (d.when && !conditionHolds(d.when, record.values)) continue;
    const due = dueAt(d, record.values[d.from]);
    if (due === null) continue;
    out.push({ deadline: d, record, due, leftMs: due - asOf });
  }
  return out;
}

export interface DeadlineView {
  overdue: DeadlineItem[];
  dueSoon: DeadlineItem[];
}

/** Overdue as of `asOf`, and due within `soonMs` after it (3 days unless told). */
export function deadlineView(spec: RegisterSpec, records: RegisterRecord[], asOf: number, soonMs = 3 * MS_DAY): DeadlineView {
  const view: DeadlineView = { overdue: [], dueSoon: [] };
  for (const r of records) {
    for (const item of openDeadlines(spec, r, asOf)) {
      if (item.leftMs < 0) view.overdue.push(item);
      else if (item.leftMs <= soonMs) view.dueSoon.push(item);
    }
  }
  view.overdue.sort((a, b) => a.due - b.due);
  view.dueSoon.sort((a, b) => a.due - b.due);
  return view;
}

/** "逾期 3 天" / "逾期 5 小时". */
export function lateness(leftMs: number): { zh: string; en: string } {
  const late = -leftMs;
  if (late >= MS_DAY) {
    const d = Math.floor(late / MS_DAY);
    return { zh: `逾期 ${d} 天`, en: `${d} day(s) overdue` };
  }
  const h = Math.max(1, Math.floor(late / MS_HOUR));
  return { zh: `逾期 ${h} 小时`, en: `${h} hour(s) overdue` };
}

export function deadlineMessage(item: DeadlineItem): { message: string; messageEn: string } {
  const d = item.deadline;
  const due = displayDue(d, item.due);
  const late = lateness(item.leftMs);
  const limit = formatDuration(d);
  const n = Math.abs(d.amount);
  const limitEn = d.amount === 0 ? 'the same day as' : `${n} ${d.unit}${n === 1 ? '' : 's'} ${d.amount < 0 ? 'before' : 'after'}`;
  return {
    message: `“${d.name}”应于 ${due} 前完成(${d.from}${d.amount < 0 ? '' : '后'} ${limit}),“${d.doneField}”仍为空,${late.zh}`,
    messageEn: `"${d.name}" was due by ${due} (${limitEn} ${d.from}); "${d.doneField}" is still empty, ${late.en}`,
  };
}
