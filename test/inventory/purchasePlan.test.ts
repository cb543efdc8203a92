import { dateToSerial } from '../../src/core/cells';
import { validateValues } from '../../src/core/validate';
import { analyzeLedger } from '../../src/inventory/analyze';
import { purchaseDrafts, UNASSIGNED_SUPPLIER } from '../../src/inventory/purchasePlan';
import { item, ledgerOf } from '../support/ledgerRows';
import { supplySpecs } from '../support/suppliesLedger';
import { consumptionFromRecords } from '../../src/core/consumption';

const AS_OF = dateToSerial('2026-04-01')!;
const M3 = 2026 * 12 + 2;
const issue = (date: string, code: string, qty: number) => ({ 领用日期: date, 领用部门: '财务部', 物品编码: code, 实发数量: qty, 领用人签字: '是' });

describe('the monthly purchase plan', () => {
  const ledger = ledgerOf({
    catalog: [
      item('A', { 默认供应商: '长沙文汇办公用品有限公司', 安全库存: 10, 参考单价: 2.5 }),
      item('B', { 默认供应商: '湖南百盛商贸有限公司', 安全库存: 5, 参考单价: 0, 采购单位数量: 10 }),
      item('C', { 默认供应商: '', 安全库存: 3 }),
      item('D', { 默认供应商: '长沙文汇办公用品有限公司', 安全库存: 0 }),
    ],
    receipt: [
      { 入库日期: '2026-01-05', 物品编码: 'B', 数量: 10, 单价: 1.2, 金额: 12, 供应商: '得力集团长沙经销部' },
      { 入库日期: '2026-01-05', 物品编码: 'A', 数量: 4, 单价: 2.5, 金额: 10, 供应商: '晨光文具湖南总代理' },
    ],
    issue: [issue('2026-02-01', 'B', 8), issue('2026-03-01', 'A', 4)],
    demand: [
      { 需求月份: '2026-04', 需求部门: '财务部', 物品编码: 'A', 需求数量: 6 },
      { 需求月份: '2026-04', 需求部门: '市场部', 物品编码: 'A', 需求数量: 4 },
      { 需求月份: '2026-05', 需求部门: '市场部', 物品编码: 'D', 需求数量: 99 },
    ],
    settings: [['部门', '人数', '供应商'], ['财务部', 3, '长沙文汇办公用品有限公司'], [null, null, '湖南百盛商贸有限公司'], [null, null, '得力集团长沙经销部'], [null, null, '晨光文具湖南总代理']],
  });
  const result = analyzeLedger(ledger, { asOf: AS_OF, month: M3 });
  const plan = result.plan;

  it('plans next month: stated needs plus the reorder gap, net of stock, grouped by supplier', () => {
    expect(plan.month).toBe(M3 + 1);
    // History Jan–Mar (3 months, from the January receipts); issues before 04-01 start 02-01, 1.94 months back.
    // A: use 0,0,4 → reorder point ⌈4/3 + 1.645·2.309⌉ = 6; 6 + stated 10 − 0 = 16, capped at ⌈4·6/1.94⌉ = 13.
    // B: use 0,8,0 → ⌈8/3 + 1.645·4.619⌉ = 11; 11 + ⌈8/3⌉ − 2 = 12 → packs of 10: 20 (cap 25).
    // C: never moved → safety stock 3. D: safety stock 0, nothing stated for April.
    const a = result.reorder.find((l) => l.code === 'A')!;
    expect([a.reorderPoint, a.shortfall, a.halfYearCap, a.capped]).toEqual([6, 16, 13, true]);
    expect(result.reorder.find((l) => l.code === 'B')!.reorderPoint).toBe(11);
    expect(plan.groups.map((g) => [g.supplier, g.lines.map((l) => [l.code, l.quantity])])).toEqual([
      ['长沙文汇办公用品有限公司', [['A', 13]]],
      ['湖南百盛商贸有限公司', [['B', 20]]],
      [UNASSIGNED_SUPPLIER, [['C', 3]]],
    ]);
    // D's stated need is for May, not the plan month.
    expect(result.reorder.find((l) => l.code === 'D')!.statedNeeds).toBeNull();
  });

  it('budgets at the catalogue price, else the last price paid, in fen', () => {
    const a = plan.groups[0].lines[0];
    expect([a.unitPriceFen, a.budgetFen]).toEqual([250, 3250]);
    const b = plan.groups[1].lines[0];
    expect([b.unitPriceFen, b.budgetFen]).toEqual([120, 2400]);
    expect(plan.budgetFen).toBe(3250 + 2400 + 3 * 100);
  });

  it('names three different suppliers for the quotes, the default first, then those that delivered', () => {
    expect(plan.groups[0].lines[0].quoteSuppliers).toEqual(['长沙文汇办公用品有限公司', '晨光文具湖南总代理', '湖南百盛商贸有限公司']);
    expect(plan.groups[1].lines[0].quoteSuppliers).toEqual(['湖南百盛商贸有限公司', '得力集团长沙经销部', '长沙文汇办公用品有限公司']);
    expect(plan.groups[0].lines[0].purpose).toBe('2026-04 月度办公用品:财务部 6、市场部 4;补库 3');
  });

  it('drafts 采购申请 records that the register accepts except for what people must add (applicant, quotes)', () => {
    const { registers, settings } = supplySpecs();
    const spec = registers.find((r) => r.id === 'purchase_requests')!;
    const drafts = purchaseDrafts(plan);
    expect(drafts).toHaveLength(3);
    expect(drafts[0]).toMatchObject({ 申请日期: '2026-04-01', 需用日期: '2026-05-01', 申请部门: '综合办公室', 物品编码: 'A', 申购数量: 13, 预算金额: 32.5, 供应商一: '长沙文汇办公用品有限公司' });
    const issueSpec = registers.find((r) => r.id === 'supplies_issue')!;
    const consumption = consumptionFromRecords(issueSpec, [
      { index: 0, sheetRow: 2, values: { 物品编码: 'A', 实发数量: 4, 领用日期: '2026-03-01' }, submittedBy: null, submittedAt: null, status: null, steps: {} },
      { index: 1, sheetRow: 3, values: { 物品编码: 'B', 实发数量: 8, 领用日期: '2026-02-01' }, submittedBy: null, submittedAt: null, status: null, steps: {} },
    ]);
    for (const draft of drafts) {
      const errors = validateValues(spec, draft, { settings, consumption });
      expect(errors.filter((e) => !['申请人', '供应商一报价', '供应商二报价', '供应商三报价'].includes(e.field ?? '')).map((e) => e.message)).toEqual([]);
      expect(errors.some((e) => e.field === '申请人')).toBe(true);
    }
  });
});
