/**
 * taizhang analyze FILE [--month YYYY-MM] [--out FILE] [--json] [--as-of YYYY-MM-DD]
 *
 * Stock, consumption and cost by month × department × item, reorder suggestions and next month's purchase plan,
 * from the supplies registers of a filled workbook. Writes 消耗分析, 采购计划 and 消耗明细 into a copy of the
 * workbook (--out, default FILE-消耗分析.xlsx beside it) and prints the key figures; `--json` alone prints the
 * report and writes nothing, reading the file with the streaming reader. Exit 1 when the ledgers have problems.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { dateToSerial } from '../core/cells';
import { officeTimeZone, timeZoneProblem, wallClockIn } from '../core/officeClock';
import { analysisLayouts } from '../inventory/analysisSheets';
import { analyzeLedger, type AnalysisResult } from '../inventory/analyze';
import { hasNoSupplies, ledgerFromReadResult, ledgerReadRequest } from '../inventory/input';
import type { Ledger } from '../inventory/ledger';
import { fenDisplay } from '../inventory/money';
import { monthText, parseMonth, serialText, ymdToSerial } from '../inventory/months';
import { problemPlace } from '../inventory/problems';
import { analysisReport, reportJson } from '../inventory/report';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import { writeAnalysisSheets } from '../workbook/exceljs/analysisSheet';
import { readLedgerFile } from '../workbook/exceljs/ledgerStream';
import { XlsxReadError } from '../workbook/exceljs/loadXlsx';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';
import { UsageError } from './args';
import type { Io } from './io';
import { progress } from './progress';
import { InputError, openWorkbook } from './workbookFile';

export interface AnalyzeOptions {
  month?: string;
  out?: string;
  json: boolean;
  asOf?: string;
}

/** The copy's default name: 台账.xlsx → 台账-消耗分析.xlsx beside it. */
export function defaultOutFile(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}-消耗分析${ext || '.xlsx'}`);
}

/** Today on the office's wall clock (设置's 时区), not this machine's. */
function today(ledger: Ledger, io: Io): number {
  const settings = { timeZone: ledger.timeZone };
  const problem = timeZoneProblem(settings);
  if (problem) io.err(`taizhang analyze: ${problem.message} (${problem.messageEn})`);
  const [y, m, d] = wallClockIn(officeTimeZone(settings), new Date()).slice(0, 10).split('-').map(Number);
  return ymdToSerial(y, m, d);
}

const NO_SUPPLIES = (file: string) =>
  `${file} 中没有办公用品登记表(办公用品目录、入库、领用、盘点、需求计划、采购申请):请用含这些登记表的台账工作簿 (no supplies registers in this workbook)`;

export async function analyzeCommand(file: string, options: AnalyzeOptions, io: Io): Promise<number> {
  const month = options.month === undefined ? null : strictMonth(options.month);
  const givenAsOf = options.asOf === undefined ? undefined : dateToSerial(options.asOf);
  if (givenAsOf === null) throw new UsageError(`--as-of 应为 YYYY-MM-DD,如 2026-04-30 (--as-of must be YYYY-MM-DD)`);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) throw new UsageError(`找不到工作簿 ${file} (no such file)`);
  const write = options.out !== undefined || !options.json;
  const out = options.out ?? defaultOutFile(file);
  if (write && path.resolve(out) === path.resolve(file)) throw new UsageError(`--out 不能是原工作簿本身:分析写入副本 (--out must not be the input workbook)`);

  const bar = progress();
  let ledger: Ledger;
  let workbook: ExcelJS.Workbook | null = null;
  try {
    bar.step(1, write ? 3 : 2, `读取 ${path.basename(file)}`);
    if (write) {
      workbook = await openWorkbook(file);
      const read = await new ExcelJsWorkbook(workbook).read(ledgerReadRequest());
      if (hasNoSupplies(read)) {
        bar.end();
        io.err(`taizhang: ${NO_SUPPLIES(file)}`);
        return 2;
      }
      ledger = ledgerFromReadResult(read);
    } else {
      const streamed = await readLedgerFile(file).catch((error: unknown) => {
        throw error instanceof XlsxReadError ? new InputError(`${file}: ${error.message}`, `${file}: ${error.messageEn}`) : error;
      });
      if (!streamed.anySupplies) {
        bar.end();
        io.err(`taizhang: ${NO_SUPPLIES(file)}`);
        return 2;
      }
      ledger = streamed.ledger;
    }
  } catch (error) {
    bar.end();
    if (error instanceof InputError) {
      io.err(`taizhang analyze: ${error.message} (${error.messageEn})`);
      return 2;
    }
    throw error;
  }
  bar.step(2, write ? 3 : 2, '分析');
  const asOf = givenAsOf ?? today(ledger, io);
  const result = analyzeLedger(ledger, { asOf, month });
  if (workbook) {
    bar.step(3, 3, `写入 ${path.basename(out)}`);
    writeAnalysisSheets(workbook, analysisLayouts(result));
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await fs.writeFile(out, await saveXlsx(workbook));
  }
  bar.end();
  if (options.json) io.out(reportJson(analysisReport(result, { file, out: write ? out : null })));
  else printSummary(result, out, io);
  return result.problems.length ? 1 : 0;
}

function strictMonth(text: string): number {
  const month = /^\d{4}-\d{2}$/.test(text) ? parseMonth(text) : null;
  if (month === null) throw new UsageError(`--month 应为 YYYY-MM,如 2026-03 (--month must be YYYY-MM)`);
  return month;
}

/** A terminal shows this many problems; the sheet and --json have them all. */
const PRINTED_PROBLEMS = 30;

const percent = (r: number | null) => (r === null ? '—' : `${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)}%`);

function printSummary(result: AnalysisResult, out: string, io: Io): void {
  const r = result.report;
  const stockValue = result.stock.reduce((s, l) => s + l.value, 0);
  const toOrder = result.reorder.filter((l) => l.suggestedQuantity > 0);
  io.out(`办公用品消耗分析 ${monthText(result.month)}(数据截至 ${serialText(result.asOf)}) (supplies analysis)`);
  io.out(`  本月消耗 ${fenDisplay(r.total.cost)},领用 ${r.total.qty} 件;环比 ${percent(r.monthOnMonth)},同比 ${percent(r.yearOnYear)}${r.costPerHead === null ? '' : `;人均 ${fenDisplay(r.costPerHead)}`}`);
  if (r.departments.length)
    io.out(`  部门:${r.departments.slice(0, 5).map((d) => `${d.department} ${fenDisplay(d.cost)}${d.share === null ? '' : `(${(d.share * 100).toFixed(1)}%)`}`).join('、')}`);
  io.out(`  月末库存 ${fenDisplay(stockValue)}(${result.stock.filter((l) => l.onHand > 0).length} 种物品有库存)`);
  io.out(`  需补货 ${toOrder.length} 种${toOrder.length ? `:${toOrder.slice(0, 8).map((l) => `${l.code} ${l.name} ${l.suggestedQuantity}`).join('、')}${toOrder.length > 8 ? ' …' : ''}` : ''}`);
  io.out(`  ${monthText(result.planMonth)} 采购计划:${result.plan.lines} 项,${result.plan.groups.length} 家供应商,预算 ${fenDisplay(result.plan.budgetFen)}`);
  io.out(`✓ 已写入 ${out}:消耗分析、采购计划、消耗明细 (written)`);
  if (result.problems.length) {
    io.out(`\n发现 ${result.problems.length} 处数据问题,其余数据已照常分析 (${result.problems.length} problem(s) in the ledgers; the rest was analysed):`);
    for (const p of result.problems.slice(0, PRINTED_PROBLEMS)) io.out(`  ${problemPlace(p)}:${p.message} (${p.messageEn})`);
    const more = result.problems.length - PRINTED_PROBLEMS;
    if (more > 0) io.out(`  …另有 ${more} 处,全部列在“消耗分析”表的数据问题中,或用 --json 查看 (${more} more: see the 消耗分析 sheet or --json)`);
  }
}
