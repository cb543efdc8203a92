/**
 * One measurement of the 100k-row budget in a fresh process (so peak memory is this work's alone):
 * `peer` is exceljs's own streaming read of every row of the file, `ours` is the whole analysis from the file.
 * Prints {ms, maxRssKb, rows} as the last line.
 */
import ExcelJS from 'exceljs';
import { dateToSerial } from '../src/core/cells';
import { analysisLayouts } from '../src/inventory/analysisSheets';
import { analyzeLedger } from '../src/inventory/analyze';
import { readLedgerFile } from '../src/workbook/exceljs/ledgerStream';

async function peer(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let rows = 0;
  for await (const worksheet of reader) for await (const _row of worksheet) rows++;
  return rows;
}

async function ours(file: string, asOf: string): Promise<number> {
  const { ledger } = await readLedgerFile(file);
  const result = analyzeLedger(ledger, { asOf: dateToSerial(asOf)! });
  analysisLayouts(result);
  return ledger.issues.n;
}

async function main(): Promise<void> {
  const [mode, file, asOf] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  const rows = mode === 'peer' ? await peer(file) : await ours(file, asOf);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, rows })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
