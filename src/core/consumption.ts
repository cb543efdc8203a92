/**
 * Consumption history for the 半年使用数为上限 rule: how much of an item was issued in the six months before a date.
 * The history is the supplies issue register (办公用品领用): the one place core knows a register by id, because
 * a document's rule names the item field but not where use is recorded.
 */
import type { RegisterRecord } from './records';
import { addMonths, parseInstant, MS_DAY } from './dates';
import { valueText } from './conditions';
import type { RegisterSpec } from '../spec/schema';

export const CONSUMPTION_SOURCE = { register: 'supplies_issue', item: '物品编码', quantity: '实发数量', date: '领用日期' } as const;

export interface ConsumptionEvent {
  item: string;
  /** ms of the issue date. */
  date: number;
  quantity: number;
}

const CLOSED = new Set(['已驳回', '已撤回']);

/** Issues that happened: rows with a date, an item and a quantity, not rejected or withdrawn. */
export function consumptionFromRecords(spec: RegisterSpec, records: RegisterRecord[]): ConsumptionEvent[] {
  if (spec.id !== CONSUMPTION_SOURCE.register) return [];
  const events: ConsumptionEvent[] = [];
  for (const r of records) {
    if (r.status && CLOSED.has(r.status)) continue;
    const date = parseInstant(valueText(r.values[CONSUMPTION_SOURCE.date]));
    const item = valueText(r.values[CONSUMPTION_SOURCE.item]);
    const q = r.values[CONSUMPTION_SOURCE.quantity];
    if (date === null || !item || typeof q !== 'number' || !(q > 0)) continue;
    events.push({ item, date, quantity: q });
  }
  return events;
}

/**
 * Six months of use of `item` before `onDate` (ms): the issues in [onDate − 6 months, onDate). When the whole
 * history is shorter than six months, the use seen so far is scaled up to six months (from at least one month),
 * so a young register does not cap purchases at a few weeks of use. null when the item was never issued:
 * then there is no history to cap by, and the rule does not apply.
 */
export function halfYearUse(events: ConsumptionEvent[], item: string, onDate: number): number | null {
  let first = Infinity;
  let seen = false;
  let total = 0;
  const from = addMonths(onDate, -6);
  for (const e of events) {
    if (e.date >= onDate) continue;
    if (e.date < first) first = e.date;
    if (e.item !== item) continue;
    seen = true;
    if (e.date >= from) total += e.quantity;
  }
  if (!seen) return null;
  const spanMonths = Math.min(6, Math.max(1, (onDate - first) / (30.4375 * MS_DAY)));
  return Math.ceil((total * 6) / spanMonths - 1e-9);
}
