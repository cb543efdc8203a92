/**
 * taizhang demo --out FILE [--templates DIR] [--seed N] [--end YYYY-MM-DD]
 * A combined workbook filled with a year of a 60-person company's office work, built from whatever register
 * documents DIR holds, so that a new user can try check, verify, retention and analyze at once.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AUDIT_SHEET, layoutProblems } from '../core/layout';
import { parseInstant } from '../core/dates';
import { DEMO_NOTES_SHEET, generateDemo } from '../demo/generate';
import { OLD_LEDGER_SHEET, oldLedgerRows } from '../demo/oldLedger';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import { buildWorkbook } from '../workbook/exceljs/templateWriter';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';
import { UsageError } from './args';
import { openCatalog } from './documents';
import type { Io } from './io';
import { nodeDigest } from './nodeDigest';
import { progress } from './progress';

export interface DemoCommandOptions {
  out: string;
  templates: string;
  seed?: string;
  end?: string;
}

/** The same SHA-256 as WebCrypto's, synchronously: the demo seals some twenty thousand entries one after another. */

/** The hand-made 收文登记簿 the README imports, as the last tab, looking as such sheets look. */
function addOldLedger(wb: Awaited<ReturnType<typeof buildWorkbook>>): void {
  const ws = wb.addWorksheet(OLD_LEDGER_SHEET);
  const { rows, merges } = oldLedgerRows();
  rows.forEach((row, i) => row.forEach((value, j) => (ws.getCell(i + 1, j + 1).value = value)));
  for (const m of merges) ws.mergeCells(m);
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getRow(4).font = { bold: true };
  for (const [c, w] of [[1, 6], [2, 14], [3, 26], [4, 10], [5, 22], [6, 40], [7, 10], [8, 8], [9, 8], [10, 8], [11, 12], [12, 14], [13, 24]] as const) ws.getColumn(c).width = w;
  ws.getColumn(2).numFmt = 'yyyy-mm-dd';
  ws.getColumn(12).numFmt = 'yyyy-mm-dd';
}

export async function demoCommand(options: DemoCommandOptions, io: Io): Promise<number> {
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed 应为整数 (--seed must be an integer)');
  if (options.end !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(options.end) || parseInstant(options.end) === null))
    throw new UsageError('--end 应为 YYYY-MM-DD (--end must be a date)');
  const opened = await openCatalog(options.templates, io, { zh: '未生成演示工作簿', en: 'no demo written' });
  if (!opened.ok) return opened.code;
  const { registers, files } = opened.catalog;
  const clashes = registers.flatMap((spec) => layoutProblems(spec).map((p) => `${files[spec.id]}:1:1: ${p}`));
  if (clashes.length) {
    clashes.forEach((c) => io.err(c));
    return 1;
  }
  const bar = progress();
  bar.step(1, 3, '模拟一年的办公室工作 (simulating a year of office work)');
  const demo = await generateDemo(opened.catalog, { seed, end: options.end, digest: nodeDigest });
  bar.step(2, 3, '写入工作簿 (writing the workbook)');
  const wb = await buildWorkbook(registers, demo.settings, { combined: true });
  await new ExcelJsWorkbook(wb).write({
    appends: demo.metas.filter((m) => demo.tables[m.table].length).map((m) => ({ table: m.table, rows: demo.tables[m.table] })),
    sheetAppends: [{ sheet: AUDIT_SHEET, rows: demo.auditRows.slice(1) }],
    sheetWrites: [{ sheet: DEMO_NOTES_SHEET, rows: demo.notes }],
  });
  const notes = wb.getWorksheet(DEMO_NOTES_SHEET);
  if (notes) {
    notes.getColumn(1).width = 12;
    for (const [c, w] of [[2, 18], [3, 18], [4, 6], [5, 18], [6, 14], [7, 18], [8, 60]] as const) notes.getColumn(c).width = w;
    notes.getCell('A1').font = { bold: true, size: 14 };
    // First tab: the sheet a new user should read before anything else.
    // exceljs orders sheets by a field its typings omit.
    const order = (w: object, n: number) => ((w as { orderNo: number }).orderNo = n);
    wb.worksheets.filter((w) => w !== notes).forEach((w, i) => order(w, i + 1));
    order(notes, 0);
  }
  addOldLedger(wb);
  bar.step(3, 3, options.out);
  await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  await fs.writeFile(options.out, await saveXlsx(wb));
  bar.end();
  const invalid = demo.intents.filter((i) => i.kind === 'invalid').length;
  const overdue = demo.intents.length - invalid;
  io.out(`✓ 演示工作簿 ${options.out}:${demo.metas.length} 个登记表、${demo.stats.records} 条记录、${demo.stats.actions} 条审计记录,${demo.settings.people.length} 名员工(${demo.asOf} 止)`);
  io.out(`  其中故意错误 ${invalid} 条、故意逾期 ${overdue} 条,见“${DEMO_NOTES_SHEET}”工作表`);
  io.out(`  (demo workbook: ${demo.stats.records} records, ${invalid} deliberately invalid and ${overdue} overdue as listed on ${DEMO_NOTES_SHEET})`);
  io.out(`  试一试: taizhang check ${options.out} --as-of ${demo.asOf}`);
  io.out(`  导入手工台账: taizhang import ${options.out} --sheet ${OLD_LEDGER_SHEET} --into ${options.out} --register 收文登记 --dry-run`);
  for (const f of demo.stats.failures) io.err(`  警告 (warning): ${f}`);
  return 0;
}
