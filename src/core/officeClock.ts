/**
 * The office's clock. Records hold naive wall-clock time as the office reads it, so "now" must be taken in the
 * office's time zone (设置's 时区, Asia/Shanghai when a workbook names none) — not in the zone of whatever machine
 * runs the CLI or the browser. Only Intl is used: every host (Node, Excel's webview, any browser) has it.
 */
import type { CellValue } from './cells';
import type { SettingsSpec } from '../spec/schema';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../spec/timeZone';

export { DEFAULT_TIME_ZONE, isTimeZone };
/** Header of the 设置 column that holds the zone (column J, between the people and the lists); the zone is below it. */
export const TIME_ZONE_HEADER = '时区';
export const TIME_ZONE_COLUMN = 9;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone 设置 declares when it is a real one; otherwise the default. */
export function officeTimeZone(settings: Pick<SettingsSpec, 'timeZone'> | null | undefined): string {
  const name = settings?.timeZone?.trim();
  return name && isTimeZone(name) ? name : DEFAULT_TIME_ZONE;
}

/** A 时区 that names no zone: said where it is and what is used instead, never ignored in silence. */
export function timeZoneProblem(settings: Pick<SettingsSpec, 'timeZone'> | null | undefined): { message: string; messageEn: string } | null {
  const name = settings?.timeZone?.trim();
  if (!name || isTimeZone(name)) return null;
  const cell = `设置!${String.fromCharCode(65 + TIME_ZONE_COLUMN)}2`;
  return {
    message: `${cell}:时区“${name}”不是有效的时区名(应写如 Asia/Shanghai),已按 ${DEFAULT_TIME_ZONE} 计算`,
    messageEn: `${cell}: time zone "${name}" is not a time zone name (write e.g. Asia/Shanghai); ${DEFAULT_TIME_ZONE} was used`,
  };
}

/** `date` as the office's wall clock reads it, the way records hold time: YYYY-MM-DDTHH:mm. */
export function wallClockIn(timeZone: string, date: Date): string {
  const f = formatter(timeZone) ?? formatter(DEFAULT_TIME_ZONE)!;
  const part: Record<string, string> = {};
  for (const p of f.formatToParts(date)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** The 时区 a 设置 sheet holds (J1 = 时区, J2 = the zone), or undefined. */
export function timeZoneFromSheet(rows: ReadonlyArray<ReadonlyArray<CellValue | undefined>>): string | undefined {
  const header = rows[0]?.[TIME_ZONE_COLUMN];
  const value = rows[1]?.[TIME_ZONE_COLUMN];
  if (typeof header !== 'string' || header.trim() !== TIME_ZONE_HEADER) return undefined;
  const text = value === null || value === undefined ? '' : String(value).trim();
  return text === '' ? undefined : text;
}
