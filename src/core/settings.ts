/**
 * The 设置 sheet as the office keeps it (departments A:B, roles D:E, people G:I with 、-separated roles, the 时区 in
 * J2, 工作时间 and 审批时限 below it (calendarSheet.ts), one list per column from K; headers in row 1) → SettingsSpec, and who holds which role.
 * The sheet, not the document, is the truth in a filled workbook: offices add people and list values there.
 */
import { DELEGATION_HEADERS, delegationRows, delegationsFromRows } from './delegation';
import type { CellValue } from './cells';
import type { SettingsSpec } from '../spec/schema';
import { TIME_ZONE_COLUMN, TIME_ZONE_HEADER, timeZoneFromSheet } from './officeClock';
import { CALENDAR_BLOCK_HEADERS, STEP_LIMIT_HEADERS, STEP_LIMIT_OFFSET, calendarCells, calendarFromSheet } from './calendarSheet';

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

export function settingsFromSheet(rows: CellValue[][]): SettingsSpec {
  const settings: SettingsSpec = { departments: [], roles: [], people: [], lists: [] };
  const header = rows[0] ?? [];
  const body = rows.slice(1);
  for (const row of body) {
    const dept = text(row[0]);
    if (dept) {
      const n = Number(row[1]);
      settings.departments.push({ name: dept, headcount: row[1] === null || row[1] === undefined || row[1] === '' || !Number.isInteger(n) || n < 0 ? null : n });
    }
    const role = text(row[3]);
    if (role) settings.roles.push({ name: role, note: text(row[4]) });
    const person = text(row[6]);
    if (person)
      settings.people.push({
        name: person,
        department: text(row[7]),
        roles: text(row[8]).split(/\s*[、,，/]\s*/).filter(Boolean),
      });
  }
  const emailCol = header.findIndex((h, i) => i > 10 && text(h) === EMAIL_HEADERS[1]);
  if (emailCol > 0) {
    const emails = body.map((r) => ({ name: text(r[emailCol - 1]), address: text(r[emailCol]) })).filter((e) => e.name && /^[^\s@]+@[^\s@]+$/.test(e.address));
    if (emails.length) settings.emails = emails;
  }
  for (let col = 10; col < header.length; col++) {
    const name = text(header[col]);
    if (name === DELEGATION_HEADERS[0]) {
      const delegations = delegationsFromRows(body, col);
      if (delegations.length) settings.delegations = delegations;
      break;
    }
    if (CALENDAR_BLOCK_HEADERS.includes(name)) break;
    if (!name || col === emailCol - 1 || col === emailCol) continue;
    const values = body.map((r) => text(r[col])).filter(Boolean);
    if (values.length) settings.lists.push({ name, values });
  }
  const timeZone = timeZoneFromSheet(rows);
  if (timeZone !== undefined) settings.timeZone = timeZone;
  Object.assign(settings, calendarFromSheet(rows).calendar);
  return settings;
}

/** The 邮箱 block of the 设置 sheet: names, then addresses; found by the 邮箱 header, after the 委托 block. */
export const EMAIL_HEADERS = ['收件人', '邮箱'] as const;

/** Column (0-based) where settingsToRows and the template writer put the 邮箱 block: after the 委托 block, the 节假日 and 时限 blocks, and a blank. */
export const emailColumn = (settings: Pick<SettingsSpec, 'lists'>) => 10 + settings.lists.length + 1 + STEP_LIMIT_OFFSET + STEP_LIMIT_HEADERS.length + 1;

export function emailRows(settings: SettingsSpec): CellValue[][] {
  return [[...EMAIL_HEADERS], ...(settings.emails ?? []).map((e) => [e.name, e.address])];
}

/** Addresses of these people that 设置 knows (for a mailto: draft). */
export function emailsOf(settings: SettingsSpec, names: readonly string[]): string[] {
  return names.flatMap((n) => (settings.emails ?? []).filter((e) => e.name === n).map((e) => e.address));
}

export function findPerson(settings: SettingsSpec, name: string) {
  return settings.people.find((p) => p.name === name) ?? null;
}

export function roleHolders(settings: SettingsSpec, role: string) {
  return settings.people.filter((p) => p.roles.includes(role));
}

export function listValues(settings: SettingsSpec, list: string): string[] | null {
  return settings.lists.find((l) => l.name === list)?.values ?? null;
}

/** The inverse of settingsFromSheet: the layout writeSettingsSheet gives the 设置 sheet. */
export function settingsToRows(settings: SettingsSpec): CellValue[][] {
  const height = 1 + Math.max(settings.departments.length, settings.roles.length, settings.people.length, ...settings.lists.map((l) => l.values.length));
  const width = 10 + settings.lists.length;
  const rows: CellValue[][] = Array.from({ length: height }, () => Array<CellValue>(width).fill(null));
  ['部门', '人数', null, '角色', '说明', null, '姓名', '部门', '角色', null, ...settings.lists.map((l) => l.name)].forEach((h, i) => (rows[0][i] = h));
  settings.departments.forEach((d, i) => ((rows[i + 1][0] = d.name), (rows[i + 1][1] = d.headcount)));
  settings.roles.forEach((r, i) => ((rows[i + 1][3] = r.name), (rows[i + 1][4] = r.note)));
  settings.people.forEach((p, i) => ((rows[i + 1][6] = p.name), (rows[i + 1][7] = p.department), (rows[i + 1][8] = p.roles.join('、'))));
  settings.lists.forEach((l, j) => l.values.forEach((v, i) => (rows[i + 1][10 + j] = v)));
  if (settings.timeZone !== undefined) {
    rows[0][TIME_ZONE_COLUMN] = TIME_ZONE_HEADER;
    (rows[1] ??= Array<CellValue>(width).fill(null))[TIME_ZONE_COLUMN] = settings.timeZone;
  }
  const put = (at: number, block: CellValue[][]) =>
    block.forEach((r, i) => {
      while (rows.length <= i) rows.push(Array<CellValue>(width).fill(null));
      r.forEach((v, j) => (rows[i][at + j] = v));
    });
  if (settings.delegations?.length || settings.emails?.length) put(width + 1, delegationRows(settings.delegations ?? []));
  if (settings.holidays?.length || settings.workingHours?.length || settings.stepLimits?.length)
    for (const c of calendarCells(settings, width + 1)) {
      while (rows.length <= c.row) rows.push(Array<CellValue>(width).fill(null));
      rows[c.row][c.col] = c.value;
    }
  if (settings.emails?.length) put(emailColumn(settings), emailRows(settings));
  return rows;
}
