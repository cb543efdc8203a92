/**
 * The `--json` report: one object other tools can rely on. Item is the catalogue code, months are "YYYY-MM",
 * money is yuan written with exactly two decimals (1234.50), from integer fen, so it parses to the exact cent.
 */
import type { AnalysisResult } from './analyze';
import { fenText } from './money';
import { monthText, serialText } from './months';

/** Money in a report: printed as a JSON number with two decimals. */
export class Yuan {
  constructor(readonly fen: number) {}
}

const TOKEN = '\u0001yuan:';

/** JSON.stringify, with Yuan values written as numbers with two decimals. */
export function reportJson(value: unknown, indent = 2): string {
  const text = JSON.stringify(value, (_key, v) => (v instanceof Yuan ? `${TOKEN}${fenText(v.fen)}` : v), indent);
  return text.replace(/"\\u0001yuan:(-?\d+\.\d\d)"/g, '$1');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function analysisReport(result: AnalysisResult, extra: Record<string, unknown> = {}) {
  const r = result.report;
  return {
    ...extra,
    month: monthText(result.month),
    asOf: serialText(result.asOf),
    planMonth: monthText(result.planMonth),
    summary: {
      cost: new Yuan(r.total.cost),
      quantity: r.total.qty,
      previousMonthCost: new Yuan(r.previous.cost),
      monthOnMonth: r.monthOnMonth === null ? null : round2(r.monthOnMonth * 100) / 100,
      lastYearCost: new Yuan(r.lastYear.cost),
      yearOnYear: r.yearOnYear === null ? null : round2(r.yearOnYear * 100) / 100,
      costPerHead: r.costPerHead === null ? null : new Yuan(r.costPerHead),
      stockValue: new Yuan(result.stock.reduce((s, l) => s + l.value, 0)),
      itemsToReorder: result.reorder.filter((l) => l.suggestedQuantity > 0).length,
      planBudget: new Yuan(result.plan.budgetFen),
      problems: result.problems.length,
    },
    departments: r.departments.map((d) => ({
      department: d.department,
      quantity: d.qty,
      cost: new Yuan(d.cost),
      share: d.share === null ? null : round2(d.share * 10000) / 10000,
      headcount: d.headcount,
      costPerHead: d.costPerHead === null ? null : new Yuan(d.costPerHead),
    })),
    stock: result.stock.map((l) => ({
      item: l.code,
      name: l.name,
      unit: l.unit,
      onHand: l.onHand,
      value: new Yuan(l.value),
      averageCost: l.averageCost === null ? null : new Yuan(Math.round(l.averageCost)),
      inactive: l.inactive,
    })),
    consumption: result.consumption.map((c) => ({ month: monthText(c.month), department: c.department, item: c.code, name: c.name, quantity: c.qty, cost: new Yuan(c.cost) })),
    reorder: result.reorder.map((l) => ({
      item: l.code,
      name: l.name,
      onHand: l.onHand,
      onOrder: l.onOrder,
      statedNeeds: l.statedNeeds,
      reorderPoint: l.reorderPoint,
      suggestedQuantity: l.suggestedQuantity,
      method: l.method,
      meanMonthlyUse: round2(l.meanMonthlyUse),
      sdMonthlyUse: round2(l.sdMonthlyUse),
      historyMonths: l.historyMonths,
      leadDays: l.leadDays,
      serviceLevel: l.serviceLevel,
      packSize: l.packSize,
      halfYearCap: l.halfYearCap,
      reason: l.reason,
      reasonEn: l.reasonEn,
    })),
    purchasePlan: {
      month: monthText(result.plan.month),
      budget: new Yuan(result.plan.budgetFen),
      suppliers: result.plan.groups.map((g) => ({
        supplier: g.supplier,
        budget: new Yuan(g.budgetFen),
        lines: g.lines.map((l) => ({
          item: l.code,
          name: l.name,
          quantity: l.quantity,
          unitPrice: new Yuan(l.unitPriceFen),
          budget: new Yuan(l.budgetFen),
          neededBy: serialText(l.neededBy),
          quoteSuppliers: l.quoteSuppliers,
          purpose: l.purpose,
        })),
      })),
    },
    stocktake: result.stocktakes.map((d) => ({ month: monthText(d.month), item: d.code, name: d.name, row: d.row, quantity: d.qty, value: new Yuan(d.value) })),
    problems: result.problems.map((p) => ({ sheet: p.sheet, row: p.row, field: p.field ?? null, code: p.code, message: p.message, messageEn: p.messageEn })),
  };
}
