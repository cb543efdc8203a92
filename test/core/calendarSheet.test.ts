import ExcelJS from 'exceljs';
import { calendarOf, workingHoursBetween } from '../../src/core/calendar';
import { calendarFromSheet } from '../../src/core/calendarSheet';
import { settingsFromSheet, settingsToRows } from '../../src/core/settings';
import { parseSettingsDocument } from '../../src/spec/parseSettings';
import { sheetValues } from '../../src/workbook/exceljs/adapter';
import { writeSettingsSheet } from '../../src/workbook/exceljs/templateWriter';
import { SETTINGS_DOC } from './fixtures';

const parsed = parseSettingsDocument(SETTINGS_DOC, '_设置.md');
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
const settings = parsed.value;

async function sheetOf(wb: ExcelJS.Workbook): Promise<ExcelJS.Worksheet> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await wb.xlsx.writeBuffer());
  return again.getWorksheet('设置')!;
}

describe('the calendar in 设置', () => {
  it('_设置.md lists the 2026 holidays and make-up workdays, and 2027’s statutory holidays without invented make-up days', () => {
    const kind = (date: string) => settings.holidays!.find((h) => h.date === date)?.kind;
    expect(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'].map(kind)).toEqual(Array(6).fill('work'));
    expect(['2026-01-01', '2026-02-15', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07'].map(kind)).toEqual(Array(8).fill('off'));
    expect(settings.holidays!.filter((h) => h.date.startsWith('2027')).every((h) => h.kind === 'off')).toBe(true);
    expect(settings.holidays!.filter((h) => h.date.startsWith('2027')).map((h) => h.date)).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    expect(settings.workingHours).toEqual([{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]);
    expect(settings.stepLimits).toEqual([{ register: '', step: '', hours: 8 }]);
    expect(SETTINGS_DOC).toMatch(/2027 年的调休放假和调休上班日期,须在国务院办公厅\n?公布/);
  });

  it('names a bad line of _设置.md', () => {
    const bad = SETTINGS_DOC.replace('| 2026-01-04 | 上班 | 元旦调休 |', '| 2026-01-32 | 补休 | 元旦调休 |').replace('09:00-12:00、13:00-18:00\n', '9点到18点\n');
    const r = parseSettingsDocument(bad, '_设置.md');
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.errors.map((e) => `${e.line}:${e.message}`);
    const line = (needle: string) => bad.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(messages).toEqual(expect.arrayContaining([
      `${line('2026-01-32')}:节假日的日期“2026-01-32”应写成 2026-10-01 或 2026-10-01 至 2026-10-07`,
      `${line('2026-01-32')}:节假日的安排“补休”应为 放假 或 上班(调休上班)`,
      `${line('9点到18点')}:工作时间“9点到18点”应写成 09:00-12:00、13:00-18:00(时段不重叠)`,
    ]));
  });

  it('lives on the 设置 sheet (J3:J6 and the 节假日 block after 委托) and reads back through a real .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    writeSettingsSheet(wb, { ...settings, stepLimits: [...settings.stepLimits!, { register: '用印登记', step: '', hours: 4 }] });
    const ws = await sheetOf(wb);
    expect(['J1', 'J3', 'J4', 'J5', 'J6'].map((a) => ws.getCell(a).value)).toEqual(['时区', '工作时间', '09:00-12:00、13:00-18:00', '审批时限', 8]);
    const rows = sheetValues(ws);
    const holidayCol = rows[0].indexOf('节假日日期');
    expect(holidayCol).toBeGreaterThan(rows[0].indexOf('委托人'));
    expect(rows.slice(1, 4).map((r) => r.slice(holidayCol, holidayCol + 3))).toEqual([
      ['2026-01-01 至 2026-01-03', '放假', '元旦'],
      ['2026-01-04', '上班', '元旦调休'],
      ['2026-02-14', '上班', '春节调休'],
    ]);
    const read = settingsFromSheet(rows);
    expect(read.holidays).toEqual(settings.holidays);
    expect(read.stepLimits).toEqual([{ register: '', step: '', hours: 8 }, { register: '用印登记', step: '', hours: 4 }]);
    expect(read.lists.map((l) => l.name)).not.toContain('节假日日期');
    expect(settingsFromSheet(settingsToRows(read))).toEqual(read);
  });

  it('takes what the office types on the sheet: an Excel date, a range, its own hours and limits', async () => {
    const wb = new ExcelJS.Workbook();
    writeSettingsSheet(wb, settings);
    const ws = wb.getWorksheet('设置')!;
    const rows = sheetValues(ws);
    const col = rows[0].indexOf('节假日日期') + 1;
    const next = rows.length + 1;
    ws.getCell(next, col).value = new Date(Date.UTC(2026, 2, 6)); // a Friday, typed as an Excel date
    ws.getCell(next, col + 1).value = '放假';
    ws.getCell(next + 1, col).value = '2026/3/9 至 2026/3/10';
    ws.getCell(next + 1, col + 1).value = '放假';
    ws.getCell('J4').value = '08:30-12:00,14:00-17:30';
    const read = settingsFromSheet(sheetValues(await sheetOf(wb)));
    const calendar = calendarOf(read);
    // Thu 5th 17:00-17:30, Fri 6th and Mon 9th, Tue 10th off, Wed 11th 08:30-09:30
    expect(workingHoursBetween(calendar, '2026-03-05T17:00', '2026-03-11T09:30')).toBe(1.5);
  });

  it('an old workbook without the calendar reads with the defaults; unreadable cells are named', () => {
    const old = settingsToRows({ ...settings, holidays: undefined, workingHours: undefined, stepLimits: undefined });
    const read = settingsFromSheet(old);
    expect([read.holidays, read.workingHours, read.stepLimits]).toEqual([undefined, undefined, undefined]);
    expect(workingHoursBetween(calendarOf(read), '2026-03-06T17:00', '2026-03-09T10:00')).toBe(2);
    const rows = settingsToRows(settings);
    rows[3][9] = '九点到六点';
    rows[5][9] = '很快';
    const col = rows[0].indexOf('节假日日期');
    rows[2][col] = '2026-13-01';
    const { calendar, problems } = calendarFromSheet(rows);
    expect(calendar.workingHours).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual([
      '设置!J4:工作时间“九点到六点”应写成 09:00-12:00、13:00-18:00,已按默认工作时间计算',
      '设置!J6:审批时限“很快”应是工作小时数(如 8),此行未计入',
      expect.stringMatching(/^设置![A-Z]+3:节假日“2026-13-01 上班”未计入/),
    ]);
  });
});
