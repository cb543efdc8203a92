import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultOutFile } from '../../src/cli/analyze';
import { buildCatalog } from '../../src/spec/catalog';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { runCli } from '../support/cli';
import { FIXTURE_DOCS, readDir } from '../support/docs';
import { defaultGenerateOptions, generateLedger, supplySpecs, writeLedgerWorkbook, type LedgerData } from '../support/suppliesLedger';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-analyze-'));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const { settings } = supplySpecs();

function data(): LedgerData {
  return generateLedger({ ...defaultGenerateOptions(settings, 314), items: 8 });
}

describe('taizhang analyze', () => {
  const clean = path.join(dir, '台账.xlsx');
  const bad = path.join(dir, '有问题的台账.xlsx');
  let asOf: string;

  beforeAll(async () => {
    const d = data();
    asOf = d.asOf;
    await writeLedgerWorkbook(d, clean);
    const b = data();
    const issue = (over: Record<string, unknown>) => ({ values: { 领用日期: '2025-12-29', 领用部门: '财务部', 物品编码: 'BG-001', 实发数量: 1, 领用人签字: true, ...over } });
    b.issues.push(issue({ 物品编码: 'BG-404' }), issue({ 实发数量: '一盒' }), issue({ 物品编码: 'BG-002', 实发数量: 5000 }));
    b.receipts.push({ values: { 入库日期: '2025-12-20', 物品编码: 'BG-003', 数量: 3, 单价: 0, 金额: 0, 验收结论: '合格' } });
    b.stocktakes.push({ values: { 盘点日期: '2026-02-27', 物品编码: 'BG-004', 账面数量: 1, 实盘数量: 1 } });
    await writeLedgerWorkbook(b, bad);
  }, 120_000);

  it('writes the analysis into a copy and prints the key figures (exit 0)', async () => {
    const before = sha(clean);
    const out = path.join(dir, 'out', '分析.xlsx');
    const r = await runCli(['analyze', clean, '--as-of', asOf, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('办公用品消耗分析 2025-12(数据截至 2026-01-05)');
    expect(r.stdout).toMatch(/本月消耗 ¥[\d,]+\.\d\d,领用 \d+ 件/);
    expect(r.stdout).toContain(`✓ 已写入 ${out}`);
    expect(sha(clean)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['消耗分析', '采购计划', '消耗明细', '办公用品领用']));
  });

  it('writes the copy beside the workbook by default; --json alone writes nothing', async () => {
    const r = await runCli(['analyze', clean, '--as-of', asOf]);
    expect(r.code).toBe(0);
    expect(defaultOutFile(clean)).toBe(path.join(dir, '台账-消耗分析.xlsx'));
    expect(existsSync(defaultOutFile(clean))).toBe(true);
    const listing = readdirSync(dir).sort();
    const j = await runCli(['analyze', clean, '--as-of', asOf, '--json']);
    expect(j.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(listing);
    const report = JSON.parse(j.stdout);
    expect(report.out).toBeNull();
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['stock', 'consumption', 'reorder', 'problems']));
  });

  it('analyses the month asked for', async () => {
    const r = await runCli(['analyze', clean, '--as-of', asOf, '--json', '--month', '2025-06']);
    const report = JSON.parse(r.stdout);
    expect(report.month).toBe('2025-06');
    expect(report.planMonth).toBe('2025-07');
    // Consumption covers the whole ledger whatever the month.
    expect(new Set(report.consumption.map((c: { month: string }) => c.month)).size).toBe(12);
  });

  it('reports bad ledgers with sheet and row and exits 1, the analysis still done', async () => {
    const r = await runCli(['analyze', bad, '--as-of', asOf, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    const problems = report.problems.map((p: { code: string; sheet: string; row: number }) => [p.code, p.sheet, p.row]);
    const rows = (n: number) => 1 + n; // data rows start under the header
    const issues = data().issues.length;
    // The 5000 issued and the 3 received change December's book, so that stocktake's written 账面数量 is off too.
    const december = (code: string) => rows(data().stocktakes.findIndex((s) => s.values.物品编码 === code && String(s.values.盘点日期).startsWith('2025-12')) + 1);
    expect(problems).toEqual([
      ['zeroPrice', '办公用品入库', rows(data().receipts.length + 1)],
      ['unknownItem', '办公用品领用', rows(issues + 1)],
      ['notNumber', '办公用品领用', rows(issues + 2)],
      ['negativeStock', '办公用品领用', rows(issues + 3)],
      ['bookMismatch', '办公用品盘点', december('BG-002')],
      ['bookMismatch', '办公用品盘点', december('BG-003')],
      ['futureStocktake', '办公用品盘点', rows(data().stocktakes.length + 1)],
    ]);
    expect(report.stock.length).toBe(8);
    expect(report.consumption.length).toBeGreaterThan(100);
    const human = await runCli(['analyze', bad, '--as-of', asOf, '--out', path.join(dir, 'bad-out.xlsx')]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('发现 7 处数据问题');
    expect(human.stdout).toContain(`办公用品领用!第 ${rows(issues + 1)} 行:物品编码“BG-404”不在办公用品目录中`);
  });

  it('lists at most 30 problems on the terminal and says where the rest are', async () => {
    const d = data();
    for (let i = 0; i < 35; i++) d.stocktakes.push({ values: { 盘点日期: '2026-02-27', 物品编码: 'BG-001', 账面数量: 1, 实盘数量: 1 } });
    const f = path.join(dir, '盘点日期有误.xlsx');
    await writeLedgerWorkbook(d, f);
    const r = await runCli(['analyze', f, '--as-of', asOf, '--out', path.join(dir, '盘点日期有误-out.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes('晚于今天'))).toHaveLength(30);
    expect(r.stdout).toContain('…另有 5 处');
  });

  it('says what is wrong with the command line (exit 2), never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['analyze'], /需要一个工作簿文件/],
      [['analyze', clean, '--month', '2025-6'], /--month 应为 YYYY-MM/],
      [['analyze', clean, '--as-of', '明天'], /--as-of 应为 YYYY-MM-DD/],
      [['analyze', path.join(dir, 'nope.xlsx')], /找不到工作簿/],
      [['analyze', clean, '--out', clean], /不能是原工作簿本身/],
      [['analyze', clean, '--bogus'], /未知选项 --bogus/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a file that is not a workbook, or a workbook without supplies registers (exit 2)', async () => {
    const text = path.join(dir, '假的.xlsx');
    writeFileSync(text, '这不是工作簿');
    for (const extra of [['--json'], []]) {
      const r = await runCli(['analyze', text, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${text}: 不是 Excel 工作簿(.xlsx)`);
    }
    const catalog = buildCatalog(readDir(FIXTURE_DOCS));
    if (!catalog.ok) throw new Error('fixture docs do not lint');
    const wb = await buildWorkbook(catalog.value.registers, catalog.value.settings, { combined: true });
    const other = path.join(dir, '收文.xlsx');
    await wb.xlsx.writeFile(other);
    for (const extra of [['--json'], []]) {
      const r = await runCli(['analyze', other, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('没有办公用品登记表');
    }
  });

  it('names a missing register or column and analyses what is there (exit 1)', async () => {
    const d = data();
    const { registers } = supplySpecs();
    const wb = await buildWorkbook(registers.filter((r) => r.id !== 'supplies_stocktake'), settings, { combined: true });
    // A hand-renamed column in the issue table: its data cannot be read without 实发数量.
    const ws = wb.getWorksheet('办公用品领用')!;
    const table = (ws as unknown as { tables: Record<string, { table: { columns: { name: string }[] } }> }).tables.tz_supplies_issue.table;
    const col = table.columns.findIndex((c) => c.name === '实发数量');
    table.columns[col].name = '实发';
    ws.getCell(1, col + 1).value = '实发';
    const f = path.join(dir, '缺表.xlsx');
    await wb.xlsx.writeFile(f);
    for (const extra of [['--json'], ['--json', '--out', path.join(dir, '缺表-out.xlsx')]]) {
      const r = await runCli(['analyze', f, '--as-of', d.asOf, ...extra]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.problems.map((p: { code: string; sheet: string; field: string | null }) => [p.code, p.sheet, p.field])).toEqual([
        ['missingField', '办公用品领用', '实发数量'],
        ['missingRegister', '办公用品盘点', null],
      ]);
      expect(report.consumption).toEqual([]);
    }
  });
});
