/**
 * The calendar sections of _设置.md: `## 工作时间` (one line), `## 节假日` (| 日期 | 安排 | 名称 |) and
 * `## 审批时限` (| 登记表 | 步骤 | 时限 |, 全部 or blank for every register or step). All optional: without them
 * the defaults apply (core/calendar, core/timeliness).
 */
import { foldWidth, nonBlank, type Section } from './markdown';
import { HOLIDAY_KINDS, parseHolidayDates, parseLimitHours, parseWorkingHours } from './calendarText';
import type { Holiday, SettingsSpec, StepLimit } from './schema';

type Add = (line: number, column: number, message: string, messageEn: string) => void;
type Rows = { line: number; cells: { text: string; column: number }[] }[];

export function readWorkingHoursSection(section: Section | undefined, add: Add): SettingsSpec['workingHours'] {
  if (!section) return undefined;
  const first = nonBlank(section.body)[0];
  if (!first) {
    add(section.line, 1, '“工作时间”下没有内容:写如 09:00-12:00、13:00-18:00', '"工作时间" is empty: write e.g. 09:00-12:00、13:00-18:00');
    return undefined;
  }
  const text = foldWidth(first.text).trim().replace(/^[-*]\s*/, '');
  const periods = parseWorkingHours(text);
  if (!periods) add(first.line, 1, `工作时间“${text}”应写成 09:00-12:00、13:00-18:00(时段不重叠)`, `Working hours "${text}" must read like 09:00-12:00、13:00-18:00 (periods not overlapping)`);
  return periods ?? undefined;
}

export function readHolidayRows(rows: Rows, add: Add): Holiday[] {
  const out: Holiday[] = [];
  for (const { line, cells } of rows) {
    const [dates, kindText, name] = cells.map((c) => foldWidth(c.text).trim());
    const days = parseHolidayDates(dates);
    const kind = HOLIDAY_KINDS[kindText];
    if (!days) add(line, cells[0].column, `节假日的日期“${dates}”应写成 2026-10-01 或 2026-10-01 至 2026-10-07`, `Holiday date "${dates}" must read 2026-10-01 or 2026-10-01 至 2026-10-07`);
    if (!kind) add(line, cells[1].column, `节假日的安排“${kindText}”应为 放假 或 上班(调休上班)`, `Holiday arrangement "${kindText}" must be 放假 (day off) or 上班 (make-up workday)`);
    if (days && kind) for (const date of days) out.push({ date, kind, name });
  }
  return out;
}

const ALL = new Set(['', '全部', '所有']);

export function readStepLimitRows(rows: Rows, add: Add): StepLimit[] {
  const out: StepLimit[] = [];
  for (const { line, cells } of rows) {
    const [register, step, hoursText] = cells.map((c) => foldWidth(c.text).trim());
    const hours = parseLimitHours(hoursText);
    if (hours === null) add(line, cells[2].column, `审批时限“${hoursText}”应是工作小时数,如 8`, `Step time limit "${hoursText}" must be a number of working hours, e.g. 8`);
    else out.push({ register: ALL.has(register) ? '' : register, step: ALL.has(step) ? '' : step, hours });
  }
  return out;
}
