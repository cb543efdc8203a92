/**
 * An imported record's empty cells are not written as cells (most of a record's 33 columns are empty step
 * columns): the register must still look and validate the same in openpyxl and in LibreOffice — every column's
 * number format and alignment, the dated and long-text cells of the records, and the data validation over the
 * imported rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import '../../src/workbook/exceljs/nodeZipFix';
import { buildCatalog } from '../../src/spec/catalog';
import { saveXlsx } from '../../src/workbook/exceljs/saveXlsx';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { libreOfficeRoundTrip } from '../support/corpus';
import { TEMPLATES_DIR, readDir } from '../support/docs';
import { importLedgerInto } from '../support/importLedger';
import { runPython } from '../support/openpyxl';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-imported-look-'));
const ROWS = 30;

/** What openpyxl sees of the register sheet: formats and alignment by column and by cell, validations. */
const DUMP = `
import sys, json, warnings
warnings.simplefilter('error')
import openpyxl
from openpyxl.utils import get_column_letter
ws = openpyxl.load_workbook(sys.argv[1])['收文登记']
headers = [c.value for c in ws[1]]
out = {'headers': headers, 'columns': {}, 'cells': {}, 'validations': []}
for i, h in enumerate(headers, start=1):
    d = ws.column_dimensions[get_column_letter(i)]
    out['columns'][h] = {'format': d.number_format, 'wrap': bool(d.alignment and d.alignment.wrap_text)}
for r in (2, ${ROWS + 1}):
    for i, h in enumerate(headers, start=1):
        c = ws.cell(r, i)
        if c.value is not None:
            out['cells']['%s%d' % (h, r)] = {'format': c.number_format, 'wrap': bool(c.alignment and c.alignment.wrap_text), 'value': str(c.value)}
for dv in ws.data_validations.dataValidation:
    out['validations'].append({'ranges': str(dv.sqref), 'type': dv.type})
print(json.dumps(out, ensure_ascii=False))
`;

interface Dump {
  headers: string[];
  columns: Record<string, { format: string; wrap: boolean }>;
  cells: Record<string, { format: string; wrap: boolean; value: string }>;
  validations: { ranges: string; type: string }[];
}

async function importedWorkbook(): Promise<string> {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates do not parse');
  const spec = catalog.value.registers.find((r) => r.name === '收文登记')!;
  const ledgerFile = path.join(tmp, 'ledger.xlsx');
  const ledger = new ExcelJS.Workbook();
  const sheet = ledger.addWorksheet('收文登记簿');
  sheet.addRow(['收文日期', '来文机关', '来文类型', '文号', '标题', '重要程度', '缓急', '密级', '份数', '承办科室', '领导批示']);
  for (let i = 1; i <= ROWS; i++) sheet.addRow([`2025.3.${i}`, '市税务局', '上级来文', `长政发〔2025〕${i}号`, `关于第 ${i} 项工作的通知`, '一般文件', '平件', '内部', `${i}份`, '综合办公室', '请综合办公室阅办']);
  await ledger.xlsx.writeFile(ledgerFile);

  const wb = await buildWorkbook([spec], catalog.value.settings, { combined: false });
  await importLedgerInto(wb, ledgerFile, ROWS);
  const file = path.join(tmp, 'imported.xlsx');
  writeFileSync(file, await saveXlsx(wb));
  return file;
}

function expectSameLook(dump: Dump): void {
  // LibreOffice writes yyyy-mm-dd as YYYY\-MM\-DD: the same format.
  const format = (f: string) => f.toLowerCase().replace(/\\/g, '');
  // Every column keeps its format: dates, date-times of the step columns, text.
  expect(format(dump.columns['收文日期'].format)).toBe('yyyy-mm-dd');
  expect(format(dump.columns['登记时间'].format)).toBe('yyyy-mm-dd hh:mm');
  expect(format(dump.columns['办公室主任拟办时间'].format)).toBe('yyyy-mm-dd hh:mm');
  expect(dump.columns['来文单位'].format).toBe('@');
  expect(dump.columns['领导批示'].wrap).toBe(true);
  // The records' cells show as their columns do, first and last.
  for (const row of [2, ROWS + 1]) {
    expect(format(dump.cells[`收文日期${row}`].format)).toBe('yyyy-mm-dd');
    expect(format(dump.cells[`登记时间${row}`].format)).toBe('yyyy-mm-dd hh:mm');
    expect(dump.cells[`领导批示${row}`]).toMatchObject({ wrap: true, value: '请综合办公室阅办' });
    expect(dump.cells[`状态${row}`].value).toBe('已办结');
    // The empty step columns of an imported record hold nothing.
    expect(dump.cells[`办公室主任拟办${row}`]).toBeUndefined();
  }
  // The list validations still reach the imported rows (and the empty step columns' people list).
  const headerColumn = (h: string) => String.fromCharCode(64 + dump.headers.indexOf(h) + 1);
  for (const h of ['来文类别', '密级', '办公室主任拟办']) {
    const letter = headerColumn(h);
    const covering = dump.validations.filter((v) => v.type === 'list' && v.ranges.split(' ').some((r) => new RegExp(`^${letter}2:${letter}(\\d+)$`).test(r) && Number(r.split(':')[1].slice(1)) >= ROWS + 1));
    expect(covering).toHaveLength(1);
  }
}

describe('an imported register', () => {
  it('looks and validates the same in openpyxl, and after LibreOffice saved it', async () => {
    const file = await importedWorkbook();
    const written = JSON.parse(await runPython(DUMP, [file])) as Dump;
    expectSameLook(written);
    const saved = libreOfficeRoundTrip(file);
    expectSameLook(JSON.parse(await runPython(DUMP, [saved])) as Dump);
  }, 300_000);
});
