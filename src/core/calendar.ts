/**
 * The office's working calendar (设置: 节假日, 工作时间) and working time between two moments.
 *
 * A day is a workday when the 节假日 list says 上班 (a make-up workday, 调休), a day off when it says 放假, and
 * otherwise a workday unless it is a Saturday or Sunday. On a workday only the 工作时间 periods count (by default
 * 09:00-12:00 and 13:00-18:00: 8 hours, the lunch break excluded). Moments are the naive local wall-clock times
 * records and the audit log hold (YYYY-MM-DDTHH:mm[:ss]), so no time zone enters the arithmetic.
 */
import type { Holiday, SettingsSpec, WorkPeriod } from '../spec/schema';
import { minutesOf } from '../spec/calendarText';

export { parseWorkingHours, workingHoursText } from '../spec/calendarText';

export const DEFAULT_WORKING_HOURS: readonly WorkPeriod[] = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];

export interface WorkCalendar {
  /** Working periods of a day in minutes from midnight, sorted, not overlapping. */
  periods: readonly { from: number; to: number }[];
  /** Working minutes of a whole workday. */
  dayMinutes: number;
  /** Day numbers (days since 1970-01-01) of weekdays that are days off, and of weekend days that are workdays; sorted. */
  offWeekdays: readonly number[];
  workWeekends: readonly number[];
  overrides: ReadonlyMap<number, Holiday['kind']>;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.round(t / 86_400_000) : null;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;
const isWeekend = (day: number): boolean => weekday(day) === 0 || weekday(day) === 6;

export function calendarOf(settings: Pick<SettingsSpec, 'holidays' | 'workingHours'>): WorkCalendar {
  const periods = (settings.workingHours?.length ? settings.workingHours : DEFAULT_WORKING_HOURS).map((p) => ({ from: minutesOf(p.from), to: minutesOf(p.to) })).sort((a, b) => a.from - b.from);
  const overrides = new Map<number, Holiday['kind']>();
  for (const h of settings.holidays ?? []) {
    const day = dayNumber(h.date);
    if (day !== null) overrides.set(day, h.kind);
  }
  const offWeekdays = [...overrides].filter(([d, k]) => k === 'off' && !isWeekend(d)).map(([d]) => d).sort((a, b) => a - b);
  const workWeekends = [...overrides].filter(([d, k]) => k === 'work' && isWeekend(d)).map(([d]) => d).sort((a, b) => a - b);
  return { periods, dayMinutes: periods.reduce((n, p) => n + p.to - p.from, 0), offWeekdays, workWeekends, overrides };
}

export function isWorkday(calendar: WorkCalendar, day: number): boolean {
  const set = calendar.overrides.get(day);
  return set ? set === 'work' : !isWeekend(day);
}

/** A moment as day number and minute of the day; a bare date is its midnight. Null when it is not a date. */
export function parseMoment(text: string): { day: number; minute: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(text.trim());
  if (!m) return null;
  const day = dayNumber(m[1]);
  if (day === null) return null;
  return { day, minute: m[2] === undefined ? 0 : Math.min(24 * 60, Number(m[2]) * 60 + Number(m[3])) };
}

/** Working minutes of one day between two minutes of it. */
function minutesWithin(calendar: WorkCalendar, day: number, from: number, to: number): number {
  if (to <= from || !isWorkday(calendar, day)) return 0;
  let n = 0;
  for (const p of calendar.periods) n += Math.max(0, Math.min(to, p.to) - Math.max(from, p.from));
  return n;
}

/** How many of a sorted list lie in [a, b]. */
function countIn(sorted: readonly number[], a: number, b: number): number {
  const lowerBound = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lowerBound(b + 1) - lowerBound(a);
}

/** Workdays in the days a..b (inclusive), counted without walking them: a year-long wait costs as little as an hour's. */
export function workdaysBetween(calendar: WorkCalendar, a: number, b: number): number {
  if (b < a) return 0;
  const days = b - a + 1;
  let weekdays = Math.floor(days / 7) * 5;
  for (let d = a + Math.floor(days / 7) * 7; d <= b; d++) if (!isWeekend(d)) weekdays++;
  return weekdays - countIn(calendar.offWeekdays, a, b) + countIn(calendar.workWeekends, a, b);
}

/**
 * Working hours from one moment to another (0 when `to` is not after `from`; NaN when either is not a moment):
 * the part of the first day after `from`, whole workdays between, the part of the last day before `to`.
 */
export function workingHoursBetween(calendar: WorkCalendar, from: string, to: string): number {
  const a = parseMoment(from);
  const b = parseMoment(to);
  if (!a || !b) return NaN;
  if (b.day < a.day || (b.day === a.day && b.minute <= a.minute)) return 0;
  if (a.day === b.day) return minutesWithin(calendar, a.day, a.minute, b.minute) / 60;
  const minutes = minutesWithin(calendar, a.day, a.minute, 24 * 60) + workdaysBetween(calendar, a.day + 1, b.day - 1) * calendar.dayMinutes + minutesWithin(calendar, b.day, 0, b.minute);
  return minutes / 60;
}
