import ExcelJS from 'exceljs';
import { settingsFromSheet, settingsToRows } from '../../src/core/settings';
import { sheetValues } from '../../src/workbook/exceljs/adapter';
import { writeSettingsSheet } from '../../src/workbook/exceljs/templateWriter';
import { fixtureCatalog } from './fixtures';

describe('the 设置 sheet', () => {
  it('reads back what the template writer wrote, through a real .xlsx', async () => {
    const settings = fixtureCatalog().settings;
    const wb = new ExcelJS.Workbook();
    writeSettingsSheet(wb, settings);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(await wb.xlsx.writeBuffer());
    expect(settingsFromSheet(sheetValues(again.getWorksheet('设置')!))).toEqual(settings);
  });

  it('keeps the 邮箱 block beside the 委托, 节假日 and 时限 blocks, through a real .xlsx and through settingsToRows', async () => {
    const settings = fixtureCatalog().settings;
    expect(settings.emails).toContainEqual({ name: '赵敏', address: 'zhaomin@example.com' });
    expect(settings.holidays?.length).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    writeSettingsSheet(wb, settings);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(await wb.xlsx.writeBuffer());
    const read = settingsFromSheet(sheetValues(again.getWorksheet('设置')!));
    expect(read.emails).toEqual(settings.emails);
    expect(read.holidays).toEqual(settings.holidays);
    expect(read.lists.map((l) => l.name)).not.toContain('邮箱');
    expect(settingsFromSheet(settingsToRows(settings))).toEqual(settings);
  });

  it('keeps the office’s 时区 in J2 through a real .xlsx, next to the lists it does not disturb', async () => {
    const settings = { ...fixtureCatalog().settings, timeZone: 'Asia/Hong_Kong' };
    const wb = new ExcelJS.Workbook();
    writeSettingsSheet(wb, settings);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(await wb.xlsx.writeBuffer());
    const ws = again.getWorksheet('设置')!;
    expect([ws.getCell('J1').value, ws.getCell('J2').value]).toEqual(['时区', 'Asia/Hong_Kong']);
    const read = settingsFromSheet(sheetValues(ws));
    expect(read).toEqual(settings);
    expect(read.lists.map((l) => l.name)).not.toContain('时区');
    expect(settingsFromSheet(settingsToRows(settings))).toEqual(settings);
  });

  it('keeps what the office added in the sheet, and ignores blanks', () => {
    const rows = settingsToRows(fixtureCatalog().settings);
    rows.push([null, null, null, null, null, null, '张三丰', '销售部', '经办人, 部门领导', null, '中性笔']);
    const s = settingsFromSheet(rows);
    expect(s.people[s.people.length - 1]).toEqual({ name: '张三丰', department: '销售部', roles: ['经办人', '部门领导'] });
    expect(s.lists[0].values[s.lists[0].values.length - 1]).toBe('中性笔');
  });
});
