import fc from 'fast-check';
import { dateToSerial } from '../../src/core/cells';
import { monthBounds, monthText, parseMonth, serialText, serialToMonth, serialToYmd, ymdToSerial } from '../../src/inventory/months';

describe('days and months as integers', () => {
  it('agrees with core date serials for every day from 1900-03-01 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 109574 }), (serial) => {
        const { year, month, day } = serialToYmd(serial);
        const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(dateToSerial(text)).toBe(serial);
        expect(ymdToSerial(year, month, day)).toBe(serial);
        expect(serialText(serial)).toBe(text);
        expect(serialToMonth(serial)).toBe(year * 12 + month - 1);
      }),
    );
  });

  it('reads months as offices write them and refuses the rest', () => {
    expect(parseMonth('2026-03')).toBe(2026 * 12 + 2);
    expect(parseMonth('2026-3')).toBe(2026 * 12 + 2);
    expect(parseMonth('2026年3月')).toBe(2026 * 12 + 2);
    expect(parseMonth('2026/12')).toBe(2026 * 12 + 11);
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('三月')).toBeNull();
    expect(monthText(2026 * 12 + 2)).toBe('2026-03');
  });

  it('bounds months, February of leap years included', () => {
    const feb = monthBounds(2024 * 12 + 1);
    expect(serialText(feb.first)).toBe('2024-02-01');
    expect(serialText(feb.last)).toBe('2024-02-29');
    const dec = monthBounds(2025 * 12 + 11);
    expect(serialText(dec.last)).toBe('2025-12-31');
  });
});
