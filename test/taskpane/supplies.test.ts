import { NUMBER_FORMATS } from '../../src/inventory/sheetLayout';
/**
 * The 办公用品 screen's actions (src/taskpane/supplies.ts) over the Office.js adapter on the fake Excel: syncs and
 * payloads per action at 10, 10,000 and 100,000 issue rows, the three native charts and the data they plot, the
 * sheets' totals against `taizhang analyze --json` for the same file, the drafts in the approval chain with their
 * audit entries; and the same actions over the exceljs adapter (the standalone page): tables and data bars.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue } from '../../src/core/cells';
import { decodeRect, encodeRect } from '../../src/core/a1';
import { AUDIT_SHEET } from '../../src/core/layout';
import { rowToEntry, entryHash, isAuditHeader } from '../../src/core/audit';
import { ANALYSIS_SHEET, DETAIL_SHEET, PLAN_SHEET } from '../../src/inventory/analysisSheets';
import { monthText } from '../../src/inventory/months';
import { Session } from '../../src/taskpane/session';
import { createPurchaseDrafts, loadSupplies, refreshAnalysis, type Analysed } from '../../src/taskpane/supplies';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { OfficeJsWorkbook } from '../../src/workbook/officejs/adapter';
import type { FakeExcel } from '../../src/workbook/officejs/testing/fakeExcel';
import { runCli } from '../support/cli';
import { fakeLedgerExcel, ledgerFileAndFake, ledgerOfSize } from '../support/suppliesFake';
import { defaultGenerateOptions, generateLedger, ledgerWorkbook, supplySpecs } from '../support/suppliesLedger';

const LIMIT = 5_000_000;
const fen = (v: unknown) => Math.round(Number(v) * 100);

function officeSession(fake: FakeExcel, asOf: string): Session {
  return new Session(new OfficeJsWorkbook({ run: fake.run, undoGroups: true }), () => `${asOf}T09:00`);
}

/** Syncs of one action, and whether any request, or any response Excel sent back, passed 5 MB. */
async function measured<T>(fake: FakeExcel, fn: () => Promise<T>): Promise<{ result: T; syncs: number; maxRequest: number; maxResponse: number }> {
  fake.resetStats();
  const result = await fn();
  const ok = fake.stats.syncs.filter((s) => !s.failed);
  return { result, syncs: fake.syncCount, maxRequest: fake.maxRequestBytes, maxResponse: Math.max(0, ...ok.map((s) => s.responseBytes)) };
}

/** A sheet of the fake as values from A1 (rows and columns 1-based in the model). */
function sheetRows(fake: FakeExcel, name: string): CellValue[][] {
  const sheet = fake.model.sheet(name)!;
  const used = sheet.usedRect(true)!;
  const rows: CellValue[][] = [];
  for (let r = 1; r <= used.bottom; r++) {
    const row: CellValue[] = [];
    for (let c = 1; c <= used.right; c++) {
      const v = sheet.value(r, c);
      row.push(v === undefined || v === '' ? null : (v as CellValue));
    }
    rows.push(row);
  }
  return rows;
}

function figureOf(rows: CellValue[][], label: string): CellValue {
  const row = rows.find((r) => r[0] === label);
  if (!row) throw new Error(`no figure ${label}`);
  return row[1];
}

/** Body rows of the block whose header row starts with these headers, keyed by header. */
function block(rows: CellValue[][], headers: string[]): Record<string, CellValue>[] {
  const top = rows.findIndex((r) => headers.every((h, i) => r[i] === h));
  if (top < 0) throw new Error(`no block ${headers.join(',')}`);
  const names = rows[top].filter((h): h is string => typeof h === 'string');
  const out: Record<string, CellValue>[] = [];
  for (let i = top + 1; i < rows.length && rows[i].some((c) => c !== null); i++) out.push(Object.fromEntries(names.map((h, j) => [h, rows[i][j]])));
  return out;
}

/** The values in an A1 range of a sheet of the fake, as rows. */
function rangeValues(fake: FakeExcel, sheet: string, ref: string): CellValue[][] {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref)!;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const ws = fake.model.sheet(sheet)!;
  const out: CellValue[][] = [];
  for (let r = Number(m[2]); r <= Number(m[4]); r++) {
    const row: CellValue[] = [];
    for (let c = col(m[1]); c <= col(m[3]); c++) row.push((ws.value(r, c) ?? null) as CellValue);
    out.push(row);
  }
  return out;
}

describe.each([10, 10_000, 100_000])('the supplies actions on the fake Excel with %i issue rows', (rows) => {
  let fake: FakeExcel;
  let session: Session;
  let asOf: string;
  let refreshed: Analysed;

  beforeAll(async () => {
    const data = ledgerOfSize(rows);
    asOf = data.asOf;
    fake = await fakeLedgerExcel(data);
    session = officeSession(fake, asOf);
    expect((await session.open()).kind).toBe('ready');
  }, 120_000);

  it('refreshes the analysis: one read and one write, nothing over 5 MB each way', async () => {
    const m = await measured(fake, () => refreshAnalysis(session));
    if (!m.result.ok) throw new Error(m.result.message);
    refreshed = m.result;
    expect(m.maxRequest).toBeLessThanOrEqual(LIMIT);
    expect(m.maxResponse).toBeLessThanOrEqual(LIMIT);
    if (rows <= 10_000) expect(m.syncs).toBeLessThanOrEqual(2);
    // 100,000 issues are ~6.4 MB in the six columns the analysis needs: more than one 5 MB response can carry, so
    // the first rows come with the structure and the rest in two chunks, then one write; Excel refuses nothing.
    else expect(m.syncs).toBeLessThanOrEqual(4);
    expect(fake.stats.syncs.filter((s) => s.failed)).toHaveLength(0);
    for (const name of [ANALYSIS_SHEET, PLAN_SHEET, DETAIL_SHEET]) expect(fake.model.sheet(name)).toBeDefined();
  }, 120_000);

  it('asks Excel for three native charts over the trend, the departments and the top items', () => {
    const charts = fake.model.sheet(ANALYSIS_SHEET)!.charts;
    expect(charts.map((c) => [c.type, c.title])).toEqual([
      ['ColumnClustered', '月度消耗金额趋势'],
      ['ColumnClustered', expect.stringMatching(/^各部门消耗金额/)],
      ['BarClustered', '消耗金额前 10 的物品'],
    ]);
    const r = refreshed.result.report;
    const yuan = (f: number) => f / 100;
    // Each source range holds, header first, exactly the categories and the amounts the report has.
    const [trend, depts, items] = charts.map((c) => rangeValues(fake, ANALYSIS_SHEET, c.source));
    expect(trend).toEqual([['月份', '消耗金额'], ...r.trend.map((p) => [monthText(p.month), yuan(p.cost)])]);
    expect(depts).toEqual([['部门', '消耗金额'], ...r.departments.map((d) => [d.department, yuan(d.cost)])]);
    expect(items).toEqual([['物品名称', '消耗金额'], ...r.items.slice(0, 10).map((it) => [refreshed.result.itemNames(it.item).name, yuan(it.cost)])]);
    // Beside the tables, not over them.
    const widest = Math.max(...sheetRows(fake, ANALYSIS_SHEET).map((row) => row.length));
    for (const c of charts) expect(colIndex(c.position!.start)).toBeGreaterThan(widest);
  });

  it('turns the plan into 采购申请 drafts: one read and one write, numbered, pending, audited', async () => {
    const before = fake.model.table('tz_purchase_requests')!.rect.bottom;
    const m = await measured(fake, () => createPurchaseDrafts(session, '孙晓燕'));
    const outcome = m.result;
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(m.maxRequest).toBeLessThanOrEqual(LIMIT);
    expect(m.maxResponse).toBeLessThanOrEqual(LIMIT);
    if (rows <= 10_000) expect(m.syncs).toBeLessThanOrEqual(2);
    else expect(m.syncs).toBeLessThanOrEqual(4);
    expect(outcome.drafts).toHaveLength(refreshed.result.plan.lines);
    expect(outcome.drafts.length).toBeGreaterThan(0);
    // The generator's requests are numbered CG-2025mm-nnn; the drafts are the first of January 2026.
    expect(outcome.drafts.map((d) => d.number)).toEqual(outcome.drafts.map((_, i) => `CG-202601-${String(i + 1).padStart(3, '0')}`));
    for (const d of outcome.drafts) {
      expect(d.status).toBe('待部门负责人审核');
      // What people add before approval: the three quotes (the only rule a draft does not meet yet).
      expect(d.warnings.map((w) => [w.rule, w.field])).toEqual([['rule.atLeast', '供应商一报价']]);
    }
    const table = fake.model.table('tz_purchase_requests')!;
    expect(table.rect.bottom - before).toBe(outcome.drafts.length);
    // The audit log ends with one import entry per draft, each chained to the one before.
    const audit = sheetRows(fake, AUDIT_SHEET).filter((r) => r.some((c) => c !== null) && !isAuditHeader(r)).map(rowToEntry);
    const mine = audit.slice(-outcome.drafts.length);
    expect(mine.map((e) => [e.number, e.action, e.actor, e.register])).toEqual(outcome.drafts.map((d) => [d.number, '导入', '孙晓燕', 'purchase_requests']));
    for (let i = 0; i < mine.length; i++) {
      const prev = i === 0 ? audit[audit.length - mine.length - 1]?.hash ?? '0'.repeat(64) : mine[i - 1].hash;
      expect(mine[i].prevHash).toBe(prev);
      const { hash, prevHash, ...rest } = mine[i];
      await expect(entryHash(prevHash, rest)).resolves.toBe(hash);
    }
  }, 120_000);

  it('drafts nothing twice: the drafts are on order when the plan is drawn up again', async () => {
    const outcome = await createPurchaseDrafts(session, '孙晓燕');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.drafts).toEqual([]);
    expect(outcome.analysis.result.plan.lines).toBe(0);
  }, 120_000);
});

function colIndex(cell: string): number {
  return [...cell.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

describe('the sheets the add-in writes hold what taizhang analyze --json prints for the same workbook', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-supplies-pane-'));
  let report: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  let fake: FakeExcel;
  let session: Session;

  beforeAll(async () => {
    const { settings } = supplySpecs();
    const data = generateLedger({ ...defaultGenerateOptions(settings, 314), items: 12 });
    const file = path.join(dir, 'ledger.xlsx');
    fake = await ledgerFileAndFake(data, file);
    const cli = await runCli(['analyze', file, '--json', '--as-of', data.asOf]);
    expect(cli.stderr).toBe('');
    report = JSON.parse(cli.stdout);
    session = officeSession(fake, data.asOf);
    await session.open();
    const r = await refreshAnalysis(session);
    if (!r.ok) throw new Error(r.message);
  }, 120_000);

  it('消耗分析: the month’s figures', () => {
    const rows = sheetRows(fake, ANALYSIS_SHEET);
    const s = report.summary;
    expect(figureOf(rows, '分析月份')).toBe(report.month);
    expect(fen(figureOf(rows, '本月消耗金额'))).toBe(fen(s.cost));
    expect(figureOf(rows, '本月领用数量')).toBe(s.quantity);
    expect(fen(figureOf(rows, '上月消耗金额'))).toBe(fen(s.previousMonthCost));
    expect(fen(figureOf(rows, '去年同月消耗金额'))).toBe(fen(s.lastYearCost));
    expect(fen(figureOf(rows, '月末库存金额'))).toBe(fen(s.stockValue));
    expect(figureOf(rows, '需补货物品')).toBe(s.itemsToReorder);
    expect(fen(figureOf(rows, `${report.planMonth} 采购计划预算`))).toBe(fen(s.planBudget));
    expect(figureOf(rows, '数据问题')).toBe(s.problems);
  });

  it('消耗分析: departments and stock as --json has them, adding up to the month', () => {
    const rows = sheetRows(fake, ANALYSIS_SHEET);
    const depts = block(rows, ['部门', '消耗金额', '领用数量']);
    expect(depts.map((d) => [d.部门, fen(d.消耗金额), d.领用数量])).toEqual(report.departments.map((d: any) => [d.department, fen(d.cost), d.quantity])); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(depts.reduce((n, d) => n + fen(d.消耗金额), 0)).toBe(fen(report.summary.cost));
    const stock = block(rows, ['物品编码', '物品名称', '单位', '期初数量']);
    expect(stock.map((l) => [l.物品编码, l.期末数量, fen(l.期末金额)])).toEqual(report.stock.map((l: any) => [l.item, l.onHand, fen(l.value)])); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  it('消耗明细 and 采购计划: every consumption row and every plan line', () => {
    const detail = block(sheetRows(fake, DETAIL_SHEET), ['月份', '部门', '物品编码']);
    expect(detail.map((r) => [r.月份, r.部门, r.物品编码, r.领用数量, fen(r.消耗金额)])).toEqual(
      report.consumption.map((c: any) => [c.month, c.department, c.item, c.quantity, fen(c.cost)]), // eslint-disable-line @typescript-eslint/no-explicit-any
    );
    const plan = block(sheetRows(fake, PLAN_SHEET), ['供应商分组', '物品编码']);
    const lines = report.purchasePlan.suppliers.flatMap((s: any) => s.lines.map((l: any) => [s.supplier, l.item, l.quantity, fen(l.budget), ...l.quoteSuppliers])); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(lines.length).toBeGreaterThan(0);
    expect(plan.map((l) => [l.供应商分组, l.物品编码, l.申购数量, fen(l.预算金额), ...[l.供应商一, l.供应商二, l.供应商三].filter((x) => x !== null)])).toEqual(lines);
  });

  it('a second refresh replaces the sheets and their charts instead of adding more', async () => {
    const r = await refreshAnalysis(session);
    expect(r.ok).toBe(true);
    expect(fake.model.sheets.filter((s) => s.name === ANALYSIS_SHEET)).toHaveLength(1);
    expect(fake.model.sheet(ANALYSIS_SHEET)!.charts).toHaveLength(3);
  });
});

describe('the standalone page (exceljs adapter): tables and data bars where charts cannot be written', () => {
  it('writes the same values with Excel tables and data bars', async () => {
    const { settings } = supplySpecs();
    const data = generateLedger({ ...defaultGenerateOptions(settings, 99), items: 8 });
    const wb = await ledgerWorkbook(data);
    const session = new Session(new ExcelJsWorkbook(wb), () => `${data.asOf}T09:00`);
    await session.open();
    const shown = await loadSupplies(session);
    const r = await refreshAnalysis(session);
    if (!r.ok || !shown.ok) throw new Error('not analysed');
    expect(r.result.report.total).toEqual(shown.result.report.total);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    for (const layout of r.layouts) {
      const ws = again.getWorksheet(layout.name)!;
      const tables = (ws as unknown as { tables: Record<string, { table: { tableRef?: string; ref?: string } }> }).tables;
      for (const t of layout.tables) expect([t.name, tables[t.name]?.table.tableRef ?? tables[t.name]?.table.ref]).toEqual([t.name, t.ref]);
      const bars = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings.filter((c) => c.rules.some((x) => x.type === 'dataBar')).map((c) => c.ref);
      expect(bars).toEqual(layout.tables.flatMap((t) => t.dataBarRefs));
      expect(ws.getCell(layout.formats[0].ref.split(':')[0]).numFmt).toBe(NUMBER_FORMATS[layout.formats[0].format]);
    }
  }, 60_000);
});

/** Number format of every body cell of a table column of the fake, found by its header. */
function columnFormats(fake: FakeExcel, table: string, header: string): string[] {
  const t = fake.model.table(table)!;
  const c = fake.model.tableColumns(t).indexOf(header) + t.rect.left;
  if (c < t.rect.left) throw new Error(`no column ${header} in ${table}`);
  return Array.from({ length: t.rect.bottom - t.rect.top }, (_, i) => t.sheet.format(t.rect.top + 1 + i, c));
}

describe.each([10, 10_000])('the analysis sheets in Excel look as the exceljs adapter makes them (%i issue rows)', (rows) => {
  let fake: FakeExcel;
  let session: Session;
  let refreshed: Analysed;

  beforeAll(async () => {
    const data = ledgerOfSize(rows);
    fake = await fakeLedgerExcel(data);
    session = officeSession(fake, data.asOf);
    expect((await session.open()).kind).toBe('ready');
    const m = await measured(fake, () => refreshAnalysis(session));
    if (!m.result.ok) throw new Error(m.result.message);
    refreshed = m.result;
    // The style travels with the values: still one read and one write.
    expect(m.syncs).toBeLessThanOrEqual(2);
  }, 120_000);

  it('采购计划: dates as yyyy-mm-dd, money as ¥#,##0.00, in the sync that wrote the values', () => {
    const plan = fake.model.table('tza_plan')!;
    expect(plan.sheet.name).toBe(PLAN_SHEET);
    expect(plan.rect.bottom - plan.rect.top).toBeGreaterThan(0);
    expect(new Set(columnFormats(fake, 'tza_plan', '需用日期'))).toEqual(new Set(['yyyy-mm-dd']));
    for (const money of ['参考单价', '预算金额', '供应商一报价']) expect(new Set(columnFormats(fake, 'tza_plan', money))).toEqual(new Set(['¥#,##0.00']));
    expect(new Set(columnFormats(fake, 'tza_plan', '申购数量'))).toEqual(new Set(['#,##0']));
    expect(new Set(columnFormats(fake, 'tza_detail', '消耗金额'))).toEqual(new Set(['¥#,##0.00']));
  });

  it('every block is an Excel table under its name, and the amount columns have data bars', () => {
    for (const layout of refreshed.layouts) {
      const sheet = fake.model.sheet(layout.name)!;
      const tables = fake.model.tables.filter((t) => t.sheet === sheet);
      expect(tables.map((t) => [t.name, encodeRect(t.rect)]).sort()).toEqual(layout.tables.map((t) => [t.name, encodeRect(decodeRect(t.ref))]).sort());
      const bars = sheet.conditionalFormats.filter((f) => f.type === 'DataBar').map((f) => encodeRect(f.rect));
      expect(bars.sort()).toEqual(layout.tables.flatMap((t) => t.dataBarRefs.map((ref) => encodeRect(decodeRect(ref)))).sort());
    }
    // The plan's budget by supplier is one of them: a bar in each of its amount cells.
    const suppliers = fake.model.table('tza_plan_suppliers')!;
    const budget = fake.model.tableColumns(suppliers).indexOf('预算金额') + suppliers.rect.left;
    expect(suppliers.sheet.conditionalFormats.some((f) => f.type === 'DataBar' && f.rect.left === budget && f.rect.top === suppliers.rect.top + 1)).toBe(true);
  });

  it('the title is large and bold, headings bold, columns as wide as their contents', () => {
    for (const layout of refreshed.layouts) {
      const sheet = fake.model.sheet(layout.name)!;
      expect(sheet.fontAt(layout.titleRow, 1)).toMatchObject({ bold: true, size: 16 });
      for (const row of layout.headingRows) expect(sheet.fontAt(row, 1)).toMatchObject({ bold: true, size: 12 });
      // Characters to points: 7 px a character plus 5 px padding, 0.75 pt a pixel (8.43 characters are 48 pt).
      layout.widths.forEach((chars, i) => expect(sheet.columnWidths.get(i + 1)).toBeCloseTo(Math.round(chars * 7 + 5) * 0.75));
      expect(sheet.columnWidths.get(1)).toBeGreaterThan(40);
    }
  });

  it('a second refresh replaces the tables and bars instead of failing on their names or adding more', async () => {
    const m = await measured(fake, () => refreshAnalysis(session));
    expect(m.result.ok).toBe(true);
    expect(m.syncs).toBeLessThanOrEqual(2);
    const names = fake.model.tables.filter((t) => t.name.startsWith('tza_')).map((t) => t.name);
    expect(names.sort()).toEqual(refreshed.layouts.flatMap((l) => l.tables.map((t) => t.name)).sort());
    const plan = fake.model.sheet(PLAN_SHEET)!;
    expect(plan.conditionalFormats).toHaveLength(refreshed.layouts.find((l) => l.name === PLAN_SHEET)!.tables.flatMap((t) => t.dataBarRefs).length);
    expect(new Set(columnFormats(fake, 'tza_plan', '需用日期'))).toEqual(new Set(['yyyy-mm-dd']));
  }, 60_000);
});
