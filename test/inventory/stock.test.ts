import fc from 'fast-check';
import { dateToSerial } from '../../src/core/cells';
import { runStock } from '../../src/inventory/stock';
import { item, ledgerOf, type CellRow } from '../support/ledgerRows';

const day = (iso: string) => dateToSerial(iso)!;
const M = (y: number, m: number) => y * 12 + m - 1;
const AS_OF = day('2026-12-31');

describe('stock at moving-average cost in integer fen', () => {
  it('averages receipts and takes the average out with each issue; the last units take what is left', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [
        { 入库日期: '2026-03-01', 物品编码: 'A', 数量: 10, 单价: 1, 金额: 10 },
        { 入库日期: '2026-03-02', 物品编码: 'A', 数量: 10, 单价: 2, 金额: 20 },
      ],
      issue: [
        { 领用日期: '2026-03-03', 领用部门: '财务部', 物品编码: 'A', 实发数量: 5, 领用人签字: '是' },
        { 领用日期: '2026-03-04', 领用部门: '财务部', 物品编码: 'A', 实发数量: 15, 领用人签字: '是' },
      ],
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    expect([...s.issueCost]).toEqual([750, 2250]);
    const a = ledger.items.find('A')!;
    expect(s.closing[a]).toEqual({ qty: 0, value: 0 });
    expect(s.moves[a]).toEqual({ inQty: 20, inValue: 3000, outQty: 20, outValue: 3000, adjQty: 0, adjValue: 0 });
  });

  it('rounds each issue to the fen half up and never loses a fen', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [{ 入库日期: '2026-03-01', 物品编码: 'A', 数量: 3, 单价: 0.3333, 金额: 1 }],
      issue: [1, 2, 3].map((d) => ({ 领用日期: `2026-03-0${d + 1}`, 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是' })),
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    // 100/3 → 33; 67/2 = 33.5 → 34; 33 left for the last one.
    expect([...s.issueCost]).toEqual([33, 34, 33]);
  });

  it('applies a stocktake at the end of its day: the difference is 盘盈/盘亏 at the average cost', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [{ 入库日期: '2026-03-01', 物品编码: 'A', 数量: 10, 单价: 1.5, 金额: 15 }],
      issue: [{ 领用日期: '2026-03-31', 领用部门: '财务部', 物品编码: 'A', 实发数量: 3, 领用人签字: '是' }],
      stocktake: [{ 盘点日期: '2026-03-31', 物品编码: 'A', 账面数量: 7, 实盘数量: 5 }],
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    const a = ledger.items.find('A')!;
    expect(s.stocktakes).toEqual([{ month: M(2026, 3), day: day('2026-03-31'), item: a, row: 2, qty: -2, value: -300 }]);
    expect(s.closing[a]).toEqual({ qty: 5, value: 750 });
    expect(s.problems).toEqual([]);
  });

  it('orders a day as receipts, issues, stocktakes whatever the sheet order', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      stocktake: [{ 盘点日期: '2026-03-05', 物品编码: 'A', 账面数量: 2, 实盘数量: 2 }],
      issue: [{ 领用日期: '2026-03-05', 领用部门: '财务部', 物品编码: 'A', 实发数量: 3, 领用人签字: '是' }],
      receipt: [{ 入库日期: '2026-03-05', 物品编码: 'A', 数量: 5, 单价: 1, 金额: 5 }],
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    expect(s.problems).toEqual([]);
    expect(s.stocktakes).toEqual([]);
  });

  it('reports negative stock at the issue that caused it and prices the excess at the last average', () => {
    const ledger = ledgerOf({
      catalog: [item('A', { 参考单价: 9 })],
      receipt: [{ 入库日期: '2026-03-01', 物品编码: 'A', 数量: 2, 单价: 2, 金额: 4 }],
      issue: [
        { 领用日期: '2026-03-02', 领用部门: '财务部', 物品编码: 'A', 实发数量: 3, 领用人签字: '是' },
        { 领用日期: '2026-03-03', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是' },
      ],
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    expect([...s.issueCost]).toEqual([600, 200]);
    expect(s.problems.map((p) => [p.code, p.sheet, p.row])).toEqual([
      ['negativeStock', '办公用品领用', 2],
      ['negativeStock', '办公用品领用', 3],
    ]);
    expect(s.closing[ledger.items.find('A')!]).toEqual({ qty: -2, value: -400 });
  });

  it('refuses a stocktake dated after today and says so; the book stands', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [{ 入库日期: '2026-03-01', 物品编码: 'A', 数量: 4, 单价: 1, 金额: 4 }],
      stocktake: [{ 盘点日期: '2026-04-30', 物品编码: 'A', 账面数量: 4, 实盘数量: 1 }],
    });
    const s = runStock(ledger, { asOf: day('2026-04-10'), month: M(2026, 4) });
    expect(s.problems.map((p) => [p.code, p.sheet, p.row])).toEqual([['futureStocktake', '办公用品盘点', 2]]);
    expect(s.problems[0].message).toContain('2026-04-30');
    expect(s.closing[ledger.items.find('A')!]).toEqual({ qty: 4, value: 400 });
  });

  it('flags a stocktake whose written book quantity disagrees with the ledgers', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [{ 入库日期: '2026-03-01', 物品编码: 'A', 数量: 4, 单价: 1, 金额: 4 }],
      stocktake: [{ 盘点日期: '2026-03-31', 物品编码: 'A', 账面数量: 6, 实盘数量: 4 }],
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    expect(s.problems.map((p) => p.code)).toEqual(['bookMismatch']);
    expect(s.stocktakes).toEqual([]);
  });

  it('keeps a batch refused at acceptance (不合格) out of stock', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [
        { 入库日期: '2026-03-01', 物品编码: 'A', 数量: 4, 单价: 1, 金额: 4, 验收结论: '合格' },
        { 入库日期: '2026-03-02', 物品编码: 'A', 数量: 9, 单价: 1, 金额: 9, 验收结论: '不合格' },
        { 入库日期: '2026-03-03', 物品编码: 'A', 数量: 2, 单价: 1, 金额: 2, 验收结论: '部分合格' },
      ],
    });
    const s = runStock(ledger, { asOf: AS_OF, month: M(2026, 3) });
    expect(s.closing[ledger.items.find('A')!]).toEqual({ qty: 6, value: 600 });
  });

  type Event = { kind: 'r' | 'i' | 's'; day: number; qty: number; price: number };
  const events = fc.array(
    fc.record({ kind: fc.constantFrom<'r' | 'i' | 's'>('r', 'r', 'i', 'i', 'i', 's'), day: fc.integer({ min: 1, max: 120 }), qty: fc.integer({ min: 0, max: 40 }), price: fc.integer({ min: 0, max: 5000 }) }),
    { maxLength: 60 },
  );

  it('balances: opening + in − out ± stocktake = closing, in quantity and in fen, for any month', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 0, max: 4 }), (list: Event[], monthOffset) => {
        const base = day('2026-01-01');
        const rows: { receipt: CellRow[]; issue: CellRow[]; stocktake: CellRow[] } = { receipt: [], issue: [], stocktake: [] };
        for (const e of list) {
          if (e.kind === 'r') rows.receipt.push({ 入库日期: base + e.day, 物品编码: 'A', 数量: e.qty, 金额: (e.qty * e.price) / 100, 单价: e.price / 100 || 0.01 });
          else if (e.kind === 'i') rows.issue.push({ 领用日期: base + e.day, 领用部门: '财务部', 物品编码: 'A', 实发数量: e.qty, 领用人签字: '是' });
          else rows.stocktake.push({ 盘点日期: base + e.day, 物品编码: 'A', 实盘数量: e.qty });
        }
        const ledger = ledgerOf({ catalog: [item('A', { 参考单价: 3.21 })], ...rows });
        const s = runStock(ledger, { asOf: base + 400, month: M(2026, 1 + monthOffset) });
        const a = ledger.items.find('A')!;
        const { opening, closing, moves } = { opening: s.opening[a], closing: s.closing[a], moves: s.moves[a] };
        expect(closing.qty).toBe(opening.qty + moves.inQty - moves.outQty + moves.adjQty);
        expect(closing.value).toBe(opening.value + moves.inValue - moves.outValue + moves.adjValue);
        for (const v of [closing.value, opening.value, ...s.issueCost]) expect(Number.isInteger(v)).toBe(true);
        // Whenever the stock comes back to exactly zero, its value is exactly zero.
        if (closing.qty === 0 && !s.problems.some((p) => p.code === 'negativeStock')) expect(closing.value).toBe(0);
      }),
    );
  });
});
