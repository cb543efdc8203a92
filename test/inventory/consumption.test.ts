import { dateToSerial } from '../../src/core/cells';
import { analyzeLedger } from '../../src/inventory/analyze';
import { change } from '../../src/inventory/consumption';
import { item, ledgerOf } from '../support/ledgerRows';

const issue = (date: string, dept: string, code: string, qty: number) => ({ 领用日期: date, 领用部门: dept, 物品编码: code, 实发数量: qty, 领用人签字: '是' });

describe('the managers’ monthly consumption and cost report', () => {
  const ledger = ledgerOf({
    catalog: [item('A', { 物品名称: '复印纸' }), item('B', { 物品名称: '签字笔' })],
    receipt: [
      { 入库日期: '2025-01-01', 物品编码: 'A', 数量: 1000, 单价: 2, 金额: 2000 },
      { 入库日期: '2025-01-01', 物品编码: 'B', 数量: 1000, 单价: 0.5, 金额: 500 },
    ],
    issue: [
      issue('2025-03-10', '财务部', 'A', 10), // a year before: 20.00
      issue('2026-02-10', '财务部', 'A', 5), // the month before: 10.00
      issue('2026-02-11', '市场部', 'B', 4), // 2.00
      issue('2026-03-02', '财务部', 'A', 10), // 20.00
      issue('2026-03-03', '市场部', 'A', 20), // 40.00
      issue('2026-03-04', '市场部', 'B', 40), // 20.00
    ],
    settings: [
      ['部门', '人数'],
      ['财务部', 4],
      ['市场部', 6],
      ['法务部', 2],
    ],
  });
  const r = analyzeLedger(ledger, { asOf: dateToSerial('2026-04-02')!, month: 2026 * 12 + 2 }).report;

  it('totals the month against the month before and the same month a year before', () => {
    expect(r.total).toEqual({ qty: 70, cost: 8000 });
    expect(r.previous).toEqual({ qty: 9, cost: 1200 });
    expect(r.lastYear).toEqual({ qty: 10, cost: 2000 });
    expect(r.monthOnMonth).toBeCloseTo((8000 - 1200) / 1200, 12);
    expect(r.yearOnYear).toBe(3);
  });

  it('gives each department its share, changes and cost per head from 设置', () => {
    expect(r.departments.map((d) => [d.department, d.qty, d.cost, d.share, d.previous.cost, d.lastYear.cost, d.headcount, d.costPerHead])).toEqual([
      ['市场部', 60, 6000, 0.75, 200, 0, 6, 1000],
      ['财务部', 10, 2000, 0.25, 1000, 2000, 4, 500],
    ]);
    expect(r.departments[1].yearOnYear).toBe(0);
    expect(r.departments[0].yearOnYear).toBeNull();
    // Per head for the company: the month's cost over everyone in 设置 (12 people).
    expect(r.headcount).toBe(12);
    expect(r.costPerHead).toBe(Math.round(8000 / 12));
  });

  it('ranks the month’s items by cost and draws twelve months of trend', () => {
    expect(r.items.map((i) => [ledger.items.values[i.item], i.qty, i.cost, i.share])).toEqual([
      ['A', 30, 6000, 0.75],
      ['B', 40, 2000, 0.25],
    ]);
    expect(r.trend.map((p) => p.month)).toEqual(Array.from({ length: 12 }, (_, k) => 2026 * 12 + 2 - 11 + k));
    expect(r.trend.at(-1)).toEqual({ month: 2026 * 12 + 2, qty: 70, cost: 8000 });
    expect(r.trend.at(-2)).toEqual({ month: 2026 * 12 + 1, qty: 9, cost: 1200 });
  });

  it('has no change without a base', () => {
    expect(change(5, 0)).toBeNull();
    expect(change(0, 5)).toBe(-1);
  });
});
