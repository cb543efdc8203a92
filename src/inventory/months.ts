/**
 * Days and months as integers: a day is an Excel serial (1900 system, as cells hold them), a month is
 * year × 12 + (month − 1). Integer arithmetic only, so nothing depends on time zones and it is fast enough to
 * run once per ledger row while reading.
 */

/** Excel serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

/** Civil date of an Excel serial (days since 1899-12-30), after Howard Hinnant's days_from_civil inverse. */
export function serialToYmd(serial: number): { year: number; month: number; day: number } {
  const z = Math.floor(serial) - UNIX_EPOCH_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function ymdToSerial(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + UNIX_EPOCH_SERIAL;
}

export function serialToMonth(serial: number): number {
  const { year, month } = serialToYmd(serial);
  return year * 12 + month - 1;
}

export function monthText(month: number): string {
  const year = Math.floor(month / 12);
  const m = month - year * 12 + 1;
  return `${year}-${m < 10 ? '0' : ''}${m}`;
}

/** "2026-03" (also 2026-3, 2026/03, 2026年3月) → month number, or null. */
export function parseMonth(text: string): number | null {
  const m = /^\s*(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1900) return null;
  return year * 12 + month - 1;
}

/** First and last serial day of a month. */
export function monthBounds(month: number): { first: number; last: number } {
  const year = Math.floor(month / 12);
  const m = month - year * 12 + 1;
  const first = ymdToSerial(year, m, 1);
  const next = m === 12 ? ymdToSerial(year + 1, 1, 1) : ymdToSerial(year, m + 1, 1);
  return { first, last: next - 1 };
}

export function serialText(serial: number): string {
  const { year, month, day } = serialToYmd(serial);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
