/**
 * One measurement of import.vsExceljsRead in a fresh process, so that neither side collects the other's garbage:
 * `peer` is a plain exceljs read of the ledger, `ours` reads the same ledger as the CLI does, finds its header, maps,
 * converts and plans every record into the blank workbook in memory (the blank is loaded before the clock starts).
 * Prints {ms, imported} as the last line.
 */
import ExcelJS from 'exceljs';
import '../src/workbook/exceljs/nodeZipFix';
import { nodeDigest } from '../src/cli/nodeDigest';
import { analyseImport, runImport } from '../src/import/runImport';
import { readXlsxSheets } from '../src/import/xlsxFileSource';
import { ExcelJsWorkbook } from '../src/workbook/exceljs/adapter';

async function peer(ledger: string): Promise<{ ms: number; imported: number }> {
  const start = process.hrtime.bigint();
  await new ExcelJS.Workbook().xlsx.readFile(ledger);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, imported: 0 };
}

async function ours(ledger: string, blank: string): Promise<{ ms: number; imported: number }> {
  const into = new ExcelJS.Workbook();
  await into.xlsx.readFile(blank);
  const port = new ExcelJsWorkbook(into);
  const meta = (await port.read({ meta: true })).meta;
  if (!meta?.ok) throw new Error('blank workbook has no metadata');
  const register = meta.meta.registers[0];
  const start = process.hrtime.bigint();
  const [source] = await readXlsxSheets(ledger);
  const analysis = await analyseImport(port, register, source, null);
  if (!analysis.prepared.ok || analysis.prepared.mapping.missing.length) throw new Error('the bench ledger does not map');
  const result = await runImport(port, register, analysis.prepared, { actor: '孙晓燕', now: '2026-03-15T10:00', digest: nodeDigest, chunkRows: Number.MAX_SAFE_INTEGER });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!result.ok) throw new Error(result.message);
  if (result.outcome.rejected.length) throw new Error(`bench import rejected rows: ${JSON.stringify(result.outcome.rejected.slice(0, 3))}`);
  return { ms, imported: result.outcome.imported.length };
}

async function main(): Promise<void> {
  const [mode, ledger, blank] = process.argv.slice(2);
  const measured = mode === 'peer' ? await peer(ledger) : await ours(ledger, blank);
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
