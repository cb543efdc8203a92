import { cellDay, cellNumber, cellPercent, cellYesNo } from '../../src/inventory/cellValues';
import { dateToSerial } from '../../src/core/cells';

describe('ledger cells', () => {
  it('takes numbers typed as text, full-width digits and grouping; refuses words', () => {
    expect(cellNumber(12)).toBe(12);
    expect(cellNumber(' 12 ')).toBe(12);
    expect(cellNumber('１２')).toBe(12);
    expect(cellNumber('1,200')).toBe(1200);
    expect(cellNumber('¥3.50')).toBe(3.5);
    expect(cellNumber(null)).toBeNull();
    expect(cellNumber('')).toBeNull();
    expect(cellNumber('十二')).toBeNaN();
    expect(cellNumber('12个')).toBeNaN();
    expect(cellNumber(true)).toBeNaN();
  });

  it('takes date serials and date text; refuses what is not a real date', () => {
    expect(cellDay(46000.75)).toBe(46000);
    expect(cellDay('2026-03-05')).toBe(dateToSerial('2026-03-05'));
    expect(cellDay('2026/3/5')).toBe(dateToSerial('2026-03-05'));
    expect(cellDay('2026年3月5日')).toBe(dateToSerial('2026-03-05'));
    expect(cellDay('2026-02-30')).toBeNaN();
    expect(cellDay('下周')).toBeNaN();
    expect(cellDay(null)).toBeNull();
  });

  it('reads 是/否 and service levels', () => {
    expect(cellYesNo('是')).toBe(true);
    expect(cellYesNo('否')).toBe(false);
    expect(cellYesNo(true)).toBe(true);
    expect(cellYesNo('也许')).toBeNull();
    expect(cellPercent('95%')).toBeCloseTo(0.95, 12);
    expect(cellPercent(0.98)).toBe(0.98);
    expect(cellPercent('99')).toBeCloseTo(0.99, 12);
    expect(cellPercent('高')).toBeNull();
  });
});
