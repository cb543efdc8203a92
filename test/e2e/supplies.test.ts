/**
 * The 办公用品 screen end to end in headless Chromium over the demo workbook (`standalone.html?demo`), worked from
 * the keyboard: refresh the analysis — the totals in the pane are those `taizhang analyze --json --as-of <the
 * page's clock date>` prints for the same file, and the saved file holds the three sheets with tables and data bars —
 * then turn next month's plan into 采购申请 drafts and find them in the records and in the approver's queue.
 * Needs `npm run build` (dist/web); `npm test` builds it before jest.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SETTINGS_SHEET } from '../../src/core/layout';
import { settingsFromSheet } from '../../src/core/settings';
import { pendingActors } from '../../src/core/workflow';
import { ANALYSIS_SHEET, DETAIL_SHEET, PLAN_SHEET } from '../../src/inventory/analysisSheets';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { runCli } from '../support/cli';
import { ROOT } from '../support/docs';
import { WEB, launch, saveWorkbook, screenshotPath, serve, type Browser, type Served } from './support';

/** The page's clock; the demo year ends that day, and the CLI is asked about the same day. */
const TODAY = '2026-03-15';
const DEMO_TEMPLATES = path.join(ROOT, 'test', 'fixtures', 'demo-templates');

let server: Served;
let browser: Browser;
let page: Page;
let demo: string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let report: any;
let clerk: string;
let approver: string;
const pageErrors: string[] = [];
let drafted: string[] = [];

const fen = (v: string | number) => Math.round(Number(v) * 100);
const flash = (kind: string) => page.locator(`[data-test=flash-${kind}]`);
const figure = (key: string) => page.getAttribute(`[data-test=supplies-figures] [data-figure=${key}]`, 'data-value');

async function openTab(name: string): Promise<void> {
  await page.click(`[data-test=tab-${name}]`);
  await page.waitForSelector(`[data-test=screen-${name}][data-loaded]`);
}

/** Presses Enter on a control reached with Tab from the one before it, as a keyboard user does. */
async function pressFromKeyboard(selector: string): Promise<void> {
  await page.focus(selector);
  await expect(page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.test)).resolves.toBe(selector.match(/data-test=([\w-]+)/)![1]);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  demo = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-supplies-e2e-')), 'demo.xlsx');
  const made = await runCli(['demo', '--out', demo, '--templates', DEMO_TEMPLATES, '--end', TODAY]);
  expect(made.code).toBe(0);
  const analysed = await runCli(['analyze', demo, '--json', '--as-of', TODAY]);
  expect(analysed.code).toBe(0);
  report = JSON.parse(analysed.stdout);
  // Who acts: an office clerk makes the drafts, the first step's holder sees them in the queue.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(demo);
  const read = await new ExcelJsWorkbook(wb).read({ meta: true, sheets: [SETTINGS_SHEET] });
  const settings = settingsFromSheet(read.sheets[SETTINGS_SHEET]!);
  clerk = settings.people.find((p) => p.roles.includes('办公室文员'))!.name;
  const spec = read.meta!.ok ? read.meta!.meta.registers.find((r) => r.id === 'purchase_requests')!.spec : null;
  const values = { 采购类别: '一般物品', 申请部门: '综合办公室' };
  approver = pendingActors(spec!, settings, { values, steps: {}, submittedBy: clerk, submittedAt: `${TODAY}T09:00` })[0];

  server = await serve(WEB, { '/demo/demo.xlsx': demo });
  browser = await launch();
  browser.context.setDefaultTimeout(20_000);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.setFixedTime(new Date(`${TODAY}T09:00:00+08:00`));
  await page.goto(`${server.url}standalone.html?demo`);
  await page.waitForSelector('[data-test=record-form]', { timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the 办公用品 screen over the demo workbook', () => {
  it('opens with stock, the items to reorder and why, and next month’s plan by supplier', async () => {
    expect(report.summary.itemsToReorder).toBeGreaterThan(0);
    await page.selectOption('[data-test=user]', clerk);
    await openTab('supplies');
    await page.waitForSelector('[data-test=supplies-figures]');
    const stock = await page.$$eval('[data-test=supplies-stock] tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-item'), Number(r.getAttribute('data-on-hand')), r.getAttribute('data-value')]));
    expect(stock.map(([item, onHand, value]) => [item, onHand, fen(value as string)])).toEqual(report.stock.map((s: { item: string; onHand: number; value: number }) => [s.item, s.onHand, fen(s.value)]));
    const toOrder = report.reorder.filter((l: { suggestedQuantity: number }) => l.suggestedQuantity > 0);
    const cards = await page.$$eval('[data-test=supplies-reorder-item]', (items) => items.map((i) => [i.getAttribute('data-item'), i.querySelector('[data-method]')!.getAttribute('data-method'), i.querySelector('[data-test=supplies-reason]')!.textContent]));
    expect(cards).toEqual(toOrder.map((l: { item: string; method: string; reason: string }) => [l.item, l.method, l.reason]));
    const groups = await page.$$eval('[data-test=supplies-plan-group]', (gs) => gs.map((g) => [g.getAttribute('data-supplier'), Array.from(g.querySelectorAll('tbody tr')).map((r) => r.getAttribute('data-item'))]));
    expect(groups).toEqual(report.purchasePlan.suppliers.map((s: { supplier: string; lines: { item: string }[] }) => [s.supplier, s.lines.map((l) => l.item)]));
    // The three quote columns name the suppliers to ask.
    const quotes = await page.$$eval('[data-test=supplies-plan-group] tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).slice(4).map((td) => td.textContent)));
    const planned = report.purchasePlan.suppliers.flatMap((s: { lines: { quoteSuppliers: string[] }[] }) => s.lines.map((l) => l.quoteSuppliers));
    quotes.forEach((cells, i) => planned[i].forEach((name: string, j: number) => expect(cells[j]).toContain(name)));
    await page.screenshot({ path: screenshotPath('zh-CN-supplies'), fullPage: true });
  });

  it('refreshes the analysis from the keyboard; the totals shown are those of taizhang analyze --json', async () => {
    await pressFromKeyboard('[data-test=supplies-refresh]');
    await expect(flash('ok').textContent()).resolves.toContain(ANALYSIS_SHEET);
    const s = report.summary;
    const money = ['cost', 'previousMonthCost', 'lastYearCost', 'stockValue', 'planBudget', ...(s.costPerHead === null ? [] : ['costPerHead'])];
    for (const key of money) expect([key, fen((await figure(key))!)]).toEqual([key, fen(s[key])]);
    for (const key of ['quantity', 'itemsToReorder', 'problems']) expect([key, Number(await figure(key))]).toEqual([key, s[key]]);
    await expect(page.textContent('[data-test=supplies-as-of]')).resolves.toContain(report.month);
  });

  it('saves a file whose 消耗分析 holds the same totals, with tables and data bars', async () => {
    const file = await saveWorkbook(page, 'tz-supplies-saved-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const name of [ANALYSIS_SHEET, PLAN_SHEET, DETAIL_SHEET]) expect(wb.getWorksheet(name)).toBeDefined();
    const ws = wb.getWorksheet(ANALYSIS_SHEET)!;
    const figureCell = (label: string) => {
      for (let r = 1; r <= 30; r++) if (ws.getCell(r, 1).value === label) return ws.getCell(r, 2).value as number;
      throw new Error(`no ${label} on ${ANALYSIS_SHEET}`);
    };
    expect(fen(figureCell('本月消耗金额'))).toBe(fen(report.summary.cost));
    expect(figureCell('本月领用数量')).toBe(report.summary.quantity);
    expect(fen(figureCell('月末库存金额'))).toBe(fen(report.summary.stockValue));
    expect(fen(figureCell(`${report.planMonth} 采购计划预算`))).toBe(fen(report.purchasePlan.budget));
    const tables = Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables);
    expect(tables).toEqual(expect.arrayContaining(['tza_trend', 'tza_departments', 'tza_top_items', 'tza_reorder', 'tza_stock']));
    const bars = (ws as unknown as { conditionalFormattings: { rules: { type: string }[] }[] }).conditionalFormattings.filter((c) => c.rules.some((r) => r.type === 'dataBar'));
    expect(bars.length).toBeGreaterThanOrEqual(4);
    const detail = wb.getWorksheet(DETAIL_SHEET)!;
    let rows = 0;
    detail.eachRow((row, n) => {
      if (n > 5 && row.getCell(1).value) rows++;
    });
    expect(rows).toBe(report.consumption.length);
  });

  it('shows the screen in English', async () => {
    await page.selectOption('[data-test=lang]', 'en-US');
    // Opening the tab again drops the message of the last action, written in the language it was shown in.
    await openTab('supplies');
    await page.waitForSelector('[data-test=supplies-figures]');
    await expect(page.textContent('[data-test=tab-supplies]')).resolves.toBe('Supplies');
    await expect(page.textContent('[data-test=supplies-refresh]')).resolves.toBe('Refresh analysis');
    await expect(page.textContent('[data-test=screen-supplies] h2')).resolves.toBe('Office supplies');
    await page.screenshot({ path: screenshotPath('en-US-supplies'), fullPage: true });
    await expect(page.textContent('[data-test=supplies-plan] h3')).resolves.toContain('purchase plan by supplier');
    await page.selectOption('[data-test=lang]', 'zh-CN');
    await page.waitForSelector('[data-test=screen-supplies][data-loaded] [data-test=supplies-figures]');
  });

  it('turns the plan into 采购申请 drafts that enter the approval chain, listed in the register', async () => {
    const lines = report.purchasePlan.suppliers.reduce((n: number, s: { lines: unknown[] }) => n + s.lines.length, 0);
    await pressFromKeyboard('[data-test=supplies-drafts]');
    await flash('ok').waitFor();
    drafted = await page.$$eval('[data-test=supplies-drafted] [data-number]', (items) => items.map((i) => i.getAttribute('data-number')!));
    expect(drafted).toHaveLength(lines);
    for (const n of drafted) expect(n).toMatch(/^CG-202603-\d{3}$/);
    await expect(flash('ok').textContent()).resolves.toContain('待');
    await page.screenshot({ path: screenshotPath('zh-CN-supplies-drafts'), fullPage: true });
    await pressFromKeyboard('[data-test=supplies-open-requests]');
    await page.waitForSelector('[data-test=screen-records][data-loaded]');
    await expect(page.inputValue('[data-test=register]')).resolves.toBe('purchase_requests');
    for (const n of drafted) await expect(page.locator(`[data-test=record][data-number="${n}"]`).count()).resolves.toBe(1);
  });

  it('drafts nothing twice: the plan counts the drafts as on order', async () => {
    await openTab('supplies');
    await page.waitForSelector('[data-test=supplies-figures]');
    await expect(figure('itemsToReorder')).resolves.toBe('0');
    await pressFromKeyboard('[data-test=supplies-drafts]');
    await expect(flash('info').textContent()).resolves.toContain('未生成草稿');
  });

  it('puts the drafts in the approver’s queue', async () => {
    await page.selectOption('[data-test=user]', approver);
    await openTab('queue');
    for (const n of drafted) await expect(page.locator(`[data-test=queue-mine-item][data-number="${n}"]`).count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('zh-CN-supplies-queue'), fullPage: true });
  });

  it('saves a file whose audit chain, drafts included, passes taizhang verify', async () => {
    const file = await saveWorkbook(page, 'tz-supplies-drafts-');
    const verify = await runCli(['verify', file]);
    expect([verify.code, verify.stderr]).toEqual([0, '']);
    expect(pageErrors).toEqual([]);
  });
});
