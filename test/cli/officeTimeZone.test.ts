/**
 * "now" for check and retention is the office's wall clock, in the zone 设置 names (Asia/Shanghai when none) —
 * not the zone of the machine the CLI runs on. The CLI runs as a child process on a machine put in UTC, New York
 * or Beijing (TZ), its clock fixed just before and after the office's midnight that decides the case.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliRun } from '../support/cli';
import { bundleCli, runCliOn } from '../support/cliChild';
import { ROOT, fixtureDocument, fixtureContext, fixtureSettings, readDir } from '../support/docs';
import { buildCatalog } from '../../src/spec/catalog';
import { SUPPLIES_IDS } from '../../src/demo/supplies';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-office-zone-'));
// 收文登记 without its approval chain: a record is complete as entered, so only time decides what is reported.
const parsed = parseRegisterDocument(fixtureDocument().replace(/## 审批流程\n\n[\s\S]*?\n\n## 字段/, '## 审批流程\n\n无\n\n## 字段'), '收文登记.md', fixtureContext());
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const spec = parsed.value;
const VALUES = { 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };

/**
 * A workbook with one record received on 2 March 2026 and not yet read by a leader: its 呈批 deadline (1 day) runs
 * to the end of 3 March, office time. A second record, received 2 March 2024, is kept 二年: due for destruction
 * from 2 March 2026, office time.
 */
async function workbook(name: string, timeZone: string | undefined): Promise<string> {
  const wb = await buildWorkbook([spec], { ...fixtureSettings(), timeZone }, { combined: false });
  const session = new Session(new ExcelJsWorkbook(wb), () => '2026-03-02T10:00');
  await session.open();
  for (const values of [{ ...VALUES, 收文日期: '2024-03-02', 阅批日期: '2024-03-02', 办结日期: '2024-03-05' }, { ...VALUES, 收文日期: '2026-03-02' }])
    expect(await session.submit(spec.id, values, '孙晓燕')).toMatchObject({ ok: true });
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function overdue(r: CliRun) {
  expect(r.stdout).not.toBe('');
  const report = JSON.parse(r.stdout);
  return { code: r.code, asOf: report.asOf as string, overdue: report.findings.filter((f: { severity: string }) => f.severity === 'overdue').length, stderr: r.stderr };
}

/** `taizhang check FILE --json [flags]` at each instant, on a machine in `machineZone`. */
async function checks(machineZone: string, runs: [file: string, now: string, ...flags: string[]][]) {
  const results = await runCliOn(runner, machineZone, runs.map(([file, now, ...flags]) => ({ now, argv: ['check', file, '--json', ...flags] })));
  return results.map(overdue);
}

let runner: string;
let shanghai: string;
let unset: string;
let newYork: string;
beforeAll(async () => {
  runner = await bundleCli();
  shanghai = await workbook('上海.xlsx', 'Asia/Shanghai');
  unset = await workbook('未设时区.xlsx', undefined);
  newYork = await workbook('纽约.xlsx', 'America/New_York');
});

// Midnight between 3 and 4 March in Beijing is 16:00 UTC on 3 March (08:00 on the 3rd would be UTC's own midnight + 8 h).
const BEFORE_BEIJING_MIDNIGHT = '2026-03-03T15:59:00Z';
const AFTER_BEIJING_MIDNIGHT = '2026-03-03T16:00:00Z';

describe('taizhang check judges overdue by the office’s clock', () => {
  it.each(['UTC', 'America/New_York'])('an office in Asia/Shanghai (or with no 时区), the machine in %s', async (machine) => {
    expect(await checks(machine, [[shanghai, BEFORE_BEIJING_MIDNIGHT], [shanghai, AFTER_BEIJING_MIDNIGHT], [unset, AFTER_BEIJING_MIDNIGHT]])).toEqual([
      { code: 0, asOf: '2026-03-03 23:59', overdue: 0, stderr: '' },
      { code: 1, asOf: '2026-03-04 00:00', overdue: 1, stderr: '' },
      { code: 1, asOf: '2026-03-04 00:00', overdue: 1, stderr: '' },
    ]);
  });

  it('an office in New York is judged at New York’s midnight, on a machine in Beijing', async () => {
    // Beijing has long passed midnight; it is still 3 March in New York.
    expect(await checks('Asia/Shanghai', [[newYork, '2026-03-04T04:59:00Z'], [newYork, '2026-03-04T05:00:00Z']])).toEqual([
      { code: 0, asOf: '2026-03-03 23:59', overdue: 0, stderr: '' },
      { code: 1, asOf: '2026-03-04 00:00', overdue: 1, stderr: '' },
    ]);
  });

  it('--as-of still decides when given; a 时区 that is not a zone is named with its cell and Asia/Shanghai is used', async () => {
    const badZone = await workbook('坏时区.xlsx', '北京时间');
    const [asOf, bad] = await checks('UTC', [[shanghai, '2026-03-05T00:00:00Z', '--as-of', '2026-03-03'], [badZone, AFTER_BEIJING_MIDNIGHT]]);
    expect(asOf).toEqual({ code: 0, asOf: '2026-03-03 23:59:59', overdue: 0, stderr: '' });
    expect(bad).toEqual({ code: 1, asOf: '2026-03-04 00:00', overdue: 1, stderr: 'taizhang check: 设置!J2:时区“北京时间”不是有效的时区名(应写如 Asia/Shanghai),已按 Asia/Shanghai 计算' });
  });
});

describe('taizhang retention takes "now" in the office’s zone', () => {
  it('a record kept 二年 from 2 March 2024 is due from Beijing’s midnight on 2 March 2026, not UTC’s', async () => {
    const runs = ['2026-03-01T15:59:00Z', '2026-03-01T16:00:00Z'].map((now) => ({ now, argv: ['retention', shanghai, '--json'] }));
    const lists = (await runCliOn(runner, 'UTC', runs)).map((r) => {
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const list = JSON.parse(r.stdout);
      return { asOf: list.asOf, due: list.items.map((i: { due: string }) => i.due) };
    });
    expect(lists).toEqual([
      { asOf: '2026-03-01', due: [] },
      { asOf: '2026-03-02', due: ['2026-03-02'] },
    ]);
  });
});

describe('taizhang analyze takes "today" in the office’s zone', () => {
  it('the analysis date turns at Beijing’s midnight on a machine in UTC', async () => {
    const catalog = buildCatalog(readDir(path.join(ROOT, 'test', 'fixtures', 'demo-templates')));
    if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
    const wb = await buildWorkbook(catalog.value.registers.filter((r) => SUPPLIES_IDS.has(r.id)), { ...catalog.value.settings, timeZone: 'Asia/Shanghai' }, { combined: true });
    const file = path.join(tmp, '办公用品.xlsx');
    await wb.xlsx.writeFile(file);
    const runs = [BEFORE_BEIJING_MIDNIGHT, AFTER_BEIJING_MIDNIGHT].map((now) => ({ now, argv: ['analyze', file, '--json'] }));
    const dates = (await runCliOn(runner, 'UTC', runs)).map((r) => {
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout).asOf;
    });
    expect(dates).toEqual(['2026-03-03', '2026-03-04']);
  });
});
