/**
 * The perpetual stock ledger: every accepted receipt, issue and stocktake of an item in date order, valued at
 * moving-average cost in integer fen.
 *
 * Moving average, as the README states it: the stock of an item has a quantity q and a value v (fen). A receipt
 * adds its quantity and its amount. An issue of n units costs round(n × v / q) and takes that from v, so the last
 * units out take exactly what value is left and the value of an empty stock is exactly 0. A stocktake sets q to
 * the counted quantity and v to round(counted × v / q); the difference is the 盘盈 (gain) or 盘亏 (loss).
 * When q ≤ 0 (bad ledgers) the last positive average, else the catalogue's reference price, prices the units.
 * Within one day receipts come first, then issues, then stocktakes (counted at the end of the day), each in
 * sheet order.
 */
import type { Ledger } from './ledger';
import { mulDivRound } from './money';
import { monthBounds, serialText, serialToMonth } from './months';
import type { Problem } from './problems';

export interface StockPosition {
  qty: number;
  /** Integer fen. */
  value: number;
}

export interface MonthMoves {
  inQty: number;
  inValue: number;
  outQty: number;
  outValue: number;
  adjQty: number;
  adjValue: number;
}

export interface StocktakeDifference {
  month: number;
  day: number;
  item: number;
  row: number;
  /** Counted − book (as computed from the ledgers): positive 盘盈, negative 盘亏. */
  qty: number;
  value: number;
}

export interface StockResult {
  /** Cost in fen of each issue row (index into ledger.issues); NaN for rows left out. */
  issueCost: Float64Array;
  /** 1 for issue rows counted in stock and consumption. */
  issueUsed: Uint8Array;
  /** By item id: stock at the end of the month before the analysis month, and at its end. */
  opening: StockPosition[];
  closing: StockPosition[];
  /** By item id: movements within the analysis month. */
  moves: MonthMoves[];
  stocktakes: StocktakeDifference[];
  /** By item id: first month with any movement, or −1. */
  firstMonth: Int32Array;
  /** By item id: the latest accepted receipt's supplier id (−1 none) and unit price in fen (NaN none). */
  lastSupplier: Int32Array;
  lastPriceFen: Float64Array;
  /** Suppliers that delivered each item, latest first. */
  suppliersByItem: number[][];
  problems: Problem[];
}

const RECEIPT = 0;
const ISSUE = 1;
const STOCKTAKE = 2;

export function runStock(ledger: Ledger, options: { asOf: number; month: number }): StockResult {
  const { receipts, issues, stocktakes, catalog } = ledger;
  const itemCount = ledger.items.size;
  const problems: Problem[] = [];
  const sheet = (kind: 'receipt' | 'issue' | 'stocktake') => ledger.sheets[kind] ?? '';
  const known = (item: number) => catalog[item] !== undefined;

  const total = receipts.n + issues.n + stocktakes.n;
  const keys = new Float64Array(total);
  // Event ids (receipts, then issues, then stocktakes) bucketed by item with a counting sort, then each item's
  // few events sorted by day and kind: far cheaper than one sort of the whole ledger.
  const eventItem = new Int32Array(total).fill(-1);
  for (let i = 0; i < receipts.n; i++) {
    if (!receipts.accepted[i] || !known(receipts.item[i])) continue;
    keys[i] = receipts.day[i] * 4 + RECEIPT;
    eventItem[i] = receipts.item[i];
  }
  const issueUsed = new Uint8Array(issues.n);
  for (let j = 0; j < issues.n; j++) {
    if (!known(issues.item[j])) continue;
    issueUsed[j] = 1;
    const id = receipts.n + j;
    keys[id] = issues.day[j] * 4 + ISSUE;
    eventItem[id] = issues.item[j];
  }
  for (let k = 0; k < stocktakes.n; k++) {
    if (!known(stocktakes.item[k])) continue;
    if (stocktakes.day[k] > options.asOf) {
      problems.push({
        code: 'futureStocktake',
        sheet: sheet('stocktake'),
        row: stocktakes.row[k],
        field: '盘点日期',
        message: `盘点日期 ${serialText(stocktakes.day[k])} 晚于今天 ${serialText(options.asOf)},此次盘点未计入:请更正日期`,
        messageEn: `Stocktake dated ${serialText(stocktakes.day[k])}, after today ${serialText(options.asOf)}; not applied — correct the date`,
      });
      continue;
    }
    const id = receipts.n + issues.n + k;
    keys[id] = stocktakes.day[k] * 4 + STOCKTAKE;
    eventItem[id] = stocktakes.item[k];
  }
  const start = new Int32Array(itemCount + 1);
  for (let id = 0; id < total; id++) if (eventItem[id] >= 0) start[eventItem[id] + 1]++;
  for (let it = 0; it < itemCount; it++) start[it + 1] += start[it];
  const order = new Int32Array(start[itemCount]);
  const fill = start.slice(0, itemCount);
  for (let id = 0; id < total; id++) if (eventItem[id] >= 0) order[fill[eventItem[id]]++] = id;
  const byDayKindId = (a: number, b: number) => keys[a] - keys[b] || a - b;
  for (let it = 0; it < itemCount; it++) if (start[it + 1] - start[it] > 1) order.subarray(start[it], start[it + 1]).sort(byDayKindId);

  const issueCost = new Float64Array(issues.n).fill(Number.NaN);
  const opening: StockPosition[] = Array.from({ length: itemCount }, () => ({ qty: 0, value: 0 }));
  const closing: StockPosition[] = Array.from({ length: itemCount }, () => ({ qty: 0, value: 0 }));
  const moves: MonthMoves[] = Array.from({ length: itemCount }, () => ({ inQty: 0, inValue: 0, outQty: 0, outValue: 0, adjQty: 0, adjValue: 0 }));
  const firstMonth = new Int32Array(itemCount).fill(-1);
  const lastSupplier = new Int32Array(itemCount).fill(-1);
  const lastPriceFen = new Float64Array(itemCount).fill(Number.NaN);
  const suppliersByItem: number[][] = Array.from({ length: itemCount }, () => []);
  const differences: StocktakeDifference[] = [];
  const { first: monthFirst, last: monthLast } = monthBounds(options.month);

  for (let item = 0; item < itemCount; item++) {
    if (start[item] === start[item + 1]) continue;
    let qty = 0;
    let value = 0;
    // The last positive average as a fraction, so that pricing at it is as exact as pricing at the current one.
    const ref = catalog[item]!.refPriceFen;
    let lastNum = ref;
    let lastDen = 1;
    let openingTaken = false;
    let closingTaken = false;
    const mv = moves[item];
    for (let p = start[item]; p < start[item + 1]; p++) {
      const id = order[p];
      const key = keys[id];
      const day = Math.floor(key / 4);
      if (!openingTaken && day >= monthFirst) {
        opening[item] = { qty, value };
        openingTaken = true;
      }
      if (!closingTaken && day > monthLast) {
        closing[item] = { qty, value };
        closingTaken = true;
      }
      if (firstMonth[item] < 0) firstMonth[item] = serialToMonth(day);
      const inMonth = day >= monthFirst && day <= monthLast;
      const kind = key - day * 4;
      if (kind === RECEIPT) {
        const q = receipts.qty[id];
        const v = receipts.value[id];
        qty += q;
        value += v;
        if (q > 0) {
          lastPriceFen[item] = v / q;
          const s = receipts.supplier[id];
          lastSupplier[item] = s;
          if (s >= 0) {
            const list = suppliersByItem[item];
            const at = list.indexOf(s);
            if (at >= 0) list.splice(at, 1);
            list.unshift(s);
          }
        }
        if (inMonth) {
          mv.inQty += q;
          mv.inValue += v;
        }
      } else if (kind === ISSUE) {
        const j = id - receipts.n;
        const q = issues.qty[j];
        let cost: number;
        if (qty <= 0) cost = mulDivRound(q, lastNum, lastDen);
        else if (q >= qty) cost = value + mulDivRound(q - qty, value, qty);
        else cost = mulDivRound(q, value, qty);
        qty -= q;
        value -= cost;
        issueCost[j] = cost;
        if (inMonth) {
          mv.outQty += q;
          mv.outValue += cost;
        }
        if (qty < 0)
          problems.push({
            code: 'negativeStock',
            sheet: sheet('issue'),
            row: issues.row[j],
            field: '实发数量',
            message: `发放 ${q} 后“${catalog[item]!.code}”结存为 ${qty}(库存为负):请核对入库和领用记录`,
            messageEn: `After issuing ${q}, stock of "${catalog[item]!.code}" is ${qty} (negative); check receipts and issues`,
          });
      } else {
        const k = id - receipts.n - issues.n;
        const counted = stocktakes.counted[k];
        const book = stocktakes.book[k];
        if (!Number.isNaN(book) && book !== qty)
          problems.push({
            code: 'bookMismatch',
            sheet: sheet('stocktake'),
            row: stocktakes.row[k],
            field: '账面数量',
            message: `账面数量填的是 ${book},按入库和领用记录应为 ${qty}:盘盈盘亏按 ${qty} 计算`,
            messageEn: `Book quantity is entered as ${book} but the ledgers give ${qty}; the difference is taken against ${qty}`,
          });
        const diff = counted - qty;
        if (diff !== 0) {
          const newValue = qty > 0 ? mulDivRound(counted, value, qty) : mulDivRound(counted, lastNum, lastDen);
          const diffValue = newValue - value;
          differences.push({ month: serialToMonth(day), day, item, row: stocktakes.row[k], qty: diff, value: diffValue });
          if (inMonth) {
            mv.adjQty += diff;
            mv.adjValue += diffValue;
          }
          qty = counted;
          value = newValue;
        }
      }
      if (qty > 0) {
        lastNum = value;
        lastDen = qty;
      }
    }
    if (!openingTaken) opening[item] = { qty, value };
    if (!closingTaken) closing[item] = { qty, value };
  }
  return { issueCost, issueUsed, opening, closing, moves, stocktakes: differences, firstMonth, lastSupplier, lastPriceFen, suppliersByItem, problems };
}
