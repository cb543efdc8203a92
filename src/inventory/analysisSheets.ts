/**
 * What the managers' sheets say: 消耗分析 (key figures, trend, departments, top items, reorder list, the month's
 * stock ledger, stocktake differences, problems), 采购计划 (the plan by supplier, quote columns ready) and
 * 消耗明细 (every month × department × item). Money goes into cells in yuan from integer fen.
 */
import type { CellValue } from '../core/cells';
import type { AnalysisResult } from './analyze';
import { fenToYuan } from './money';
import { monthText, serialText } from './months';
import { problemPlace } from './problems';
import type { ChartBlock, Figure, SheetSpec, TableBlock, TableColumn } from './sheetLayout';
import { layoutSheet, type SheetLayout } from './sheetLayout';
import { TOP_ITEMS } from './consumption';

export const ANALYSIS_SHEET = '消耗分析';
export const PLAN_SHEET = '采购计划';
export const DETAIL_SHEET = '消耗明细';
/** The sheet shows this many problems; the CLI and --json list all of them. */
export const SHEET_PROBLEMS_MAX = 1000;

const yuan = (fen: number): number => fenToYuan(fen);
const ratio = (r: number | null): CellValue => (r === null ? '—' : r);
const cols = (spec: [string, TableColumn['format']][]): TableColumn[] => spec.map(([header, format]) => ({ header, format }));

function figures(result: AnalysisResult): Figure[] {
  const r = result.report;
  const stockValue = result.stock.reduce((s, l) => s + l.value, 0);
  const list: Figure[] = [
    { label: '分析月份', value: monthText(result.month), format: 'text' },
    { label: '数据截至', value: serialText(result.asOf), format: 'text' },
    { label: '本月消耗金额', value: yuan(r.total.cost), format: 'money' },
    { label: '本月领用数量', value: r.total.qty, format: 'integer' },
    { label: '上月消耗金额', value: yuan(r.previous.cost), format: 'money' },
    { label: '环比', value: ratio(r.monthOnMonth), format: 'percent' },
    { label: '去年同月消耗金额', value: yuan(r.lastYear.cost), format: 'money' },
    { label: '同比', value: ratio(r.yearOnYear), format: 'percent' },
  ];
  if (r.costPerHead !== null) list.push({ label: '人均消耗金额', value: yuan(r.costPerHead), format: 'money' });
  list.push(
    { label: '月末库存金额', value: yuan(stockValue), format: 'money' },
    { label: '月末有库存物品', value: result.stock.filter((l) => l.onHand > 0).length, format: 'integer' },
    { label: '需补货物品', value: result.reorder.filter((l) => l.suggestedQuantity > 0).length, format: 'integer' },
    { label: `${monthText(result.planMonth)} 采购计划预算`, value: yuan(result.plan.budgetFen), format: 'money' },
    { label: '数据问题', value: result.problems.length, format: 'integer' },
  );
  return list;
}

export function analysisSheetSpec(result: AnalysisResult): SheetSpec {
  const r = result.report;
  const names = result.itemNames;
  const tables: TableBlock[] = [
    {
      name: 'tza_trend',
      title: '月度消耗趋势(近 12 个月)',
      columns: cols([['月份', 'text'], ['消耗金额', 'money'], ['领用数量', 'integer']]),
      rows: r.trend.map((p) => [monthText(p.month), yuan(p.cost), p.qty]),
      dataBars: ['消耗金额'],
    },
    {
      name: 'tza_departments',
      title: `各部门消耗(${monthText(result.month)})`,
      columns: cols([
        ['部门', 'text'], ['消耗金额', 'money'], ['领用数量', 'integer'], ['占比', 'percent'], ['上月金额', 'money'], ['环比', 'percent'],
        ['去年同月金额', 'money'], ['同比', 'percent'], ['人数', 'integer'], ['人均金额', 'money'],
      ]),
      rows: r.departments.map((d) => [
        d.department, yuan(d.cost), d.qty, ratio(d.share), yuan(d.previous.cost), ratio(d.monthOnMonth),
        yuan(d.lastYear.cost), ratio(d.yearOnYear), d.headcount, d.costPerHead === null ? null : yuan(d.costPerHead),
      ]),
      dataBars: ['消耗金额'],
    },
    {
      name: 'tza_top_items',
      title: `消耗金额前 ${TOP_ITEMS} 的物品(${monthText(result.month)})`,
      columns: cols([['排名', 'integer'], ['物品编码', 'text'], ['物品名称', 'text'], ['消耗金额', 'money'], ['领用数量', 'integer'], ['占比', 'percent'], ['环比', 'percent']]),
      rows: r.items.slice(0, TOP_ITEMS).map((it, i) => {
        const n = names(it.item);
        return [i + 1, n.code, n.name, yuan(it.cost), it.qty, ratio(it.share), ratio(it.monthOnMonth)];
      }),
      dataBars: ['消耗金额'],
    },
    {
      name: 'tza_reorder',
      title: `补货建议(按 ${monthText(result.month)} 月末库存,${monthText(result.planMonth)} 需求)`,
      columns: cols([
        ['物品编码', 'text'], ['物品名称', 'text'], ['单位', 'text'], ['结存', 'integer'], ['在途', 'integer'], ['次月需求', 'integer'],
        ['月均用量', 'decimal'], ['标准差', 'decimal'], ['提前期天数', 'integer'], ['服务水平', 'percent'], ['再订货点', 'integer'],
        ['建议采购', 'integer'], ['计算方法', 'text'], ['说明', 'text'],
      ]),
      rows: [...result.reorder]
        .sort((a, b) => (b.suggestedQuantity > 0 ? 1 : 0) - (a.suggestedQuantity > 0 ? 1 : 0) || a.code.localeCompare(b.code, 'en', { numeric: true }))
        .map((l) => [
          l.code, l.name, l.unit, l.onHand, l.onOrder, l.statedNeeds, Number(l.meanMonthlyUse.toFixed(2)), Number(l.sdMonthlyUse.toFixed(2)),
          l.leadDays, l.serviceLevel, l.reorderPoint, l.suggestedQuantity, l.method === 'statistical' ? '统计' : '安全库存', l.reason,
        ]),
      dataBars: ['建议采购'],
    },
    {
      name: 'tza_stock',
      title: `库存台账(${monthText(result.month)},移动加权平均成本)`,
      columns: cols([
        ['物品编码', 'text'], ['物品名称', 'text'], ['单位', 'text'], ['期初数量', 'integer'], ['期初金额', 'money'], ['入库数量', 'integer'],
        ['入库金额', 'money'], ['领用数量', 'integer'], ['领用金额', 'money'], ['盘盈亏数量', 'integer'], ['盘盈亏金额', 'money'],
        ['期末数量', 'integer'], ['期末金额', 'money'], ['平均单价', 'money'],
      ]),
      rows: result.stock.map((l) => [
        l.code, l.name, l.unit, l.opening.qty, yuan(l.opening.value), l.moves.inQty, yuan(l.moves.inValue), l.moves.outQty, yuan(l.moves.outValue),
        l.moves.adjQty, yuan(l.moves.adjValue), l.onHand, yuan(l.value), l.averageCost === null ? null : Math.round(l.averageCost) / 100,
      ]),
      dataBars: ['期末金额'],
    },
    {
      name: 'tza_stocktake',
      title: '盘点差异(盘盈为正,盘亏为负)',
      columns: cols([['月份', 'text'], ['物品编码', 'text'], ['物品名称', 'text'], ['类型', 'text'], ['差异数量', 'integer'], ['差异金额', 'money'], ['盘点表行', 'integer']]),
      rows: result.stocktakes.map((d) => [monthText(d.month), d.code, d.name, d.qty > 0 ? '盘盈' : '盘亏', d.qty, yuan(d.value), d.row]),
    },
    {
      name: 'tza_problems',
      title: result.problems.length > SHEET_PROBLEMS_MAX ? `数据问题(共 ${result.problems.length} 处,此处列前 ${SHEET_PROBLEMS_MAX} 处)` : `数据问题(${result.problems.length} 处)`,
      columns: cols([['工作表', 'text'], ['行', 'integer'], ['位置', 'text'], ['问题', 'text']]),
      rows: result.problems.slice(0, SHEET_PROBLEMS_MAX).map((p) => [p.sheet, p.row, problemPlace(p), p.message]),
    },
  ];
  // Each chart's series column stands right after its category column, so that one contiguous range (categories
  // first, series names in the header row) is the chart's source, as Excel's Charts.add takes it.
  const charts: ChartBlock[] = [
    { kind: 'line', title: '月度消耗金额趋势', table: 'tza_trend', category: '月份', series: ['消耗金额'] },
    { kind: 'column', title: `各部门消耗金额(${monthText(result.month)})`, table: 'tza_departments', category: '部门', series: ['消耗金额'] },
    { kind: 'bar', title: `消耗金额前 ${TOP_ITEMS} 的物品`, table: 'tza_top_items', category: '物品名称', series: ['消耗金额'] },
  ];
  return {
    name: ANALYSIS_SHEET,
    title: `办公用品消耗与成本分析 ${monthText(result.month)}`,
    notes: [`由台账根据办公用品目录、入库、领用、盘点、需求计划和采购申请计算;金额按移动加权平均成本。重新分析会覆盖本表。`],
    figures: figures(result),
    tables,
    charts,
  };
}

export function planSheetSpec(result: AnalysisResult): SheetSpec {
  const plan = result.plan;
  const rows: CellValue[][] = [];
  for (const g of plan.groups)
    for (const l of g.lines)
      rows.push([
        g.supplier, l.code, l.name, l.spec || null, l.unit, l.quantity, yuan(l.unitPriceFen), yuan(l.budgetFen), l.neededBy, l.purpose,
        l.quoteSuppliers[0] ?? null, null, l.quoteSuppliers[1] ?? null, null, l.quoteSuppliers[2] ?? null, null, null, null, l.basis,
      ]);
  return {
    name: PLAN_SHEET,
    title: `${monthText(plan.month)} 办公用品采购计划(采购申请草稿)`,
    notes: [
      `申请日期 ${serialText(plan.applied)};按供应商分组。请向三家供应商询价后填写报价、选定供应商和比价说明,再在任务窗格中提交为采购申请进入审批。`,
    ],
    figures: [
      { label: '计划物品', value: plan.lines, format: 'integer' },
      { label: '供应商', value: plan.groups.length, format: 'integer' },
      { label: '预算合计', value: yuan(plan.budgetFen), format: 'money' },
    ],
    tables: [
      {
        name: 'tza_plan_suppliers',
        title: '按供应商汇总',
        columns: cols([['供应商', 'text'], ['物品数', 'integer'], ['预算金额', 'money']]),
        rows: plan.groups.map((g) => [g.supplier, g.lines.length, yuan(g.budgetFen)]),
        dataBars: ['预算金额'],
      },
      {
        name: 'tza_plan',
        title: '采购申请草稿',
        columns: cols([
          ['供应商分组', 'text'], ['物品编码', 'text'], ['物品名称', 'text'], ['规格', 'text'], ['单位', 'text'], ['申购数量', 'integer'],
          ['参考单价', 'money'], ['预算金额', 'money'], ['需用日期', 'date'], ['用途', 'text'], ['供应商一', 'text'], ['供应商一报价', 'money'],
          ['供应商二', 'text'], ['供应商二报价', 'money'], ['供应商三', 'text'], ['供应商三报价', 'money'], ['选定供应商', 'text'], ['比价说明', 'text'],
          ['计算依据', 'text'],
        ]),
        rows,
      },
    ],
    charts: [],
  };
}

export function detailSheetSpec(result: AnalysisResult): SheetSpec {
  return {
    name: DETAIL_SHEET,
    title: '办公用品消耗明细(月份 × 部门 × 物品)',
    notes: ['每月每部门每种物品一行;可用筛选或数据透视表进一步分析。'],
    figures: [],
    tables: [
      {
        name: 'tza_detail',
        title: '消耗明细',
        columns: cols([['月份', 'text'], ['部门', 'text'], ['物品编码', 'text'], ['物品名称', 'text'], ['领用数量', 'integer'], ['消耗金额', 'money']]),
        rows: result.consumption.map((c) => [monthText(c.month), c.department, c.code, c.name, c.qty, yuan(c.cost)]),
      },
    ],
    charts: [],
  };
}

/** The three sheets, laid out: what `taizhang analyze` writes and what the add-in's refresh writes. */
export function analysisLayouts(result: AnalysisResult): SheetLayout[] {
  return [analysisSheetSpec(result), planSheetSpec(result), detailSheetSpec(result)].map(layoutSheet);
}
