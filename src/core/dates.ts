/**
 * Naive wall-clock instants (no time zone), the way records hold them: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]`.
 * Arithmetic runs on UTC milliseconds of the wall-clock value so that DST and the machine's zone never matter.
 * "now" is always passed in; nothing here reads the clock.
 */
import { isValidDate } from './cells';

export const MS_MINUTE = 60_000;
export const MS_HOUR = 3_600_000;
export const MS_DAY = 86_400_000;

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** ms of a date or date-time; a date alone is its midnight. null when not a real date. */
export function parseInstant(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  const m = INSTANT_RE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export function isDateOnly(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const base = `${formatDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() ? `${base}:${pad(d.getUTCSeconds())}` : base;
}

/** `2026-03-02 09:15` for messages. */
export function displayInstant(ms: number): string {
  return formatDateTime(ms).replace('T', ' ');
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / MS_DAY) * MS_DAY;
}

/** The last second of the day, the moment a date-only deadline passes. */
export function endOfDay(ms: number): number {
  return startOfDay(ms) + MS_DAY - 1000;
}

/** Calendar months, clamped to the month's last day (01-31 + 1 month = 02-28). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export function addDays(ms: number, days: number): number {
  return ms + days * MS_DAY;
}

/** Whole days from a to b, by calendar date. */
export function daysBetween(a: number, b: number): number {
  return Math.round((startOfDay(b) - startOfDay(a)) / MS_DAY);
}

/**
 * `--as-of` text → instant. A date alone means the end of that day: "as of 30 November" includes all of it.
 */
export function parseAsOf(text: string): number | null {
  const ms = parseInstant(text);
  if (ms === null) return null;
  return isDateOnly(text) ? endOfDay(ms) : ms;
}
