/**
 * The supplies ledger of test/support/suppliesLedger.ts opened in the fake Excel, at a given size: `rows` is the
 * number of 领用 (issue) rows, the register that grows with an office — a 100,000-row ledger is 100,000 issues
 * beside a few thousand receipts, stocktakes and needs. Rows are put straight into the model, as a workbook that
 * has been in use for years is opened (writing them through exceljs would take minutes at 100k).
 */
import ExcelJS from 'exceljs';
import { tableName } from '../../src/core/layout';
import { recordToRow } from '../../src/core/records';
import { FakeExcel } from '../../src/workbook/officejs/testing/fakeExcel';
import { templateModel } from '../../src/workbook/officejs/testing/fixtures';
import { modelFromExcelJs } from '../../src/workbook/officejs/testing/fromExcelJs';
import { defaultGenerateOptions, generateLedger, ledgerWorkbook, supplySpecs, type LedgerData, type Row } from './suppliesLedger';

/**
 * A ledger with exactly `rows` issues: the generator's year, thinned evenly down to `rows` with its last issue kept,
 * so that the analysis month (December) has consumption at every size.
 */
export function ledgerOfSize(rows: number, seed = 2025): LedgerData {
  const { settings } = supplySpecs();
  // Items and rate sized so that the generator makes at least `rows` issues over its year.
  const items = rows <= 10 ? 6 : rows <= 10_000 ? 60 : 300;
  const issueRate = rows <= 10 ? 0.2 : rows <= 10_000 ? 2.5 : 4.2;
  const data = generateLedger({ ...defaultGenerateOptions(settings, seed), items, issueRate });
  const n = data.issues.length;
  if (n < rows) throw new Error(`the generator made ${n} issues, ${rows} wanted`);
  const issues = Array.from({ length: rows }, (_, i) => data.issues[Math.round(((i + 1) * n) / rows) - 1]);
  return { ...data, issues };
}

const REGISTER_ROWS: Record<string, (d: LedgerData) => Row[]> = {
  supplies_catalog: (d) => d.catalog,
  supplies_receipt: (d) => d.receipts,
  supplies_issue: (d) => d.issues,
  supplies_stocktake: (d) => d.stocktakes,
  supplies_demand: (d) => d.demand,
  purchase_requests: (d) => d.purchases,
};

/** The supplies template in the fake Excel with the ledger's rows in its tables. */
export async function fakeLedgerExcel(data: LedgerData): Promise<FakeExcel> {
  const { registers, settings } = supplySpecs();
  const model = await templateModel(registers, settings);
  for (const spec of registers) {
    const table = model.table(tableName(spec));
    const rows = REGISTER_ROWS[spec.id]?.(data) ?? [];
    if (!table || !rows.length) continue;
    const start = table.rect.top + 1;
    rows.forEach((r, i) =>
      recordToRow(spec, { values: r.values, submittedBy: '孙晓燕', submittedAt: null, status: r.status ?? null, steps: {} }).forEach((v, j) =>
        table.sheet.put(start + i, table.rect.left + j, { value: v === null ? undefined : v }),
      ),
    );
    table.rect = { ...table.rect, bottom: Math.max(table.rect.bottom, start + rows.length - 1) };
  }
  return new FakeExcel(model);
}

/** The same ledger as an .xlsx (for the CLI) and that very file opened in the fake Excel. */
export async function ledgerFileAndFake(data: LedgerData, file: string): Promise<FakeExcel> {
  const wb = await ledgerWorkbook(data);
  await wb.xlsx.writeFile(file);
  const reopened = new ExcelJS.Workbook();
  await reopened.xlsx.readFile(file);
  return new FakeExcel(modelFromExcelJs(reopened));
}
