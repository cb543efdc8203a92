/**
 * A ledger file imported into an exceljs workbook through the port, as `taizhang import` does it; throws unless
 * every one of `rows` source rows was imported.
 */
import type ExcelJS from 'exceljs';
import { nodeDigest } from '../../src/cli/nodeDigest';
import { analyseImport, runImport } from '../../src/import/runImport';
import { readXlsxSheets } from '../../src/import/xlsxFileSource';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';

export async function importLedgerInto(wb: ExcelJS.Workbook, file: string, rows: number): Promise<void> {
  const port = new ExcelJsWorkbook(wb);
  const meta = (await port.read({ meta: true })).meta;
  if (!meta?.ok) throw new Error('no metadata');
  const [source] = await readXlsxSheets(file);
  const analysis = await analyseImport(port, meta.meta.registers[0], source, null);
  if (!analysis.prepared.ok) throw new Error('the ledger does not map');
  const result = await runImport(port, meta.meta.registers[0], analysis.prepared, { actor: '孙晓燕', now: '2026-03-15T10:00', digest: nodeDigest });
  if (!result.ok || result.outcome.imported.length !== rows) throw new Error(`not every row was imported: ${JSON.stringify(result)}`);
}
