/**
 * 催办 on the standalone page (headless Chromium) over the shipped 收文登记: three records registered on 2 March wait
 * at 办公室主任拟办 (赵敏) and are late for 呈批 on the 5th. 孙晓燕 sees who holds each and for how long, chases one,
 * then all three; the messages are ready to copy with an e-mail draft to 赵敏's address from 设置; the record shows its
 * reminders; the saved file passes `taizhang verify`, and `taizhang check` names the record chased twice.
 * Needs `npm run build` (dist/web).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RecordValue } from '../../src/core/cells';
import { buildCatalog } from '../../src/spec/catalog';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook, sheetValues } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { runCli } from '../support/cli';
import { TEMPLATES_DIR, readDir } from '../support/docs';
import { openStandalone, saveWorkbook, incomingRecord, screenshotPath, type StandaloneRun } from './support';

const NOW = new Date('2026-03-05T10:30:00+08:00');

const incoming = incomingRecord;

async function startingWorkbook(dir: string): Promise<{ file: string; numbers: string[] }> {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates/ do not parse');
  const wb = await buildWorkbook(catalog.value.registers.filter((r) => r.id === 'incoming_docs'), catalog.value.settings, { combined: false });
  const session = new Session(new ExcelJsWorkbook(wb), () => '2026-03-02T09:00');
  await session.open();
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) {
    const result = await session.submit('incoming_docs', incoming(i), '孙晓燕');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    numbers.push(result.number);
  }
  const file = path.join(dir, '收文-催办.xlsx');
  await wb.xlsx.writeFile(file);
  return { file, numbers };
}

let run: StandaloneRun;
let page: Page;
let numbers: string[];
const pageErrors: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-remind-'));
  const start = await startingWorkbook(dir);
  numbers = start.numbers;
  run = await openStandalone(NOW, (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
  page = run.page;
  await page.setInputFiles('[data-test=file-input]', start.file);
  await page.waitForSelector('[data-test=record-form]');
}, 120_000);

afterAll(async () => {
  await run?.close();
});

describe('催办 on the standalone page', () => {
  it('shows who holds each late record and for how long, chases one and then all, and logs each reminder', async () => {
    await page.selectOption('[data-test=user]', '孙晓燕');
    await page.click('[data-test=tab-queue]');
    await page.waitForSelector('[data-test=screen-queue][data-loaded]');
    const late = page.locator('[data-test=queue-overdue-item]');
    await expect(late.count()).resolves.toBe(3);
    const first = page.locator(`[data-test=queue-overdue-item][data-number="${numbers[0]}"]`);
    await expect(first.locator('[data-test=holding]').textContent()).resolves.toBe('办公室主任拟办 · 办理人 赵敏 · 已等待 3 天 1 小时');

    await first.locator('[data-test=remind]').click();
    const messages = page.locator('[data-test=remind-messages] [data-test=remind-message]');
    await messages.first().waitFor();
    await expect(messages.count()).resolves.toBe(1);
    const text = await messages.first().inputValue();
    expect(text).toContain('【催办】赵敏:');
    expect(text).toContain(`收文登记 ${numbers[0]}《关于做好第1批防汛工作的通知》待“办公室主任拟办”办理,已等待 3 天 1 小时。`);
    expect(text).toContain('逾期 1 天');
    const mailto = await page.getAttribute('[data-test=remind-mailto]', 'href');
    expect(mailto).toMatch(/^mailto:zhaomin@example\.com\?subject=/);
    expect(decodeURIComponent(mailto!.split('body=')[1])).toBe(text);
    await page.screenshot({ path: screenshotPath('zh-CN-remind-one'), fullPage: true });

    await page.click('[data-test=remind-all][data-register=incoming_docs]');
    await page.waitForFunction(() => document.querySelectorAll('[data-test=remind-messages] [data-test=remind-message]').length === 3);
    await expect(page.textContent('[data-test=flash-ok]')).resolves.toContain('已催办 3 条,0 条未催办');

    await first.locator('button.tz-link').click();
    await page.waitForSelector('[data-test=remind-history]');
    await expect(page.locator('[data-test=remind-history-item]').count()).resolves.toBe(2);
    await expect(page.textContent('[data-test=remind-history]')).resolves.toContain('2026-03-05 10:30 孙晓燕 催 赵敏(呈批)');

    const saved = await saveWorkbook(page, 'tz-remind-');
    const verify = await runCli(['verify', saved]);
    expect(verify.code).toBe(0);
    const check = await runCli(['check', saved, '--as-of', '2026-03-05']);
    expect(check.stdout).toContain('已催办 2 次仍未办理(最近一次 2026-03-05 10:30 孙晓燕 催 赵敏)');
    expect(check.stdout.match(/已催办 1 次仍未办理/g)).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });

  it('赵敏 cannot chase herself: the record waits on her, and the page says so', async () => {
    await page.selectOption('[data-test=user]', '赵敏');
    await page.click('[data-test=tab-queue]');
    await page.waitForSelector('[data-test=screen-queue][data-loaded]');
    await expect(page.locator('[data-test=queue-mine-overdue] [data-test=queue-mine-overdue-item]').count()).resolves.toBe(3);
    await page.locator(`[data-test=queue-overdue-item][data-number="${numbers[1]}"] [data-test=remind]`).click();
    await expect(page.textContent('[data-test=flash-warn]')).resolves.toContain('正等您本人办理,不能催办自己');
    await expect(page.locator('[data-test=remind-messages]').count()).resolves.toBe(0);
  });

  it('刷新汇总 names who holds each late record and writes 时效分析 with the steps’ times and what waits', async () => {
    await page.click('[data-test=tab-summary]');
    await page.waitForSelector('[data-test=screen-summary][data-loaded]');
    await page.click('[data-test=summary-refresh]');
    await page.waitForSelector('[data-test=summary-timeliness]');
    await expect(page.locator('[data-test=summary-overdue] [data-test=summary-holding]').first().textContent()).resolves.toBe('办公室主任拟办 · 办理人 赵敏 · 已等待 3 天 1 小时');
    await expect(page.textContent('[data-test=summary-timeliness]')).resolves.toContain('时效分析已更新:全部记录');
    const saved = await saveWorkbook(page, 'tz-timeliness-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const rows = sheetValues(wb.getWorksheet('时效分析')!);
    const text = rows.flat().map((v) => String(v ?? ''));
    expect(text).toContain('审批时效分析 全部月份');
    const step = rows.find((r) => r[0] === '收文登记·办公室主任拟办');
    // Nobody has acted yet: three records waiting since 2 March 09:00. 2, 3 and 4 March are workdays of 8 hours,
    // and 5 March until 10:30 adds 1.5: 25.5 working hours each, all over the 8-hour limit.
    expect(step).toBeDefined();
    const header = rows.find((r) => r[0] === '登记表·步骤')!;
    const at = (name: string) => step![header.indexOf(name)];
    expect([at('办理次数'), at('等待中'), at('中位用时'), at('最久等待')]).toEqual([0, 3, 25.5, 25.5]);
    const summary = sheetValues(wb.getWorksheet('汇总')!);
    const line = summary.find((r) => r[0] === '收文登记' && r[1] === numbers[0])!;
    expect(line.slice(5, 8)).toEqual(['办公室主任拟办', '赵敏', '3 天 1 小时']);
  });
});
