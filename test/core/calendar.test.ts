import { calendarOf, dayNumber, isWorkday, parseWorkingHours, workdaysBetween, workingHoursBetween } from '../../src/core/calendar';
import type { Holiday } from '../../src/spec/schema';

const off = (date: string, name: string): Holiday => ({ date, kind: 'off', name });
const work = (date: string, name: string): Holiday => ({ date, kind: 'work', name });
const range = (from: string, to: string, name: string): Holiday[] => {
  const out: Holiday[] = [];
  for (let d = dayNumber(from)!; d <= dayNumber(to)!; d++) out.push(off(new Date(d * 86_400_000).toISOString().slice(0, 10), name));
  return out;
};
// 国务院办公厅 2026 arrangement, written out by hand here (not read from _设置.md) so the figures below are independent.
const HOLIDAYS_2026: Holiday[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'), work('2026-01-04', '元旦调休'),
  ...range('2026-02-15', '2026-02-23', '春节'), work('2026-02-14', '春节调休'), work('2026-02-28', '春节调休'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'), work('2026-05-09', '劳动节调休'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'), work('2026-09-20', '国庆节调休'), work('2026-10-10', '国庆节调休'),
];
const calendar = calendarOf({ holidays: HOLIDAYS_2026 });
const hours = (from: string, to: string) => workingHoursBetween(calendar, from, to);

describe('working hours between two moments (09:00-12:00、13:00-18:00 by default)', () => {
  it('skips the lunch break and the time outside working hours', () => {
    expect(hours('2026-03-03T11:00', '2026-03-03T14:00')).toBe(2);
    expect(hours('2026-03-03T12:10', '2026-03-03T12:50')).toBe(0);
    expect(hours('2026-03-03T07:00', '2026-03-03T20:00')).toBe(8);
    expect(hours('2026-03-03T17:30', '2026-03-04T09:30')).toBe(1);
  });

  it('skips a weekend: Friday 17:00 to Monday 10:00 is 2 hours', () => {
    expect(hours('2026-03-06T17:00', '2026-03-09T10:00')).toBe(2);
    expect(hours('2026-03-06T20:00', '2026-03-09T08:00')).toBe(0);
  });

  it('skips holidays and counts make-up workdays (国庆 2026: 10月1日-7日 放假, 10月10日 周六上班)', () => {
    // 9-30 17:00-18:00, 10-08 all day, 10-09 09:00-10:00
    expect(hours('2026-09-30T17:00', '2026-10-09T10:00')).toBe(10);
    // 10-09 17:00-18:00, Saturday 10-10 all day (make-up), Sunday off, 10-12 09:00-10:00
    expect(hours('2026-10-09T17:00', '2026-10-12T10:00')).toBe(10);
    // 春节: 2-13 Fri 1 h, 2-14 Sat make-up 8 h, 2-15..2-23 off, 2-24 1 h
    expect(hours('2026-02-13T17:00', '2026-02-24T10:00')).toBe(10);
    expect(isWorkday(calendar, dayNumber('2026-10-10')!)).toBe(true);
    expect(isWorkday(calendar, dayNumber('2026-10-05')!)).toBe(false);
  });

  it('2026 has 248 workdays; the counting without walking the days agrees with walking them', () => {
    const a = dayNumber('2026-01-01')!;
    const b = dayNumber('2026-12-31')!;
    expect(workdaysBetween(calendar, a, b)).toBe(248);
    for (const [x, y] of [[a, a + 40], [a + 3, a + 200], [a + 100, b], [a + 45, a + 46]]) {
      let walked = 0;
      for (let d = x; d <= y; d++) if (isWorkday(calendar, d)) walked++;
      expect(workdaysBetween(calendar, x, y)).toBe(walked);
    }
    expect(hours('2026-01-01T00:00', '2027-01-01T00:00')).toBe(248 * 8);
  });

  it('is 0 when the end is not after the start and NaN when a moment is not a date', () => {
    expect(hours('2026-03-04T10:00', '2026-03-03T10:00')).toBe(0);
    expect(hours('昨天', '2026-03-03T10:00')).toBeNaN();
  });

  it('takes the office’s own 工作时间', () => {
    const periods = parseWorkingHours('8:30-12:00,14:00～17:30')!;
    expect(periods).toEqual([{ from: '08:30', to: '12:00' }, { from: '14:00', to: '17:30' }]);
    const own = calendarOf({ workingHours: periods });
    expect(workingHoursBetween(own, '2026-03-03T08:00', '2026-03-03T15:00')).toBe(4.5);
    expect(parseWorkingHours('9点到6点')).toBeNull();
    expect(parseWorkingHours('12:00-09:00')).toBeNull();
    expect(parseWorkingHours('09:00-12:00、11:00-13:00')).toBeNull();
  });
});
