/**
 * A register's drop-downs and status colours follow it past the template's first 1,000 rows: after an import of
 * 1,200 records, and again after the saved file is opened and 300 more are imported, openpyxl finds every
 * validation and conditional format of the table's columns reaching the last record. A rule someone put on part
 * of a column stays where it was.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import '../../../src/workbook/exceljs/nodeZipFix';
import { buildCatalog } from '../../../src/spec/catalog';
import { loadXlsx } from '../../../src/workbook/exceljs/loadXlsx';
import { saveXlsx } from '../../../src/workbook/exceljs/saveXlsx';
import { VALIDATED_ROWS, buildWorkbook } from '../../../src/workbook/exceljs/templateWriter';
import { TEMPLATES_DIR, readDir } from '../../support/docs';
import { importLedgerInto } from '../../support/importLedger';
import { runPython } from '../../support/openpyxl';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-body-formats-'));

const DUMP = `
import sys, json, warnings
warnings.simplefilter('error')
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['收文登记']
print(json.dumps({
  'last': ws.max_row,
  'validations': [[str(r), dv.type] for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges],
  'formats': [str(r) for cf in ws.conditional_formatting for r in cf.sqref.ranges],
}))
`;

interface Dump {
  last: number;
  validations: [string, string][];
  formats: string[];
}

async function ledger(name: string, from: number, rows: number): Promise<string> {
  const file = path.join(tmp, name);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收文登记簿');
  ws.addRow(['收文日期', '来文机关', '来文类型', '文号', '标题', '重要程度', '缓急', '密级', '份数', '承办科室']);
  for (let i = from; i < from + rows; i++) ws.addRow([`2025.3.${1 + (i % 28)}`, '市税务局', '上级来文', `长政发〔2025〕${i}号`, `关于第 ${i} 项工作的通知`, '一般文件', '平件', '内部', '1份', '综合办公室']);
  await wb.xlsx.writeFile(file);
  return file;
}

async function dump(wb: ExcelJS.Workbook, name: string): Promise<Dump> {
  const file = path.join(tmp, name);
  writeFileSync(file, await saveXlsx(wb));
  return JSON.parse(await runPython(DUMP, [file])) as Dump;
}

const bottomOf = (range: string) => Number(range.split(':')[1]?.replace(/^[A-Z]+/, '') ?? NaN);

describe('validations and conditional formats follow the register', () => {
  it('reach the last record after imports past the first 1,000 rows, in a new and in a reopened workbook', async () => {
    const catalog = buildCatalog(readDir(TEMPLATES_DIR));
    if (!catalog.ok) throw new Error('templates do not parse');
    const spec = catalog.value.registers.find((r) => r.name === '收文登记')!;
    const wb = await buildWorkbook([spec], catalog.value.settings, { combined: false });
    // Someone's own rule on a few cells of one column.
    (wb.getWorksheet('收文登记') as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('F5:F9', {
      type: 'textLength', operator: 'lessThan', formulae: [50], allowBlank: true,
    });
    const template = await dump(wb, 'template.xlsx');
    const full = template.validations.filter(([r]) => bottomOf(r) === VALIDATED_ROWS + 1);
    expect(full.length).toBeGreaterThan(5);
    expect(template.formats.length).toBeGreaterThan(0);
    expect(template.formats.every((r) => bottomOf(r) === VALIDATED_ROWS + 1)).toBe(true);

    await importLedgerInto(wb, await ledger('first.xlsx', 1, 1200), 1200);
    const first = await dump(wb, 'first-import.xlsx');
    expect(first.last).toBe(1201);
    const expected = (last: number) => [...full.map(([r, type]) => [r.replace(/\d+$/, String(last)), type]), ['F5:F9', 'textLength']].sort();
    expect([...first.validations].sort()).toEqual(expected(1201));
    expect(first.formats.map(bottomOf)).toEqual(template.formats.map(() => 1201));

    const reopened = await loadXlsx(readFileSync(path.join(tmp, 'first-import.xlsx')));
    await importLedgerInto(reopened, await ledger('second.xlsx', 2000, 300), 300);
    const second = await dump(reopened, 'second-import.xlsx');
    expect(second.last).toBe(1501);
    expect([...second.validations].sort()).toEqual(expected(1501));
    expect(second.formats.map(bottomOf)).toEqual(template.formats.map(() => 1501));
  }, 120_000);
});
