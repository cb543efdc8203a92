import path from 'node:path';
import { createHash } from 'node:crypto';
import { readDocuments } from '../../src/cli/documents';
import { checkWorkbook } from '../../src/core/check';
import { parseAsOf, parseInstant } from '../../src/core/dates';
import { tableRecords } from '../../src/core/records';
import { settingsToRows } from '../../src/core/settings';
import { verifyWorkbook } from '../../src/core/verify';
import { generateDemo, type DemoResult } from '../../src/demo/generate';
import { buildCatalog, type Catalog } from '../../src/spec/catalog';
import type { TableSnapshot } from '../../src/workbook/port';

const DIR = path.join(__dirname, '..', 'fixtures', 'demo-templates');
const digest = async (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
let catalog: Catalog;
let demo: DemoResult;

function snapshots(d: DemoResult): Record<string, TableSnapshot> {
  return Object.fromEntries(
    d.metas.map((m) => [m.table, { table: m.table, sheet: m.sheet, headers: m.headers, rows: d.tables[m.table], rowCount: d.tables[m.table].length, rowStart: 0, readColumns: null, firstRow: 2, firstColumn: 1, mergedInBody: [], rowsBelow: 0 }]),
  );
}

function records(d: DemoResult, id: string) {
  const meta = d.metas.find((m) => m.id === id)!;
  return tableRecords(meta.spec, d.tables[meta.table], 2);
}

beforeAll(async () => {
  const result = buildCatalog(await readDocuments(DIR));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  catalog = result.value;
  demo = await generateDemo(catalog, { digest });
});

describe('the demo year', () => {
  it('uses every register, for 60 people, with no action refused', () => {
    expect(demo.settings.people).toHaveLength(60);
    for (const meta of demo.metas) expect(demo.tables[meta.table].length).toBeGreaterThanOrEqual(5);
    expect(demo.stats.failures).toEqual([]);
    expect(demo.stats.records).toBeGreaterThan(1500);
  });

  it('is the same on every run (seeded), and changes with the seed', async () => {
    const again = await generateDemo(catalog, { digest });
    expect(again.auditRows[again.auditRows.length - 1]).toEqual(demo.auditRows[demo.auditRows.length - 1]);
    const other = await generateDemo(catalog, { digest, seed: 7 });
    expect(other.auditRows[other.auditRows.length - 1]).not.toEqual(demo.auditRows[demo.auditRows.length - 1]);
  });

  it('has pending, returned, rejected and withdrawn records besides the completed ones', () => {
    const statuses = demo.metas.flatMap((m) => (m.spec.chain.length ? tableRecords(m.spec, demo.tables[m.table], 2).map((r) => r.status ?? '') : []));
    expect(statuses.filter((s) => s === '已办结').length).toBeGreaterThan(statuses.length * 0.7);
    expect(statuses.some((s) => s.startsWith('待'))).toBe(true);
    for (const s of ['已驳回', '已撤回']) expect(statuses).toContain(s);
    expect(demo.auditRows.some((r) => r[4] === '退回')).toBe(true);
    expect(demo.auditRows.some((r) => r[4] === '重新提交')).toBe(true);
  });

  it('check reports exactly the records its notes list as deliberately invalid or overdue', () => {
    const report = checkWorkbook({ meta: { formatVersion: 1, registers: demo.metas }, tables: snapshots(demo), settingsRows: settingsToRows(demo.settings) }, parseAsOf(demo.asOf)!);
    const found = report.findings.map((f) => `${f.sheet}!${f.row} ${f.field} ${f.rule}`).sort();
    const listed = demo.intents.map((i) => `${i.sheet}!${i.row} ${i.field} ${i.rule}`).sort();
    expect(found).toEqual(listed);
    expect(demo.intents.filter((i) => i.kind === 'invalid').length).toBeGreaterThanOrEqual(8);
    expect(demo.intents.filter((i) => i.kind === 'overdue').length).toBeGreaterThanOrEqual(3);
    for (const rule of ['rule.atLeast', 'rule.halfYearCap', 'rule.requiredWhen', 'rule.notBefore', 'number.duplicate', 'status.mismatch'])
      expect(demo.intents.map((i) => i.rule)).toContain(rule);
  });

  it('verify passes: every action is in the audit chain', async () => {
    const report = await verifyWorkbook({ meta: { formatVersion: 1, registers: demo.metas }, tables: snapshots(demo), auditRows: demo.auditRows });
    expect(report.breaks).toEqual([]);
    expect(report.entries).toBe(demo.auditRows.length - 1);
  });
});

describe('the demo’s office supplies add up', () => {
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const day = (v: unknown) => parseInstant(String(v))!;

  it('has about 40 coded catalog items', () => {
    const items = records(demo, 'supplies_catalog');
    expect(items.length).toBeGreaterThanOrEqual(35);
    expect(new Set(items.map((r) => r.values['物品编码'])).size).toBe(items.length);
    expect(items.every((r) => /^BG-\d{3}$/.test(String(r.values['物品编码'])))).toBe(true);
  });

  it('never issues more than is in stock, even counting a day’s issues before its receipts', () => {
    const moves = new Map<string, { date: number; qty: number; order: number }[]>();
    const add = (item: unknown, date: number, qty: number, order: number) => moves.set(String(item), [...(moves.get(String(item)) ?? []), { date, qty, order }]);
    for (const r of records(demo, 'supplies_receipt')) add(r.values['物品编码'], day(r.values['入库日期']), num(r.values['数量']), 1);
    for (const r of records(demo, 'supplies_issue')) add(r.values['物品编码'], day(r.values['领用日期']), -num(r.values['实发数量']), 0);
    const counts = records(demo, 'supplies_stocktake');
    for (const r of counts) add(r.values['物品编码'], day(r.values['盘点日期']), num(r.values['实盘数量']) - num(r.values['账面数量']), 2);
    let issues = 0;
    for (const [item, list] of moves) {
      let stock = 0;
      for (const m of list.sort((a, b) => a.date - b.date || a.order - b.order)) {
        stock += m.qty;
        if (m.order === 0) issues++;
        expect([item, stock >= 0]).toEqual([item, true]);
      }
    }
    expect(issues).toBeGreaterThan(300);
  });

  it('counts at every month end with the book quantity the ledger gives', () => {
    const receipts = records(demo, 'supplies_receipt');
    const issues = records(demo, 'supplies_issue');
    const counts = records(demo, 'supplies_stocktake');
    expect(new Set(counts.map((r) => String(r.values['盘点日期']).slice(0, 7))).size).toBeGreaterThanOrEqual(10);
    for (const c of counts.filter((_, i) => i % 7 === 0)) {
      const item = c.values['物品编码'];
      const at = day(c.values['盘点日期']);
      const inflow = receipts.filter((r) => r.values['物品编码'] === item && day(r.values['入库日期']) <= at).reduce((s, r) => s + num(r.values['数量']), 0);
      const outflow = issues.filter((r) => r.values['物品编码'] === item && day(r.values['领用日期']) <= at).reduce((s, r) => s + num(r.values['实发数量']), 0);
      const adjust = counts.filter((r) => r.values['物品编码'] === item && day(r.values['盘点日期']) < at).reduce((s, r) => s + num(r.values['实盘数量']) - num(r.values['账面数量']), 0);
      expect(c.values['账面数量']).toBe(inflow - outflow + adjust);
    }
  });

  it('buys with three quotes, receives against the purchase request, and links issues to the demand plan', () => {
    const purchases = records(demo, 'purchase_requests').filter((r) => r.values['用途'] === '补充库存');
    expect(purchases.length).toBeGreaterThan(20);
    const numbers = new Set(purchases.map((r) => r.values['申请单号']));
    const linked = records(demo, 'supplies_receipt').filter((r) => r.values['采购申请单号'] !== null);
    expect(linked.length).toBeGreaterThan(20);
    expect(linked.every((r) => numbers.has(r.values['采购申请单号']))).toBe(true);
    const plans = new Set(records(demo, 'supplies_demand').map((r) => r.values['需求单号']));
    const planned = records(demo, 'supplies_issue').filter((r) => r.values['需求单号'] !== null);
    expect(planned.length).toBeGreaterThan(200);
    expect(planned.every((r) => plans.has(r.values['需求单号']))).toBe(true);
  });
});
