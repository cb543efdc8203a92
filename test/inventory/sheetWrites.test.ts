import { dateToSerial } from '../../src/core/cells';
import { analysisLayouts } from '../../src/inventory/analysisSheets';
import { analyzeLedger } from '../../src/inventory/analyze';
import { a1, NUMBER_FORMATS, type SheetLayout } from '../../src/inventory/sheetLayout';
import { analysisWriteBatch, chartRequests, chartSource, layoutStyle } from '../../src/inventory/sheetWrites';
import { item, ledgerOf } from '../support/ledgerRows';

const ledger = ledgerOf({
  catalog: [item('A', { 参考单价: 3, 采购单位数量: 1 }), item('B', { 参考单价: 0.5 })],
  receipt: [
    { 入库日期: '2026-01-05', 物品编码: 'A', 数量: 50, 单价: 3, 金额: 150 },
    { 入库日期: '2026-01-05', 物品编码: 'B', 数量: 50, 单价: 0.5, 金额: 25 },
  ],
  issue: [
    { 领用日期: '2026-02-02', 领用部门: '财务部', 物品编码: 'A', 实发数量: 3, 领用人签字: '是' },
    { 领用日期: '2026-03-02', 领用部门: '财务部', 物品编码: 'A', 实发数量: 40, 领用人签字: '是' },
    { 领用日期: '2026-03-02', 领用部门: '市场部', 物品编码: 'B', 实发数量: 8, 领用人签字: '是' },
  ],
});
const asOf = dateToSerial('2026-04-03')!;
const layouts = analysisLayouts(analyzeLedger(ledger, { asOf, month: 2026 * 12 + 2 }));
const [analysis, plan, detail] = layouts;

describe('the analysis sheets as one WorkbookPort write', () => {
  it('writes every layout whole: its values, its style, its charts', () => {
    const batch = analysisWriteBatch(layouts);
    expect(batch.sheetWrites!.map((w) => [w.sheet, w.rows.length])).toEqual(layouts.map((l) => [l.name, l.cells.length]));
    expect(batch.sheetWrites!.map((w) => w.charts!.length)).toEqual([3, 0, 0]);
    expect(batch.appends ?? []).toEqual([]);
  });

  it('charts one range each: the category column, then the amounts, header row first', () => {
    const byName = (name: string) => analysis.tables.find((t) => t.name === name)!;
    const charts = chartRequests(analysis);
    const trend = byName('tza_trend');
    const depts = byName('tza_departments');
    const items = byName('tza_top_items');
    expect(charts.map((c) => [c.kind, c.source])).toEqual([
      ['column', `A${trend.top}:B${trend.bottom}`],
      ['column', `A${depts.top}:B${depts.bottom}`],
      ['bar', `C${items.top}:D${items.bottom}`],
    ]);
    for (const [i, c] of charts.entries()) {
      const [from] = c.source.split(':');
      const row = Number(from.slice(1));
      const col = from.charCodeAt(0) - 64;
      expect(analysis.cells[row - 1].slice(col - 1, col + 1)).toEqual([analysis.charts[i].category, analysis.charts[i].series[0]]);
      expect(c.anchor).toBe(a1(analysis.charts[i].anchor.top + 1, analysis.charts[i].anchor.left + 1));
    }
  });

  it('refuses a chart whose series is not right after its category (a layout bug, not a user’s)', () => {
    const broken: SheetLayout = { ...analysis, charts: [{ ...analysis.charts[0], category: '消耗金额', series: ['月份'] }] };
    expect(() => chartSource(broken, broken.charts[0])).toThrow(/must follow/);
  });

  it('leaves out the chart of an empty table', () => {
    const empty: SheetLayout = { ...analysis, tables: analysis.tables.map((t) => (t.name === 'tza_top_items' ? { ...t, rows: [] } : t)) };
    expect(chartRequests(empty).map((c) => c.title)).toEqual(analysis.charts.slice(0, 2).map((c) => c.title));
  });

  it('styles as the CLI does: number formats, tables, data bars, widths, bold title and headings', () => {
    for (const layout of [analysis, plan, detail]) {
      const style = layoutStyle(layout);
      expect(style.formats).toEqual(layout.formats.map((f) => ({ ref: f.ref, numberFormat: NUMBER_FORMATS[f.format] })));
      expect(style.tables).toEqual(layout.tables.map((t) => ({ name: t.name, ref: t.ref })));
      expect(style.dataBars).toEqual(layout.tables.flatMap((t) => t.dataBarRefs));
      expect(style.widths).toBe(layout.widths);
      expect([style.titleRows, style.headingRows]).toEqual([[1], layout.headingRows]);
    }
  });
});

describe('stock on order when the plan is drawn up after the month', () => {
  it('counts requests made after the analysis month up to the plan date, not later ones', () => {
    const withRequests = (date: string) =>
      analyzeLedger(
        ledgerOf({
          catalog: [item('A', { 参考单价: 3 })],
          receipt: [{ 入库日期: '2026-01-05', 物品编码: 'A', 数量: 5, 单价: 3, 金额: 15 }],
          issue: [1, 2, 3].map((m) => ({ 领用日期: `2026-0${m}-02`, 领用部门: '财务部', 物品编码: 'A', 实发数量: 1, 领用人签字: '是' })),
          purchase: [{ 申请单号: 'CG-202604-001', 申请日期: date, 物品编码: 'A', 申购数量: 4, 状态: '待部门负责人审核' }],
        }),
        { asOf: dateToSerial('2026-04-03')!, month: 2026 * 12 + 2 },
      ).reorder[0].onOrder;
    // The plan of March is drawn up on 1 April (the day after the month); a draft of that day is on order.
    expect(withRequests('2026-04-01')).toBe(4);
    expect(withRequests('2026-03-20')).toBe(4);
    expect(withRequests('2026-04-02')).toBe(0);
  });
});
