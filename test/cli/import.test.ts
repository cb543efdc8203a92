/**
 * taizhang import on hand-made ledgers built here the way offices make them: exceljs (merged title, two-row header,
 * 序号, blank and 合计 rows, units, ticks), openpyxl (Python office scripts), and a GB18030 CSV from "另存为 CSV".
 * Every test checks the accounting: imported + rejected + blank/subtotal + imported before = source rows.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { OLD_LEDGER_REJECTED, OLD_LEDGER_SHEET, oldLedgerRows } from '../../src/demo/oldLedger';
import { sheetValues } from '../../src/workbook/exceljs/adapter';
import { runCli } from '../support/cli';
import { builtTemplates } from '../support/templates';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-import-'));
let templates = '';
let combined = '';

beforeAll(async () => {
  templates = await builtTemplates();
  combined = path.join(templates, '收文登记.xlsx');
}, 120_000);

/** A fresh copy of a blank register workbook (with its 设置) for one test. */
function workbook(name: string, register = '收文登记'): string {
  const file = path.join(tmp, `${name}.xlsx`);
  copyFileSync(path.join(templates, `${register}.xlsx`), file);
  return file;
}

type Cell = string | number | null;

async function xlsxLedger(name: string, rows: Cell[][], merges: string[] = [], sheet = '收文登记簿'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  merges.forEach((m) => ws.mergeCells(m));
  const file = path.join(tmp, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function json(args: string[]) {
  const r = await runCli([...args, '--json']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) };
}

function accounted(report: { summary: Record<string, number> }) {
  const s = report.summary;
  expect(s.imported + s.rejected + s.blankOrSubtotal + s.alreadyImported).toBe(s.sourceRows);
}

async function registerRows(file: string, sheet: string): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return sheetValues(wb.getWorksheet(sheet)!) as Cell[][];
}

/** A 收文登记簿 with a merged title, a blank row, a two-row header (来文 over 单位/字号), 序号, dates typed five ways. */
const TWO_ROW: Cell[][] = [
  ['2025年收文登记簿'],
  [],
  ['序号', '收文日期', '来文', null, '来文类型', '标题', '重要程度', '缓急', '密级', '份数(份)', '承办科室'],
  [null, null, '单位', '字号', null, null, null, null, null, null, null],
  [1, '2025.3.5', '长沙市人民政府办公厅', '长政办发〔2025〕8号', '上级来文', '关于安全生产的通知', '重要文件', '加急', '内部', '3份', '综合办公室'],
  [2, '2025年3月12日', '湖南省工商联', '湘工商联〔2025〕15号', '上级来文', '关于调研的函', '一般文件', '平件', '公开', '1 份', '市场部'],
  [3, '', '', '', '', '', '', '', '', '', ''],
  [4, '25.4.2', '百盛商贸', '百盛函〔2025〕4号', '平级来文', '调价函', '一般文件', '平件', '公开', 2, '物资部'],
  [5, '2025/13/1', '消防支队', '长消〔2025〕22号', '上级来文', '消防检查', '重要文件', '加急', '内部', '2份', '综合办公室'],
  [6, 45762, '税务局', '长税函〔2025〕40号', '上级来文', '发票管理', '一般文件', '平件', '内部', '一份', '财务部'],
  [7, '2025-5-6', '人社厅', '湘人社函〔2025〕66号', '下级来文', '招聘工作', '一般文件', '特急', '绝密', '2份', '人力资源部'],
  ['合计', null, null, null, null, null, null, null, null, '11份', null],
];
const TWO_ROW_MERGES = ['A1:K1', 'C3:D3', 'A3:A4', 'B3:B4', 'E3:E4', 'F3:F4', 'G3:G4', 'H3:H4', 'I3:I4', 'J3:J4', 'K3:K4'];

describe('a two-row header under a merged title (exceljs)', () => {
  let source = '';
  let target = '';
  beforeAll(async () => {
    source = await xlsxLedger('two-row', TWO_ROW, TWO_ROW_MERGES);
    target = workbook('two-row-target');
  });

  it('finds the header on rows 3–4, joins 来文+单位, rejects each bad row at its cell with its reason', async () => {
    const out = path.join(tmp, 'two-row-out.xlsx');
    const { code, report } = await json(['import', source, '--into', target, '--register', '收文登记', '--out', out]);
    expect(code).toBe(1);
    expect(report.header).toMatchObject({ row: 3, height: 2 });
    const mapped = Object.fromEntries(report.mapping.columns.filter((c: { field: string | null }) => c.field).map((c: { header: string; field: string }) => [c.header, c.field]));
    expect(mapped).toMatchObject({ 来文单位: '来文单位', 来文字号: '来文字号', '份数(份)': '份数', 承办科室: '承办部门', 重要程度: '文件类别' });
    expect(report.rejected.map((r: { where: string; problems: { cell: string; field: string }[] }) => [r.where, r.problems.map((p) => `${p.cell} ${p.field}`)])).toEqual([
      ['收文登记簿!9', ['B9 收文日期']],
      ['收文登记簿!10', ['J10 份数']],
      ['收文登记簿!11', ['I11 密级']],
    ]);
    expect(report.rejected[0].problems[0].message).toContain('“2025/13/1”不是有效日期');
    expect(report.rejected[2].problems[0].messageEn).toContain('"绝密" is not among the list "密级"');
    expect(report.rejected[1].problems[0].message).toContain('“一份”不是数字');
    expect(report.summary).toMatchObject({ sourceRows: 8, imported: 3, rejected: 3, blankOrSubtotal: 2, alreadyImported: 0 });
    accounted(report);
    const rows = await registerRows(out, '收文登记');
    const year = new Date().getFullYear();
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[9]])).toEqual([
      [`SW-${year}-0001`, 45721, '长沙市人民政府办公厅', 3],
      [`SW-${year}-0002`, 45728, '湖南省工商联', 1],
      [`SW-${year}-0003`, 45749, '百盛商贸', 2],
    ]);
    expect(rows[1][rows[0].indexOf('状态')]).toBe('已办结');
    expect(readFileSync(target).equals(readFileSync(combined))).toBe(true);
    const verify = await runCli(['verify', out]);
    expect(verify.code).toBe(0);
  });

  it('importing the same file again adds nothing and counts every row as imported before', async () => {
    const once = path.join(tmp, 'again-1.xlsx');
    await json(['import', source, '--into', target, '--register', '收文登记', '--out', once]);
    const { code, report } = await json(['import', source, '--into', once, '--register', 'incoming_docs', '--in-place']);
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ imported: 0, alreadyImported: 3, rejected: 3 });
    accounted(report);
    expect((await registerRows(once, '收文登记')).length).toBe(1 + 3);
  });
});

describe('--report, --map and the mapping saved in the workbook', () => {
  it('writes a copy of the source with a 问题 column; fixed and imported again, only the fixed rows come in', async () => {
    const source = await xlsxLedger('report-src', TWO_ROW, TWO_ROW_MERGES);
    const target = workbook('report-target');
    const reportFile = path.join(tmp, 'report.xlsx');
    await json(['import', source, '--into', target, '--register', '收文登记', '--in-place', '--report', reportFile]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(reportFile);
    const ws = wb.getWorksheet('收文登记簿')!;
    const rows = sheetValues(ws);
    const col = rows[3].indexOf('问题');
    expect(col).toBe(11);
    expect(String(rows[8][col])).toContain('不是有效日期');
    expect(rows[4][col] ?? null).toBeNull();
    ws.getCell('B9').value = '2025/3/1';
    ws.getCell('J10').value = '1份';
    await wb.xlsx.writeFile(reportFile);
    const { code, report } = await json(['import', reportFile, '--into', target, '--register', '收文登记', '--in-place']);
    expect(report.summary).toMatchObject({ imported: 2, rejected: 1, alreadyImported: 3 });
    expect(code).toBe(1);
    accounted(report);
  });

  it('exit 2 when a required field has no column, listing the headers found and the fields missing; --map confirms', async () => {
    const rows: Cell[][] = [
      ['发文日期', '来文机关', '来文类型', '标题', '重要程度', '缓急', '密级', '份数'],
      ['2025-3-5', '市政府', '上级来文', '通知', '一般文件', '平件', '公开', '1'],
    ];
    const source = await xlsxLedger('need-map', rows);
    const target = workbook('need-map-target');
    const mapFile = path.join(tmp, 'mapping.json');
    const r = await runCli(['import', source, '--into', target, '--register', '收文登记', '--map', mapFile, '--in-place']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('必填字段没有对应的列:收文日期');
    expect(r.stderr).toContain('发文日期、来文机关、来文类型');
    expect(r.stderr).toContain('建议:“发文日期” → “收文日期”(须确认)');
    const asJson = await runCli(['import', source, '--into', target, '--register', '收文登记', '--json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: 'requiredFieldsUnmapped', missing: ['收文日期'], suggestions: { 发文日期: '收文日期' } });
    const proposed = JSON.parse(readFileSync(mapFile, 'utf8'));
    expect(proposed.columns['发文日期']).toBeNull();
    expect(proposed.suggestions['发文日期']).toBe('收文日期');
    proposed.columns['发文日期'] = '收文日期';
    writeFileSync(mapFile, JSON.stringify(proposed));
    const ok = await json(['import', source, '--into', target, '--register', '收文登记', '--map', mapFile, '--in-place']);
    expect(ok.code).toBe(0);
    expect(ok.report.summary.imported).toBe(1);
    // Next month's file with the same headers: the mapping saved in the workbook is used without --map.
    const next = await xlsxLedger('need-map-2', [rows[0], ['2025-4-5', '省政府', '上级来文', '另一通知', '一般文件', '平件', '公开', '2']]);
    const again = await json(['import', next, '--into', target, '--register', '收文登记', '--in-place']);
    expect(again.code).toBe(0);
    expect(again.report.mapping.source).toBe('saved');
    expect(again.report.summary.imported).toBe(1);
  });

  it('never overwrites the workbook without --in-place; bad usage and unreadable input exit 2 without a stack trace', async () => {
    const target = workbook('usage');
    const before = statSync(target).mtimeMs;
    const source = await xlsxLedger('usage-src', TWO_ROW, TWO_ROW_MERGES);
    expect((await runCli(['import', source, '--into', target, '--register', '收文登记', '--out', target])).code).toBe(2);
    expect((await runCli(['import', source, '--into', target, '--register', '没有这个登记表'])).stderr).toContain('没有登记表“没有这个登记表”');
    const notXlsx = path.join(tmp, 'not.xlsx');
    writeFileSync(notXlsx, 'hello');
    const bad = await runCli(['import', notXlsx, '--into', target, '--register', '收文登记']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不是 Excel 工作簿');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(statSync(target).mtimeMs).toBe(before);
    expect(existsSync(path.join(tmp, 'usage-导入.xlsx'))).toBe(false);
  });
});

describe('a GB18030 CSV ("另存为 CSV" in Chinese Excel or WPS)', () => {
  it('is decoded, imported, and its rejections located by CSV line', async () => {
    const text = [
      '收文日期,来文单位,来文类别,文件标题,文件类别,紧急程度,密级,份数,备注',
      '2025年3月5日,长沙市人民政府,上级来文,"关于""安全生产""的通知",一般文件,加急,内部,3份,"多行',
      '备注"',
      '2025.3.6,湖南省政府,上级来文,通知二,一般文件,平件,公开,1,',
      ',,,,,,,,',
      '2025.3.7,某公司,外来文,通知三,一般文件,平件,公开,1,',
      '合计,,,,,,,4,',
    ].join('\r\n');
    const file = path.join(tmp, 'gbk.csv');
    writeFileSync(file, Buffer.from(new Uint8Array(encodeGb18030(text))));
    const target = workbook('csv-target');
    const { code, report } = await json(['import', file, '--into', target, '--register', '收文登记', '--in-place']);
    expect(report.encoding).toBe('gb18030');
    expect(code).toBe(1);
    // Row 5 as Excel shows the file: the quoted two-line 备注 is one row.
    expect(report.rejected.map((r: { where: string; problems: { field: string }[] }) => [r.where, r.problems[0].field])).toEqual([['gbk.csv!5', '来文类别']]);
    expect(report.summary).toMatchObject({ sourceRows: 5, imported: 2, rejected: 1, blankOrSubtotal: 2 });
    accounted(report);
    const rows = await registerRows(target, '收文登记');
    expect(rows[1][5]).toBe('关于"安全生产"的通知');
    expect(rows[1][14]).toBe('多行\r\n备注');
  });
});

describe('a ledger written by openpyxl (Python office scripts)', () => {
  it('is read through the same loader, with its merged title and ticks', async () => {
    const file = path.join(tmp, 'openpyxl.xlsx');
    const script = `
import sys
from openpyxl import Workbook
wb = Workbook()
ws = wb.active
ws.title = "用印登记本"
ws["A1"] = "用印登记本"
ws.merge_cells("A1:J1")
ws.append([])
ws.append(["序号", "盖章日期", "申请部门", "用印人", "类型", "所用印章", "用印事由", "份数", "批准方式", "批准人签名"])
ws.append([1, "2025.3.5", "综合办公室", "孙晓燕", "日常事务", "公司行政章", "介绍信", "2份", "口头批准", "√"])
ws.append([2, "2025年3月6日", "财务部", "郑芳", "日常事务", "财务专用章", "报销单", "1", "口头批准", "×"])
ws.append([3, "2025/3/7", "销售部", "不在名单", "日常事务", "公司行政章", "证明", "1", "口头批准", "Y"])
wb.save(sys.argv[1])
`;
    execFileSync('/usr/bin/python3', ['-c', script, file]);
    const target = workbook('openpyxl-target', '用印登记');
    const { code, report } = await json(['import', file, '--into', target, '--register', '用印登记', '--in-place']);
    expect(code).toBe(1);
    expect(report.header.row).toBe(3);
    expect(report.rejected.map((r: { where: string; problems: { cell: string; field: string }[] }) => [r.where, r.problems[0].cell, r.problems[0].field])).toEqual([['用印登记本!6', 'D6', '经办人']]);
    expect(report.summary).toMatchObject({ sourceRows: 3, imported: 2, rejected: 1 });
    accounted(report);
    const rows = await registerRows(target, '用印登记');
    const signed = rows[0].indexOf('批准人签字');
    expect(rows.slice(1).map((r) => r[signed])).toEqual(['是', '否']);
    // And the workbook Taizhang wrote opens in openpyxl without a warning.
    const check = execFileSync('/usr/bin/python3', ['-W', 'error', '-c', 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print(wb["用印登记"].max_row)', target]).toString();
    expect(Number(check)).toBeGreaterThanOrEqual(3);
  });
});

describe('the demo’s 旧台账', () => {
  it('imports as the README says: two rows rejected at their cells, the rest in, re-import adds nothing, check is clean', async () => {
    const { rows, merges } = oldLedgerRows();
    const file = workbook('old-ledger');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.addWorksheet(OLD_LEDGER_SHEET);
    rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
    merges.forEach((m) => ws.mergeCells(m));
    await wb.xlsx.writeFile(file);
    const { code, report } = await json(['import', file, '--sheet', OLD_LEDGER_SHEET, '--into', file, '--register', '收文登记', '--in-place']);
    expect(code).toBe(1);
    expect(report.header.row).toBe(4);
    expect(report.rejected.map((r: { problems: { cell: string }[] }) => r.problems[0].cell)).toEqual([`B${OLD_LEDGER_REJECTED.badDate}`, `I${OLD_LEDGER_REJECTED.badSecrecy}`]);
    expect(report.summary).toMatchObject({ sourceRows: 11, imported: 7, rejected: 2, blankOrSubtotal: 2, alreadyImported: 0 });
    accounted(report);
    const again = await json(['import', file, '--sheet', OLD_LEDGER_SHEET, '--into', file, '--register', '收文登记', '--dry-run']);
    expect(again.report.summary).toMatchObject({ imported: 0, alreadyImported: 7, rejected: 2 });
    // Records closed in the old ledger keep that status: check reports no status or deadline problem for them.
    const check = await runCli(['check', file, '--as-of', '2026-11-30', '--json']);
    expect(JSON.parse(check.stdout).findings).toEqual([]);
    expect((await runCli(['verify', file])).code).toBe(0);
  });
});

/** GB18030 bytes of a text, through iconv-lite so the test does not trust the decoder it checks. */
function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}
