/**
 * The monthly consumption and cost report for managers, from the month × department × item groups: the month's
 * totals against the month before (环比) and the same month a year before (同比), each department's share and
 * cost per head (when 设置 gives headcounts), the top items, and the cost trend.
 */
import type { GroupOutput } from './groupBy';

export interface Totals {
  qty: number;
  /** Integer fen. */
  cost: number;
}

export interface DepartmentLine extends Totals {
  department: string;
  /** Of the month's total cost, 0..1; null when the month cost nothing. */
  share: number | null;
  previous: Totals;
  lastYear: Totals;
  /** Cost change (this − previous) / previous; null without a base. */
  monthOnMonth: number | null;
  yearOnYear: number | null;
  headcount: number | null;
  /** Fen per head, rounded; null without a headcount. */
  costPerHead: number | null;
}

export interface ItemLine extends Totals {
  item: number;
  share: number | null;
  previous: Totals;
  monthOnMonth: number | null;
}

export interface MonthPoint extends Totals {
  month: number;
}

export interface ConsumptionReport {
  month: number;
  total: Totals;
  previous: Totals;
  lastYear: Totals;
  monthOnMonth: number | null;
  yearOnYear: number | null;
  headcount: number | null;
  costPerHead: number | null;
  departments: DepartmentLine[];
  /** Every item used in the month, by cost, highest first. */
  items: ItemLine[];
  /** The month and the eleven before it, oldest first. */
  trend: MonthPoint[];
}

export const TREND_MONTHS = 12;
export const TOP_ITEMS = 10;

export function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}

/**
 * groups: month offsets from baseMonth; departments/items: dictionary values for naming; headcount from 设置.
 */
export function consumptionReport(
  groups: GroupOutput,
  baseMonth: number,
  month: number,
  departmentNames: readonly string[],
  headcount: ReadonlyMap<string, number>,
): ConsumptionReport {
  const byMonth = new Map<number, Totals>();
  const deptAt = new Map<string, Totals>();
  const itemAt = new Map<string, Totals>();
  const add = (map: Map<string | number, Totals>, key: string | number, q: number, c: number) => {
    const t = map.get(key);
    if (t) {
      t.qty += q;
      t.cost += c;
    } else map.set(key, { qty: q, cost: c });
  };
  const wanted = new Set([month, month - 1, month - 12]);
  for (let g = 0; g < groups.n; g++) {
    const m = baseMonth + groups.month[g];
    const q = groups.qty[g];
    const c = groups.cost[g];
    add(byMonth as Map<string | number, Totals>, m, q, c);
    if (!wanted.has(m)) continue;
    add(deptAt as Map<string | number, Totals>, `${m}|${groups.dept[g]}`, q, c);
    add(itemAt as Map<string | number, Totals>, `${m}|${groups.item[g]}`, q, c);
  }
  const zero = (): Totals => ({ qty: 0, cost: 0 });
  const total = byMonth.get(month) ?? zero();
  const previous = byMonth.get(month - 1) ?? zero();
  const lastYear = byMonth.get(month - 12) ?? zero();
  const share = (c: number) => (total.cost === 0 ? null : c / total.cost);

  const departments: DepartmentLine[] = [];
  for (let d = 0; d < departmentNames.length; d++) {
    const now = deptAt.get(`${month}|${d}`);
    const before = deptAt.get(`${month - 1}|${d}`) ?? zero();
    const year = deptAt.get(`${month - 12}|${d}`) ?? zero();
    if (!now && before.cost === 0 && before.qty === 0 && year.qty === 0) continue;
    const cur = now ?? zero();
    const name = departmentNames[d];
    const heads = headcount.get(name) ?? null;
    departments.push({
      department: name,
      qty: cur.qty,
      cost: cur.cost,
      share: share(cur.cost),
      previous: before,
      lastYear: year,
      monthOnMonth: change(cur.cost, before.cost),
      yearOnYear: change(cur.cost, year.cost),
      headcount: heads,
      costPerHead: heads ? Math.round(cur.cost / heads) : null,
    });
  }
  departments.sort((a, b) => b.cost - a.cost || a.department.localeCompare(b.department, 'zh'));

  const items: ItemLine[] = [];
  for (const [key, t] of itemAt) {
    const [m, it] = key.split('|').map(Number);
    if (m !== month) continue;
    const before = itemAt.get(`${month - 1}|${it}`) ?? zero();
    items.push({ item: it, qty: t.qty, cost: t.cost, share: share(t.cost), previous: before, monthOnMonth: change(t.cost, before.cost) });
  }
  items.sort((a, b) => b.cost - a.cost || b.qty - a.qty || a.item - b.item);

  const trend: MonthPoint[] = [];
  for (let m = month - TREND_MONTHS + 1; m <= month; m++) trend.push({ month: m, ...(byMonth.get(m) ?? zero()) });

  let totalHeads = 0;
  for (const n of headcount.values()) totalHeads += n;
  return {
    month,
    total,
    previous,
    lastYear,
    monthOnMonth: change(total.cost, previous.cost),
    yearOnYear: change(total.cost, lastYear.cost),
    headcount: totalHeads || null,
    costPerHead: totalHeads ? Math.round(total.cost / totalHeads) : null,
    departments,
    items,
    trend,
  };
}
