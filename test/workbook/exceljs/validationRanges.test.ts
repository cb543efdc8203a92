/**
 * Data validations keep their ranges through a load: a workbook written by a Python script with a validation
 * over 100,000 rows opens as one entry per range (not one per cell), and saving it again gives the same
 * validations over the same ranges, as openpyxl reads them (a rule over two ranges may come back as two rules).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadXlsx } from '../../../src/workbook/exceljs/loadXlsx';
import { saveXlsx } from '../../../src/workbook/exceljs/saveXlsx';
import { maskValidationRanges, unmaskValidationRanges } from '../../../src/workbook/exceljs/validationRanges';
import { runPython } from '../../support/openpyxl';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-validation-ranges-'));

const WRITE = `
import sys, openpyxl
from openpyxl.worksheet.datavalidation import DataValidation
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '用印登记'
ws['A1'] = '用印事由'; ws['B1'] = '份数'; ws['C1'] = '密级'
ws['B2'] = 3
whole = DataValidation(type='whole', operator='between', formula1='1', formula2='99', allow_blank=True, errorTitle='份数', error='请填 1 到 99')
whole.add('B2:B100001')
listed = DataValidation(type='list', formula1='"公开,内部,秘密"', allow_blank=True)
listed.add('C2:C50')
listed.add('E2:F9')
one = DataValidation(type='decimal', operator='greaterThan', formula1='0')
one.add('D7')
for dv in (whole, listed, one):
    ws.add_data_validation(dv)
ws.sheet_view.selection[0].sqref = 'A1:C3'
wb.save(sys.argv[1])
`;

const DUMP = `
import sys, json, warnings
warnings.simplefilter('error')
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['用印登记']
print(json.dumps(sorted([[str(r), dv.type, dv.formula1, dv.formula2, dv.error] for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges])))
`;

describe('validation ranges through a load', () => {
  it('masks only the ranges of data validations', () => {
    const xml = '<worksheet><sheetViews><sheetView><selection sqref="A1:C3"/></sheetView></sheetViews><sheetData/>' +
      '<dataValidations count="2"><dataValidation type="whole" sqref="B2:B9 D2:D9"/><dataValidation type="list" sqref="C4"/></dataValidations></worksheet>';
    const masked = maskValidationRanges(xml);
    expect(masked).toContain('<selection sqref="A1:C3"/>');
    expect(masked).toContain('sqref="B2~B9 D2~D9"');
    expect(masked).toContain('sqref="C4"');
    const model: Record<string, unknown> = { 'B2~B9': 1, 'D2~D9': 1, C4: 2 };
    unmaskValidationRanges(model);
    expect(Object.keys(model).sort()).toEqual(['B2:B9', 'C4', 'D2:D9']);
  });

  it('opens an openpyxl workbook with one entry per range and saves the same validations', async () => {
    const written = path.join(tmp, 'openpyxl.xlsx');
    await runPython(WRITE, [written]);
    const wb = await loadXlsx(readFileSync(written));
    const ws = wb.getWorksheet('用印登记')!;
    const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae?: unknown[] }> } }).dataValidations.model;
    expect(Object.keys(model).sort()).toEqual(['B2:B100001', 'C2:C50', 'D7', 'E2:F9']);
    expect(model['B2:B100001']).toMatchObject({ type: 'whole', formulae: [1, 99] });
    // A single cell is still found from the cell, as exceljs does.
    expect(ws.getCell('D7').dataValidation).toMatchObject({ type: 'decimal' });
    expect(ws.getCell('B2').value).toBe(3);

    const saved = path.join(tmp, 'saved.xlsx');
    writeFileSync(saved, await saveXlsx(wb));
    const [before, after] = await Promise.all([runPython(DUMP, [written]), runPython(DUMP, [saved])]);
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
  }, 120_000);
});
