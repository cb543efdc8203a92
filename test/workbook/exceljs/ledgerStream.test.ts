import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ledgerFromReadResult, ledgerReadRequest } from '../../../src/inventory/input';
import { ExcelJsWorkbook } from '../../../src/workbook/exceljs/adapter';
import { readLedgerFile, readTableParts } from '../../../src/workbook/exceljs/ledgerStream';
import { ZipDirectory } from '../../../src/workbook/exceljs/zipDirectory';
import type { Ledger } from '../../../src/inventory/ledger';
import { defaultGenerateOptions, generateLedger, ledgerWorkbook, supplySpecs } from '../../support/suppliesLedger';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-stream-'));

/** What a ledger holds, comparable with toEqual. */
function contents(l: Ledger) {
  const cols = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v]));
  return {
    sheets: l.sheets,
    items: l.items.values,
    departments: l.departments.values,
    catalog: l.catalogItems,
    receipts: cols(l.receipts),
    issues: cols(l.issues),
    stocktakes: cols(l.stocktakes),
    demand: cols(l.demand),
    purchases: l.purchases,
    headcount: [...l.headcount],
    suppliers: l.supplierList,
    problems: l.problems,
  };
}

describe('streaming ledger reader', () => {
  const { settings } = supplySpecs();
  const data = generateLedger({ ...defaultGenerateOptions(settings, 5), items: 7 });
  // A few bad rows, so that problems must come out the same way too.
  data.issues.push({ values: { 领用日期: '2025-12-30', 领用部门: '财务部', 物品编码: 'NOPE', 实发数量: 1, 领用人签字: true } });
  data.issues.push({ values: { 领用日期: '2025-12-30', 领用部门: '财务部', 物品编码: 'BG-001', 实发数量: '两包', 领用人签字: true } });
  let file: string;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    wb = await ledgerWorkbook(data);
    // Users rename sheets; the register is still its table.
    wb.getWorksheet('办公用品领用')!.name = '领用登记簿';
    file = path.join(dir, 'ledger.xlsx');
    await wb.xlsx.writeFile(file);
  }, 60_000);

  it('finds every register’s table, its sheet and its range from the workbook parts', async () => {
    const zip = await ZipDirectory.open(file);
    const parts = await readTableParts(zip).finally(() => zip.close());
    const issue = parts.find((p) => p.name === 'tz_supplies_issue')!;
    expect(issue.sheet).toBe('领用登记簿');
    expect(issue.top).toBe(1);
    expect(issue.bottom).toBe(1 + data.issues.length);
    expect(issue.headers.slice(0, 3)).toEqual(['领用单号', '领用日期', '领用部门']);
    expect(parts.map((p) => p.name).filter((n) => n.startsWith('tz_supplies') || n === 'tz_purchase_requests').sort()).toEqual(
      ['tz_purchase_requests', 'tz_supplies_catalog', 'tz_supplies_demand', 'tz_supplies_issue', 'tz_supplies_receipt', 'tz_supplies_stocktake'],
    );
  });

  it('encodes exactly the ledger the WorkbookPort read gives', async () => {
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.readFile(file);
    const viaPort = ledgerFromReadResult(await new ExcelJsWorkbook(reloaded).read(ledgerReadRequest()));
    const streamed = await readLedgerFile(file);
    expect(streamed.anySupplies).toBe(true);
    expect(contents(streamed.ledger)).toEqual(contents(viaPort));
    expect(streamed.ledger.sheets.issue).toBe('领用登记簿');
    expect(streamed.ledger.problems.map((p) => [p.code, p.sheet])).toEqual([
      ['notNumber', '领用登记簿'],
      ['unknownItem', '领用登记簿'],
    ]);
  });

  it('reads a file whose parts come in the order that trips exceljs’s streaming reader (workbook.xml last)', async () => {
    // Shared strings and the workbook's relationships first, then the sheets, workbook.xml at the very end:
    // exceljs's streaming reader meets a sheet before it knows the workbook and throws a TypeError.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as { loadAsync(data: Buffer): Promise<{ files: Record<string, { dir: boolean; async(t: 'nodebuffer'): Promise<Buffer> }> }>; new (): { file(n: string, d: Buffer): void; generateAsync(o: { type: 'nodebuffer' }): Promise<Buffer> } };
    const source = await JSZip.loadAsync(require('node:fs').readFileSync(file));
    const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
    const rank = (n: string) => (n === '[Content_Types].xml' ? 0 : n.includes('_rels') ? 1 : n.endsWith('sharedStrings.xml') ? 2 : n === 'xl/workbook.xml' ? 9 : 5);
    const reordered = new JSZip();
    for (const n of [...names].sort((a, b) => rank(a) - rank(b))) reordered.file(n, await source.files[n].async('nodebuffer'));
    const f = path.join(dir, 'reordered.xlsx');
    writeFileSync(f, await reordered.generateAsync({ type: 'nodebuffer' }));
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.readFile(file);
    const viaPort = ledgerFromReadResult(await new ExcelJsWorkbook(reloaded).read(ledgerReadRequest()));
    const streamed = await readLedgerFile(f);
    expect(contents(streamed.ledger)).toEqual(contents(viaPort));
  });

  it('says which registers a workbook lacks, and when it has none at all', async () => {
    const { registers } = supplySpecs();
    const { buildWorkbook } = await import('../../../src/workbook/exceljs/templateWriter');
    const other = await buildWorkbook(registers.filter((r) => r.id === 'supplies_demand'), settings, { combined: false });
    const f = path.join(dir, 'demand-only.xlsx');
    await other.xlsx.writeFile(f);
    const streamed = await readLedgerFile(f);
    expect(streamed.anySupplies).toBe(true);
    expect(streamed.ledger.problems.filter((p) => p.code === 'missingRegister').map((p) => p.sheet)).toEqual(['办公用品目录', '办公用品入库', '办公用品领用', '办公用品盘点', '采购申请']);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').getCell('A1').value = 1;
    const g = path.join(dir, 'plain.xlsx');
    await plain.xlsx.writeFile(g);
    expect((await readLedgerFile(g)).anySupplies).toBe(false);
  });

  it('refuses what is not a zip with an error the CLI can report', async () => {
    const f = path.join(dir, 'text.xlsx');
    writeFileSync(f, 'not a workbook');
    await expect(readLedgerFile(f)).rejects.toMatchObject({ problem: 'notXlsx', messageEn: 'not an Excel workbook (.xlsx)' });
  });
});
