/**
 * Every command reads workbooks other tools wrote: a Taizhang demo saved by openpyxl, filled by openpyxl (rows
 * appended, notes, validation, a defined name, styles — all at openpyxl's part names), round-tripped through
 * LibreOffice Calc, written by SheetJS, and with every part at names no writer of ours uses. And the
 * audit chain still catches an approved record edited in a Python script.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { libreOfficeRoundTrip, relocateParts, sheetJsRoundTrip } from '../support/corpus';
import { runCli } from '../support/cli';
import { editWithOpenpyxl, saveWithOpenpyxl } from '../support/openpyxl';
import { parseRelationships } from '../../src/workbook/exceljs/opc';

// Each case runs several commands over a year of registers, and openpyxl or LibreOffice besides.
jest.setTimeout(600_000);

const DOCS = path.join(__dirname, '..', 'fixtures', 'demo-templates');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-readany-'));
const AS_OF = '2026-11-30';
const demo = path.join(dir, 'demo.xlsx');
const corpus: Record<string, string> = {};
let baseline: { check: string; analyze: string };

const noInternals = (text: string) => {
  expect(text).not.toMatch(/Cannot read properties|TypeError|\n\s+at .+:\d+:\d+/);
};

/** check --json without the file name: what a user would compare between two copies of one workbook. */
async function checkReport(file: string) {
  const r = await runCli(['check', file, '--json', '--as-of', AS_OF]);
  noInternals(r.stderr);
  expect(r.code).toBe(1);
  const { file: _f, ...rest } = JSON.parse(r.stdout);
  return JSON.stringify(rest);
}

/**
 * The streamed analysis lists departments in the order it first meets them, which follows the order of the
 * sheets in the zip (LibreOffice writes 设置 after the registers): the same figures, compared as sets.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).map((v) => JSON.stringify(v)).sort().map((v) => JSON.parse(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

async function analyzeReport(file: string) {
  const r = await runCli(['analyze', file, '--json', '--as-of', AS_OF]);
  noInternals(r.stderr);
  expect(r.code).toBeLessThan(2);
  const { file: _f, ...rest } = JSON.parse(r.stdout);
  return JSON.stringify(canonical(rest));
}

beforeAll(async () => {
  expect((await runCli(['demo', '--out', demo, '--templates', DOCS])).code).toBe(0);
  baseline = { check: await checkReport(demo), analyze: await analyzeReport(demo) };
  corpus.openpyxl = path.join(dir, 'openpyxl.xlsx');
  await saveWithOpenpyxl(demo, corpus.openpyxl);
  corpus.relocated = path.join(dir, 'relocated.xlsx');
  writeFileSync(corpus.relocated, await relocateParts(readFileSync(demo)));
  corpus.libreoffice = libreOfficeRoundTrip(demo);
}, 900_000);

describe('a Taizhang workbook saved by another tool, unchanged in content', () => {
  for (const name of ['openpyxl', 'relocated', 'libreoffice']) {
    it(`${name}: check and analyze report exactly what they report on the original; verify and retention pass`, async () => {
      const file = corpus[name];
      expect(await checkReport(file)).toBe(baseline.check);
      expect(await analyzeReport(file)).toBe(baseline.analyze);
      const verify = await runCli(['verify', file]);
      expect(verify.stdout).toContain('审计链完整');
      expect(verify.code).toBe(0);
      const retention = await runCli(['retention', file, '--as-of', '2040-01-01', '--json']);
      expect(retention.code).toBe(0);
      expect(JSON.parse(retention.stdout).items.length).toBeGreaterThan(0);
      noInternals(verify.stderr + retention.stderr);
    });
  }

  it('the relocated package is a valid one: every target exists and every part has a content type', async () => {
    // (openpyxl itself cannot open it: it reads styles only from xl/styles.xml.)
    const zip = await JSZip.loadAsync(readFileSync(corpus.relocated));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names).not.toContain('xl/styles.xml');
    const types = await zip.file('[Content_Types].xml')!.async('string');
    const dangling: string[] = [];
    for (const name of names) {
      const ext = name.slice(name.lastIndexOf('.') + 1);
      if (name !== '[Content_Types].xml' && !types.includes(`PartName="/${name}"`) && !types.includes(`Extension="${ext}"`)) dangling.push(`no content type: ${name}`);
      if (!name.endsWith('.rels')) continue;
      const source = name === '_rels/.rels' ? '' : name.replace(/_rels\/([^/]+)\.rels$/, '$1');
      for (const r of parseRelationships(await zip.file(name)!.async('string'), source)) if (r.part && !zip.file(r.part)) dangling.push(`${name} → ${r.target}`);
    }
    expect(dangling).toEqual([]);
  });
});

describe('a Taizhang workbook edited by openpyxl', () => {
  it('rows appended, a note, a validation, a defined name and styles added: every command reads the rows', async () => {
    const filled = path.join(dir, 'filled.xlsx');
    await editWithOpenpyxl(
      demo,
      filled,
      `
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.styles import Font, PatternFill
ws = wb['办公用品领用']
table = ws.tables['tz_supplies_issue']
first, last = table.ref.split(':')
import re
col, row = re.match(r'([A-Z]+)(\\d+)', last).groups()
headers = [c.value for c in ws[int(re.match(r'[A-Z]+(\\d+)', first).group(1))]]
new_row = int(row) + 1
for h, v in args['values'].items():
    ws.cell(row=new_row, column=headers.index(h) + 1, value=v)
table.ref = '%s:%s%d' % (first, col, new_row)
ws.cell(row=new_row, column=1).comment = Comment('由 Python 脚本补录', '办公室')
ws.cell(row=new_row, column=1).font = Font(bold=True, color='FF0000')
ws.cell(row=new_row, column=1).fill = PatternFill('solid', fgColor='FFFF00')
dv = DataValidation(type='whole', operator='greaterThan', formula1='0')
ws.add_data_validation(dv)
dv.add('Z2:Z50')
wb.defined_names.append(DefinedName('补录行', attr_text="'办公用品领用'!$A$%d" % new_row))
`,
      { values: { 领用日期: '2026-11-20', 领用部门: '财务部', 物品编码: 'NOPE-404', 实发数量: 3, 领用人签字: '是' } },
    );
    const analyze = await runCli(['analyze', filled, '--json', '--as-of', AS_OF]);
    noInternals(analyze.stderr);
    const report = JSON.parse(analyze.stdout);
    // The appended row is read: its unknown item is one more located problem than the original has.
    const before = JSON.parse(baseline.analyze).problems.length;
    expect(report.problems.length).toBe(before + 1);
    expect(report.problems.some((p: { sheet: string; message: string }) => p.sheet === '办公用品领用' && p.message.includes('NOPE-404'))).toBe(true);
    for (const command of [['check', filled, '--as-of', AS_OF], ['verify', filled], ['retention', filled, '--as-of', AS_OF]]) {
      const r = await runCli(command);
      noInternals(r.stderr + r.stdout);
      expect(r.code).toBeLessThan(2);
    }
  });

  it('verify still names an approved record changed in a Python script', async () => {
    const edited = path.join(dir, 'edited.xlsx');
    await editWithOpenpyxl(
      demo,
      edited,
      `
ws = wb['收文登记']
headers = [c.value for c in ws[1]]
status = headers.index('状态')
title = headers.index('文件标题')
for row in ws.iter_rows(min_row=2):
    if row[status].value == '已办结':
        row[title].value = str(row[title].value) + '(改)'
        print(row[0].row)
        break
`,
    );
    const r = await runCli(['verify', edited]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/收文登记!A\d+:\d+ 记录“.+”在.+之后被改动/);
  });
});

describe('unreadable input', () => {
  it('every command exits 2 with the reason on stderr and nothing on stdout, --json included', async () => {
    const damaged = path.join(dir, '损坏.xlsx');
    writeFileSync(damaged, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]));
    for (const command of ['check', 'verify', 'retention', 'analyze']) {
      for (const json of [['--json'], []]) {
        const r = await runCli([command, damaged, ...json]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`${damaged}: 工作簿已损坏`);
        noInternals(r.stderr);
      }
    }
  });
});

describe('files other tools wrote', () => {
  it('SheetJS drops Excel tables: check and verify say the registers are missing, never that all is well', async () => {
    const file = path.join(dir, 'sheetjs.xlsx');
    sheetJsRoundTrip(demo, file);
    const check = await runCli(['check', file, '--as-of', AS_OF]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('找不到“收文登记”的表格');
    const verify = await runCli(['verify', file]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/找不到“.+”的表格 tz_\w+.*条记录无法核对/);
    noInternals(check.stderr + verify.stderr);
  });

  it('a plain SheetJS workbook with a note and a defined name is read: “not a Taizhang workbook”, not “damaged”', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const XLSX = require('xlsx') as typeof import('xlsx');
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([['收文日期', '来文单位'], ['2025.3.5', '市政府办公室']]);
    ws.A2.c = [{ a: '办公室', t: '手工台账' }];
    XLSX.utils.book_append_sheet(wb, ws, '收文登记簿');
    wb.Workbook = { Names: [{ Name: '台账区域', Ref: "'收文登记簿'!$A$1:$B$2" }] };
    const file = path.join(dir, 'sheetjs-plain.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    for (const command of ['check', 'verify', 'retention', 'analyze']) {
      const r = await runCli([command, file, ...(command === 'analyze' ? ['--json'] : [])]);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('损坏');
      expect(r.stderr).toMatch(/没有台账元数据|没有办公用品登记表/);
      noInternals(r.stderr);
    }
  });
});
