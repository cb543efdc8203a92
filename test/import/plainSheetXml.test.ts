/**
 * The plain reader of ledger sheets must give exactly what a full exceljs load gives, on files from exceljs (inline,
 * "str" and shared strings), openpyxl and LibreOffice; and say "not plain" for what it does not read itself
 * (a date-styled formula result, 1904 dates, a style on a whole row), where readXlsxSheets still reads the file as
 * the full load does. A formula is read as its cached result, as the full load gives it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { dateStyles, plainSharedStrings, plainSheetRows } from '../../src/import/plainSheetXml';
import { readXlsxSheets } from '../../src/import/xlsxFileSource';
import { xlsxSource } from '../../src/import/xlsxSource';
import { readSheetParts } from '../../src/workbook/exceljs/ledgerStream';
import { ZipDirectory } from '../../src/workbook/exceljs/zipDirectory';
import { libreOfficeRoundTrip } from '../support/corpus';
import { runPython } from '../support/openpyxl';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-plain-sheet-'));

/** Whether every sheet of FILE is read by the plain reader (no fallback to exceljs's streaming reader). */
async function readsPlain(file: string): Promise<boolean> {
  const zip = await ZipDirectory.open(file);
  try {
    const strings = await zip.text('xl/sharedStrings.xml');
    const styles = await zip.text('xl/styles.xml');
    const plainStrings = strings === null ? null : plainSharedStrings(strings);
    const dates = styles === null ? null : dateStyles(styles);
    for (const part of await readSheetParts(zip)) if (!plainSheetRows((await zip.text(part.path)) ?? '', plainStrings, dates)) return false;
    return true;
  } finally {
    await zip.close();
  }
}

async function expectAsFullLoad(file: string): Promise<void> {
  const whole = new ExcelJS.Workbook();
  await whole.xlsx.readFile(file);
  const read = await readXlsxSheets(file);
  expect(read.map((s) => s.name)).toEqual(whole.worksheets.map((w) => w.name));
  for (const sheet of read) {
    const expected = xlsxSource(whole.getWorksheet(sheet.name)!);
    expect(sheet.rows).toEqual(expected.rows);
    expect(sheet.merges).toEqual(expected.merges);
  }
}

const ROWS: ExcelJS.CellValue[][] = [
  ['序号', '收文日期', '来文机关', '标题', '份数', '已归档'],
  [1, new Date(Date.UTC(2025, 2, 5)), '长沙市人民政府办公厅', '关于 A&B <试点> 的通知', 3, true],
  [2, '2025.3.12', '市税务局 ', '  前后有空格  ', 1.5, false],
  [3, new Date(Date.UTC(2025, 2, 28, 9, 30)), 'R&D 中心', '第 "三" 号', null, null],
];

async function exceljsLedger(name: string, sharedStrings: boolean): Promise<string> {
  const file = path.join(tmp, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings, useStyles: true });
  const ws = wb.addWorksheet('收文登记簿');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '2025年收文登记簿';
  ws.getRow(1).commit();
  for (const values of ROWS) {
    const row = ws.addRow(values);
    if (values[1] instanceof Date) row.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
    row.commit();
  }
  await wb.commit();
  return file;
}

describe('plain ledger sheets', () => {
  for (const sharedStrings of [false, true]) {
    it(`reads an exceljs ledger (${sharedStrings ? 'shared' : '"str"'} strings) as the full load does, by itself`, async () => {
      const file = await exceljsLedger(`exceljs-${sharedStrings}.xlsx`, sharedStrings);
      expect(await readsPlain(file)).toBe(true);
      await expectAsFullLoad(file);
      const [sheet] = await readXlsxSheets(file);
      // Dated cells are serials, text keeps its spaces, & and < come back as typed.
      expect(sheet.rows[2]).toEqual([1, 45721, '长沙市人民政府办公厅', '关于 A&B <试点> 的通知', 3, true]);
      expect(sheet.rows[3]).toEqual([2, '2025.3.12', '市税务局 ', '  前后有空格  ', 1.5, false]);
      expect(sheet.rows[4][1]).toBeCloseTo(45744.395833, 5);
    });
  }

  it('reads a ledger written by openpyxl, and the same after LibreOffice saved it', async () => {
    const file = path.join(tmp, 'openpyxl.xlsx');
    await runPython(
      `import sys, datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '旧台账'
ws.append(['2025年收文登记簿'])
ws.merge_cells('A1:E1')
ws.append(['序号', '收文日期', '来文机关', '标题', '份数'])
for i in range(1, 200):
    ws.append([i, datetime.date(2025, 1 + i % 12, 1 + i % 28) if i % 2 else '2025年%d月%d日' % (1 + i % 12, 1 + i % 28), '长沙经开区管委会' if i % 3 else 'A&B 公司', '关于第 %d 项 <工作> 的通知' % i, '%d份' % (1 + i % 3)])
    ws.cell(ws.max_row, 2).number_format = 'yyyy-mm-dd'
ws.append([])
ws.append(['合计', None, None, None, '398份'])
wb.create_sheet('说明').append(['本簿由办公室维护', 3.25])
wb.save(sys.argv[1])`,
      [file],
    );
    expect(await readsPlain(file)).toBe(true);
    await expectAsFullLoad(file);
    // (No yes/no cell here: LibreOffice writes one as the formula TRUE(), which the general reader takes.)
    const saved = libreOfficeRoundTrip(file);
    expect(await readsPlain(saved)).toBe(true);
    await expectAsFullLoad(saved);
    expect((await readXlsxSheets(saved))[0].rows[2].slice(0, 2)).toEqual([1, 45690]);
  }, 300_000);

  it('reads a formula as what it last computed, as the full load does (none, as openpyxl saves it, is an empty cell)', async () => {
    const file = path.join(tmp, 'formula.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['序号', '份数', '合计', '说明', '已核']);
    ws.addRow([1, 2, { formula: 'A2*B2', result: 2 }, { formula: '"第"&A2&"项"', result: '第1项' }, { formula: 'B2>1', result: true }]);
    ws.addRow([2, 3, { formula: 'A3*B3' }, null, null]);
    await wb.xlsx.writeFile(file);
    expect(await readsPlain(file)).toBe(true);
    await expectAsFullLoad(file);
    expect((await readXlsxSheets(file))[0].rows.slice(1)).toEqual([
      [1, 2, 2, '第1项', true],
      [2, 3],
    ]);

    const saved = path.join(tmp, 'formula-openpyxl.xlsx');
    await runPython(`import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['台账']['F2'] = '=SUM(B2:B3)'\nwb.save(sys.argv[2])`, [file, saved]);
    await expectAsFullLoad(saved);
    expect((await readXlsxSheets(saved))[0].rows[1]).toEqual([1, 2]);
  }, 300_000);

  it('leaves date-styled formula results, 1904 dates and row styles to the general reader, which still reads them as the full load does', async () => {
    const file = path.join(tmp, 'formula-date.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['收文日期', '到期日']);
    ws.addRow([new Date(Date.UTC(2025, 2, 5)), { formula: 'A2+3', result: 45724 }]);
    ws.getCell('B2').numFmt = 'yyyy-mm-dd';
    await wb.xlsx.writeFile(file);
    expect(await readsPlain(file)).toBe(false);
    await expectAsFullLoad(file);

    const styledRow = `<worksheet><sheetData><row r="1" s="1" customFormat="1"><c r="A1"><v>45721</v></c></row></sheetData></worksheet>`;
    expect(plainSheetRows(styledRow, null, [false, true])).toBeNull();
    const unknownStyle = `<worksheet><sheetData><row r="1"><c r="A1" s="7"><v>45721</v></c></row></sheetData></worksheet>`;
    expect(plainSheetRows(unknownStyle, null, [false, true])).toBeNull();
    expect(plainSharedStrings('<sst><si><r><t>红色</t></r><r><rPr><b/></rPr><t>标题</t></r></si></sst>')).toEqual(['红色标题']);
    expect(plainSharedStrings('<sst><si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>')).toBeNull();
    expect(plainSharedStrings('<sst><si><t>a_x000D_b</t></si></sst>')).toBeNull();
    // Typed "&lt;" in an inline string: exceljs decodes it a second time, to "<"; the plain reader leaves it to exceljs.
    const typedEntity = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&amp;lt;</t></is></c></row></sheetData></worksheet>`;
    expect(plainSheetRows(typedEntity, null, null)).toBeNull();
    expect(plainSharedStrings('<sst><si><t>A&amp;B</t></si><si><t xml:space="preserve"> x </t></si></sst>')).toEqual(['A&B', ' x ']);
  });
});
