import fc from 'fast-check';
import type { CatalogItem } from '../../src/inventory/ledger';
import { reorderLine } from '../../src/inventory/reorder';

const Z95 = 1.6448536269514722;
const Z99 = 2.3263478740408408;

function catalogItem(over: Partial<CatalogItem> = {}): CatalogItem {
  return { item: 0, code: 'BG-001', name: '复印纸', category: '纸张', spec: '', unit: '包', packSize: 1, refPriceFen: 2500, supplier: '甲', leadDays: 15, safetyStock: 4, serviceLevel: 0.95, inactive: false, row: 2, ...over };
}

describe('statistical reorder point and order quantity', () => {
  it('reorder point = ⌈μ·L + z·σ·√L⌉ over monthly use, L in months of 30 days', () => {
    const use = [10, 12, 8, 10, 14, 6];
    // μ = 10, sample variance = (0 + 4 + 4 + 0 + 16 + 16) / 5 = 8, L = 15/30.
    const expected = Math.ceil(10 * 0.5 + Z95 * Math.sqrt(8) * Math.sqrt(0.5));
    const line = reorderLine({ item: catalogItem(), onHand: 100, onOrder: 0, statedNeeds: null, monthlyUse: use, halfYearCap: 60 });
    expect(line.method).toBe('statistical');
    expect(line.meanMonthlyUse).toBe(10);
    expect(line.sdMonthlyUse).toBeCloseTo(Math.sqrt(8), 12);
    expect(line.reorderPoint).toBe(expected);
    expect(expected).toBe(9);
    expect(line.suggestedQuantity).toBe(0);
    expect(line.reason).toContain('不需采购');
  });

  it('orders the reorder point plus next month’s stated needs, net of stock and stock on order, in whole packs', () => {
    const line = reorderLine({ item: catalogItem({ packSize: 12, serviceLevel: 0.99 }), onHand: 3, onOrder: 5, statedNeeds: 20, monthlyUse: [10, 12, 8, 10, 14, 6], halfYearCap: 100 });
    const rop = Math.ceil(10 * 0.5 + Z99 * Math.sqrt(8) * Math.sqrt(0.5));
    expect(line.reorderPoint).toBe(rop);
    expect(line.shortfall).toBe(rop + 20 - 3 - 5);
    expect(line.suggestedQuantity).toBe(Math.ceil((rop + 12) / 12) * 12);
    expect(line.suggestedQuantity % 12).toBe(0);
  });

  it('without stated needs expects the mean use next month', () => {
    const line = reorderLine({ item: catalogItem(), onHand: 0, onOrder: 0, statedNeeds: null, monthlyUse: [3, 4, 4], halfYearCap: null });
    expect(line.expectedUse).toBe(4); // ⌈11/3⌉
  });

  it('caps the order at six months of use, rounding down to whole packs', () => {
    const line = reorderLine({ item: catalogItem({ packSize: 10 }), onHand: 0, onOrder: 0, statedNeeds: 200, monthlyUse: [10, 10, 10], halfYearCap: 57 });
    expect(line.capped).toBe(true);
    expect(line.suggestedQuantity).toBe(50);
    expect(line.reason).toContain('半年使用数 57');
  });

  it('caps what is on order in all: a plan drawn up again before the goods arrive adds nothing above the cap', () => {
    const first = reorderLine({ item: catalogItem({ packSize: 5 }), onHand: 9, onOrder: 0, statedNeeds: 900, monthlyUse: [1, 2, 1], halfYearCap: 12 });
    expect(first.suggestedQuantity).toBe(10);
    const again = reorderLine({ item: catalogItem({ packSize: 5 }), onHand: 9, onOrder: first.suggestedQuantity, statedNeeds: 900, monthlyUse: [1, 2, 1], halfYearCap: 12 });
    expect(again.suggestedQuantity).toBe(0);
    expect(again.capped).toBe(true);
    expect(again.reason).toContain('半年使用数 12 减在途 10');
    expect(again.reasonEn).toContain('less 10 on order');
  });

  it('suggests nothing when six months of use is less than one pack, and says why', () => {
    const line = reorderLine({ item: catalogItem({ packSize: 24 }), onHand: 0, onOrder: 0, statedNeeds: 5, monthlyUse: [1, 0, 2], halfYearCap: 6 });
    expect(line.suggestedQuantity).toBe(0);
    expect(line.capped).toBe(true);
    expect(line.reason).toContain('不足一个采购单位');
    expect(line.reasonEn).toContain('less than one pack');
  });

  it('falls back to the catalogue safety stock with too little history, and says so', () => {
    const line = reorderLine({ item: catalogItem({ safetyStock: 7 }), onHand: 2, onOrder: 0, statedNeeds: null, monthlyUse: [5, 9], halfYearCap: null });
    expect(line.method).toBe('safetyStock');
    expect(line.reorderPoint).toBe(7);
    expect(line.expectedUse).toBe(7);
    expect(line.suggestedQuantity).toBe(12);
    expect(line.reason).toContain('历史用量仅 2 个月');
    expect(line.reasonEn).toContain('Only 2 month(s) of history');
  });

  it('falls back too when the catalogue gives no lead time', () => {
    const line = reorderLine({ item: catalogItem({ leadDays: null, safetyStock: 3 }), onHand: 0, onOrder: 0, statedNeeds: null, monthlyUse: [5, 5, 5, 5], halfYearCap: 30 });
    expect(line.method).toBe('safetyStock');
    expect(line.reason).toContain('目录未填提前期天数');
  });

  it('always suggests whole packs within the cap, and enough to reach the target unless capped', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: -20, max: 300 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
        fc.constantFrom(0.9, 0.95, 0.98, 0.99),
        (use, pack, lead, onHand, onOrder, stated, cap, level) => {
          const line = reorderLine({ item: catalogItem({ packSize: pack, leadDays: lead, serviceLevel: level }), onHand, onOrder, statedNeeds: stated, monthlyUse: use, halfYearCap: cap });
          expect(line.suggestedQuantity % pack).toBe(0);
          expect(line.suggestedQuantity).toBeGreaterThanOrEqual(0);
          if (cap !== null) expect(line.suggestedQuantity).toBeLessThanOrEqual(Math.max(0, cap - onOrder));
          if (!line.capped) expect(onHand + onOrder + line.suggestedQuantity).toBeGreaterThanOrEqual(line.reorderPoint + line.expectedUse);
          if (line.shortfall <= 0) expect(line.suggestedQuantity).toBe(0);
        },
      ),
    );
  });
});
