/**
 * Approvals as an office runs them, in headless Chromium on the standalone page over a workbook built with the
 * shipped documents: 赵敏 approves 20 records of two registers (收文登记 and 用印登记) at once from 待办 with one
 * opinion; a 经济合同 用印 record is returned by the company leader to its second step (法律部门审查), acted on again
 * there and carried on to 已办结. Each saved file passes `taizhang check` and `taizhang verify`.
 * Needs `npm run build` (dist/web).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { AUDIT_SHEET } from '../../src/core/layout';
import { isAuditHeader, rowToEntry, type AuditEntry } from '../../src/core/audit';
import { serialToDateTime, type RecordValue } from '../../src/core/cells';
import { buildCatalog } from '../../src/spec/catalog';
import { QUEUE_PAGE } from '../../src/taskpane/queueRows';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook, sheetValues } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { runCli } from '../support/cli';
import { TEMPLATES_DIR, readDir } from '../support/docs';
import { openStandalone, saveWorkbook, incomingRecord, screenshotPath, type StandaloneRun } from './support';

const START = new Date('2026-03-03T09:00:00+08:00');
const AS_OF = '2026-03-03';
const REGISTERS = ['incoming_docs', 'seal_use'];
const PER_REGISTER = 10;
/** The 经济合同 record carried through 退回 to its second step: already past 部门领导审核 when the page opens. */
const CONTRACT = 'YY-202603-011';

const incoming = incomingRecord;

const seal = (i: number, kind = '日常事务'): Record<string, RecordValue> => ({
  用印日期: '2026-03-02',
  用印部门: '综合办公室',
  经办人: '孙晓燕',
  用印类型: kind,
  印章名称: kind === '经济合同' ? '合同专用章' : '公司行政章',
  文件名称: kind === '经济合同' ? '办公楼物业服务合同' : `第${i + 1}号工作联系函`,
  用印份数: 2,
  批准方式: '文字批准',
  领导书面批示: kind === '经济合同' ? '同意签订' : '',
});

/** The shipped documents' registers `ids` in a new workbook, and the page's own Session over it (exceljs). */
async function shippedWorkbook(ids: string[], combined: boolean): Promise<{ wb: ExcelJS.Workbook; submitted: (id: string, values: Record<string, RecordValue>) => Promise<{ number: string }>; session: Session }> {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates/ do not parse');
  const wb = await buildWorkbook(catalog.value.registers.filter((r) => ids.includes(r.id)), catalog.value.settings, { combined });
  const session = new Session(new ExcelJsWorkbook(wb), () => '2026-03-02T09:00');
  await session.open();
  const submitted = async (id: string, values: Record<string, RecordValue>) => {
    const result = await session.submit(id, values, '孙晓燕');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  };
  return { wb, session, submitted };
}

/**
 * The starting workbook, made as the page would make it: the shipped 收文登记 and 用印登记 with their 设置, 10 records
 * of each submitted by 孙晓燕 of 综合办公室 (all waiting at 赵敏's step: 办公室主任拟办 / 部门领导审核), and one
 * 经济合同 用印 record that 赵敏 has already passed on to 法律部门审查.
 */
async function startingWorkbook(dir: string): Promise<string> {
  const { wb, session, submitted } = await shippedWorkbook(REGISTERS, true);
  for (let i = 0; i < PER_REGISTER; i++) await submitted('incoming_docs', incoming(i));
  for (let i = 0; i < PER_REGISTER; i++) await submitted('seal_use', seal(i));
  const contract = await submitted('seal_use', seal(PER_REGISTER, '经济合同'));
  expect(contract.number).toBe(CONTRACT);
  const passed = await session.act('seal_use', { row: PER_REGISTER, number: CONTRACT }, { kind: 'approve', opinion: '同意报法律部门审查' }, '赵敏');
  if (!passed.ok) throw new Error(JSON.stringify(passed.errors));
  expect(passed.status).toBe('待法律部门审查');
  const file = path.join(dir, '审批.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

interface Saved {
  wb: ExcelJS.Workbook;
  audit: AuditEntry[];
}

async function readSaved(file: string): Promise<Saved> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = sheetValues(wb.getWorksheet(AUDIT_SHEET)!);
  const start = rows.findIndex((r) => isAuditHeader(r)) + 1;
  return { wb, audit: rows.slice(start).filter((r) => r.length).map(rowToEntry) };
}

/** A register's rows by header, from the saved file. */
function recordsOf(wb: ExcelJS.Workbook, sheet: string): Record<string, unknown>[] {
  const [header, ...rows] = sheetValues(wb.getWorksheet(sheet)!);
  return rows.filter((r) => r.some((v) => v !== null && v !== '')).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? null])));
}

async function passesCheckAndVerify(file: string): Promise<void> {
  const check = await runCli(['check', file, '--as-of', AS_OF]);
  if (check.code !== 0) console.log(check.stdout, check.stderr);
  expect(check.code).toBe(0);
  const verify = await runCli(['verify', file]);
  if (verify.code !== 0) console.log(verify.stdout, verify.stderr);
  expect(verify.code).toBe(0);
}

/** 1,001 收文 records waiting at 办公室主任拟办, the last passed on by 赵敏 to 分管领导批示 (李志华's step). */
async function crowdedWorkbook(dir: string, count: number): Promise<string> {
  const { wb, session, submitted } = await shippedWorkbook(['incoming_docs'], false);
  let last = '';
  for (let i = 0; i < count; i++) last = (await submitted('incoming_docs', incoming(i))).number;
  const passed = await session.act('incoming_docs', { row: count - 1, number: last }, { kind: 'approve', opinion: '拟请李总阅批' }, '赵敏');
  if (!passed.ok) throw new Error(JSON.stringify(passed.errors));
  const file = path.join(dir, '收文登记-1001.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

let run: StandaloneRun;
let page: Page;
let dir: string;
let current: string;
const pageErrors: string[] = [];
const flash = (kind: string) => page.locator(`[data-test=flash-${kind}]`);

async function asUser(name: string): Promise<void> {
  await page.selectOption('[data-test=user]', name);
}

async function queue(): Promise<void> {
  await page.click('[data-test=tab-queue]');
  await page.waitForSelector('[data-test=screen-queue][data-loaded]');
}

/** Opens the record from the user's 待办 and acts on it with an opinion. */
async function actFromQueue(user: string, kind: 'approve' | 'return', opinion: string, returnTo?: string): Promise<string> {
  await asUser(user);
  await queue();
  await page.click(`[data-test=queue-mine-item][data-number="${CONTRACT}"] button`);
  await page.waitForSelector(`[data-test=${kind}]`);
  if (returnTo) await page.selectOption('[data-test=return-to]', returnTo);
  await page.fill('[data-test=opinion]', opinion);
  await page.click(`[data-test=${kind}]`);
  await flash('ok').waitFor();
  return (await flash('ok').textContent()) ?? '';
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tz-approvals-'));
  current = await startingWorkbook(dir);
  run = await openStandalone(START, (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
  page = run.page;
  await page.setInputFiles('[data-test=file-input]', current);
  await page.waitForSelector('[data-test=record-form]');
}, 120_000);

afterAll(async () => {
  await run?.close();
});

describe('approvals on the standalone page over the shipped 收文登记 and 用印登记', () => {
  it('赵敏 approves 20 records of two registers at once from 待办 with one opinion; each gets its own step values and audit entry', async () => {
    await asUser('赵敏');
    await queue();
    const mine = page.locator('[data-test=queue-mine] [data-test=queue-mine-item]');
    await expect(mine.count()).resolves.toBe(2 * PER_REGISTER);
    await page.check('[data-test=batch-all]');
    await expect(page.locator('[data-test=batch-select]:checked').count()).resolves.toBe(2 * PER_REGISTER);
    await page.fill('[data-test=batch-opinion]', '同意,按规定办理');
    await page.screenshot({ path: screenshotPath('zh-CN-batch-20'), fullPage: true });
    await page.click('[data-test=batch-approve]');
    await expect(flash('ok').textContent()).resolves.toContain(`已办理 ${2 * PER_REGISTER} 条,跳过 0 条`);
    await page.waitForSelector('[data-test=screen-queue][data-loaded]');
    // The 收文 records have gone on to 分管领导批示; the 日常事务 用印 records come back to 赵敏 at their next step.
    await expect(mine.count()).resolves.toBe(PER_REGISTER);
    for (const number of await mine.evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.number ?? ''))) expect(number).toMatch(/^YY-/);
    await expect(page.textContent('[data-test=queue-mine]')).resolves.toContain('办公室主任审批');

    current = await saveWorkbook(page, 'tz-batch-');
    await passesCheckAndVerify(current);
    const { wb, audit } = await readSaved(current);
    const approvals = audit.filter((e) => e.action === '审批' && e.actor === '赵敏' && e.number !== CONTRACT);
    expect(approvals).toHaveLength(2 * PER_REGISTER);
    expect(new Set(approvals.map((e) => e.number)).size).toBe(2 * PER_REGISTER);
    expect(new Set(approvals.map((e) => e.register))).toEqual(new Set(REGISTERS));
    for (const [sheet, step, next] of [
      ['收文登记', '办公室主任拟办', '待分管领导批示'],
      ['用印登记', '部门领导审核', '待办公室主任审批'],
    ]) {
      const records = recordsOf(wb, sheet).filter((r) => !Object.values(r).includes(CONTRACT));
      expect(records).toHaveLength(PER_REGISTER);
      for (const r of records) {
        expect(r[step]).toBe('赵敏');
        expect(r[`${step}意见`]).toBe('同意,按规定办理');
        expect(serialToDateTime(Number(r[`${step}时间`]))).toMatch(/^2026-03-03T09:00/);
        expect(r['状态']).toBe(next);
        expect(approvals.filter((e) => Object.values(r).includes(e.number))).toHaveLength(1);
      }
    }
  });

  it('a 经济合同 用印 returned to its second step (法律部门审查) is acted on again there and goes on to 已办结', async () => {
    await expect(actFromQueue('黄蕾', 'approve', '合同条款无异议')).resolves.toContain('待公司领导审批');
    await expect(actFromQueue('李志华', 'return', '违约条款请法律部门再审', '法律部门审查')).resolves.toContain('待法律部门审查');
    // 黄蕾 sees who sent it back to her step, and why.
    await asUser('黄蕾');
    await queue();
    await page.click(`[data-test=queue-mine-item][data-number="${CONTRACT}"] button`);
    await expect(page.textContent('[data-test=returned-to-step]')).resolves.toContain('李志华 退回到本步骤:违约条款请法律部门再审');
    await expect(actFromQueue('黄蕾', 'approve', '违约条款已修改,无异议')).resolves.toContain('待公司领导审批');
    await expect(actFromQueue('李志华', 'approve', '同意签订')).resolves.toContain('待综合办公室盖章');
    await expect(actFromQueue('周婷', 'approve', '已盖章')).resolves.toContain('已办结');
    const history = (await page.textContent('[data-test=audit]')) ?? '';
    expect(history).toContain('退回至法律部门审查');
    await page.screenshot({ path: screenshotPath('zh-CN-return-to-second-step'), fullPage: true });

    current = await saveWorkbook(page, 'tz-return-');
    await passesCheckAndVerify(current);
    const { wb, audit } = await readSaved(current);
    const contract = recordsOf(wb, '用印登记').find((r) => r['用印编号'] === CONTRACT)!;
    expect(contract).toMatchObject({
      状态: '已办结',
      部门领导审核: '赵敏',
      法律部门审查: '黄蕾',
      法律部门审查意见: '违约条款已修改,无异议',
      公司领导审批: '李志华',
      综合办公室盖章: '周婷',
    });
    // The audit keeps every act on the record, the ones the 退回 cleared included, in order.
    expect(audit.filter((e) => e.number === CONTRACT).map((e) => `${e.action} ${e.actor}`)).toEqual([
      '提交 孙晓燕',
      '审批 赵敏',
      '审批 黄蕾',
      '退回至法律部门审查 李志华',
      '审批 黄蕾',
      '审批 李志华',
      '审批 周婷',
    ]);
    expect(pageErrors).toEqual([]);
  });
});

describe('待办 over more open records than one page', () => {
  it('reads the user’s own record first, counts the rest and reads them on 读取更多', async () => {
    const file = await crowdedWorkbook(dir, QUEUE_PAGE + 1);
    const p = await run.browser.context.newPage();
    page = p;
    try {
      await p.clock.setFixedTime(START);
      await p.goto(`${run.server.url}standalone.html`);
      await p.setInputFiles('[data-test=file-input]', file);
      await p.waitForSelector('[data-test=record-form]');
      await asUser('李志华');
      await queue();
      // His one record is the workbook's last row, past the first page, and still read.
      await expect(p.locator('[data-test=queue-mine-item]').count()).resolves.toBe(1);
      await expect(p.textContent('[data-test=queue-unread]')).resolves.toContain('另有 1 条未读取');
      await p.click('[data-test=queue-more]');
      await p.waitForSelector('[data-test=screen-queue][data-loaded]');
      await expect(p.locator('[data-test=queue-unread]').count()).resolves.toBe(0);
      await expect(p.locator('[data-test=queue-mine-item]').count()).resolves.toBe(1);
    } finally {
      await p.close();
    }
  }, 120_000);
});
