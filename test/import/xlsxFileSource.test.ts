/**
 * The CLI streams an .xlsx source instead of loading it whole: every sheet must read exactly as the full load
 * reads it (values, merged ranges, hidden state, tab order), Chinese text included however the zip's chunks fall.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsxSheets } from '../../src/import/xlsxFileSource';
import { xlsxSource } from '../../src/import/xlsxSource';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-xlsx-source-'));
const ORGS = ['长沙市人民政府办公厅', '湖南省工商联', '长沙经开区管委会', '市税务局', '百盛商贸有限公司'];

async function ledgerFile(sharedStrings: boolean, richText: boolean): Promise<string> {
  const file = path.join(tmp, `ledger-${sharedStrings}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings, useStyles: true });
  const notes = wb.addWorksheet('说明');
  notes.addRow(['本簿由办公室维护']).commit();
  const ws = wb.addWorksheet('收文登记簿');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '2025年收文登记簿';
  ws.getRow(1).commit();
  ws.addRow(['序号', '收文日期', '来文机关', '标题', '份数', '合计']).commit();
  for (let i = 1; i <= 4000; i++) {
    const row = ws.addRow([i, i % 2 ? new Date(Date.UTC(2025, i % 12, 1 + (i % 28))) : `2025年${1 + (i % 12)}月${1 + (i % 28)}日`, ORGS[i % ORGS.length], `关于第 ${i} 项工作的通知`, `${1 + (i % 3)}份`, { formula: `A${i + 2}*2`, result: i * 2 }]);
    if (i % 2) row.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
    row.commit();
  }
  ws.addRow([]).commit();
  ws.addRow(['合计', null, null, null, '8000份']).commit();
  const hidden = wb.addWorksheet('旧表', { state: 'hidden' });
  hidden.addRow(['作废', richText ? { richText: [{ text: '红色' }, { text: '标题' }] } : '红色标题']).commit();
  await wb.commit();
  return file;
}

describe('readXlsxSheets', () => {
  for (const sharedStrings of [false, true]) {
    it(`reads every sheet as a full load does (${sharedStrings ? 'shared' : 'inline'} strings)`, async () => {
      const file = await ledgerFile(sharedStrings, sharedStrings);
      const whole = new ExcelJS.Workbook();
      await whole.xlsx.readFile(file);
      const streamed = await readXlsxSheets(file);
      expect(streamed.map((s) => [s.name, s.state])).toEqual([
        ['说明', 'visible'],
        ['收文登记簿', 'visible'],
        ['旧表', 'hidden'],
      ]);
      for (const sheet of streamed) {
        const expected = xlsxSource(whole.getWorksheet(sheet.name)!);
        expect(sheet.merges).toEqual(expected.merges);
        expect(sheet.rows).toEqual(expected.rows);
      }
      const ledger = streamed[1];
      expect(ledger.merges).toEqual(['A1:F1']);
      expect(ledger.rows).toHaveLength(4004);
      // No character was split where the zip's chunks end.
      expect(ledger.rows.flat().some((v) => typeof v === 'string' && v.includes('\ufffd'))).toBe(false);
    }, 60_000);
  }

  it('refuses inline rich text, which the streaming reader cuts short, so the caller loads the file whole', async () => {
    const file = path.join(tmp, 'rich.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    wb.addWorksheet('台账').addRow([{ richText: [{ text: '红色' }, { text: '标题' }] }]).commit();
    await wb.commit();
    await expect(readXlsxSheets(file)).rejects.toThrow(/rich text/);
  });

  it('refuses a file that is not a zip, so the caller loads it whole and says what is wrong', async () => {
    const file = path.join(tmp, 'not.xlsx');
    require('node:fs').writeFileSync(file, '序号,标题\n');
    await expect(readXlsxSheets(file)).rejects.toThrow();
  });
});
