/**
 * The calendar on the 设置 sheet. Single values sit in column J below the 时区 (J1/J2): J3 工作时间 with the
 * periods in J4, J5 审批时限 with the hours for every step in J6. Lists sit after the 委托 block, each found by its
 * header like the 委托 block: 节假日日期 | 安排 | 节日名称, and 时限登记表 | 时限步骤 | 时限(工作小时) for limits of
 * particular registers or steps. A workbook made before these existed has none of them and reads with the
 * defaults; a cell that cannot be read is named with what was used instead.
 */
import { encodeAddress } from './a1';
import type { CellValue } from './cells';
import { TIME_ZONE_COLUMN } from './officeClock';
import { HOLIDAY_KINDS, HOLIDAY_KIND_WORD, holidayRanges, parseHolidayDates, parseLimitHours, parseWorkingHours, workingHoursText } from '../spec/calendarText';
import type { Holiday, SettingsSpec, StepLimit } from '../spec/schema';

export const WORKING_HOURS_LABEL = '工作时间';
export const STEP_LIMIT_LABEL = '审批时限';
/** 0-based rows of column J: label above value. */
const WORKING_HOURS_ROW = 2;
const STEP_LIMIT_ROW = 4;

export const HOLIDAY_HEADERS = ['节假日日期', '安排', '节日名称'] as const;
export const STEP_LIMIT_HEADERS = ['时限登记表', '时限步骤', '时限(工作小时)'] as const;
/** Headers that start a block after the lists (the lists end at the first of them). */
export const CALENDAR_BLOCK_HEADERS: readonly string[] = [HOLIDAY_HEADERS[0], STEP_LIMIT_HEADERS[0]];
/** Where the blocks go, counted from the 委托 block's first column (which is 5 wide, then a blank column). */
export const HOLIDAY_OFFSET = 6;
export const STEP_LIMIT_OFFSET = HOLIDAY_OFFSET + HOLIDAY_HEADERS.length + 1;

export interface SheetProblem {
  message: string;
  messageEn: string;
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const cell = (row: number, col: number) => `设置!${encodeAddress(row + 1, col + 1)}`;

type Calendar = Pick<SettingsSpec, 'holidays' | 'workingHours' | 'stepLimits'>;

/** The calendar a 设置 sheet holds, and what in it could not be read. */
export function calendarFromSheet(rows: ReadonlyArray<ReadonlyArray<CellValue | undefined>>): { calendar: Calendar; problems: SheetProblem[] } {
  const calendar: Calendar = {};
  const problems: SheetProblem[] = [];
  const j = TIME_ZONE_COLUMN;
  if (text(rows[WORKING_HOURS_ROW]?.[j]) === WORKING_HOURS_LABEL) {
    const value = text(rows[WORKING_HOURS_ROW + 1]?.[j]);
    const periods = value ? parseWorkingHours(value) : null;
    if (periods) calendar.workingHours = periods;
    else if (value)
      problems.push({ message: `${cell(WORKING_HOURS_ROW + 1, j)}:工作时间“${value}”应写成 09:00-12:00、13:00-18:00,已按默认工作时间计算`, messageEn: `${cell(WORKING_HOURS_ROW + 1, j)}: working hours "${value}" must read like 09:00-12:00、13:00-18:00; the default was used` });
  }
  const limits: StepLimit[] = [];
  if (text(rows[STEP_LIMIT_ROW]?.[j]) === STEP_LIMIT_LABEL) {
    const value = text(rows[STEP_LIMIT_ROW + 1]?.[j]);
    const hours = value ? parseLimitHours(value) : null;
    if (hours !== null) limits.push({ register: '', step: '', hours });
    else if (value) problems.push(limitProblem(STEP_LIMIT_ROW + 1, j, value));
  }
  const header = rows[0] ?? [];
  const body = rows.slice(1);
  const holidayCol = header.findIndex((h, i) => i > j && text(h) === HOLIDAY_HEADERS[0]);
  if (holidayCol >= 0) {
    const holidays: Holiday[] = [];
    body.forEach((row, i) => {
      const [dates, kindText, name] = [0, 1, 2].map((k) => text(row[holidayCol + k]));
      if (!dates && !kindText) return;
      const days = parseHolidayDates(dates);
      const kind = HOLIDAY_KINDS[kindText];
      if (days && kind) holidays.push(...days.map((date) => ({ date, kind, name })));
      else
        problems.push({
          message: `${cell(i + 1, days ? holidayCol + 1 : holidayCol)}:节假日“${dates} ${kindText}”未计入:日期写 2026-10-01 或 2026-10-01 至 2026-10-07,安排写 放假 或 上班`,
          messageEn: `${cell(i + 1, days ? holidayCol + 1 : holidayCol)}: holiday "${dates} ${kindText}" not counted: write the date as 2026-10-01 or 2026-10-01 至 2026-10-07 and the arrangement as 放假 or 上班`,
        });
    });
    if (holidays.length) calendar.holidays = holidays;
  }
  const limitCol = header.findIndex((h, i) => i > j && text(h) === STEP_LIMIT_HEADERS[0]);
  if (limitCol >= 0)
    body.forEach((row, i) => {
      const [register, step, value] = [0, 1, 2].map((k) => text(row[limitCol + k]));
      if (!register && !step && !value) return;
      const hours = parseLimitHours(value);
      if (hours !== null) limits.push({ register: register === '全部' ? '' : register, step: step === '全部' ? '' : step, hours });
      else problems.push(limitProblem(i + 1, limitCol + 2, value));
    });
  if (limits.length) calendar.stepLimits = limits;
  return { calendar, problems };
}

function limitProblem(row: number, col: number, value: string): SheetProblem {
  return { message: `${cell(row, col)}:审批时限“${value}”应是工作小时数(如 8),此行未计入`, messageEn: `${cell(row, col)}: step time limit "${value}" must be a number of working hours (e.g. 8); the row was not counted` };
}

/** A value the sheet shows at a 0-based row and column; `header` cells get the header style. */
export interface SheetCell {
  row: number;
  col: number;
  value: CellValue;
  header: boolean;
}

/** What settingsToRows and the template writer put on the sheet for the calendar; `delegationCol` is the 委托 block's first column. */
export function calendarCells(settings: Calendar, delegationCol: number): SheetCell[] {
  const out: SheetCell[] = [];
  const j = TIME_ZONE_COLUMN;
  if (settings.workingHours?.length)
    out.push({ row: WORKING_HOURS_ROW, col: j, value: WORKING_HOURS_LABEL, header: true }, { row: WORKING_HOURS_ROW + 1, col: j, value: workingHoursText(settings.workingHours), header: false });
  const all = settings.stepLimits?.find((l) => !l.register && !l.step);
  if (all) out.push({ row: STEP_LIMIT_ROW, col: j, value: STEP_LIMIT_LABEL, header: true }, { row: STEP_LIMIT_ROW + 1, col: j, value: all.hours, header: false });
  const block = (col: number, headers: readonly string[], rows: CellValue[][]) => {
    headers.forEach((h, k) => out.push({ row: 0, col: col + k, value: h, header: true }));
    rows.forEach((r, i) => r.forEach((value, k) => out.push({ row: i + 1, col: col + k, value, header: false })));
  };
  block(delegationCol + HOLIDAY_OFFSET, HOLIDAY_HEADERS, holidayRanges(settings.holidays ?? []).map((h) => [h.dates, HOLIDAY_KIND_WORD[h.kind], h.name || null]));
  block(delegationCol + STEP_LIMIT_OFFSET, STEP_LIMIT_HEADERS, (settings.stepLimits ?? []).filter((l) => l !== all).map((l) => [l.register || '全部', l.step || '全部', l.hours]));
  return out;
}
