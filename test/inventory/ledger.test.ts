import { LedgerBuilder } from '../../src/inventory/ledger';
import { analyzeLedger } from '../../src/inventory/analyze';
import { dateToSerial } from '../../src/core/cells';
import { item, ledgerOf } from '../support/ledgerRows';

const AS_OF = dateToSerial('2026-03-20')!;
const M3 = 2026 * 12 + 2;
const codes = (problems: { code: string; sheet: string; row: number | null }[]) => problems.map((p) => [p.code, p.sheet, p.row]);

describe('bad ledgers: every bad row is reported with sheet and row, the rest is analysed', () => {
  const issue = (over: Record<string, unknown>) => ({ 领用日期: '2026-03-05', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是', ...over });
  const ledger = ledgerOf({
    catalog: [item('A', { 参考单价: 2 }), item('B', { 参考单价: 5 })],
    receipt: [
      { 入库日期: '2026-03-01', 物品编码: 'A', 数量: 10, 单价: 1, 金额: 10 },
      { 入库日期: '2026-03-01', 物品编码: 'B', 数量: 4, 单价: 0, 金额: 0 }, // row 3: unit price zero
    ],
    issue: [
      issue({}), // row 2: fine
      issue({ 物品编码: 'ZZ-404' }), // row 3: not in the catalogue
      issue({ 实发数量: '三个' }), // row 4: text in a quantity cell
      issue({ 物品编码: 'B', 实发数量: 6 }), // row 5: more than in stock
      issue({ 实发数量: 2, 领用部门: '市场部' }), // row 6: fine
    ],
    stocktake: [{ 盘点日期: '2026-03-28', 物品编码: 'A', 账面数量: 7, 实盘数量: 5 }], // row 2: after today
  });
  const result = analyzeLedger(ledger, { asOf: AS_OF, month: M3 });

  it('reports each of them where it is', () => {
    expect(codes(result.problems)).toEqual([
      ['zeroPrice', '办公用品入库', 3],
      ['unknownItem', '办公用品领用', 3],
      ['notNumber', '办公用品领用', 4],
      ['negativeStock', '办公用品领用', 5],
      ['futureStocktake', '办公用品盘点', 2],
    ]);
    for (const p of result.problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      // English beside Chinese; names and what the user typed are quoted as they are.
      expect(p.messageEn).toMatch(/^[A-Z"]/);
      expect(p.messageEn).toMatch(/\b(is|not|after|of|has)\b/);
    }
    expect(result.problems.find((p) => p.code === 'notNumber')!.message).toContain('三个');
  });

  it('still computes stock and consumption from the rest', () => {
    const a = result.stock.find((s) => s.code === 'A')!;
    expect(a.onHand).toBe(7);
    expect(a.value).toBe(700);
    // B received at price 0 is valued at the catalogue's 5.00; 6 issued out of 4.
    const b = result.stock.find((s) => s.code === 'B')!;
    expect(b.onHand).toBe(-2);
    expect(result.consumption.map((c) => [c.department, c.code, c.qty, c.cost])).toEqual([
      ['财务部', 'A', 1, 100],
      ['财务部', 'B', 6, 3000],
      ['市场部', 'A', 2, 200],
    ]);
  });
});

describe('ledger rows', () => {
  it('reports the catalogue’s own mistakes and keeps the first of a duplicated code', () => {
    const ledger = ledgerOf({
      catalog: [
        item('A', { 采购单位数量: 0, 服务水平: '97%', 提前期天数: '一周' }),
        item('A', { 物品名称: '重复' }),
        { 物品编码: '', 物品名称: '没有编码' },
      ],
    });
    expect(codes(ledger.problems)).toEqual([
      ['badCatalogValue', '办公用品目录', 2],
      ['badCatalogValue', '办公用品目录', 2],
      ['badCatalogValue', '办公用品目录', 2],
      ['duplicateItem', '办公用品目录', 3],
      ['blankItem', '办公用品目录', 4],
    ]);
    const a = ledger.catalogItems[0];
    expect([a.packSize, a.serviceLevel, a.leadDays, a.name]).toEqual([1, 0.95, null, '物品A']);
  });

  it('skips blank rows silently and reports half-filled ones', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      issue: [
        { 领用日期: null, 领用部门: null, 物品编码: null, 实发数量: null },
        { 领用日期: '2026-13-01', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1 },
        { 领用日期: '2026-03-01', 领用部门: '', 物品编码: 'A', 实发数量: 1 },
        { 领用日期: '2026-03-01', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1.5 },
        { 领用日期: '2026-03-01', 领用部门: '财务部', 物品编码: 'A', 实发数量: -1 },
        { 领用日期: '2026-03-01', 领用部门: '财务部', 物品编码: 'A', 实发数量: 2, 领用人签字: '否' },
      ],
    });
    expect(codes(ledger.problems)).toEqual([
      ['badDate', '办公用品领用', 3],
      ['blankDepartment', '办公用品领用', 4],
      ['notInteger', '办公用品领用', 5],
      ['negativeQuantity', '办公用品领用', 6],
      ['unsigned', '办公用品领用', 7],
    ]);
    expect(ledger.issues.n).toBe(1);
  });

  it('leaves rejected and withdrawn records out of stock, and reads 核定数量 over 需求数量', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [
        { 入库日期: '2026-03-01', 物品编码: 'A', 数量: 5, 单价: 1, 金额: 5, 状态: '已驳回' },
        { 入库日期: '2026-03-01', 物品编码: 'A', 数量: 3, 单价: 1, 金额: 5 },
      ],
      issue: [{ 领用日期: '2026-03-02', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是', 状态: '已撤回' }],
      demand: [{ 需求月份: '2026-04', 需求部门: '财务部', 物品编码: 'A', 需求数量: 9, 核定数量: 6 }],
    });
    expect(ledger.receipts.n).toBe(1);
    expect(ledger.issues.n).toBe(0);
    expect([...ledger.demand.qty]).toEqual([6]);
    expect(codes(ledger.problems)).toEqual([['amountMismatch', '办公用品入库', 3]]);
    expect(ledger.receipts.value[0]).toBe(500);
  });

  it('reports a status no approval chain sets, row and reason, and still counts the row', () => {
    const ledger = ledgerOf({
      catalog: [item('A')],
      receipt: [{ 入库日期: '2026-03-01', 物品编码: 'A', 数量: 5, 单价: 1, 金额: 5, 状态: '作废' }],
      issue: [
        { 领用日期: '2026-03-02', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是', 状态: '待部门负责人审批' },
        { 领用日期: '2026-03-03', 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是', 状态: '已办结' },
      ],
    });
    expect(codes(ledger.problems)).toEqual([['unknownStatus', '办公用品入库', 2]]);
    expect(ledger.problems[0].message).toBe('状态“作废”不是审批流程中的状态,此行按有效记录计入:请更正状态');
    expect(ledger.receipts.n).toBe(1);
    expect(ledger.issues.n).toBe(2);
  });

  it('says which register or column is missing instead of failing', () => {
    const b = new LedgerBuilder();
    b.missing('catalog');
    expect(b.begin('issue', '领用', ['领用日期', '物品编码', '实发数量'])).toBe(false);
    b.row('issue', 2, ['2026-03-01', 'A', 1]);
    const ledger = b.finish();
    expect(codes(ledger.problems)).toEqual([
      ['missingRegister', '办公用品目录', null],
      ['missingField', '领用', 1],
    ]);
    expect(ledger.problems[1].field).toBe('领用部门');
    expect(ledger.issues.n).toBe(0);
  });

  it('does not repeat a missing catalogue on every row', () => {
    const b = new LedgerBuilder();
    b.missing('catalog');
    b.begin('issue', '办公用品领用', ['领用日期', '领用部门', '物品编码', '实发数量']);
    for (let r = 2; r < 50; r++) b.row('issue', r, ['2026-03-01', '财务部', 'A', 1]);
    expect(codes(b.finish().problems)).toEqual([['missingRegister', '办公用品目录', null]]);
  });

  it('reads headcounts and the supplier list from 设置', () => {
    const ledger = ledgerOf({
      settings: [
        ['部门', '人数', null, '角色', '说明', null, '姓名', '部门', '角色', null, '密级', '供应商'],
        ['财务部', 5, null, '经办人', '', null, '张三', '财务部', '经办人', null, '公开', '甲公司'],
        ['市场部', null, null, null, null, null, null, null, null, null, null, '乙公司'],
      ],
    });
    expect([...ledger.headcount]).toEqual([['财务部', 5]]);
    expect(ledger.supplierList).toEqual(['甲公司', '乙公司']);
  });
});
