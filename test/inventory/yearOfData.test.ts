/**
 * Must show: a generated year of ledger data, written into a real workbook, analysed by `taizhang analyze --json`,
 * matched exactly against answers computed here, independently, from the generated rows: stock, consumption per
 * month × department × item, stocktake differences, reorder points and order quantities.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { halfYearUse, type ConsumptionEvent } from '../../src/core/consumption';
import { parseInstant } from '../../src/core/dates';
import { runCli } from '../support/cli';
import { defaultGenerateOptions, generateLedger, supplySpecs, writeLedgerWorkbook, type LedgerData, type Values } from '../support/suppliesLedger';

const Z: Record<string, number> = { '90%': 1.2815515655446004, '95%': 1.6448536269514722, '98%': 2.0537489106318225, '99%': 2.3263478740408408 };
const fen = (yuan: number) => Math.round(yuan * 100);

/** round(a·b/c) half up, exactly, with BigInt: the stated rule for the cost of an issue. */
function share(a: number, b: bigint, c: number): bigint {
  if (b < 0n) return -share(a, -b, c);
  return (2n * BigInt(a) * b + BigInt(c)) / (2n * BigInt(c));
}

interface Expected {
  stock: Map<string, { qty: number; value: bigint }>;
  consumption: Map<string, { qty: number; cost: bigint }>;
  stocktake: { month: string; item: string; qty: number; value: bigint }[];
}

/** Replays the ledgers in date order (receipts, then issues, then stocktakes within a day). */
function replay(data: LedgerData): Expected {
  type E = { date: string; order: number; seq: number; code: string; v: Values };
  const events: E[] = [];
  data.receipts.forEach((r, seq) => {
    if (r.values.验收结论 !== '不合格') events.push({ date: r.values.入库日期 as string, order: 0, seq, code: r.values.物品编码 as string, v: r.values });
  });
  data.issues.forEach((r, seq) => events.push({ date: r.values.领用日期 as string, order: 1, seq, code: r.values.物品编码 as string, v: r.values }));
  data.stocktakes.forEach((r, seq) => events.push({ date: r.values.盘点日期 as string, order: 2, seq, code: r.values.物品编码 as string, v: r.values }));
  events.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.seq - b.seq);
  const stock = new Map<string, { qty: number; value: bigint }>();
  const consumption = new Map<string, { qty: number; cost: bigint }>();
  const stocktake: Expected['stocktake'] = [];
  for (const row of data.catalog) stock.set(row.values.物品编码 as string, { qty: 0, value: 0n });
  for (const e of events) {
    const s = stock.get(e.code)!;
    if (e.order === 0) {
      s.qty += e.v.数量 as number;
      s.value += BigInt(fen(e.v.金额 as number));
    } else if (e.order === 1) {
      const q = e.v.实发数量 as number;
      const cost = q === s.qty ? s.value : share(q, s.value, s.qty);
      s.qty -= q;
      s.value -= cost;
      const key = `${e.date.slice(0, 7)}|${e.v.领用部门}|${e.code}`;
      const c = consumption.get(key) ?? { qty: 0, cost: 0n };
      c.qty += q;
      c.cost += cost;
      consumption.set(key, c);
    } else {
      const counted = e.v.实盘数量 as number;
      if (counted !== s.qty) {
        const value = share(counted, s.value, s.qty);
        stocktake.push({ month: e.date.slice(0, 7), item: e.code, qty: counted - s.qty, value: value - s.value });
        s.qty = counted;
        s.value = value;
      }
    }
  }
  return { stock, consumption, stocktake };
}

describe('a generated year of office supplies, analysed', () => {
  const { settings } = supplySpecs();
  const data = generateLedger({ ...defaultGenerateOptions(settings, 20250101), items: 12 });
  const expected = replay(data);
  let report: any;
  let text: string;
  let fullLoad: any;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-year-'));
    const file = path.join(dir, '台账.xlsx');
    await writeLedgerWorkbook(data, file);
    const streamed = await runCli(['analyze', file, '--json', '--as-of', data.asOf]);
    expect(streamed.stderr).toBe('');
    expect(streamed.code).toBe(0);
    text = streamed.stdout;
    report = JSON.parse(text);
    const written = await runCli(['analyze', file, '--json', '--as-of', data.asOf, '--out', path.join(dir, 'out.xlsx')]);
    expect(written.code).toBe(0);
    fullLoad = JSON.parse(written.stdout);
  }, 120_000);

  it('has enough activity to mean something', () => {
    expect(data.issues.length).toBeGreaterThan(500);
    expect(expected.stocktake.length).toBeGreaterThan(3);
    expect(report.month).toBe('2025-12');
    expect(report.problems).toEqual([]);
  });

  it('stock per item: quantity and moving-average value, to the fen', () => {
    expect(report.stock.map((s: any) => [s.item, s.onHand, fen(s.value)])).toEqual(
      data.catalog.map((r) => {
        const s = expected.stock.get(r.values.物品编码 as string)!;
        return [r.values.物品编码, s.qty, Number(s.value)];
      }),
    );
  });

  it('items bought at one price cost exactly quantity × price', () => {
    for (const code of data.constantPrice) {
      const price = fen(data.catalog.find((r) => r.values.物品编码 === code)!.values.参考单价 as number);
      const stock = report.stock.find((s: any) => s.item === code);
      expect(fen(stock.value)).toBe(stock.onHand * price);
      for (const c of report.consumption.filter((x: any) => x.item === code)) expect(fen(c.cost)).toBe(c.quantity * price);
    }
  });

  it('consumption: one row per month × department × item with any use, quantity and cost exact', () => {
    const got = new Map<string, [number, number]>(report.consumption.map((c: any) => [`${c.month}|${c.department}|${c.item}`, [c.quantity, fen(c.cost)]]));
    expect(got.size).toBe(report.consumption.length);
    expect(new Map([...expected.consumption].map(([k, v]) => [k, [v.qty, Number(v.cost)]]))).toEqual(got);
  });

  it('consumption per month × department adds up', () => {
    const sum = (rows: [string, number][]) => rows.reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>());
    expect(sum(report.consumption.map((c: any) => [`${c.month}|${c.department}`, fen(c.cost)]))).toEqual(
      sum([...expected.consumption].map(([k, v]) => [k.split('|').slice(0, 2).join('|'), Number(v.cost)])),
    );
    const december = [...expected.consumption].filter(([k]) => k.startsWith('2025-12')).reduce((s, [, v]) => s + Number(v.cost), 0);
    expect(fen(report.summary.cost)).toBe(december);
  });

  it('stocktake differences per item and month', () => {
    expect(report.stocktake.map((d: any) => [d.month, d.item, d.quantity, fen(d.value)])).toEqual(
      expected.stocktake.map((d) => [d.month, d.item, d.qty, Number(d.value)]).sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('reorder points from the mean and spread of monthly use, and order quantities from the stated formula', () => {
    const planDate = parseInstant('2026-01-01')!;
    const events: ConsumptionEvent[] = data.issues.map((r) => ({ item: r.values.物品编码 as string, date: parseInstant(r.values.领用日期 as string)!, quantity: r.values.实发数量 as number }));
    const onOrder: Record<string, number> = { 'BG-002': 30, 'BG-003': 12, 'BG-006': 15 };
    const active = data.catalog.filter((r) => r.values.是否停用 !== true);
    expect(report.reorder.map((l: any) => l.item)).toEqual(active.map((r) => r.values.物品编码));
    for (const row of active) {
      const v = row.values;
      const code = v.物品编码 as string;
      // History runs from the item's first receipt or issue to December.
      const months = [...data.receipts, ...data.issues]
        .filter((r) => r.values.物品编码 === code && r.values.验收结论 !== '不合格')
        .map((r) => Number(String(r.values.入库日期 ?? r.values.领用日期).slice(5, 7)));
      const first = Math.min(...months);
      const use = Array.from({ length: 12 - first + 1 }, (_, k) =>
        data.issues.filter((r) => r.values.物品编码 === code && (r.values.领用日期 as string).startsWith(`2025-${String(first + k).padStart(2, '0')}`)).reduce((s, r) => s + (r.values.实发数量 as number), 0),
      );
      const n = use.length;
      const mean = use.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(use.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const lead = (v.提前期天数 as number) / 30;
      const statistical = n >= 3;
      const rop = statistical ? Math.ceil(mean * lead + Z[v.服务水平 as string] * sd * Math.sqrt(lead) - 1e-9) : (v.安全库存 as number);
      const stated = data.demand.filter((r) => r.values.物品编码 === code).reduce((s, r) => s + (r.values.需求数量 as number), 0);
      const hasStated = data.demand.some((r) => r.values.物品编码 === code);
      const expectedUse = hasStated ? stated : Math.ceil(mean);
      const onHand = expected.stock.get(code)!.qty;
      const short = rop + expectedUse - onHand - (onOrder[code] ?? 0);
      const pack = v.采购单位数量 as number;
      const cap = halfYearUse(events, code, planDate);
      let qty = short > 0 ? Math.ceil(short / pack) * pack : 0;
      // The cap bounds what is on order in all: six months of use less what is already on order.
      const room = cap === null ? null : Math.max(0, cap - (onOrder[code] ?? 0));
      if (room !== null && qty > room) qty = Math.floor(room / pack) * pack;
      const line = report.reorder.find((l: any) => l.item === code);
      expect([code, line.method, line.reorderPoint, line.onHand, line.onOrder, line.halfYearCap, line.suggestedQuantity]).toEqual([code, statistical ? 'statistical' : 'safetyStock', rop, onHand, onOrder[code] ?? 0, cap, qty]);
      if (!statistical) expect(line.reason).toContain(`历史用量仅 ${n} 个月`);
    }
    // The data exercise both methods and the six-month cap.
    expect(new Set(report.reorder.map((l: any) => l.method))).toEqual(new Set(['statistical', 'safetyStock']));
    expect(report.reorder.find((l: any) => l.item === 'BG-001').suggestedQuantity).toBeLessThan(900);
    expect(report.reorder.find((l: any) => l.item === 'BG-001').reason).toContain('为上限');
    const planned = report.purchasePlan.suppliers.flatMap((g: any) => g.lines.map((l: any) => [l.item, l.quantity]));
    expect(new Map(planned)).toEqual(new Map(report.reorder.filter((l: any) => l.suggestedQuantity > 0).map((l: any) => [l.item, l.suggestedQuantity])));
  });

  it('writes money as yuan with exactly two decimals', () => {
    const amounts = text.match(/"(cost|value|budget|unitPrice|averageCost|stockValue|planBudget)": [^,\n}]+/g)!;
    expect(amounts.length).toBeGreaterThan(100);
    for (const a of amounts) expect(a).toMatch(/: (-?\d+\.\d\d|null)$/);
  });

  it('reads the same through the streaming reader as through the full workbook load', () => {
    expect({ ...fullLoad, out: null }).toEqual({ ...report, out: null });
  });
});
