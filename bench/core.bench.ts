/**
 * Core figures: the demo built by the CLI as a user runs it (Node start and .xlsx writing included), and the
 * pure check, verify and submit-plan speeds on the demo's year of records.
 *   core.demo.buildSeconds        `taizhang demo --out …` over templates/
 *   core.check.recordsPerSecond   checkWorkbook over every register of the demo
 *   core.verify.entriesPerSecond  verifyWorkbook (WebCrypto SHA-256) over the demo's audit chain and records
 *   core.submit.planMs.10000      planSubmit on a register already holding 10,000 rows (numbering scans them all)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocuments } from '../src/cli/documents';
import { planSubmit } from '../src/core/actions';
import { auditTail } from '../src/core/audit';
import { checkWorkbook } from '../src/core/check';
import { parseAsOf } from '../src/core/dates';
import { settingsToRows } from '../src/core/settings';
import { verifyWorkbook } from '../src/core/verify';
import { generateDemo } from '../src/demo/generate';
import { buildCatalog } from '../src/spec/catalog';
import type { TableSnapshot } from '../src/workbook/port';

export async function run(): Promise<Record<string, number>> {
  const root = path.join(__dirname, '..');
  const figures: Record<string, number> = {};
  const out = mkdtempSync(path.join(os.tmpdir(), 'tz-bench-demo-'));
  try {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [path.join(root, 'bin', 'taizhang.js'), 'demo', '--out', path.join(out, 'demo.xlsx'), '--templates', path.join(root, 'templates')], { stdio: 'ignore' });
    figures['core.demo.buildSeconds'] = Number((Number(process.hrtime.bigint() - start) / 1e9).toFixed(3));
  } catch {
    process.stderr.write('bench core: taizhang demo failed on templates/ (documents being edited?); core.demo.buildSeconds not measured\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const catalog = buildCatalog(await readDocuments(path.join(root, 'test', 'fixtures', 'demo-templates')));
  if (!catalog.ok) throw new Error('test/fixtures/demo-templates does not lint');
  const demo = await generateDemo(catalog.value, { digest: async (s) => createHash('sha256').update(s).digest('hex') });
  const tables: Record<string, TableSnapshot> = Object.fromEntries(
    demo.metas.map((m) => [m.table, { table: m.table, sheet: m.sheet, headers: m.headers, rows: demo.tables[m.table], rowCount: demo.tables[m.table].length, rowStart: 0, readColumns: null, firstRow: 2, firstColumn: 1, mergedInBody: [], rowsBelow: 0 }]),
  );
  const meta = { formatVersion: 1, registers: demo.metas };
  let t = performance.now();
  const report = checkWorkbook({ meta, tables, settingsRows: settingsToRows(demo.settings) }, parseAsOf(demo.asOf)!);
  const records = report.registers.reduce((s, r) => s + r.records, 0);
  figures['core.check.recordsPerSecond'] = Math.round(records / ((performance.now() - t) / 1000));
  t = performance.now();
  const verified = await verifyWorkbook({ meta, tables, auditRows: demo.auditRows });
  figures['core.verify.entriesPerSecond'] = Math.round(verified.entries / ((performance.now() - t) / 1000));

  const issue = demo.metas.find((m) => m.id === 'supplies_issue')!;
  const template = tables[issue.table].rows.find((r) => r.every((c) => c !== undefined))!;
  const numberAt = issue.headers.indexOf('领用单号');
  const big = Array.from({ length: 10_000 }, (_, i) => template.map((c, j) => (j === numberAt ? `LY-202611-${String(i + 1).padStart(3, '0')}` : c)));
  const table: TableSnapshot = { ...tables[issue.table], rows: big, rowCount: big.length };
  const values = { 领用日期: '2026-11-20', 领用部门: '销售部', 物品编码: 'BG-001', 申领数量: 2, 实发数量: 2, 领用人: demo.settings.people.find((p) => p.department === '销售部')!.name, 领用人签字: true, 发放人: '孙晓燕' };
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    const r = await planSubmit({ meta: issue, settings: demo.settings, table, audit: auditTail(demo.auditRows), now: '2026-11-20T10:00' }, values, values.领用人);
    times.push(performance.now() - t);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  }
  times.sort((a, b) => a - b);
  figures['core.submit.planMs.10000'] = Number(times[3].toFixed(2));
  return figures;
}
