/**
 * Writing departments, roles and people back into the 设置 sheet in place. The sheet is never replaced: data
 * validation in every register points at its columns (OFFSET('设置'!$A$2…)), and lists from K on stay as the
 * office keeps them. Column layout as writeSettingsSheet: departments A:B, roles D:E, people G:I.
 */
import type { CellValue } from '../core/cells';
import { SETTINGS_SHEET } from '../core/layout';
import type { MessageKey } from '../i18n';
import type { SettingsSpec } from '../spec/schema';
import type { WriteBatch } from '../workbook/port';

type Editable = Pick<SettingsSpec, 'departments' | 'roles' | 'people'>;

/** Rows used below the header in columns [from, from+width). */
function usedRows(rows: ReadonlyArray<ReadonlyArray<CellValue>>, from: number, width: number): number {
  let last = 0;
  rows.forEach((row, i) => {
    if (i === 0) return;
    for (let c = from; c < from + width; c++) if (row[c] !== null && row[c] !== undefined && row[c] !== '') last = i;
  });
  return last;
}

function block(data: CellValue[][], width: number, clearTo: number): CellValue[][] {
  const out = data.map((r) => [...r]);
  while (out.length < clearTo) out.push(Array.from({ length: width }, () => null));
  return out;
}

export function settingsBatch(rows: ReadonlyArray<ReadonlyArray<CellValue>>, next: Editable): WriteBatch {
  const departments = next.departments.map((d) => [d.name, d.headcount] as CellValue[]);
  const roles = next.roles.map((r) => [r.name, r.note || null] as CellValue[]);
  const people = next.people.map((p) => [p.name, p.department || null, p.roles.join('、') || null] as CellValue[]);
  return {
    rangeWrites: [
      { sheet: SETTINGS_SHEET, row: 2, column: 1, rows: block(departments, 2, usedRows(rows, 0, 2)) },
      { sheet: SETTINGS_SHEET, row: 2, column: 4, rows: block(roles, 2, usedRows(rows, 3, 2)) },
      { sheet: SETTINGS_SHEET, row: 2, column: 7, rows: block(people, 3, usedRows(rows, 6, 3)) },
    ].filter((w) => w.rows.length > 0),
  };
}

export interface SettingsProblem {
  key: MessageKey;
  params: Record<string, string>;
}

/** What must be fixed before saving: duplicates, people in unknown departments or roles, bad headcounts. */
export function settingsProblems(next: Editable, lang: 'zh-CN' | 'en-US'): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const what = (zh: string, en: string) => (lang === 'en-US' ? en : zh);
  const dupes = (names: string[], label: string) => {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) problems.push({ key: 'settings.dupe', params: { what: label, name: n } });
      seen.add(n);
    }
  };
  dupes(next.departments.map((d) => d.name), what('部门', 'Department'));
  dupes(next.roles.map((r) => r.name), what('角色', 'Role'));
  dupes(next.people.map((p) => p.name), what('人员', 'Person'));
  for (const d of next.departments)
    if (d.headcount !== null && (!Number.isInteger(d.headcount) || d.headcount < 0)) problems.push({ key: 'settings.badHeadcount', params: { dept: d.name } });
  const depts = new Set(next.departments.map((d) => d.name));
  const roles = new Set(next.roles.map((r) => r.name));
  for (const p of next.people) {
    if (p.department && !depts.has(p.department)) problems.push({ key: 'settings.unknownDept', params: { person: p.name, dept: p.department } });
    for (const r of p.roles) if (!roles.has(r)) problems.push({ key: 'settings.unknownRole', params: { person: p.name, role: r } });
  }
  return problems;
}

/** What 设置 holds after a batch of range writes, without reading it again. */
export function applyRangeWrites(rows: ReadonlyArray<ReadonlyArray<CellValue>>, batch: WriteBatch): CellValue[][] {
  const out = rows.map((r) => [...r]);
  for (const w of batch.rangeWrites ?? []) {
    w.rows.forEach((row, i) => {
      const r = (out[w.row - 1 + i] ??= []);
      row.forEach((v, j) => {
        while (r.length < w.column - 1 + j) r.push(null);
        r[w.column - 1 + j] = v;
      });
    });
  }
  return out;
}
