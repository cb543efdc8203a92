import { dateToSerial } from '../../src/core/cells';
import { analysisLayouts, ANALYSIS_SHEET, DETAIL_SHEET, PLAN_SHEET } from '../../src/inventory/analysisSheets';
import { analyzeLedger } from '../../src/inventory/analyze';
import { layoutSheet, sheetQualified } from '../../src/inventory/sheetLayout';
import { item, ledgerOf } from '../support/ledgerRows';

const cell = (cells: unknown[][], ref: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return cells[Number(m[2]) - 1]?.[col - 1] ?? null;
};

describe('summary sheet layout shared by both hosts', () => {
  const ledger = ledgerOf({
    catalog: [item('A', { 参考单价: 3 }), item('B', { 参考单价: 0.5 })],
    receipt: [{ 入库日期: '2026-02-01', 物品编码: 'A', 数量: 50, 单价: 3, 金额: 150 }, { 入库日期: '2026-02-01', 物品编码: 'B', 数量: 50, 单价: 0.5, 金额: 25 }],
    issue: [
      { 领用日期: '2026-03-02', 领用部门: '财务部', 物品编码: 'A', 实发数量: 3, 领用人签字: '是' },
      { 领用日期: '2026-03-02', 领用部门: '市场部', 物品编码: 'B', 实发数量: 8, 领用人签字: '是' },
      { 领用日期: '2026-03-09', 领用部门: '市场部', 物品编码: 'ZZ', 实发数量: 8, 领用人签字: '是' },
    ],
  });
  const result = analyzeLedger(ledger, { asOf: dateToSerial('2026-03-20')!, month: 2026 * 12 + 2 });
  const [analysis, plan, detail] = analysisLayouts(result);

  it('makes the three sheets with unique table names', () => {
    expect([analysis.name, plan.name, detail.name]).toEqual([ANALYSIS_SHEET, PLAN_SHEET, DETAIL_SHEET]);
    const names = [analysis, plan, detail].flatMap((l) => l.tables.map((t) => t.name));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^tza_[a-z_]+$/);
  });

  it('places every table under its title with its header and rows where the ref says, none overlapping', () => {
    for (const layout of [analysis, plan, detail]) {
      let previousBottom = 0;
      for (const t of layout.tables) {
        expect(t.top).toBeGreaterThan(previousBottom + 1);
        expect(cell(layout.cells, `A${t.titleRow}`)).toBe(t.title);
        t.columns.forEach((c, j) => expect(layout.cells[t.top - 1][t.left - 1 + j]).toBe(c.header));
        t.rows.forEach((r, i) => expect(layout.cells[t.top + i].slice(t.left - 1, t.left - 1 + r.length)).toEqual(r));
        expect(t.bottom).toBe(t.top + Math.max(1, t.rows.length));
        previousBottom = t.bottom;
      }
    }
  });

  it('puts money in yuan in the cells and the month’s figures first', () => {
    const dept = analysis.tables.find((t) => t.name === 'tza_departments')!;
    expect(dept.rows.map((r) => [r[0], r[1]])).toEqual([['财务部', 9], ['市场部', 4]]);
    expect(cell(analysis.cells, 'A4')).toBe('分析月份');
    expect(cell(analysis.cells, 'B6')).toBe(13);
    expect(analysis.formats).toContainEqual({ ref: 'B6', format: 'money' });
    const problems = analysis.tables.find((t) => t.name === 'tza_problems')!;
    expect(problems.rows).toEqual([['办公用品领用', 4, '办公用品领用!第 4 行', result.problems[0].message]]);
  });

  it('describes charts over the table ranges they plot, beside the tables', () => {
    expect(analysis.charts.map((c) => c.kind)).toEqual(['line', 'column', 'bar']);
    const trend = analysis.tables.find((t) => t.name === 'tza_trend')!;
    const chart = analysis.charts[0];
    expect(chart.categoriesRef).toBe(sheetQualified(ANALYSIS_SHEET, `A${trend.top + 1}:A${trend.bottom}`));
    expect(chart.seriesRefs).toEqual([{ name: '消耗金额', ref: sheetQualified(ANALYSIS_SHEET, `B${trend.top + 1}:B${trend.bottom}`) }]);
    const right = Math.max(...analysis.tables.map((t) => t.right));
    for (const c of analysis.charts) expect(c.anchor.left).toBeGreaterThan(right - 1);
    for (let i = 1; i < analysis.charts.length; i++) expect(analysis.charts[i].anchor.top).toBeGreaterThanOrEqual(analysis.charts[i - 1].anchor.bottom);
    expect(sheetQualified("O'Brien", 'A1:B2')).toBe("'O''Brien'!$A$1:$B$2");
  });

  it('gives an empty table one blank body row and no data bar', () => {
    const layout = layoutSheet({ name: 'x', title: 't', notes: [], figures: [], tables: [{ name: 'tza_x', title: '空', columns: [{ header: '金额', format: 'money' }], rows: [], dataBars: ['金额'] }], charts: [] });
    expect(layout.tables[0].bottom).toBe(layout.tables[0].top + 1);
    expect(layout.tables[0].dataBarRefs).toEqual([]);
  });
});
