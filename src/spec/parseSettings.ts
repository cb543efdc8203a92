/**
 * The settings document (templates/_设置.md) → SettingsSpec: departments with headcount, roles, people, lists,
 * the office's time zone, its working calendar (节假日, 工作时间) and 审批时限.
 * It seeds the 设置 sheet of every workbook and tells register documents which roles and lists exist.
 */
import type { DocError, ParseResult } from './errors';
import { foldWidth, parseMarkdown, readTables, type Section } from './markdown';
import { splitValues } from './rulesText';
import { SettingsSpecSchema, type SettingsSpec } from './schema';
import { readTimeZoneSection } from './timeZone';
import { readHolidayRows, readStepLimitRows, readWorkingHoursSection } from './calendarSection';

export const SETTINGS_FILE = '_设置.md';

export function parseSettingsDocument(source: string, file: string): ParseResult<SettingsSpec> {
  const errors: DocError[] = [];
  const add = (line: number, column: number, message: string, messageEn: string) =>
    errors.push({ file, line, column, message, messageEn });
  try {
    const doc = parseMarkdown(source);
    const section = (title: string): Section | undefined => doc.sections.find((s) => s.title === title);
    const table = (title: string, columns: string[]) => {
      const s = section(title);
      if (!s) {
        add(1, 1, `缺少“## ${title}”表`, `Missing "## ${title}" table`);
        return null;
      }
      const t = readTables(s.body)[0];
      if (!t) {
        add(s.line, 1, `“${title}”下缺少表格:| ${columns.join(' | ')} |`, `"${title}" needs a table`);
        return null;
      }
      const idx = columns.map((c) => t.header.cells.findIndex((h) => foldWidth(h.text).trim() === c));
      const missing = columns.filter((_, i) => idx[i] < 0);
      if (missing.length) {
        add(t.line, 1, `“${title}”表缺少列:${missing.join('、')}`, `"${title}" table lacks columns ${missing.join(', ')}`);
        return null;
      }
      return t.rows.map((r) => ({ line: r.line, cells: idx.map((i) => r.cells[i] ?? { text: '', column: 1 }) }));
    };
    const departments: SettingsSpec['departments'] = [];
    for (const row of table('部门', ['部门', '人数']) ?? []) {
      const [name, count] = row.cells;
      const text = foldWidth(count.text).trim();
      const headcount = text === '' ? null : Number(text);
      if (headcount !== null && !(Number.isInteger(headcount) && headcount >= 0)) {
        add(row.line, count.column, `部门“${name.text}”的人数应是整数`, `Headcount of "${name.text}" must be an integer`);
        continue;
      }
      departments.push({ name: name.text.trim(), headcount });
    }
    const roles: SettingsSpec['roles'] = [];
    for (const row of table('角色', ['角色', '说明']) ?? []) {
      roles.push({ name: row.cells[0].text.trim(), note: row.cells[1].text.trim() });
    }
    const roleNames = new Set(roles.map((r) => r.name));
    const deptNames = new Set(departments.map((d) => d.name));
    const people: SettingsSpec['people'] = [];
    for (const row of table('人员', ['姓名', '部门', '角色']) ?? []) {
      const [name, dept, roleCell] = row.cells;
      const personRoles = splitValues(roleCell.text);
      const unknown = personRoles.filter((r) => !roleNames.has(r));
      if (unknown.length) add(row.line, roleCell.column, `未知角色:${unknown.join('、')}`, `Unknown roles: ${unknown.join(', ')}`);
      if (!deptNames.has(dept.text.trim())) add(row.line, dept.column, `未知部门“${dept.text}”`, `Unknown department "${dept.text}"`);
      people.push({ name: name.text.trim(), department: dept.text.trim(), roles: personRoles });
    }
    const lists: SettingsSpec['lists'] = [];
    for (const row of table('列表', ['列表', '选项']) ?? []) {
      const values = splitValues(row.cells[1].text);
      if (lists.some((l) => l.name === row.cells[0].text.trim()))
        add(row.line, 1, `列表“${row.cells[0].text}”重复`, `Duplicate list "${row.cells[0].text}"`);
      else lists.push({ name: row.cells[0].text.trim(), values });
    }
    const delegations = section('委托') ? readDelegations(table('委托', ['委托人', '受托人', '开始', '结束', '范围']) ?? [], new Set(people.map((p) => p.name)), add) : [];
    const emails = section('邮箱') ? readEmails(table('邮箱', ['姓名', '邮箱']) ?? [], new Set(people.map((p) => p.name)), add) : [];
    for (const [kind, names] of [['部门', departments.map((d) => d.name)], ['角色', roles.map((r) => r.name)], ['人员', people.map((p) => p.name)]] as const) {
      const dupes = names.filter((n, i) => names.indexOf(n) !== i);
      if (dupes.length) add(1, 1, `${kind}重复:${dupes.join('、')}`, `Duplicate ${kind}: ${dupes.join(', ')}`);
    }
    const holidays = section('节假日') ? readHolidayRows(table('节假日', ['日期', '安排', '名称']) ?? [], add) : [];
    const workingHours = readWorkingHoursSection(section('工作时间'), add);
    const stepLimits = section('审批时限') ? readStepLimitRows(table('审批时限', ['登记表', '步骤', '时限']) ?? [], add) : [];
    const zoneSection = section('时区');
    const zone = zoneSection ? readTimeZoneSection(zoneSection, file) : { errors: [] };
    errors.push(...zone.errors);
    if (errors.length) return { ok: false, errors };
    const parsed = SettingsSpecSchema.safeParse({ departments, roles, people, lists, ...(zone.timeZone ? { timeZone: zone.timeZone } : {}), ...(delegations.length ? { delegations } : {}), ...(emails.length ? { emails } : {}), ...(holidays.length ? { holidays } : {}), ...(workingHours ? { workingHours } : {}), ...(stepLimits.length ? { stepLimits } : {}) });
    if (!parsed.success) {
      return { ok: false, errors: parsed.error.issues.map((i) => ({ file, line: 1, column: 1, message: `设置不完整:${i.path.join('.')} ${i.message}`, messageEn: `Invalid settings: ${i.path.join('.')} ${i.message}` })) };
    }
    return { ok: true, value: parsed.data };
  } catch (cause) {
    return { ok: false, errors: [{ file, line: 1, column: 1, message: `解析器内部错误:${String(cause)}`, messageEn: `Internal parser error: ${String(cause)}` }] };
  }
}

type Row = { line: number; cells: { text: string; column: number }[] };

/** The optional 委托 table: 委托人 | 受托人 | 开始 | 结束 | 范围 (registers or steps, 、-separated; empty = all). */
function readDelegations(rows: Row[], people: Set<string>, add: (line: number, column: number, message: string, messageEn: string) => void): SettingsSpec['delegations'] & object {
  const out: NonNullable<SettingsSpec['delegations']> = [];
  for (const { line, cells } of rows) {
    const [delegator, delegate, from, to, scope] = cells.map((c) => foldWidth(c.text).trim());
    for (const [i, name] of [[0, delegator], [1, delegate]] as const)
      if (!people.has(name)) add(line, cells[i].column, `委托表中的“${name}”不在人员表中`, `"${name}" in the 委托 table is not in the people table`);
    for (const [i, date] of [[2, from], [3, to]] as const)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) add(line, cells[i].column, `委托的日期“${date}”应写成 YYYY-MM-DD`, `Delegation date "${date}" must be YYYY-MM-DD`);
    if (delegator === delegate) add(line, cells[1].column, '不能委托给自己', 'A person cannot delegate to themself');
    out.push({ delegator, delegate, from, to, scope: splitValues(scope) });
  }
  return out;
}

/** The optional 邮箱 table: 姓名 | 邮箱, used for 催办 e-mail drafts. */
function readEmails(rows: Row[], people: Set<string>, add: (line: number, column: number, message: string, messageEn: string) => void): NonNullable<SettingsSpec['emails']> {
  const out: NonNullable<SettingsSpec['emails']> = [];
  for (const { line, cells } of rows) {
    const [name, address] = cells.map((c) => foldWidth(c.text).trim());
    if (!people.has(name)) add(line, cells[0].column, `邮箱表中的“${name}”不在人员表中`, `"${name}" in the 邮箱 table is not in the people table`);
    else if (!/^[^\s@]+@[^\s@]+$/.test(address)) add(line, cells[1].column, `“${name}”的邮箱“${address}”不是有效的邮箱地址`, `"${address}" is not a valid e-mail address for ${name}`);
    else out.push({ name, address });
  }
  return out;
}

export function settingsContext(settings: SettingsSpec) {
  return { roles: settings.roles.map((r) => r.name), lists: settings.lists.map((l) => l.name) };
}
