/**
 * 登记 → 导入 on the standalone page in headless Chromium: a hand-made 收文登记簿 (the demo's 旧台账, written here by
 * exceljs with its merged title) imported into a blank 收文登记 workbook — mapping screen, preview with the two
 * rejected rows and why, import, and a second import that adds nothing. The imported records, closed by the ledger
 * with blank 阅批日期, then wait for nobody: neither 待办 nor 汇总 lists them, and one opens as taken over.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { OLD_LEDGER_SHEET, oldLedgerRows } from '../../src/demo/oldLedger';
import { buildCatalog } from '../../src/spec/catalog';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { TEMPLATES_DIR, readDir } from '../support/docs';
import { WEB, launch, screenshotPath, serve, type Browser, type Served } from './support';

let server: Served;
let browser: Browser;
let page: Page;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-e2e-import-'));
const target = path.join(tmp, '收文登记.xlsx');
const ledger = path.join(tmp, '收文登记簿.xlsx');
/** A second ledger, with its own numbers (one used twice) and a 状态 column: one row still with a leader. */
const numbered = path.join(tmp, '收文登记簿-有编号.xlsx');

beforeAll(async () => {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates do not parse');
  const spec = catalog.value.registers.find((r) => r.name === '收文登记')!;
  await (await buildWorkbook([spec], catalog.value.settings, { combined: false })).xlsx.writeFile(target);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(OLD_LEDGER_SHEET);
  const { rows, merges } = oldLedgerRows();
  rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
  merges.forEach((m) => ws.mergeCells(m));
  await wb.xlsx.writeFile(ledger);
  const second = new ExcelJS.Workbook();
  second.addWorksheet('二季度').addRows([
    ['收文编号', '收文日期', '来文机关', '来文类型', '标题', '重要程度', '缓急', '密级', '份数', '状态'],
    ['SW-2025-0101', '2025.4.1', '长沙市人民政府办公厅', '上级来文', '关于春季防火的通知', '一般文件', '平件', '内部', 1, '办结'],
    ['SW-2025-0101', '2025.4.2', '长沙市税务局', '上级来文', '关于申报期的提醒', '一般文件', '平件', '内部', 1, '办结'],
    ['SW-2025-0102', '2025.4.3', '长沙经开区管委会', '上级来文', '关于园区调研的函', '一般文件', '平件', '内部', 1, '待分管领导批示'],
  ]);
  await second.xlsx.writeFile(numbered);
  server = await serve(WEB);
  browser = await launch();
  browser.context.setDefaultTimeout(20_000);
  page = await browser.context.newPage();
  await page.goto(`${server.url}standalone.html`);
  await page.setInputFiles('[data-test=file-input]', target);
  await page.waitForSelector('[data-test=screen-new][data-loaded]');
  await page.selectOption('[data-test=user]', '孙晓燕');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function chooseLedger(file = ledger): Promise<void> {
  await page.click('[data-test=import-open]');
  await page.waitForSelector('[data-test=screen-import][data-loaded]');
  await page.setInputFiles('[data-test=import-file]', file);
  await page.waitForSelector('[data-test=import-mapping]');
}

describe('importing a hand-made ledger on the standalone page', () => {
  it('maps the columns, previews the rejected rows with their cells and reasons, and imports the rest', async () => {
    await chooseLedger();
    await expect(page.inputValue('[data-test="map-来文机关"]')).resolves.toBe('来文单位');
    await expect(page.inputValue('[data-test="map-缓急"]')).resolves.toBe('紧急程度');
    await expect(page.textContent('[data-test=import-stage]')).resolves.toContain('第 4 行');
    await page.click('[data-test=import-preview]');
    const preview = await page.locator('[data-test=import-warn]').textContent();
    expect(preview).toContain('可导入 7 行,拒绝 2 行,空行/合计 2 行');
    expect(preview).toContain('旧台账!B9 收文日期');
    expect(preview).toContain('“2025.13.2”不是有效日期');
    expect(preview).toContain('旧台账!I13 密级');
    await page.screenshot({ path: screenshotPath('zh-CN-import-preview') });
    await page.click('[data-test=import-go]');
    await page.waitForSelector('[data-test=import-warn]:has-text("已导入 7 行")');
    await expect(page.textContent('[data-test=import-warn]')).resolves.toContain('拒绝 2 行');
  });

  it('a second import of the same file adds nothing: every good row was imported before', async () => {
    await page.click('[data-test=import-back]');
    await chooseLedger();
    await page.click('[data-test=import-preview]');
    const preview = await page.locator('[data-test=import-warn]').textContent();
    expect(preview).toContain('可导入 0 行,拒绝 2 行,空行/合计 2 行,此前已导入 7 行');
    await expect(page.isDisabled('[data-test=import-go]')).resolves.toBe(true);
  });

  it('the imported records wait for nobody: 待办 and 汇总 list none of them, and one reads as taken over from the ledger', async () => {
    await page.selectOption('[data-test=user]', '赵敏');
    await page.click('[data-test=tab-queue]');
    await page.waitForSelector('[data-test=screen-queue][data-loaded] [data-test=queue-overdue]');
    await expect(page.locator('[data-test=queue-mine-item], [data-test=queue-overdue-item], [data-test=queue-soon-item]').count()).resolves.toBe(0);
    await page.click('[data-test=tab-summary]');
    await page.click('[data-test=summary-refresh]');
    await page.waitForSelector('[data-test=summary-table]');
    await expect(page.textContent('[data-test=summary-table]')).resolves.toContain('收文登记');
    await expect(page.locator('[data-test=summary-overdue]').count()).resolves.toBe(0);
    await expect(page.textContent('[data-test=screen-summary]')).resolves.toContain('没有逾期事项');
    await page.click('[data-test=tab-records]');
    await page.click('[data-test=screen-records][data-loaded] [data-test=record] button');
    await page.waitForSelector('[data-test=taken-over]');
    await expect(page.textContent('[data-test=taken-over]')).resolves.toContain('由 孙晓燕 于');
    await expect(page.textContent('[data-test=taken-over]')).resolves.toContain('从手工台账导入,状态为台账所记的“已办结”');
    await expect(page.textContent('[data-test=status]')).resolves.toBe('已办结');
    await expect(page.textContent('[data-test=steps]')).resolves.toContain('未在台账中办理');
    await expect(page.locator('[data-test=approve], [data-test=not-yours]').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('zh-CN-import-taken-over') });
  });

  it('names what was imported but needs a look, in the preview and after: an old number used twice, a row past steps nobody recorded', async () => {
    await page.selectOption('[data-test=user]', '孙晓燕');
    await page.click('[data-test=tab-new]');
    await chooseLedger(numbered);
    await page.click('[data-test=import-preview]');
    const preview = await page.locator('[data-test=import-warn]').textContent();
    expect(preview).toContain('可导入 3 行,拒绝 0 行');
    expect(preview).toContain('请核对:二季度!3:编号“SW-2025-0101”与 二季度!2 重复');
    expect(preview).toContain('请核对:二季度!4:原状态“待分管领导批示”');
    await page.click('[data-test=import-go]');
    await page.waitForSelector('[data-test=import-warn]:has-text("已导入 3 行")');
    await expect(page.textContent('[data-test=import-warn]')).resolves.toContain('已从第一步“办公室主任拟办”起待办');
  });
});
