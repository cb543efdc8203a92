/**
 * Must show: the analysis sheet written by `taizhang analyze`, opened by LibreOffice (headless, CSV export),
 * shows the same totals that `--json` prints — for the `taizhang demo` workbook, and for a workbook filled by the
 * test generator (whose plan has lines to check, where the demo's stock needs none).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli';
import { TEMPLATES_DIR } from '../support/docs';
import { convertToCsv, readCsv } from '../support/libreoffice';
import { defaultGenerateOptions, generateLedger, supplySpecs, writeLedgerWorkbook } from '../support/suppliesLedger';

const fen = (text: string | number) => Math.round(Number(text) * 100);

/** The body rows of the table whose header row starts with these headers. */
function table(rows: string[][], headers: string[]): Record<string, string>[] {
  const top = rows.findIndex((r) => headers.every((h, i) => r[i] === h));
  expect(top).toBeGreaterThanOrEqual(0);
  const names = rows[top].filter((h) => h !== '');
  const out: Record<string, string>[] = [];
  for (let i = top + 1; i < rows.length && rows[i].some((c) => c !== ''); i++) out.push(Object.fromEntries(names.map((h, j) => [h, rows[i][j]])));
  return out;
}

function figure(rows: string[][], label: string): string {
  const row = rows.find((r) => r[0] === label);
  expect(row).toBeDefined();
  return row![1];
}

interface Case {
  name: string;
  base: string;
  asOf: string;
  make(file: string): Promise<void>;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-analyze-lo-'));
const cases: Case[] = [
  {
    name: 'the demo workbook',
    base: 'demo',
    asOf: '2026-11-30',
    async make(file) {
      const r = await runCli(['demo', '--out', file, '--templates', TEMPLATES_DIR, '--end', '2026-11-30']);
      if (r.code !== 0) throw new Error(`taizhang demo failed:\n${r.stderr}`);
    },
  },
  {
    name: 'a generated year',
    base: 'generated',
    asOf: '2026-01-05',
    async make(file) {
      const { settings } = supplySpecs();
      await writeLedgerWorkbook(generateLedger({ ...defaultGenerateOptions(settings, 2025), items: 15 }), file);
    },
  },
];
const reports: Record<string, any> = {};
let csv: string;

beforeAll(async () => {
  const outs: string[] = [];
  for (const c of cases) {
    const file = path.join(dir, `${c.base}.xlsx`);
    await c.make(file);
    const out = path.join(dir, `${c.base}-分析.xlsx`);
    const r = await runCli(['analyze', file, '--as-of', c.asOf, '--out', out, '--json']);
    expect([c.name, r.code, r.stderr]).toEqual([c.name, 0, '']);
    reports[c.base] = JSON.parse(r.stdout);
    outs.push(out);
  }
  csv = convertToCsv(outs);
}, 600_000);

describe.each(cases.map((c) => [c.name, c.base] as const))('LibreOffice shows the totals --json prints: %s', (_name, base) => {
  let report: any;
  let analysis: string[][];
  let detail: string[][];
  let plan: string[][];

  beforeAll(() => {
    report = reports[base];
    analysis = readCsv(csv, `${base}-分析`, '消耗分析')!;
    detail = readCsv(csv, `${base}-分析`, '消耗明细')!;
    plan = readCsv(csv, `${base}-分析`, '采购计划')!;
  });

  it('the month’s cost, stock value, plan budget and problem count', () => {
    expect(figure(analysis, '分析月份')).toBe(report.month);
    expect(fen(figure(analysis, '本月消耗金额'))).toBe(fen(report.summary.cost));
    expect(Number(figure(analysis, '本月领用数量'))).toBe(report.summary.quantity);
    expect(fen(figure(analysis, '上月消耗金额'))).toBe(fen(report.summary.previousMonthCost));
    expect(fen(figure(analysis, '月末库存金额'))).toBe(fen(report.summary.stockValue));
    expect(fen(figure(analysis, `${report.planMonth} 采购计划预算`))).toBe(fen(report.purchasePlan.budget));
    expect(Number(figure(analysis, '数据问题'))).toBe(report.problems.length);
  });

  it('the departments add up to the month’s total, each as --json has it', () => {
    const depts = table(analysis, ['部门', '消耗金额', '领用数量']);
    expect(depts.map((d) => [d.部门, Number(d.领用数量), fen(d.消耗金额)])).toEqual(
      report.departments.map((d: any) => [d.department, d.quantity, fen(d.cost)]),
    );
    expect(depts.reduce((s, d) => s + fen(d.消耗金额), 0)).toBe(fen(report.summary.cost));
  });

  it('the twelve-month trend is the consumption rows summed by month', () => {
    const trend = table(analysis, ['月份', '消耗金额', '领用数量']);
    expect(trend).toHaveLength(12);
    for (const t of trend) {
      const rows = report.consumption.filter((c: any) => c.month === t.月份);
      expect([t.月份, fen(t.消耗金额), Number(t.领用数量)]).toEqual([t.月份, rows.reduce((s: number, c: any) => s + fen(c.cost), 0), rows.reduce((s: number, c: any) => s + c.quantity, 0)]);
    }
  });

  it('the stock ledger’s closing values are the stock --json prints', () => {
    const stock = table(analysis, ['物品编码', '物品名称', '单位', '期初数量']);
    expect(stock.map((s) => [s.物品编码, Number(s.期末数量), fen(s.期末金额)])).toEqual(report.stock.map((s: any) => [s.item, s.onHand, fen(s.value)]));
  });

  it('消耗明细 holds every consumption row', () => {
    const rows = table(detail, ['月份', '部门', '物品编码']);
    expect(rows.map((r) => [r.月份, r.部门, r.物品编码, Number(r.领用数量), fen(r.消耗金额)])).toEqual(
      report.consumption.map((c: any) => [c.month, c.department, c.item, c.quantity, fen(c.cost)]),
    );
  });

  it('采购计划 holds the plan by supplier with its budgets', () => {
    const lines = table(plan, ['供应商分组', '物品编码']).filter((l) => l.物品编码 !== '');
    expect(lines.map((l) => [l.供应商分组, l.物品编码, Number(l.申购数量), fen(l.预算金额)])).toEqual(
      report.purchasePlan.suppliers.flatMap((g: any) => g.lines.map((l: any) => [g.supplier, l.item, l.quantity, fen(l.budget)])),
    );
    expect(fen(figure(plan, '预算合计'))).toBe(fen(report.purchasePlan.budget));
    if (base === 'generated') expect(lines.length).toBeGreaterThan(0);
  });

  it('has analysed a year of activity', () => {
    expect(new Set(report.consumption.map((c: any) => c.month)).size).toBeGreaterThanOrEqual(11);
    expect(report.stock.length).toBeGreaterThan(10);
  });
});
