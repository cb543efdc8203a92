/**
 * Record values ↔ worksheet cell values, the same for every adapter.
 * Dates are naive (wall-clock, no time zone): `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`, `HH:mm` in records and
 * Excel serial numbers in cells, so that nothing depends on the machine's time zone or DST.
 */
import type { Column } from './layout';

/** What a worksheet cell holds as the ports see it. */
export type CellValue = string | number | boolean | null;
/** What a record field holds in core. */
export type RecordValue = string | number | boolean | null;

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 for the 1900 date system (serial 60 is the phantom 1900-02-29). */
const EPOCH_MS = Date.UTC(1899, 11, 30);

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** `YYYY-MM-DD` → serial, or null when not a real date. */
export function dateToSerial(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidDate(y, mo, d)) return null;
  return Math.round((Date.UTC(y, mo - 1, d) - EPOCH_MS) / MS_PER_DAY);
}

export function dateTimeToSerial(text: string): number | null {
  const m = DATE_TIME_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (!isValidDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  return (Date.UTC(y, mo - 1, d, h, mi, s) - EPOCH_MS) / MS_PER_DAY;
}

export function timeToSerial(text: string): number | null {
  const m = TIME_RE.exec(text);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return (h * 3600 + mi * 60 + s) / 86400;
}

/** Serial → UTC-based Date of the naive wall-clock time, rounded to the second. */
function serialToUtc(serial: number): Date {
  return new Date(Math.round((EPOCH_MS + serial * MS_PER_DAY) / 1000) * 1000);
}

export function serialToDate(serial: number): string {
  const d = serialToUtc(Math.floor(serial + 1e-9));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function serialToDateTime(serial: number): string {
  const d = serialToUtc(serial);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() ? `${base}:${pad(d.getUTCSeconds())}` : base;
}

export function serialToTime(serial: number): string {
  const total = Math.round((serial - Math.floor(serial)) * 86400) % 86400;
  const base = `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}`;
  return total % 60 ? `${base}:${pad(total % 60)}` : base;
}

export type ValueKind = 'text' | 'number' | 'date' | 'dateTime' | 'time' | 'yesNo';

export function valueKind(column: Column): ValueKind {
  if (column.kind === 'submittedAt' || column.kind === 'stepTime') return 'dateTime';
  if (column.kind !== 'field' || !column.field) return 'text';
  switch (column.field.type) {
    case 'integer':
    case 'decimal':
    case 'money':
    case 'copies':
      return 'number';
    case 'date':
      return 'date';
    case 'dateTime':
      return 'dateTime';
    case 'time':
      return 'time';
    case 'yesNo':
      return 'yesNo';
    default:
      return 'text';
  }
}

/**
 * A record value as it goes into a cell. Text stays a string (the adapter stores it as text, never a formula);
 * a date that does not parse is kept as the typed text so that nothing a user typed is lost.
 */
export function toCell(column: Column, value: RecordValue): CellValue {
  if (value === null || value === '') return null;
  const kind = valueKind(column);
  if (typeof value === 'string') {
    if (kind === 'date') return dateToSerial(value) ?? value;
    if (kind === 'dateTime') return dateTimeToSerial(value) ?? value;
    if (kind === 'time') return timeToSerial(value) ?? value;
    if (kind === 'yesNo') return value;
    return value;
  }
  if (typeof value === 'boolean') return kind === 'yesNo' ? (value ? '是' : '否') : String(value);
  return value;
}

/** A cell as a record value: serials back to ISO text, 是/否 to booleans, numbers kept. */
export function fromCell(column: Column, cell: CellValue): RecordValue {
  if (cell === null || cell === '') return null;
  const kind = valueKind(column);
  if (typeof cell === 'number') {
    if (kind === 'date') return serialToDate(cell);
    if (kind === 'dateTime') return serialToDateTime(cell);
    if (kind === 'time') return serialToTime(cell);
    if (kind === 'text') return String(cell);
    return cell;
  }
  if (typeof cell === 'boolean') return kind === 'yesNo' ? cell : String(cell);
  if (kind === 'yesNo') {
    if (cell === '是') return true;
    if (cell === '否') return false;
  }
  return cell;
}
