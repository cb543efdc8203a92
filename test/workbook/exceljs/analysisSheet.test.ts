import ExcelJS from 'exceljs';
import { analysisLayouts, ANALYSIS_SHEET, DETAIL_SHEET, PLAN_SHEET } from '../../../src/inventory/analysisSheets';
import { analyzeLedger } from '../../../src/inventory/analyze';
import { ledgerFromReadResult, ledgerReadRequest } from '../../../src/inventory/input';
import { dateToSerial } from '../../../src/core/cells';
import { ExcelJsWorkbook, plainValue } from '../../../src/workbook/exceljs/adapter';
import { writeAnalysisSheets } from '../../../src/workbook/exceljs/analysisSheet';
import { NUMBER_FORMATS } from '../../../src/inventory/sheetLayout';
import { defaultGenerateOptions, generateLedger, ledgerWorkbook, supplySpecs } from '../../support/suppliesLedger';

async function analysed(wb: ExcelJS.Workbook, asOf: string) {
  const read = await new ExcelJsWorkbook(wb).read(ledgerReadRequest());
  return analyzeLedger(ledgerFromReadResult(read), { asOf: dateToSerial(asOf)! });
}

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(Buffer.from(await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
  return again;
}

type Tables = Record<string, { table: { ref?: string; tableRef?: string; columns: { name: string }[] } }>;

describe('writing the analysis sheets with exceljs', () => {
  const { settings } = supplySpecs();
  const data = generateLedger({ ...defaultGenerateOptions(settings, 99), items: 8 });
  let wb: ExcelJS.Workbook;
  let layouts: ReturnType<typeof analysisLayouts>;

  beforeAll(async () => {
    const source = await ledgerWorkbook(data);
    layouts = analysisLayouts(await analysed(source, data.asOf));
    writeAnalysisSheets(source, layouts);
    wb = await reload(source);
  }, 60_000);

  it('puts the three sheets right after 汇总', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 4)).toEqual(['汇总', ANALYSIS_SHEET, PLAN_SHEET, DETAIL_SHEET]);
  });

  it('writes every value of the layout, money with its format', () => {
    for (const layout of layouts) {
      const ws = wb.getWorksheet(layout.name)!;
      layout.cells.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v !== null) expect([i + 1, j + 1, plainValue(ws.getCell(i + 1, j + 1).value)]).toEqual([i + 1, j + 1, v]);
        }),
      );
      for (const { ref, format } of layout.formats) expect(ws.getCell(ref.split(':')[0]).numFmt).toBe(NUMBER_FORMATS[format]);
    }
  });

  it('makes each block a real Excel table with the layout’s range and columns', () => {
    for (const layout of layouts) {
      const tables = (wb.getWorksheet(layout.name) as unknown as { tables: Tables }).tables;
      for (const t of layout.tables) {
        const table = tables[t.name]?.table;
        expect(table).toBeDefined();
        expect(table.tableRef ?? table.ref).toBe(t.ref);
        expect(table.columns.map((c) => c.name)).toEqual(t.columns.map((c) => c.header));
      }
    }
  });

  it('puts data bars on the amount columns where charts cannot be written', () => {
    const ws = wb.getWorksheet(ANALYSIS_SHEET) as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] };
    const bars = ws.conditionalFormattings.filter((c) => c.rules.some((r) => r.type === 'dataBar')).map((c) => c.ref);
    const expected = layouts[0].tables.flatMap((t) => t.dataBarRefs);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(bars).toEqual(expected);
  });

  it('replaces the sheets when the analysis runs again on its own output', async () => {
    const again = await reload(wb);
    writeAnalysisSheets(again, analysisLayouts(await analysed(again, data.asOf)));
    const third = await reload(again);
    expect(third.worksheets.filter((w) => w.name === ANALYSIS_SHEET)).toHaveLength(1);
    expect(plainValue(third.getWorksheet(ANALYSIS_SHEET)!.getCell('B6').value)).toBe(layouts[0].cells[5][1]);
  });
});
