/** Office hours on a calendar: the demo's events happen on working days between 08:30 and 17:30. */
import { MS_DAY, MS_MINUTE, startOfDay } from '../core/dates';
import type { Rng } from './random';

export const OPEN_MIN = 8 * 60 + 30;
export const CLOSE_MIN = 17 * 60 + 30;

/** 2026 public holidays (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆): no office work is planned on them. */
const HOLIDAYS = new Set([
  '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23',
  '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-02',
  '2026-10-05', '2026-10-06', '2026-10-07',
]);

const workdays = new Map<number, boolean>();

export function isWorkday(ms: number): boolean {
  const day = Math.floor(ms / 86_400_000);
  let known = workdays.get(day);
  if (known === undefined) {
    const d = new Date(day * 86_400_000);
    known = d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !HOLIDAYS.has(d.toISOString().slice(0, 10));
    workdays.set(day, known);
  }
  return known;
}

export function minuteOfDay(ms: number): number {
  return Math.round((ms - startOfDay(ms)) / MS_MINUTE);
}

/** The same or next working moment: outside hours moves to the next working day's opening. */
export function nextWorkMoment(ms: number): number {
  let t = ms;
  for (let guard = 0; guard < 10; guard++) {
    const day = startOfDay(t);
    const m = minuteOfDay(t);
    if (isWorkday(day) && m >= OPEN_MIN && m <= CLOSE_MIN) return t;
    if (isWorkday(day) && m < OPEN_MIN) return day + OPEN_MIN * MS_MINUTE;
    t = day + MS_DAY + OPEN_MIN * MS_MINUTE;
    if (isWorkday(t)) return t;
  }
  return t;
}

/** A random working moment on that day, on a five-minute tick. */
export function timeOnDay(day: number, rng: Rng, from = OPEN_MIN, to = CLOSE_MIN): number {
  const m = rng.int(Math.ceil(from / 5), Math.floor(to / 5)) * 5;
  return startOfDay(day) + m * MS_MINUTE;
}

/** Working hours later (overnight and weekends skipped), rounded to five minutes. */
export function afterWorkHours(ms: number, hours: number): number {
  let t = nextWorkMoment(ms);
  let left = Math.round(hours * 60);
  for (let guard = 0; guard < 400 && left > 0; guard++) {
    const untilClose = CLOSE_MIN - minuteOfDay(t);
    if (left <= untilClose) {
      t += left * MS_MINUTE;
      left = 0;
    } else {
      left -= untilClose;
      t = nextWorkMoment(startOfDay(t) + MS_DAY);
    }
  }
  return Math.round(t / (5 * MS_MINUTE)) * 5 * MS_MINUTE;
}

export function workdaysOfMonth(year: number, month: number, lastDay: number): number[] {
  const days: number[] = [];
  for (let d = 1; d <= 31; d++) {
    const ms = Date.UTC(year, month - 1, d);
    if (new Date(ms).getUTCMonth() !== month - 1 || ms > lastDay) break;
    if (isWorkday(ms)) days.push(ms);
  }
  return days;
}
