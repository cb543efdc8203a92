/**
 * The standalone page end to end in headless Chromium, as a user works: set registers up on a blank workbook,
 * submit, fix inline errors, approve through a whole chain as different people, return and resubmit, print, switch
 * language, type hostile text, save — and the saved file passes `taizhang check` and `taizhang verify`.
 * The clock is Playwright's page.clock (setFixedTime), in the Asia/Shanghai zone set on the browser context.
 * Needs `npm run build` (dist/web); `npm test` builds it before jest.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli';
import { FIXTURE_DOCS, readDir } from '../support/docs';
import { buildCatalog } from '../../src/spec/catalog';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { WEB, openStandalone, saveWorkbook, screenshotPath, serve, type Browser, type Served } from './support';

const START = new Date('2026-03-02T09:00:00+08:00');
const XSS = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x")';

let server: Served;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

const field = (name: string) => `[data-test=record-form] [data-field="${name}"]`;
const flash = (kind: string) => page.locator(`[data-test=flash-${kind}]`);

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

async function asUser(name: string): Promise<void> {
  await page.selectOption('[data-test=user]', name);
}

async function tab(name: string): Promise<void> {
  await page.click(`[data-test=tab-${name}]`);
  await page.waitForSelector(`[data-test=screen-${name}][data-loaded]`);
}

async function fillValid(values: Partial<Record<string, string>> = {}): Promise<void> {
  const v: Record<string, string> = {
    来文单位: '湖南省国资委',
    来文类别: '上级来文',
    文件标题: '关于开展2026年安全生产检查的通知',
    文件类别: '一般文件',
    紧急程度: '平件',
    密级: '内部',
    份数: '2',
    ...values,
  } as Record<string, string>;
  for (const [name, value] of Object.entries(v)) {
    const el = page.locator(field(name));
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
}

/** Opens a record from the records list by its number. */
async function openRecord(number: string): Promise<void> {
  await tab('records');
  await page.click(`[data-test=record][data-number="${number}"] button`);
  await page.waitForSelector('[data-test=screen-detail][data-loaded] [data-test=fields]');
}

async function act(kind: 'approve' | 'return' | 'reject', opinion = ''): Promise<void> {
  if (opinion) await page.fill('[data-test=opinion]', opinion);
  await page.click(`[data-test=${kind}]`);
  await flash('ok').waitFor();
}

beforeAll(async () => {
  ({ server, browser, page } = await openStandalone(START, (p) => {
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    p.on('pageerror', (e) => pageErrors.push(e.message));
  }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the standalone page over a new workbook', () => {
  it('sets registers up on a blank workbook', async () => {
    await page.click('[data-test=new-blank]');
    await page.waitForSelector('[data-test=setup-create]');
    await shot('zh-CN-setup');
    await page.check('[data-test=setup-incoming_docs]');
    await expect(page.textContent('[data-test=setup-create]')).resolves.toContain('1');
    await page.click('[data-test=setup-create]');
    await page.waitForSelector('[data-test=record-form]');
    await expect(flash('ok').textContent()).resolves.toContain('已创建 1 个登记表');
    await expect(page.inputValue('[data-test=register]')).resolves.toBe('incoming_docs');
    // The date field starts at today's date by the document's 默认 今天.
    await expect(page.inputValue(field('收文日期'))).resolves.toBe('2026-03-02');
  });

  it('submits a valid record and assigns its number', async () => {
    await asUser('孙晓燕');
    await fillValid();
    await shot('zh-CN-form');
    await page.click('[data-test=submit]');
    await expect(flash('ok').textContent()).resolves.toContain('SW-2026-0001');
    await expect(flash('ok').textContent()).resolves.toContain('待办公室主任拟办');
  });

  it('shows inline errors on an invalid record, keeps what was typed, and submits once fixed', async () => {
    await fillValid({ 来文单位: '', 份数: '0', 阅批日期: '2026-03-01' });
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-error-for="份数"]:not([hidden])');
    await expect(page.textContent('[data-error-for="来文单位"]')).resolves.toContain('必填');
    await expect(page.textContent('[data-error-for="份数"]')).resolves.toContain('1');
    await expect(page.textContent('[data-error-for="阅批日期"]')).resolves.toContain('收文日期');
    await expect(page.getAttribute(field('份数'), 'aria-invalid')).resolves.toBe('true');
    // Focus moved to the first field in error, and everything else typed is still there.
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.field)).resolves.toBe('来文单位');
    await expect(page.inputValue(field('文件标题'))).resolves.toBe('关于开展2026年安全生产检查的通知');
    await shot('zh-CN-form-errors');
    // Keyboard only: type into the focused field, tab on, Enter submits.
    await page.keyboard.type('长沙市人民政府办公厅');
    await page.fill(field('份数'), '3');
    await page.fill(field('阅批日期'), '');
    await page.focus(field('来文字号'));
    await page.keyboard.type('长政办函〔2026〕8号');
    await page.keyboard.press('Enter');
    await expect(flash('ok').textContent()).resolves.toContain('SW-2026-0002');
  });

  it('takes a record from the keyboard alone', async () => {
    await page.focus(field('来文单位'));
    await page.keyboard.type('长沙市财政局');
    const steps: [string, string | null][] = [
      ['来文类别', 'ArrowDown'],
      ['来文字号', null],
      ['文件标题', '关于报送预算执行情况的通知'],
      ['文件类别', 'ArrowDown ArrowDown'],
      ['紧急程度', 'ArrowDown ArrowDown ArrowDown'],
      ['密级', 'ArrowDown'],
      ['份数', '1'],
    ];
    for (const [name, keys] of steps) {
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.field)).resolves.toBe(name);
      if (keys?.startsWith('Arrow')) for (const k of keys.split(' ')) await page.keyboard.press(k);
      else if (keys) await page.keyboard.type(keys);
    }
    await page.keyboard.press('Enter');
    await expect(flash('ok').textContent()).resolves.toContain('SW-2026-0003');
    await openRecord('SW-2026-0003');
    await expect(page.textContent('[data-test=fields] [data-field="紧急程度"]')).resolves.toBe('平件');
    await expect(page.textContent('[data-test=fields] [data-field="文件类别"]')).resolves.toBe('一般文件');
    await tab('new');
  });

  it('keeps hostile text inert: shown as text in the pane', async () => {
    await fillValid({ 来文单位: XSS, 文件标题: FORMULA });
    await page.click('[data-test=submit]');
    await expect(flash('ok').textContent()).resolves.toContain('SW-2026-0004');
    await openRecord('SW-2026-0004');
    await expect(page.textContent('[data-test=fields] [data-field="来文单位"]')).resolves.toBe(XSS);
    await expect(page.textContent('[data-test=fields] [data-field="文件标题"]')).resolves.toBe(FORMULA);
    await expect(page.locator('img[src=x]').count()).resolves.toBe(0);
    await expect(page.locator('[data-test=main] a').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('approves a record through its whole chain as different people', async () => {
    await asUser('赵敏');
    await tab('queue');
    await expect(page.locator('[data-test=queue-mine-item]').count()).resolves.toBe(4);
    await shot('zh-CN-queue');
    await page.click('[data-test=queue-mine-item][data-number="SW-2026-0001"] button');
    await page.waitForSelector('[data-test=approve]');
    await shot('zh-CN-detail');
    await act('approve', '拟请李总阅批');
    await expect(flash('ok').textContent()).resolves.toContain('待分管领导批示');
    // The approver of the next step sees it; the previous approver no longer can act on it.
    await expect(page.locator('[data-test=approve]').count()).resolves.toBe(0);
    await expect(page.textContent('[data-test=not-yours]')).resolves.toContain('李志华');
    await asUser('李志华');
    // The leader's step produces the instruction and its date: filled in with the approval.
    await page.click('[data-test=fill] summary');
    await page.fill('[data-test=fill] [data-field="阅批日期"]', '2026-03-02');
    await page.fill('[data-test=fill] [data-field="领导批示"]', '请技术部落实');
    // 承办部门办理 is done by the department the leader names, and by nobody else: approving without naming it
    // is refused, and 填写 is opened at 承办部门.
    await page.click('[data-test=fill] summary');
    await page.fill('[data-test=opinion]', '同意,请技术部落实');
    await page.click('[data-test=approve]');
    await expect(flash('error').textContent()).resolves.toContain('同意后下一步“承办部门办理”无人可办理:记录的“承办部门”尚未填写');
    await expect(page.locator('[data-test=fill]').getAttribute('open')).resolves.not.toBeNull();
    await expect(page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).resolves.toBe('承办部门');
    await expect(page.locator('[data-test=fill] [data-field="承办部门"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.selectOption('[data-test=fill] [data-field="承办部门"]', '技术部');
    await act('approve', '同意,请技术部落实');
    await expect(page.textContent('[data-test=fields] [data-field="阅批日期"]')).resolves.toBe('2026-03-02');
    await expect(flash('ok').textContent()).resolves.toContain('待承办部门办理');
    await asUser('何静');
    await act('approve', '已落实');
    await asUser('孙晓燕');
    await act('approve');
    await expect(flash('ok').textContent()).resolves.toContain('已办结');
    const steps = await page.textContent('[data-test=steps]');
    for (const who of ['赵敏', '李志华', '何静', '孙晓燕', '拟请李总阅批']) expect(steps).toContain(who);
    await expect(page.locator('[data-test=audit] tr').count()).resolves.toBe(5);
  });

  it('returns a record with an opinion; the applicant edits and resubmits it', async () => {
    await asUser('赵敏');
    await openRecord('SW-2026-0002');
    await page.click('[data-test=return]');
    await expect(flash('error').textContent()).resolves.toContain('意见');
    await act('return', '来文字号有误,请核对');
    await expect(flash('ok').textContent()).resolves.toContain('已退回');
    await asUser('孙晓燕');
    await tab('queue');
    await page.click('[data-test=queue-returned-item][data-number="SW-2026-0002"] button');
    await page.click('[data-test=edit-resubmit]');
    await expect(page.inputValue(field('来文字号'))).resolves.toBe('长政办函〔2026〕8号');
    await page.fill(field('来文字号'), '长政办函〔2026〕9号');
    await page.click('[data-test=submit]');
    await expect(flash('ok').textContent()).resolves.toContain('待办公室主任拟办');
    await expect(page.textContent('[data-test=fields] [data-field="来文字号"]')).resolves.toBe('长政办函〔2026〕9号');
  });

  it('approves two records at once from 待办, returns one to an earlier step and takes an approval back', async () => {
    await asUser('赵敏');
    await tab('queue');
    for (const number of ['SW-2026-0003', 'SW-2026-0004']) await page.check(`[data-test=queue-mine-item][data-number="${number}"] [data-test=batch-select]`);
    await page.fill('[data-test=batch-opinion]', '拟请李总阅批');
    await page.click('[data-test=batch-approve]');
    await expect(flash('ok').textContent()).resolves.toContain('已办理 2 条,跳过 0 条');
    await expect(page.locator('[data-test=queue-mine-item][data-number="SW-2026-0003"]').count()).resolves.toBe(0);
    // 李志华 returns SW-2026-0003 to 办公室主任拟办, not to the applicant
    await asUser('李志华');
    await openRecord('SW-2026-0003');
    await page.selectOption('[data-test=return-to]', '办公室主任拟办');
    await act('return', '请补充拟办意见');
    await expect(flash('ok').textContent()).resolves.toContain('待办公室主任拟办');
    await asUser('赵敏');
    await expect(page.textContent('[data-test=returned-to-step]')).resolves.toContain('李志华 退回到本步骤:请补充拟办意见');
    await act('approve', '拟请李总阅批,已补充');
    await expect(flash('ok').textContent()).resolves.toContain('待分管领导批示');
    // the next step has not acted: 赵敏 can take the approval back
    await page.click('[data-test=recall]');
    await flash('ok').waitFor();
    await expect(flash('ok').textContent()).resolves.toContain('待办公室主任拟办');
    await act('approve', '拟请李总阅批');
    const audit = await page.textContent('[data-test=audit]');
    for (const word of ['退回至办公室主任拟办', '取回']) expect(audit).toContain(word);
  });

  it('prints the application form for a record', async () => {
    await openRecord('SW-2026-0001');
    await page.click('[data-test=print]');
    await page.waitForSelector('[data-test=print-form]');
    await expect(page.textContent('[data-test=print-note]')).resolves.toContain('收文登记申请单');
    await expect(page.textContent('[data-test=print-form] [data-field="收文编号"]')).resolves.toBe('SW-2026-0001');
    await expect(page.textContent('[data-test=print-form] .tz-sign')).resolves.toContain('李志华');
    await shot('zh-CN-print');
  });

  it('refreshes the summary', async () => {
    await tab('summary');
    await page.click('[data-test=summary-refresh]');
    await expect(flash('ok').textContent()).resolves.toContain('汇总');
    await expect(page.textContent('[data-test=summary-table]')).resolves.toContain('收文登记');
    await shot('zh-CN-summary');
    await tab('settings');
    await expect(page.textContent('[data-test=not-auth]')).resolves.toContain('不是身份验证');
    await shot('zh-CN-settings');
  });

  it('switches language to English and back', async () => {
    await page.selectOption('[data-test=lang]', 'en-US');
    await expect(page.textContent('[data-test=tab-queue]')).resolves.toBe('Queue');
    await expect(page.textContent('[data-test=not-auth]')).resolves.toContain('not authentication');
    await shot('en-US-settings');
    for (const name of ['new', 'queue', 'records', 'summary']) {
      await tab(name);
      await page.waitForLoadState('networkidle');
      await shot(`en-US-${name}`);
    }
    await openRecord('SW-2026-0001');
    await shot('en-US-detail');
    await page.click('[data-test=print]');
    await page.waitForSelector('[data-test=print-form]');
    await expect(page.textContent('[data-test=print-form]')).resolves.toContain('Approval signatures');
    await shot('en-US-print');
    await page.selectOption('[data-test=lang]', 'zh-CN');
    await expect(page.textContent('[data-test=tab-queue]')).resolves.toBe('待办');
  });

  it('saves the workbook; the saved file passes taizhang check and verify and keeps hostile text as text', async () => {
    const file = await saveWorkbook(page, 'tz-e2e-');
    // As of the day the records were made (the page's clock), so real time passing does not make them overdue.
    const check = await runCli(['check', file, '--as-of', '2026-03-02']);
    expect(check.stderr + check.stdout).not.toMatch(/内部错误|internal error/);
    if (check.code !== 0) console.log(check.stdout, check.stderr);
    expect(check.code).toBe(0);
    const verify = await runCli(['verify', file]);
    expect(verify.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('收文登记')!;
    // SW-2026-0004 sits on sheet row 5 (header, then one row per record).
    const cells = ws.getRow(5).values as ExcelJS.CellValue[];
    expect(cells).toContain(XSS);
    expect(cells).toContain(FORMULA);
    const titleCell = ws.getRow(5).getCell(6);
    expect(titleCell.type).toBe(ExcelJS.ValueType.String);
    expect(titleCell.formula).toBeUndefined();
    // A step column typed over by hand with someone not permitted is reported, at its cell.
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).indexOf('办公室主任拟办');
    ws.getRow(2).getCell(header).value = '郑芳';
    const edited = file.replace('saved.xlsx', 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const wrong = await runCli(['check', edited, '--as-of', '2026-03-02', '--json']);
    expect(wrong.code).toBe(1);
    const findings = JSON.parse(wrong.stdout).findings as { rule: string; cell: string; message: string }[];
    const actor = findings.filter((f) => f.rule === 'workflow.actor');
    expect(actor).toHaveLength(1);
    expect(actor[0].cell).toBe(`${ws.getRow(2).getCell(header).address}`);
    expect(actor[0].message).toContain('郑芳无权办理');
    expect(pageErrors).toEqual([]);
  });
});

describe('the demo workbook `npm start` opens', () => {
  it('opens ?demo and shows its records and a queue', async () => {
    // The demo generator over the fixture documents: the same path as `npm start`, independent of templates/ edits.
    const demo = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-demo-')), 'demo.xlsx');
    const made = await runCli(['demo', '--out', demo, '--templates', FIXTURE_DOCS]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const demoServer = await serve(WEB, { '/demo/demo.xlsx': demo });
    const p = await browser.context.newPage();
    page = p;
    try {
      await p.clock.setFixedTime(new Date('2026-11-30T09:00:00+08:00'));
      await p.goto(`${demoServer.url}standalone.html?demo`);
      await p.waitForSelector('[data-test=record-form]', { timeout: 60_000 });
      await expect(p.inputValue('[data-test=register]')).resolves.toBe('incoming_docs');
      await expect(p.textContent('[data-test=file-name]')).resolves.toContain('台账-演示.xlsx');
      await tab('records');
      expect(await p.locator('[data-test=record]').count()).toBeGreaterThan(50);
      await asUser('赵敏');
      await tab('queue');
      expect(await p.locator('[data-test=queue-mine-item], [data-test=queue-overdue-item], [data-test=queue-soon-item]').count()).toBeGreaterThan(0);
      await shot('zh-CN-demo-queue');
    } finally {
      await p.close();
      await demoServer.close();
    }
  });
});

describe('a register edited by hand', () => {
  it('a delegate approves for the delegator while the 委托 on the 设置 sheet is active; the saved file passes check and verify', async () => {
    const catalog = buildCatalog(readDir(FIXTURE_DOCS));
    if (!catalog.ok) throw new Error('fixtures do not parse');
    const settings = { ...catalog.value.settings, delegations: [{ delegator: '赵敏', delegate: '周婷', from: '2026-03-01', to: '2026-03-06', scope: ['收文登记'] }] };
    const wb = await buildWorkbook(catalog.value.registers, settings, { combined: false });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-delegation-'));
    const file = path.join(dir, '收文登记.xlsx');
    await wb.xlsx.writeFile(file);
    const p = await browser.context.newPage();
    page = p;
    await p.clock.setFixedTime(START);
    await p.goto(`${server.url}standalone.html`);
    await p.setInputFiles('[data-test=file-input]', file);
    await p.waitForSelector('[data-test=record-form]');
    await asUser('孙晓燕');
    await fillValid();
    await p.click('[data-test=submit]');
    await expect(flash('ok').textContent()).resolves.toContain('待办公室主任拟办');
    await asUser('周婷');
    await tab('queue');
    const item = p.locator('[data-test=queue-mine-item][data-number="SW-2026-0001"]');
    await expect(item.textContent()).resolves.toContain('代 赵敏 办理');
    await item.locator('button').first().click();
    await p.waitForSelector('[data-test=on-behalf]');
    await act('approve', '拟请李总阅批(代)');
    await expect(p.textContent('[data-test=steps]')).resolves.toContain('周婷(代 赵敏)');
    await expect(p.textContent('[data-test=audit]')).resolves.toContain('周婷(代 赵敏)');
    const download = p.waitForEvent('download');
    await p.click('[data-test=save]');
    const saved = path.join(dir, 'saved.xlsx');
    await (await download).saveAs(saved);
    expect((await runCli(['check', saved, '--as-of', '2026-03-02'])).code).toBe(0);
    expect((await runCli(['verify', saved])).code).toBe(0);
    await p.close();
  });

  it('opens the chosen .xlsx, says what changed and refuses to write to that register', async () => {
    const catalog = buildCatalog(readDir(FIXTURE_DOCS));
    if (!catalog.ok) throw new Error('fixtures do not parse');
    const wb = await buildWorkbook(catalog.value.registers, catalog.value.settings, { combined: false });
    wb.getWorksheet('收文登记')!.getCell('C1').value = '发文单位';
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-tampered-')), '收文登记.xlsx');
    await wb.xlsx.writeFile(file);
    const p = await browser.context.newPage();
    page = p;
    await p.goto(`${server.url}standalone.html`);
    await p.setInputFiles('[data-test=file-input]', file);
    await p.waitForSelector('[data-test=screen-new][data-loaded] [data-test=tampered]');
    const text = await p.textContent('[data-test=tampered]');
    expect(text).toContain('来文单位');
    expect(text).toContain('发文单位');
    await expect(p.isDisabled('[data-test=submit]')).resolves.toBe(true);
    await expect(p.textContent('[data-test=file-name]')).resolves.toContain('收文登记.xlsx');
    await shot('zh-CN-tampered');
    await p.close();
  });
});

describe('the task pane page outside Excel', () => {
  it('loads Office.js from the CDN and, without an Office host, points to Excel and the standalone page', async () => {
    const p = await browser.context.newPage();
    const requested: string[] = [];
    // No network in tests: Microsoft's CDN is refused, as it would be offline.
    await p.route('https://appsforoffice.microsoft.com/**', (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    await p.goto(`${server.url}taskpane.html`);
    await p.waitForSelector('a[href="standalone.html"]');
    expect(requested).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    await expect(p.textContent('#app')).resolves.toContain('Excel');
    await p.close();
  });
});

describe('deadlines on the standalone page', () => {
  it('shows a record overdue after the clock moves on', async () => {
    const p = await browser.context.newPage();
    page = p;
    await p.clock.setFixedTime(START);
    await p.goto(`${server.url}standalone.html`);
    await p.click('[data-test=new-blank]');
    await p.selectOption('[data-test=lang]', 'en-US');
    await expect(p.textContent('[data-test=setup-create]')).resolves.toContain('Create selected registers');
    await shot('en-US-setup');
    await p.selectOption('[data-test=lang]', 'zh-CN');
    await p.check('[data-test=setup-incoming_docs]');
    await p.click('[data-test=setup-create]');
    await p.waitForSelector('[data-test=record-form]');
    await asUser('孙晓燕');
    await fillValid();
    await p.click('[data-test=submit]');
    await flash('ok').waitFor();
    await tab('queue');
    await expect(p.locator('[data-test=queue-overdue-item]').count()).resolves.toBe(0);
    await expect(p.locator('[data-test=queue-soon-item]').count()).resolves.toBe(1);
    await p.clock.setFixedTime(new Date('2026-03-07T10:00:00+08:00'));
    await p.click('[data-test=queue-refresh]');
    await p.waitForSelector('[data-test=queue-overdue-item]');
    const text = await p.textContent('[data-test=queue-overdue]');
    expect(text).toContain('SW-2026-0001');
    expect(text).toContain('逾期 3 天');
    await shot('zh-CN-overdue');
    await p.close();
  });
});
