/**
 * The standalone page takes "now" in the office's time zone (设置's 时区), not in the zone of the computer it runs
 * on: a browser in New York, at 11:30 on 3 March there, sees a record due by the end of 3 March (Beijing time) as
 * overdue, because it is already 00:30 on 4 March in Beijing.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildCatalog } from '../../src/spec/catalog';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { FIXTURE_DOCS, readDir } from '../support/docs';
import { WEB, launch, serve, type Browser, type Served } from './support';

let browser: Browser;
let server: Served;
let page: Page;

beforeAll(async () => {
  const catalog = buildCatalog(readDir(FIXTURE_DOCS));
  if (!catalog.ok) throw new Error('fixtures do not parse');
  const spec = catalog.value.registers.find((r) => r.id === 'incoming_docs')!;
  const wb = await buildWorkbook([spec], { ...catalog.value.settings, timeZone: 'Asia/Shanghai' }, { combined: false });
  const session = new Session(new ExcelJsWorkbook(wb), () => '2026-03-02T10:00');
  await session.open();
  const values = { 收文日期: '2026-03-02', 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };
  expect(await session.submit(spec.id, values, '孙晓燕')).toMatchObject({ ok: true, number: 'SW-2026-0001' });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-office-zone-e2e-')), 'office.xlsx');
  await wb.xlsx.writeFile(file);
  server = await serve(WEB, { '/demo/demo.xlsx': file });
  browser = await launch('America/New_York');
  browser.context.setDefaultTimeout(20_000);
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function queueAt(instant: string): Promise<{ overdue: number; soon: number }> {
  await page.clock.setFixedTime(new Date(instant));
  await page.click('[data-test=queue-refresh]');
  await page.waitForSelector('[data-test=screen-queue][data-loaded]');
  return { overdue: await page.locator('[data-test=queue-overdue-item]').count(), soon: await page.locator('[data-test=queue-soon-item]').count() };
}

describe('the standalone page on a computer in New York, for an office in Beijing', () => {
  it('judges the 呈批 deadline at Beijing’s midnight', async () => {
    await page.clock.setFixedTime(new Date('2026-03-03T15:30:00Z'));
    await page.goto(`${server.url}standalone.html?demo`);
    await page.waitForSelector('[data-test=record-form]', { timeout: 60_000 });
    await page.selectOption('[data-test=user]', '赵敏');
    await page.click('[data-test=tab-queue]');
    await page.waitForSelector('[data-test=screen-queue][data-loaded]');
    // 23:30 in Beijing (10:30 in New York): due soon, not yet overdue.
    await expect(queueAt('2026-03-03T15:30:00Z')).resolves.toEqual({ overdue: 0, soon: 1 });
    // 00:30 on 4 March in Beijing, still 11:30 on 3 March in New York: overdue.
    await expect(queueAt('2026-03-03T16:30:00Z')).resolves.toEqual({ overdue: 1, soon: 0 });
    await expect(page.textContent('[data-test=queue-overdue]')).resolves.toContain('SW-2026-0001');
  });
});
