import fc from 'fast-check';
import { halfYearUse, type ConsumptionEvent } from '../../src/core/consumption';
import { serialText } from '../../src/inventory/months';
import { parseInstant } from '../../src/core/dates';
import { dateToSerial } from '../../src/core/cells';
import { halfYearUses } from '../../src/inventory/halfYear';
import { item, ledgerOf } from '../support/ledgerRows';

describe('半年使用数 for every item in one pass', () => {
  it('is exactly what the 采购申请 rule in core computes, item by item', () => {
    const base = dateToSerial('2025-01-01')!;
    fc.assert(
      fc.property(
        fc.array(fc.record({ item: fc.constantFrom('A', 'B', 'C', 'X'), day: fc.integer({ min: 0, max: 540 }), qty: fc.integer({ min: 0, max: 30 }) }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 600 }),
        (issues, on) => {
          const ledger = ledgerOf({
            catalog: [item('A'), item('B'), item('C')],
            issue: issues.map((e) => ({ 领用日期: base + e.day, 领用部门: '财务部', 物品编码: e.item, 实发数量: e.qty, 领用人签字: '是' })),
          });
          const events: ConsumptionEvent[] = issues.filter((e) => e.qty > 0).map((e) => ({ item: e.item, date: parseInstant(serialText(base + e.day))!, quantity: e.qty }));
          const caps = halfYearUses(ledger, base + on);
          for (const code of ['A', 'B', 'C', 'X']) {
            const id = ledger.items.find(code);
            const mine = id === undefined || Number.isNaN(caps[id]) ? null : caps[id];
            expect(mine).toBe(halfYearUse(events, code, parseInstant(serialText(base + on))!));
          }
        },
      ),
    );
  });
});
