/**
 * What a new user stumbled on in the task pane (issue 14), end to end on the standalone page in headless Chromium:
 * the page loads without a failed request or a console error; search finds text with quotes as shown; the records
 * list shows each record's title; 提交 without a current user shows the warning and the field errors at once, and
 * choosing a user clears the warning; 退回 without an opinion marks the opinion box; in English the statuses, the
 * register, field, step and deadline names are English while the workbook keeps its Chinese statuses.
 * Needs `npm run build` (dist/web); `npm test` builds it before jest.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { openStandalone, saveWorkbook, screenshotPath, type StandaloneRun } from './support';

const START = new Date('2026-03-02T09:00:00+08:00');
const QUOTED = '=HYPERLINK("http://a.example","点我")';
const RED = 'rgb(197, 15, 31)';

let run: StandaloneRun;
let page: Page;
const consoleErrors: string[] = [];
const failedRequests: string[] = [];
const pageErrors: string[] = [];

const field = (name: string) => `[data-test=record-form] [data-field="${name}"]`;
const flash = (kind: string) => page.locator(`[data-test=flash-${kind}]`);
const record = (number: string) => `[data-test=record][data-number="${number}"]`;

async function tab(name: string): Promise<void> {
  await page.click(`[data-test=tab-${name}]`);
  await page.waitForSelector(`[data-test=screen-${name}][data-loaded]`);
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const el = page.locator(field(name));
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
}

function incoming(title: string, sender = '湖南省国资委'): Record<string, string> {
  return { 来文单位: sender, 来文类别: '上级来文', 文件标题: title, 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: '1' };
}

async function submit(values: Record<string, string>, number: string): Promise<void> {
  await fill(values);
  await page.click('[data-test=submit]');
  await expect(flash('ok').textContent()).resolves.toContain(number);
}

async function openRecord(number: string): Promise<void> {
  await tab('records');
  await page.click(`${record(number)} button`);
  await page.waitForSelector('[data-test=screen-detail][data-loaded] [data-test=fields]');
}

async function approve(opinion = ''): Promise<void> {
  if (opinion) await page.fill('[data-test=opinion]', opinion);
  await page.click('[data-test=approve]');
  await flash('ok').waitFor();
}

async function search(text: string): Promise<string[]> {
  await page.fill('[data-test=screen-records] input[type=search]', text);
  return page.locator('[data-test=record]').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.number ?? ''));
}

beforeAll(async () => {
  run = await openStandalone(START, (p) => {
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url}`);
    });
    p.on('requestfailed', (r) => failedRequests.push(`${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    p.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    p.on('pageerror', (e) => pageErrors.push(e.message));
  });
  page = run.page;
});

afterAll(async () => {
  await run?.close();
});

describe('the standalone page, as a new user finds it', () => {
  it('loads with no failed request and no console error', async () => {
    await page.waitForSelector('[data-test=new-blank]');
    await page.waitForLoadState('networkidle');
    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // Served without a demo, the page offers none (it used to probe for one and log a 404).
    await expect(page.locator('[data-test=open-demo]').count()).resolves.toBe(0);
  });

  it('on 提交 without a current user shows the warning and the field errors at once; choosing a user clears the warning', async () => {
    await page.click('[data-test=new-blank]');
    await page.check('[data-test=setup-incoming_docs]');
    await page.click('[data-test=setup-create]');
    await page.waitForSelector('[data-test=record-form]');
    await fill(incoming('关于开展2026年安全生产检查的通知', ''));
    await page.click('[data-test=submit]');
    await expect(flash('warn').textContent()).resolves.toContain('请先在右上角选择当前用户');
    await expect(page.isVisible('[data-error-for="来文单位"]')).resolves.toBe(true);
    await expect(page.textContent('[data-error-for="来文单位"]')).resolves.toContain('必填');
    await expect(page.getAttribute(field('来文单位'), 'aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: screenshotPath('zh-CN-no-user-and-errors'), fullPage: true });

    await page.selectOption('[data-test=user]', '孙晓燕');
    await expect(flash('warn').count()).resolves.toBe(0);
    // What was typed is still there; submitting again shows the field errors alone.
    await expect(page.inputValue(field('文件标题'))).resolves.toBe('关于开展2026年安全生产检查的通知');
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-error-for="来文单位"]:not([hidden])');
    await expect(flash('warn').count()).resolves.toBe(0);
    await submit({ 来文单位: '湖南省国资委' }, 'SW-2026-0001');
  });

  it('shows each record’s title in the records list, so records of one day can be told apart', async () => {
    await submit(incoming('关于报送预算执行情况的通知', '长沙市财政局'), 'SW-2026-0002');
    await submit(incoming(QUOTED), 'SW-2026-0003');
    await tab('records');
    await expect(page.textContent(`${record('SW-2026-0001')} [data-test=record-title]`)).resolves.toBe('关于开展2026年安全生产检查的通知');
    await expect(page.textContent(`${record('SW-2026-0002')} [data-test=record-title]`)).resolves.toBe('关于报送预算执行情况的通知');
    await expect(page.textContent(`${record('SW-2026-0003')} [data-test=record-title]`)).resolves.toBe(QUOTED);
    await page.screenshot({ path: screenshotPath('zh-CN-records-titles'), fullPage: true });
  });

  it('finds text with quotes by typing it as it is shown', async () => {
    await expect(search('HYPERLINK("http://a.example","点我")')).resolves.toEqual(['SW-2026-0003']);
    await expect(search('"点我"')).resolves.toEqual(['SW-2026-0003']);
    await expect(search('预算执行')).resolves.toEqual(['SW-2026-0002']);
    await expect(search('"预算"')).resolves.toEqual([]);
    await expect(search('')).resolves.toHaveLength(3);
  });

  it('marks the opinion box when 退回 has no opinion', async () => {
    await page.selectOption('[data-test=user]', '赵敏');
    await openRecord('SW-2026-0002');
    await page.click('[data-test=return]');
    await expect(flash('error').textContent()).resolves.toContain('标红');
    await expect(flash('error').textContent()).resolves.toContain('意见');
    await expect(page.getAttribute('[data-test=opinion]', 'aria-invalid')).resolves.toBe('true');
    await expect(page.$eval('[data-test=opinion]', (e) => getComputedStyle(e).borderTopColor)).resolves.toBe(RED);
    await page.screenshot({ path: screenshotPath('zh-CN-return-no-opinion'), fullPage: true });
    await page.fill('[data-test=opinion]', '来文字号有误,请核对');
    await page.click('[data-test=return]');
    await expect(flash('ok').textContent()).resolves.toContain('已退回');
  });

  it('shows statuses, the register, field and step names in English, and keeps the workbook’s statuses Chinese', async () => {
    // SW-2026-0001 through its whole chain, so that the list has a completed, a returned and a waiting record.
    await openRecord('SW-2026-0001');
    await approve('拟请李总阅批');
    await page.selectOption('[data-test=user]', '李志华');
    // 承办部门办理 belongs to the department the leader names (only the right person may act).
    await page.click('[data-test=fill] summary');
    await page.selectOption('[data-test=fill] [data-field="承办部门"]', '技术部');
    await approve('同意');
    await page.selectOption('[data-test=user]', '何静');
    await approve('已落实');
    await page.selectOption('[data-test=user]', '孙晓燕');
    await approve();
    await expect(flash('ok').textContent()).resolves.toContain('已办结');

    await page.selectOption('[data-test=lang]', 'en-US');
    await tab('records');
    const badge = (number: string) => page.textContent(`${record(number)} [data-test=status]`);
    await expect(badge('SW-2026-0001')).resolves.toBe('Completed');
    await expect(badge('SW-2026-0002')).resolves.toBe('Returned');
    await expect(badge('SW-2026-0003')).resolves.toBe("Awaiting office director's proposal");
    await expect(page.getAttribute(`${record('SW-2026-0003')} [data-test=status]`, 'data-status')).resolves.toBe('待办公室主任拟办');
    await expect(page.textContent('[data-test=screen-records] h2')).resolves.toContain('Incoming documents');
    await expect(page.textContent('[data-test=register] option:checked')).resolves.toBe('Incoming documents');
    await expect(search('awaiting office director')).resolves.toEqual(['SW-2026-0003']);
    await page.screenshot({ path: screenshotPath('en-US-records-statuses'), fullPage: true });

    await openRecord('SW-2026-0001');
    await expect(page.textContent('[data-test=fields] tr:first-child th')).resolves.toBe('Incoming no.');
    const steps = await page.locator('[data-test=steps] li strong').allTextContents();
    expect(steps).toEqual(['Office clerk logging', "Office director's proposal", "Supervising leader's instructions", 'Handling department action', 'Office clerk filing']);
    await page.screenshot({ path: screenshotPath('en-US-detail-names'), fullPage: true });

    await tab('queue');
    // The deadline 呈批 of the records waiting for 阅批日期, named in English with its done field.
    await expect(page.textContent('[data-test=queue-soon]')).resolves.toContain('Submission for review: “Date reviewed” by');

    await tab('new');
    await expect(page.textContent(`label[for="${await page.getAttribute(field('文件标题'), 'id')}"]`)).resolves.toBe('Document title');
    await expect(page.textContent('[data-test=chain]')).resolves.toContain('Office clerk logging → Office director\'s proposal');

    const file = await saveWorkbook(page, 'tz-e2e-names-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('收文登记')!;
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
    const statusColumn = header.indexOf('状态');
    expect(statusColumn).toBeGreaterThan(0);
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(statusColumn).value)).toEqual(['已办结', '已退回', '待办公室主任拟办']);

    await page.selectOption('[data-test=lang]', 'zh-CN');
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
