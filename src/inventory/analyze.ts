/**
 * The whole supplies analysis from an encoded ledger: stock at the end of the analysis month, monthly consumption
 * and cost by month × department × item, the managers' report, reorder lines and the purchase plan for the
 * month after. Pure: dates come in as serial days, the caller says what "today" is.
 */
import { CLOSED_STATUSES, LEDGER_KINDS, REGISTER_NAMES } from './fields';
import { halfYearUses } from './halfYear';
import { groupConsumption, type GroupOutput } from './groupBy';
import type { CatalogItem, Ledger } from './ledger';
import { consumptionReport, type ConsumptionReport } from './consumption';
import { monthBounds, serialToMonth } from './months';
import { sortProblems, type Problem } from './problems';
import { purchasePlan, type PurchasePlan } from './purchasePlan';
import { reorderLine, WINDOW_MONTHS, type ReorderLine } from './reorder';
import { runStock, type MonthMoves, type StockPosition } from './stock';

export interface AnalyzeOptions {
  /** Today, as a serial day: stocktakes after it are refused, the current month is not a complete month. */
  asOf: number;
  /** Analysis month (year × 12 + month − 1); default the latest month with any movement up to today. */
  month?: number | null;
}

export interface StockLine {
  item: number;
  code: string;
  name: string;
  unit: string;
  category: string;
  inactive: boolean;
  onHand: number;
  /** Integer fen. */
  value: number;
  /** Fen per unit, moving average, unrounded; null when nothing is on hand. */
  averageCost: number | null;
  opening: StockPosition;
  moves: MonthMoves;
}

export interface ConsumptionRow {
  month: number;
  department: string;
  code: string;
  name: string;
  qty: number;
  cost: number;
}

export interface StocktakeLine {
  month: number;
  code: string;
  name: string;
  row: number;
  qty: number;
  value: number;
}

export interface AnalysisResult {
  asOf: number;
  month: number;
  planMonth: number;
  stock: StockLine[];
  consumption: ConsumptionRow[];
  report: ConsumptionReport;
  reorder: ReorderLine[];
  plan: PurchasePlan;
  stocktakes: StocktakeLine[];
  problems: Problem[];
  sheets: Ledger['sheets'];
  itemNames: (code: number) => { code: string; name: string };
}

function latestMonth(ledger: Ledger, asOf: number): number {
  let latest = -1;
  const scan = (days: Int32Array) => {
    for (let i = 0; i < days.length; i++) if (days[i] <= asOf && days[i] > latest) latest = days[i];
  };
  scan(ledger.receipts.day);
  scan(ledger.issues.day);
  scan(ledger.stocktakes.day);
  return serialToMonth(latest >= 0 ? latest : asOf);
}

/** Issue rows counted in consumption, as group-by input: month offsets from the first month used. */
export function consumptionGroups(ledger: Ledger, issueCost: Float64Array, used: Uint8Array): { groups: GroupOutput; baseMonth: number } {
  const { issues } = ledger;
  let count = 0;
  let minMonth = Infinity;
  let maxMonth = -Infinity;
  for (let i = 0; i < issues.n; i++) {
    if (!used[i] || issues.qty[i] <= 0) continue;
    count++;
    if (issues.month[i] < minMonth) minMonth = issues.month[i];
    if (issues.month[i] > maxMonth) maxMonth = issues.month[i];
  }
  const month = new Int32Array(count);
  const dept = new Int32Array(count);
  const item = new Int32Array(count);
  const qty = new Float64Array(count);
  const cost = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < issues.n; i++) {
    if (!used[i] || issues.qty[i] <= 0) continue;
    month[k] = issues.month[i] - minMonth;
    dept[k] = issues.dept[i];
    item[k] = issues.item[i];
    qty[k] = issues.qty[i];
    cost[k] = issueCost[i];
    k++;
  }
  const baseMonth = count ? minMonth : 0;
  const groups = groupConsumption({
    n: count,
    month,
    dept,
    item,
    qty,
    cost,
    months: count ? maxMonth - minMonth + 1 : 1,
    depts: Math.max(1, ledger.departments.size),
    items: Math.max(1, ledger.items.size),
  });
  return { groups, baseMonth };
}

export function analyzeLedger(ledger: Ledger, options: AnalyzeOptions): AnalysisResult {
  const asOf = options.asOf;
  const month = options.month ?? latestMonth(ledger, asOf);
  const planMonth = month + 1;
  const stock = runStock(ledger, { asOf, month });
  const { groups, baseMonth } = consumptionGroups(ledger, stock.issueCost, stock.issueUsed);
  const items = ledger.items.values;
  const departments = ledger.departments.values;
  const catalog = ledger.catalog;
  const nameOf = (item: number) => ({ code: items[item], name: catalog[item]?.name ?? '' });

  const consumption: ConsumptionRow[] = [];
  for (let g = 0; g < groups.n; g++)
    consumption.push({ month: baseMonth + groups.month[g], department: departments[groups.dept[g]], code: items[groups.item[g]], name: catalog[groups.item[g]]?.name ?? '', qty: groups.qty[g], cost: groups.cost[g] });

  const report = consumptionReport(groups, baseMonth, month, departments, ledger.headcount);

  // History for reorder: complete months only, up to WINDOW_MONTHS ending with the analysis month.
  const windowEnd = monthBounds(month).last <= asOf ? month : month - 1;
  const windowStart = windowEnd - WINDOW_MONTHS + 1;
  const use = new Float64Array(items.length * WINDOW_MONTHS);
  for (let g = 0; g < groups.n; g++) {
    const m = baseMonth + groups.month[g];
    if (m < windowStart || m > windowEnd) continue;
    use[groups.item[g] * WINDOW_MONTHS + (m - windowStart)] += groups.qty[g];
  }

  // The plan is drawn up today, or at the end of a past analysis month when looking back.
  const { last: monthLast } = monthBounds(month);
  const planDate = Math.min(asOf, monthLast + 1);
  // On order as the plan is drawn up: requests made up to the plan's date count, those made after the month end
  // included — the plan's own drafts are dated the plan date, and must not be planned a second time.
  const onOrder = new Float64Array(items.length);
  for (const p of ledger.purchases) {
    if (!catalog[p.item] || p.arrived !== null) continue;
    if (CLOSED_STATUSES.includes(p.status)) continue;
    if (p.date !== null && p.date > planDate) continue;
    onOrder[p.item] += Math.max(0, p.quantity - (p.no ? (ledger.receivedByRequest.get(p.no) ?? 0) : 0));
  }

  const needs = new Map<number, Map<string, number>>();
  const { demand } = ledger;
  for (let i = 0; i < demand.n; i++) {
    if (demand.month[i] !== planMonth || !catalog[demand.item[i]]) continue;
    const byDept = needs.get(demand.item[i]) ?? new Map<string, number>();
    const dept = departments[demand.dept[i]];
    byDept.set(dept, (byDept.get(dept) ?? 0) + demand.qty[i]);
    needs.set(demand.item[i], byDept);
  }

  const caps = halfYearUses(ledger, planDate);
  const reorder: ReorderLine[] = [];
  for (const entry of ledger.catalogItems) {
    if (entry.inactive) continue;
    const first = stock.firstMonth[entry.item];
    const from = first < 0 ? windowEnd + 1 : Math.max(first, windowStart);
    const monthlyUse: number[] = [];
    for (let m = from; m <= windowEnd; m++) monthlyUse.push(use[entry.item * WINDOW_MONTHS + (m - windowStart)]);
    const stated = needs.get(entry.item);
    reorder.push(
      reorderLine({
        item: entry,
        onHand: stock.closing[entry.item].qty,
        onOrder: onOrder[entry.item],
        statedNeeds: stated ? [...stated.values()].reduce((s, q) => s + q, 0) : null,
        monthlyUse,
        halfYearCap: Number.isNaN(caps[entry.item]) ? null : caps[entry.item],
      }),
    );
  }

  const plan = purchasePlan(reorder, {
    catalog,
    lastPriceFen: stock.lastPriceFen,
    lastSupplier: stock.lastSupplier,
    suppliersByItem: stock.suppliersByItem,
    supplierNames: ledger.suppliers.values,
    supplierList: ledger.supplierList,
    needsByItem: needs,
    asOf: planDate,
    planMonth,
  });

  const stockLines: StockLine[] = ledger.catalogItems.map((entry: CatalogItem) => {
    const close = stock.closing[entry.item];
    return {
      item: entry.item,
      code: entry.code,
      name: entry.name,
      unit: entry.unit,
      category: entry.category,
      inactive: entry.inactive,
      onHand: close.qty,
      value: close.value,
      averageCost: close.qty > 0 ? close.value / close.qty : null,
      opening: stock.opening[entry.item],
      moves: stock.moves[entry.item],
    };
  });

  const stocktakes: StocktakeLine[] = stock.stocktakes.map((d) => ({ month: d.month, code: items[d.item], name: catalog[d.item]?.name ?? '', row: d.row, qty: d.qty, value: d.value }));

  return {
    asOf,
    month,
    planMonth,
    stock: stockLines,
    consumption,
    report,
    reorder,
    plan,
    stocktakes,
    problems: sortProblems([...ledger.problems, ...stock.problems], LEDGER_KINDS.map((k) => ledger.sheets[k] ?? REGISTER_NAMES[k])),
    sheets: ledger.sheets,
    itemNames: nameOf,
  };
}
