/**
 * The monthly purchase plan: every item whose reorder line asks for a quantity (departments' stated needs and the
 * statistical reorder gap, net of stock on hand and on order), grouped by supplier, with three suppliers named
 * for the quotes the 采购申请 requires (三家以上供应商比价). Each line becomes a 采购申请 draft: the record the
 * task pane submits into the approval chain (numbering and status are the register's, not the plan's).
 */
import type { RecordValue } from '../core/cells';
import { PURCHASE_FIELDS as P } from './fields';
import type { CatalogItem } from './ledger';
import { fenToYuan } from './money';
import { monthText, serialText } from './months';
import type { ReorderLine } from './reorder';

export const UNASSIGNED_SUPPLIER = '未指定供应商';
export const PLAN_DEPARTMENT = '综合办公室';
export const MIN_NOTICE_DAYS = 3;
/** Not one of the fields the analysis reads (PURCHASE_FIELDS), only one the drafts fill. */
const APPLICANT = '申请人';
const PURPOSE_MAX = 100;

export interface PlanLine {
  item: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  quantity: number;
  /** Integer fen per unit: the catalogue's 参考单价, else the last receipt price. */
  unitPriceFen: number;
  budgetFen: number;
  /** Up to three suppliers for the quotes, the group's supplier first. */
  quoteSuppliers: string[];
  neededBy: number;
  purpose: string;
  basis: string;
}

export interface SupplierGroup {
  supplier: string;
  lines: PlanLine[];
  budgetFen: number;
}

export interface PurchasePlan {
  /** The month the plan buys for. */
  month: number;
  /** Date of the drafts (申请日期). */
  applied: number;
  groups: SupplierGroup[];
  budgetFen: number;
  lines: number;
}

export interface PlanContext {
  catalog: readonly (CatalogItem | undefined)[];
  lastPriceFen: Float64Array;
  lastSupplier: Int32Array;
  suppliersByItem: readonly number[][];
  supplierNames: readonly string[];
  /** 设置's 供应商 list, to make up three quotes. */
  supplierList: readonly string[];
  /** Stated needs for the plan month by item, per department (name → quantity). */
  needsByItem: ReadonlyMap<number, ReadonlyMap<string, number>>;
  /** The plan's date (申请日期): today, or the day after a past analysis month. */
  asOf: number;
  planMonth: number;
}

export function purchasePlan(reorder: readonly ReorderLine[], ctx: PlanContext): PurchasePlan {
  const groups = new Map<string, SupplierGroup>();
  for (const line of reorder) {
    if (line.suggestedQuantity <= 0) continue;
    const item = ctx.catalog[line.item]!;
    const last = ctx.lastPriceFen[line.item];
    const unitPriceFen = item.refPriceFen > 0 ? item.refPriceFen : Number.isNaN(last) ? 0 : Math.round(last);
    const lastSupplier = ctx.lastSupplier[line.item] >= 0 ? ctx.supplierNames[ctx.lastSupplier[line.item]] : '';
    const supplier = item.supplier || lastSupplier || UNASSIGNED_SUPPLIER;
    const candidates = [item.supplier, ...ctx.suppliersByItem[line.item].map((s) => ctx.supplierNames[s]), ...ctx.supplierList].filter((s) => s);
    const quoteSuppliers = [...new Set(candidates)].slice(0, 3);
    const needs = ctx.needsByItem.get(line.item);
    const needsText = needs ? [...needs].map(([d, q]) => `${d} ${q}`).join('、') : '';
    const topUp = line.suggestedQuantity - (line.statedNeeds ?? 0);
    let purpose = `${monthText(ctx.planMonth)} 月度办公用品${needsText ? `:${needsText}` : ''}${topUp > 0 ? `${needsText ? ';' : ':'}补库 ${topUp}` : ''}`;
    if ([...purpose].length > PURPOSE_MAX) purpose = [...purpose].slice(0, PURPOSE_MAX - 1).join('') + '…';
    const planLine: PlanLine = {
      item: line.item,
      code: item.code,
      name: item.name,
      spec: item.spec,
      unit: item.unit,
      quantity: line.suggestedQuantity,
      unitPriceFen,
      budgetFen: unitPriceFen * line.suggestedQuantity,
      quoteSuppliers,
      neededBy: ctx.asOf + Math.max(MIN_NOTICE_DAYS, item.leadDays ?? 0),
      purpose,
      basis: line.reason,
    };
    const group = groups.get(supplier) ?? { supplier, lines: [], budgetFen: 0 };
    group.lines.push(planLine);
    group.budgetFen += planLine.budgetFen;
    groups.set(supplier, group);
  }
  const sorted = [...groups.values()].sort((a, b) =>
    a.supplier === UNASSIGNED_SUPPLIER ? 1 : b.supplier === UNASSIGNED_SUPPLIER ? -1 : b.budgetFen - a.budgetFen || a.supplier.localeCompare(b.supplier, 'zh'),
  );
  for (const g of sorted) g.lines.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  return {
    month: ctx.planMonth,
    applied: ctx.asOf,
    groups: sorted,
    budgetFen: sorted.reduce((s, g) => s + g.budgetFen, 0),
    lines: sorted.reduce((s, g) => s + g.lines.length, 0),
  };
}

/**
 * The plan as 采购申请 records (field name → value, dates as ISO text, money in yuan), one per line. The applicant
 * (申请人) is whoever turns the plan into drafts, when the caller knows them.
 */
export function purchaseDrafts(plan: PurchasePlan, department = PLAN_DEPARTMENT, applicant: string | null = null): Record<string, RecordValue>[] {
  return plan.groups.flatMap((group) =>
    group.lines.map((line) => ({
      ...(applicant ? { [APPLICANT]: applicant } : {}),
      [P.date]: serialText(plan.applied),
      [P.needed]: serialText(line.neededBy),
      [P.department]: department,
      [P.category]: '一般物品',
      采购方式: '采购',
      [P.code]: line.code,
      [P.name]: line.name,
      规格: line.spec || null,
      [P.quantity]: line.quantity,
      [P.budget]: fenToYuan(line.budgetFen),
      [P.purpose]: line.purpose,
      [P.supplier1]: line.quoteSuppliers[0] ?? null,
      [P.quote1]: null,
      [P.supplier2]: line.quoteSuppliers[1] ?? null,
      [P.quote2]: null,
      [P.supplier3]: line.quoteSuppliers[2] ?? null,
      [P.quote3]: null,
      [P.chosen]: null,
      [P.comparison]: null,
    })),
  );
}
