/**
 * Setting registers up in a workbook that is already open (the task pane on a blank workbook, or adding more
 * later): the result is laid out as `taizhang templates` lays it out and passes `taizhang check`.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SETTINGS_SHEET, tableName } from '../../../src/core/layout';
import { buildCatalog } from '../../../src/spec/catalog';
import type { RegisterSpec } from '../../../src/spec/schema';
import { Session } from '../../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../../src/workbook/exceljs/adapter';
import { runCli } from '../../support/cli';
import { FIXTURE_DOCS, readDir } from '../../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error('fixtures do not parse');
const { settings } = catalog.value;
const spec = catalog.value.registers[0];
const second: RegisterSpec = { ...spec, id: 'incoming_docs_b', name: '收文登记乙', formCode: 'GL/YJ-BG-99' };

function blank(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1');
  return wb;
}

async function saved(wb: ExcelJS.Workbook): Promise<string> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-setup-')), 'book.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

describe('setting registers up in an open workbook', () => {
  it('turns a blank workbook into a register workbook that passes taizhang check', async () => {
    const wb = blank();
    const session = new Session(new ExcelJsWorkbook(wb), () => '2026-03-02T09:00');
    expect((await session.open()).kind).toBe('blank');
    const opened = await session.setUp([spec], settings);
    expect(opened.kind).toBe('ready');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '收文登记', '收文登记申请单', '说明', '设置', '_taizhang', '_审计']);
    const submitted = await session.submit(spec.id, { 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 }, '孙晓燕');
    expect(submitted).toMatchObject({ ok: true, number: 'SW-2026-0001' });
    await session.refreshSummary();
    expect(wb.worksheets[0].name).toBe('汇总');
    const file = await saved(wb);
    const check = await runCli(['check', file, '--as-of', '2026-03-02']);
    expect(check.stdout + check.stderr).not.toContain('内部错误');
    expect(check.code).toBe(0);
    expect((await runCli(['verify', file])).code).toBe(0);
  });

  it('adds a register later, keeping the records and the 设置 sheet as the office edited them', async () => {
    const wb = blank();
    const port = new ExcelJsWorkbook(wb);
    await port.setUp({ specs: [spec], settings });
    wb.getWorksheet(SETTINGS_SHEET)!.getCell('G30').value = '新同事';
    const session = new Session(port, () => '2026-03-02T09:00');
    await session.open();
    await session.submit(spec.id, { 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 }, '孙晓燕');
    const opened = await session.setUp([second], settings);
    expect(opened.kind === 'ready' && opened.meta.registers.map((r) => r.id)).toEqual(['incoming_docs', 'incoming_docs_b']);
    expect(wb.getWorksheet(SETTINGS_SHEET)!.getCell('G30').value).toBe('新同事');
    const data = await session.load();
    expect(data.map((d) => [d.meta.id, d.records.length, d.problems.length])).toEqual([['incoming_docs', 1, 0], ['incoming_docs_b', 0, 0]]);
    const read = await port.read({ tables: [tableName(second)] });
    expect(read.tables[tableName(second)]!.headers).toEqual(data[0].snapshot!.headers);
  });

  it('refuses a register the workbook already has', async () => {
    const port = new ExcelJsWorkbook(blank());
    await port.setUp({ specs: [spec], settings });
    await expect(port.setUp({ specs: [spec], settings })).rejects.toThrow(/already/);
  });
});
