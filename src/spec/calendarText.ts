/**
 * How 设置 writes its calendar, in _设置.md and on the 设置 sheet alike: 工作时间 as `09:00-12:00、13:00-18:00`,
 * 节假日 dates as one day (2026-10-01, 2026/10/1, 2026年10月1日) or a range of days (`2026-10-01 至 2026-10-07`),
 * 安排 as 放假 or 上班 (a make-up workday), 审批时限 as a number of working hours.
 */
import type { Holiday, WorkPeriod } from './schema';

export const HOLIDAY_KINDS: Record<string, Holiday['kind']> = { 放假: 'off', 休息: 'off', 上班: 'work', 调休上班: 'work', 补班: 'work' };
export const HOLIDAY_KIND_WORD: Record<Holiday['kind'], string> = { off: '放假', work: '上班' };
export const DEFAULT_WORKING_HOURS_TEXT = '09:00-12:00、13:00-18:00';

/** `HH:MM` → minutes from midnight. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `09:00-12:00、13:00-18:00` (also 9:00~12:00, full-width punctuation, commas) → sorted periods, or null. */
export function parseWorkingHours(text: string): WorkPeriod[] | null {
  const parts = text
    .normalize('NFKC')
    .split(/\s*[、,;]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  const periods: WorkPeriod[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-~—–至到]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m || Number(m[2]) > 59 || Number(m[4]) > 59) return null;
    const [from, to] = [`${m[1].padStart(2, '0')}:${m[2]}`, `${m[3].padStart(2, '0')}:${m[4]}`];
    if (minutesOf(from) >= minutesOf(to) || minutesOf(to) > 24 * 60) return null;
    periods.push({ from, to });
  }
  periods.sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  for (let i = 1; i < periods.length; i++) if (minutesOf(periods[i].from) < minutesOf(periods[i - 1].to)) return null;
  return periods;
}

export function workingHoursText(periods: readonly WorkPeriod[]): string {
  return periods.map((p) => `${p.from}-${p.to}`).join('、');
}

const DAY_MS = 86_400_000;

function oneDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{5}(\.\d+)?$/.test(t)) return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * DAY_MS).toISOString().slice(0, 10);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T ]00:00(?::00)?)?$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const back = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(back.getTime()) && back.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A day or a range of days (至, ~, —) → every date in it, or null when it is not that (or the range runs backwards or over a year). */
export function parseHolidayDates(text: string): string[] | null {
  const parts = text.normalize('NFKC').split(/\s*(?:至|到|~|—|–)\s*/);
  if (parts.length > 2) return null;
  const from = oneDate(parts[0]);
  const to = parts.length === 2 ? oneDate(parts[1]) : from;
  if (!from || !to || to < from) return null;
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days.length <= 366 ? days : null;
}

/** Consecutive days of the same 安排 and name as one range, for writing the list back compactly. */
export function holidayRanges(holidays: readonly Holiday[]): { dates: string; kind: Holiday['kind']; name: string }[] {
  const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
  const out: { from: string; to: string; kind: Holiday['kind']; name: string }[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && last.kind === h.kind && last.name === h.name && Date.parse(`${h.date}T00:00:00Z`) - Date.parse(`${last.to}T00:00:00Z`) === DAY_MS) last.to = h.date;
    else out.push({ from: h.date, to: h.date, kind: h.kind, name: h.name });
  }
  return out.map((r) => ({ dates: r.from === r.to ? r.from : `${r.from} 至 ${r.to}`, kind: r.kind, name: r.name }));
}

/** 审批时限 text: a positive number of working hours (`8`, `8小时`, `16 工作小时`), or null. */
export function parseLimitHours(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(?:个)?(?:工作)?(?:小时|h)?$/i.exec(text.normalize('NFKC').trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}
