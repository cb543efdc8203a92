/**
 * Importing a hand-made ledger.
 *
 *   import.rowsPerSecond.10000  `taizhang import` of a 10,000-row .xlsx ledger into a blank 收文登记 workbook, the
 *                               whole process (Node start, reading both files, planning, writing the output) timed
 *                               from outside: source rows per second
 *   import.vsExceljsRead        a 100,000-row ledger: reading it (as the CLI does), finding the header, mapping, converting and
 *                               planning every record (validation, numbering, content and audit hashes) into the
 *                               workbook in memory, over a plain exceljs read of the same file in the same run
 *                               (budget ≤ 1.5). Each side runs in a fresh process (bench/importChild.ts), five
 *                               back-to-back pairs, the median pair's ratio. Serialising the output workbook is a
 *                               write, counted above, not here. import.ms.100000 and import.exceljsReadMs.100000
 *                               are the medians of each side.
 *   officejs.syncs.import       context.sync calls per 5,000 source rows when the pane imports through the Office.js
 *                               adapter (fake Excel counting syncs): one read and one write per chunk (budget ≤ 2)
 *   officejs.maxRequestBytes.import  the largest request of that import (limit 5 MB)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import '../src/workbook/exceljs/nodeZipFix';
import { nodeDigest } from '../src/cli/nodeDigest';
import { prepareImport } from '../src/core/import/prepare';
import { runImport } from '../src/import/runImport';
import { xlsxSource } from '../src/import/xlsxSource';
import { buildCatalog } from '../src/spec/catalog';
import { buildWorkbook } from '../src/workbook/exceljs/templateWriter';
import { OfficeJsWorkbook } from '../src/workbook/officejs/adapter';
import { fakeWorkbook } from '../src/workbook/officejs/testing/fixtures';
import { TEMPLATES_DIR, readDir } from '../test/support/docs';

const ROOT = path.join(__dirname, '..');
const ORGS = ['长沙市人民政府办公厅', '湖南省工商联', '长沙经开区管委会', '市税务局', '百盛商贸有限公司'];
const DATES = (i: number) => [`2025.${1 + (i % 12)}.${1 + (i % 28)}`, `2025年${1 + (i % 12)}月${1 + (i % 28)}日`, `2025/${1 + (i % 12)}/${1 + (i % 28)}`, 45658 + (i % 300)][i % 4];

/** A hand-made 收文登记簿 of n rows: a title row, its own header words, dates typed four ways, copies with units. */
async function ledger(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('收文登记簿');
  ws.addRow(['2025年收文登记簿']).commit();
  ws.addRow(['序号', '收文日期', '来文机关', '来文类型', '文号', '标题', '重要程度', '缓急', '密级', '份数', '承办科室']).commit();
  for (let i = 1; i <= n; i++)
    ws.addRow([i, DATES(i), ORGS[i % ORGS.length], '上级来文', `长政发〔2025〕${i}号`, `关于第 ${i} 项工作的通知`, '一般文件', '平件', '内部', `${1 + (i % 3)}份`, '综合办公室']).commit();
  await wb.commit();
}

const digest = nodeDigest;

function child(mode: 'peer' | 'ours', ledgerFile: string, blank: string): { ms: number; imported: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'importChild.ts'), mode, ledgerFile, blank], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function run(): Promise<Record<string, number>> {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates do not parse');
  const spec = catalog.value.registers.find((r) => r.name === '收文登记')!;
  const settings = catalog.value.settings;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-bench-import-'));
  const blank = path.join(dir, 'blank.xlsx');
  await (await buildWorkbook([spec], settings, { combined: false })).xlsx.writeFile(blank);
  const out: Record<string, number> = {};

  // Whole process, 10,000 rows.
  const small = path.join(dir, 'ledger-10000.xlsx');
  await ledger(small, 10_000);
  const target = path.join(dir, 'target.xlsx');
  copyFileSync(blank, target);
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'taizhang.js'), 'import', small, '--into', target, '--register', '收文登记', '--in-place'], { stdio: 'ignore' });
  out['import.rowsPerSecond.10000'] = Math.round(10_000 / (Number(process.hrtime.bigint() - t0) / 1e9));
  process.stderr.write(`  import: 10,000 rows whole process done\n`);

  // 100,000 rows: import against a plain exceljs read of the same file, each in a fresh process (neither collects
  // the other's garbage); back-to-back pairs see the same machine load, and the budget is judged on the median pair.
  const big = path.join(dir, 'ledger-100000.xlsx');
  await ledger(big, 100_000);
  const peer: number[] = [];
  const ours: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < 5; r++) {
    const p = child('peer', big, blank);
    const o = child('ours', big, blank);
    if (o.imported !== 100_000) throw new Error(`bench import took ${o.imported} of 100,000 rows`);
    peer.push(p.ms);
    ours.push(o.ms);
    ratios.push(o.ms / p.ms);
  }
  out['import.vsExceljsRead'] = Number(median(ratios).toFixed(3));
  out['import.ms.100000'] = Math.round(median(ours));
  out['import.exceljsReadMs.100000'] = Math.round(median(peer));
  process.stderr.write(`  import: 100,000 rows ${ours.map(Math.round).join('/')} ms, exceljs read ${peer.map(Math.round).join('/')} ms\n`);

  // The pane in Excel: 10,000 rows through the Office.js adapter, in chunks of 5,000.
  const excel = await fakeWorkbook([spec], settings);
  const officePort = new OfficeJsWorkbook({ run: excel.run, undoGroups: true });
  const officeMeta = (await officePort.read({ meta: true })).meta;
  if (!officeMeta?.ok) throw new Error('fake workbook has no metadata');
  const wb10 = new ExcelJS.Workbook();
  await wb10.xlsx.readFile(small);
  const prepared = prepareImport(xlsxSource(wb10.worksheets[0]), spec, settings);
  if (!prepared.ok) throw new Error('the bench ledger does not map');
  excel.resetStats();
  const office = await runImport(officePort, officeMeta.meta.registers[0], prepared, { actor: '孙晓燕', now: '2026-03-15T10:00', digest, logExists: false });
  if (!office.ok || office.outcome.imported.length !== 10_000) throw new Error('the Office.js import did not take every row');
  out['officejs.syncs.import'] = excel.syncCount / 2;
  out['officejs.maxRequestBytes.import'] = excel.maxRequestBytes;
  return out;
}
