/**
 * 半年使用数 (six months of use) per item, by the same definition as the 采购申请 rule in core
 * (src/core/consumption.ts halfYearUse), so a planned quantity never breaks the rule it is submitted under:
 * the item's issues in the six calendar months before the date, scaled up to six months when the issue history
 * is younger than that (from at least one month); null for an item never issued before the date.
 * Computed for every item in one pass over the issue columns instead of one pass per item.
 */
import { addMonths, MS_DAY } from '../core/dates';
import type { Ledger } from './ledger';

const UNIX_EPOCH_SERIAL = 25569;
const msOf = (serial: number) => (serial - UNIX_EPOCH_SERIAL) * MS_DAY;

/** By item id; NaN where there is no history to cap by. */
export function halfYearUses(ledger: Ledger, onDay: number): Float64Array {
  const { issues } = ledger;
  const caps = new Float64Array(ledger.items.size).fill(Number.NaN);
  if (!(ledger.firstIssueDay < onDay)) return caps;
  const on = msOf(onDay);
  const from = addMonths(on, -6);
  const totals = new Float64Array(ledger.items.size);
  const seen = new Uint8Array(ledger.items.size);
  for (let i = 0; i < issues.n; i++) {
    const q = issues.qty[i];
    if (!(q > 0)) continue;
    const ms = msOf(issues.day[i]);
    if (ms >= on) continue;
    seen[issues.item[i]] = 1;
    if (ms >= from) totals[issues.item[i]] += q;
  }
  const span = Math.min(6, Math.max(1, (on - msOf(ledger.firstIssueDay)) / (30.4375 * MS_DAY)));
  for (let item = 0; item < caps.length; item++) if (seen[item]) caps[item] = Math.ceil((totals[item] * 6) / span - 1e-9);
  return caps;
}
