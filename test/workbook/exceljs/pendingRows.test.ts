/**
 * Rows appended to the log sheets (_审计, _导入) wait as values and are written into the sheet's XML on save: what
 * the port reads back, and what any reader finds in the saved file, is what exceljs cells would have given.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../../src/core/cells';
import { AUDIT_HEADER } from '../../../src/core/auditLayout';
import { AUDIT_SHEET } from '../../../src/core/layout';
import { IMPORT_LOG_HEADER, IMPORT_LOG_SHEET } from '../../../src/core/import/importLog';
import { ExcelJsWorkbook, sheetValues } from '../../../src/workbook/exceljs/adapter';
import { loadXlsx } from '../../../src/workbook/exceljs/loadXlsx';
import { pendingRowsOf } from '../../../src/workbook/exceljs/pendingRows';
import { saveXlsx } from '../../../src/workbook/exceljs/saveXlsx';
import { SharedStrings, withRowsAppended } from '../../../src/workbook/exceljs/sheetRowsXml';
import { loadInOpenpyxl, runPython } from '../../support/openpyxl';

/** Values users and the log put in these sheets, and the ones XML makes hard. */
const ROWS: CellValue[][] = [
  [1, '2026-03-15T10:00', 'incoming_docs', 'SW-2026-0001', '导入', '孙晓燕', 'a'.repeat(64), '0'.repeat(64), 'b'.repeat(64)],
  [2, 'A & B <c> "d" \'e\'', '', null, 'tab\there\nnew line', '  spaced  ', '😀 表情', -1.5, true],
  [3, 'bell\u0007 vt\u000b del\u007f', 1e21, 0.1 + 0.2, false, null, null, 'last'],
];

function logBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('收文登记').addRow(['编号']);
  wb.addWorksheet(AUDIT_SHEET, { state: 'veryHidden' }).addRow([...AUDIT_HEADER]);
  return wb;
}

/** The same rows written as exceljs cells, saved by exceljs and read back: what readers found before. */
async function asExceljsCells(rows: CellValue[][]): Promise<CellValue[][]> {
  const wb = logBook();
  const ws = wb.getWorksheet(AUDIT_SHEET)!;
  rows.forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getRow(i + 2).getCell(j + 1).value = v)));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return sheetValues(back.getWorksheet(AUDIT_SHEET)!);
}

describe('log rows kept as values until the workbook is saved', () => {
  it('read back through the port as appended, and saved as exceljs cells would have been', async () => {
    const wb = logBook();
    const port = new ExcelJsWorkbook(wb);
    await port.write({ sheetAppends: [{ sheet: AUDIT_SHEET, rows: ROWS.slice(0, 2) }] });
    await port.write({ sheetAppends: [{ sheet: AUDIT_SHEET, rows: ROWS.slice(2) }] });
    expect(pendingRowsOf(wb.getWorksheet(AUDIT_SHEET)!)?.firstRow).toBe(2);
    const tail = await port.read({ sheets: [{ sheet: AUDIT_SHEET, lastRows: 2 }] });
    expect(tail.sheets[AUDIT_SHEET]).toEqual([ROWS[1], ROWS[2].slice(0, 8)]);
    const whole = (await port.read({ sheets: [AUDIT_SHEET] })).sheets[AUDIT_SHEET];
    expect(whole).toEqual([[...AUDIT_HEADER], ROWS[0], ROWS[1], ROWS[2].slice(0, 8)]);

    const saved = await saveXlsx(wb);
    const reloaded = await loadXlsx(saved);
    expect(sheetValues(reloaded.getWorksheet(AUDIT_SHEET)!)).toEqual(await asExceljsCells(ROWS));
    expect(reloaded.getWorksheet(AUDIT_SHEET)!.state).toBe('veryHidden');
    // Saving leaves the rows where they are: a second save writes the same sheet.
    expect(sheetValues((await loadXlsx(await saveXlsx(wb))).getWorksheet(AUDIT_SHEET)!)).toEqual(sheetValues(reloaded.getWorksheet(AUDIT_SHEET)!));
  });

  it('open in openpyxl with no warning, with the values and dimension exceljs cells would have given', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-pending-'));
    const ours = logBook();
    await new ExcelJsWorkbook(ours).write({ sheetAppends: [{ sheet: AUDIT_SHEET, rows: ROWS }] });
    writeFileSync(path.join(dir, 'ours.xlsx'), await saveXlsx(ours));
    const cells = logBook();
    ROWS.forEach((row, i) => row.forEach((v, j) => v !== null && (cells.getWorksheet(AUDIT_SHEET)!.getRow(i + 2).getCell(j + 1).value = v)));
    writeFileSync(path.join(dir, 'cells.xlsx'), new Uint8Array(await cells.xlsx.writeBuffer()));
    expect(await loadInOpenpyxl(path.join(dir, 'ours.xlsx'))).toBeNull();
    const read = async (file: string) =>
      JSON.parse(
        await runPython(
          `import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['${AUDIT_SHEET}']
print(json.dumps({'dimension': ws.dimensions, 'rows': [[c.value for c in r] for r in ws.iter_rows()]}, ensure_ascii=False))`,
          [path.join(dir, file)],
        ),
      ) as { dimension: string; rows: unknown[][] };
    const [seen, expected] = [await read('ours.xlsx'), await read('cells.xlsx')];
    expect(seen).toEqual(expected);
    expect(seen.dimension).toBe('A1:I4');
    expect(seen.rows[3][1]).toBe('bell vt del');
  });

  it('a log sheet written whole keeps its header as cells and its rows as log rows', async () => {
    const wb = logBook();
    const port = new ExcelJsWorkbook(wb);
    const rows: CellValue[][] = [[...IMPORT_LOG_HEADER], ['incoming_docs', '行', 'c'.repeat(64), 'SW-2026-0001', '2026-03-15T10:00'], ['incoming_docs', '行', 'd'.repeat(64), 'SW-2026-0002', '2026-03-15T10:00']];
    await port.write({ sheetWrites: [{ sheet: IMPORT_LOG_SHEET, rows, hidden: true }] });
    expect(pendingRowsOf(wb.getWorksheet(IMPORT_LOG_SHEET)!)?.rows).toHaveLength(2);
    expect((await port.read({ sheets: [IMPORT_LOG_SHEET] })).sheets[IMPORT_LOG_SHEET]).toEqual(rows);
    await port.write({ sheetAppends: [{ sheet: IMPORT_LOG_SHEET, rows: [['incoming_docs', '行', 'e'.repeat(64), 'SW-2026-0003', '2026-03-16T10:00']] }] });
    const reloaded = await loadXlsx(await saveXlsx(wb));
    expect(sheetValues(reloaded.getWorksheet(IMPORT_LOG_SHEET)!).map((r) => r[3])).toEqual(['值', 'SW-2026-0001', 'SW-2026-0002', 'SW-2026-0003']);
  });

  it('become cells when something wrote cells below them, so that nothing is written twice or lost', async () => {
    const wb = logBook();
    await new ExcelJsWorkbook(wb).write({ sheetAppends: [{ sheet: AUDIT_SHEET, rows: ROWS.slice(0, 1) }] });
    wb.getWorksheet(AUDIT_SHEET)!.getCell('A5').value = 'written by hand';
    const reloaded = await loadXlsx(await saveXlsx(wb));
    const values = sheetValues(reloaded.getWorksheet(AUDIT_SHEET)!);
    expect(values[1]).toEqual(ROWS[0]);
    expect(values[4]).toEqual(['written by hand']);
  });

  it('are written into a sheet part with no rows yet, widening its dimension, their text numbered on from the shared strings', () => {
    const strings = new SharedStrings(3);
    const part = '<worksheet><dimension ref="A1"/><sheetData/></worksheet>';
    expect(withRowsAppended(part, 1, [['x', 2, 'x', 'y & z']], strings)).toBe(
      '<worksheet><dimension ref="A1:D1"/><sheetData><row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1"><v>2</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>4</v></c></row></sheetData></worksheet>',
    );
    expect(strings.appendTo('<sst xmlns="x" count="5" uniqueCount="3"><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>')).toBe(
      '<sst xmlns="x" count="8" uniqueCount="5"><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si><si><t xml:space="preserve">x</t></si><si><t xml:space="preserve">y &amp; z</t></si></sst>',
    );
    // Parts exceljs did not write: the caller lets exceljs write the rows as cells.
    expect(withRowsAppended('<worksheet></worksheet>', 1, [['x']], strings)).toBeNull();
    expect(strings.appendTo('<sst xmlns="x" count="5" uniqueCount="4"></sst>')).toBeNull();
  });
});
