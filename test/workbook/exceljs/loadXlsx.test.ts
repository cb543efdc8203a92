/**
 * The one loader: a package whose parts sit elsewhere opens with its notes, tables and styles; a package already
 * in exceljs's shape is passed through untouched; everything that is not a readable workbook gets a message that
 * says what it is and, when damaged, which part of which sheet — never exceljs's own exception text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxReadError, loadXlsx } from '../../../src/workbook/exceljs/loadXlsx';
import { resolvePart } from '../../../src/workbook/exceljs/opc';
import { saveXlsx } from '../../../src/workbook/exceljs/saveXlsx';
import { normalizeXlsxPackage } from '../../../src/workbook/exceljs/xlsxPackage';
import { relocateParts } from '../../support/corpus';

const PROTECTED = path.join(__dirname, '..', '..', 'fixtures', '收文登记-有密码.xlsx');

async function sample(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收文登记');
  ws.addTable({ name: 'tz_incoming', ref: 'A1', columns: [{ name: '收文日期' }, { name: '份数' }], rows: [[new Date(Date.UTC(2025, 2, 5)), 3]] });
  ws.getCell('A2').note = '补录';
  ws.getCell('B2').numFmt = '0"份"';
  ws.getCell('B2').font = { bold: true };
  ws.getCell('B2').dataValidation = { type: 'whole', operator: 'greaterThan', formulae: [0], allowBlank: true };
  wb.definedNames.add("'收文登记'!$A$1:$B$2", '收文区域');
  wb.addWorksheet('设置').getCell('A1').value = '部门';
  return saveXlsx(wb);
}

async function rezip(bytes: Uint8Array, change: (zip: JSZip) => Promise<void> | void): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await change(zip);
  return zip.generateAsync({ type: 'uint8array' });
}

async function refusal(bytes: Uint8Array): Promise<XlsxReadError> {
  const error = await loadXlsx(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(XlsxReadError);
  const e = error as XlsxReadError;
  expect(`${e.message} ${e.messageEn}`).not.toMatch(/Cannot read|undefined|TypeError|Error:/);
  return e;
}

describe('loadXlsx', () => {
  it('opens a package with every part at other names: notes, tables, styles, validation and names intact', async () => {
    const wb = await loadXlsx(await relocateParts(await sample()));
    const ws = wb.getWorksheet('收文登记')!;
    expect(ws.getCell('A2').note).toBe('补录');
    expect(Object.keys((ws as unknown as { tables: object }).tables)).toEqual(['tz_incoming']);
    expect(ws.getCell('B2').value).toBe(3);
    expect(ws.getCell('B2').numFmt).toBe('0"份"');
    expect(ws.getCell('B2').font?.bold).toBe(true);
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'whole' });
    expect(wb.definedNames.getRanges('收文区域').ranges).toEqual(["'收文登记'!$A$1:$B$2"]);
    expect(wb.getWorksheet('设置')!.getCell('A1').value).toBe('部门');
  });

  it('passes a package already in exceljs’s shape through untouched', async () => {
    const bytes = await sample();
    const pkg = await normalizeXlsxPackage(bytes);
    expect(pkg.changed).toBe(false);
    expect(pkg.bytes).toBe(bytes);
    expect((await normalizeXlsxPackage(await relocateParts(bytes))).changed).toBe(true);
  });

  it('resolves targets as OPC does: relative, absolute, percent-encoded, backslashes', () => {
    expect(resolvePart('xl/worksheets/sheet1.xml', '../comments/comment1.xml')).toBe('xl/comments/comment1.xml');
    expect(resolvePart('xl/worksheets/sheet1.xml', '/xl/tables/table1.xml')).toBe('xl/tables/table1.xml');
    expect(resolvePart('xl/workbook.xml', 'Sheets/Register%201.xml')).toBe('xl/Sheets/Register 1.xml');
    expect(resolvePart('xl/workbook.xml', 'worksheets\\sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
  });

  it('says what a file is when it is not a workbook', async () => {
    expect((await refusal(new Uint8Array())).problem).toBe('empty');
    expect((await refusal(new Uint8Array(Buffer.from('姓名,部门\n张三,销售部\n')))).problem).toBe('notXlsx');
    expect((await refusal(new Uint8Array(readFileSync(PROTECTED)))).message).toContain('有打开密码');
    const xls = new Uint8Array(512);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal(xls)).message).toContain('旧版 .xls');
    const word = new JSZip();
    word.file('[Content_Types].xml', '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    expect((await refusal(await word.generateAsync({ type: 'uint8array' }))).message).toBe('这是 Word 文档,不是 Excel 工作簿');
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    expect((await refusal(await zip.generateAsync({ type: 'uint8array' }))).message).toContain('没有 Excel 工作簿');
    const truncated = (await sample()).slice(0, 2000);
    expect((await refusal(truncated)).message).toContain('压缩包结构不完整');
  });

  it('names the part and the sheet a damaged workbook fails on', async () => {
    const bytes = await sample();
    const brokenSheet = await refusal(await rezip(bytes, (z) => void z.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"')));
    expect(brokenSheet.message).toBe('工作簿中工作表“收文登记”的工作表(xl/worksheets/sheet1.xml)无法读取,文件可能已损坏;请用 Excel 或 WPS 打开并另存一份后再试');
    expect(brokenSheet.part).toBe('xl/worksheets/sheet1.xml');
    const brokenStyles = await refusal(await rezip(bytes, (z) => void z.file('xl/styles.xml', '<styleSheet><fonts count="1"><font>')));
    expect(brokenStyles.part).toBe('xl/styles.xml');
    expect(brokenStyles.messageEn).toContain('the styles (xl/styles.xml) cannot be read');
    const missing = await refusal(await rezip(bytes, (z) => void z.remove('xl/worksheets/sheet2.xml')));
    expect(missing.message).toContain('工作表“设置”的内容(xl/worksheets/sheet2.xml)不在文件中');
  });

  it('drops a reference to a note part that is not in the file, as Excel’s repair does, and reads the rest', async () => {
    const bytes = await rezip(await sample(), (z) => void z.remove('xl/comments1.xml'));
    const wb = await loadXlsx(bytes);
    expect(wb.getWorksheet('收文登记')!.getCell('B2').value).toBe(3);
  });
});
