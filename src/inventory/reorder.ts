/**
 * Statistical reorder point and suggested order quantity for one item (beyond a fixed reorder level or min/max):
 *
 *   reorder point  = ⌈ μ·L + z·σ·√L ⌉, μ and σ the mean and sample standard deviation of monthly use over the
 *                    last complete months (up to 12, from the item's first movement), L = 提前期天数 / 30 months,
 *                    z the standard normal quantile of the item's 服务水平;
 *   to order       = reorder point + next month's expected use (the departments' stated needs when they stated
 *                    any, else ⌈μ⌉) − on hand − on order; when positive, rounded up to whole purchase packs
 *                    (采购单位数量), then capped at six months of use (半年使用数为上限) as the 采购申请 rule
 *                    computes it (src/inventory/halfYear.ts) less what is already on order, in whole packs.
 *
 * With fewer than MIN_HISTORY_MONTHS months of history (or no lead time) the catalogue's 安全库存 is the
 * reorder point instead, and the line says so.
 */
import type { CatalogItem } from './ledger';

export const MIN_HISTORY_MONTHS = 3;
export const WINDOW_MONTHS = 12;
export const DAYS_PER_MONTH = 30;

/** Standard normal quantiles for the service levels a catalogue may state. */
export const Z_BY_SERVICE_LEVEL: ReadonlyMap<number, number> = new Map([
  [0.9, 1.2815515655446004],
  [0.95, 1.6448536269514722],
  [0.98, 2.0537489106318225],
  [0.99, 2.3263478740408408],
]);

export interface ReorderInput {
  item: CatalogItem;
  onHand: number;
  onOrder: number;
  /** Departments' stated needs for the plan month; null when nobody stated any. */
  statedNeeds: number | null;
  /** Monthly use over the history window, oldest first (may be empty). */
  monthlyUse: readonly number[];
  /** 半年使用数 on the plan date; null when the item has no issue history to cap by. */
  halfYearCap: number | null;
}

export interface ReorderLine {
  item: number;
  code: string;
  name: string;
  unit: string;
  onHand: number;
  onOrder: number;
  statedNeeds: number | null;
  expectedUse: number;
  historyMonths: number;
  meanMonthlyUse: number;
  sdMonthlyUse: number;
  leadDays: number | null;
  serviceLevel: number;
  method: 'statistical' | 'safetyStock';
  reorderPoint: number;
  /** Units short before rounding to packs (≤ 0 when nothing is needed). */
  shortfall: number;
  packSize: number;
  /** 半年使用数, or null without any issue history to base it on. */
  halfYearCap: number | null;
  capped: boolean;
  suggestedQuantity: number;
  reason: string;
  reasonEn: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const pct = (level: number) => `${Math.round(level * 100)}%`;

export function reorderLine(input: ReorderInput): ReorderLine {
  const { item, onHand, onOrder, statedNeeds, monthlyUse, halfYearCap } = input;
  const n = monthlyUse.length;
  let sum = 0;
  let squares = 0;
  for (const x of monthlyUse) {
    sum += x;
    squares += x * x;
  }
  const mean = n > 0 ? sum / n : 0;
  // Integer sums keep the variance exact until the square root.
  const sd = n > 1 ? Math.sqrt(Math.max(0, n * squares - sum * sum) / (n * (n - 1))) : 0;
  const statistical = n >= MIN_HISTORY_MONTHS && item.leadDays !== null;
  let reorderPoint: number;
  let basis: string;
  let basisEn: string;
  if (statistical) {
    const lead = item.leadDays! / DAYS_PER_MONTH;
    const z = Z_BY_SERVICE_LEVEL.get(item.serviceLevel) ?? Z_BY_SERVICE_LEVEL.get(0.95)!;
    reorderPoint = Math.max(0, Math.ceil(mean * lead + z * sd * Math.sqrt(lead) - 1e-9));
    basis = `近 ${n} 个月月均用量 ${fmt(mean)}、标准差 ${fmt(sd)},提前期 ${item.leadDays} 天,服务水平 ${pct(item.serviceLevel)} → 再订货点 ${reorderPoint}`;
    basisEn = `${n}-month mean use ${fmt(mean)}, sd ${fmt(sd)}, lead time ${item.leadDays} d, service level ${pct(item.serviceLevel)} → reorder point ${reorderPoint}`;
  } else {
    reorderPoint = item.safetyStock;
    if (item.leadDays === null) {
      basis = `目录未填提前期天数,按目录安全库存 ${reorderPoint} 作为再订货点`;
      basisEn = `No lead time in the catalogue; the safety stock ${reorderPoint} is the reorder point`;
    } else {
      basis = `历史用量仅 ${n} 个月(不足 ${MIN_HISTORY_MONTHS} 个月),按目录安全库存 ${reorderPoint} 作为再订货点`;
      basisEn = `Only ${n} month(s) of history (fewer than ${MIN_HISTORY_MONTHS}); the catalogue safety stock ${reorderPoint} is the reorder point`;
    }
  }
  const expectedUse = statedNeeds ?? Math.ceil(n > 0 ? sum / n : 0);
  const shortfall = reorderPoint + expectedUse - onHand - onOrder;
  const pack = item.packSize;
  const rounded = shortfall > 0 ? Math.ceil(shortfall / pack) * pack : 0;
  let suggested = rounded;
  let capped = false;
  // The cap bounds what is on order in all, not each request alone: a plan drawn up again before the last
  // request arrived (or drafted twice) never takes the item above six months of use.
  const room = halfYearCap === null ? null : Math.max(0, halfYearCap - onOrder);
  if (room !== null && suggested > room) {
    capped = true;
    suggested = Math.floor(room / pack) * pack;
  }
  const capText = onOrder > 0 ? `半年使用数 ${halfYearCap} 减在途 ${onOrder}` : `半年使用数 ${halfYearCap}`;
  const capEn = onOrder > 0 ? `six months of use (${halfYearCap}) less ${onOrder} on order` : `six months of use (${halfYearCap})`;
  const needsText = statedNeeds === null ? `次月预计用量 ${expectedUse}(无部门需求,按月均)` : `次月部门需求 ${statedNeeds}`;
  const needsEn = statedNeeds === null ? `expected use next month ${expectedUse} (no stated needs; mean)` : `stated needs next month ${statedNeeds}`;
  let decision: string;
  let decisionEn: string;
  if (shortfall <= 0) {
    decision = `结存 ${onHand} + 在途 ${onOrder} 足够(再订货点 + ${needsText}),不需采购`;
    decisionEn = `on hand ${onHand} + on order ${onOrder} cover the reorder point + ${needsEn}; nothing to order`;
  } else {
    decision = `再订货点 ${reorderPoint} + ${needsText} − 结存 ${onHand} − 在途 ${onOrder} = 缺 ${shortfall},按采购单位 ${pack} 取整为 ${rounded}`;
    decisionEn = `reorder point ${reorderPoint} + ${needsEn} − on hand ${onHand} − on order ${onOrder} = short ${shortfall}, rounded to packs of ${pack}: ${rounded}`;
    if (capped && suggested > 0) {
      decision += `,以${capText}为上限,建议 ${suggested}`;
      decisionEn += `, capped at ${capEn}: ${suggested}`;
    } else if (capped) {
      decision += `;${capText}不足一个采购单位 ${pack},按制度不建议采购,确需时请在申请中说明`;
      decisionEn += `; ${capEn} is less than one pack of ${pack}, so nothing is suggested — explain in the request if it is needed`;
    } else if (halfYearCap === null) {
      decision += `;无领用历史,未按半年使用数封顶`;
      decisionEn += `; no issue history, so no six-month cap`;
    }
  }
  return {
    item: item.item,
    code: item.code,
    name: item.name,
    unit: item.unit,
    onHand,
    onOrder,
    statedNeeds,
    expectedUse,
    historyMonths: n,
    meanMonthlyUse: mean,
    sdMonthlyUse: sd,
    leadDays: item.leadDays,
    serviceLevel: item.serviceLevel,
    method: statistical ? 'statistical' : 'safetyStock',
    reorderPoint,
    shortfall,
    packSize: pack,
    halfYearCap,
    capped,
    suggestedQuantity: suggested,
    reason: `${basis};${decision}`,
    reasonEn: `${basisEn}; ${decisionEn}`,
  };
}
