/**
 * The 时效分析 sheet as the pane writes it. 刷新汇总 writes it from what its one read carried (every record where
 * they fit, else each register's newest rows); 计算全部时效 reads every record's step columns and the whole audit log
 * — several requests on Excel on the web where one response cannot hold them (the adapter chunks the read) — and
 * writes it over every record, as `taizhang report --out` does.
 */
import { isAuditHeader, rowToEntry } from '../core/audit';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../core/layout';
import { AUDIT_WHO_COLUMNS } from '../core/auditLayout';
import type { RegisterMeta } from '../core/metadata';
import type { RegisterRecord } from '../core/records';
import { isTakenOver } from '../core/takenOver';
import { timelinessReport, type TimelinessReport } from '../core/timeliness';
import { timelinessSheetSpec } from '../core/timelinessSheet';
import { layoutSheet } from '../inventory/sheetLayout';
import { analysisWriteBatch } from '../inventory/sheetWrites';
import type { SettingsSpec } from '../spec/schema';
import type { ReadRequest, ReadResult, SheetRead, WriteBatch } from '../workbook/port';
import { detailColumns } from './columns';
import type { RegisterData } from './session';

/** What the sheet covers: every record, or each register's newest `window` rows. */
export type TimelinessScope = { covers: 'all' } | { covers: 'recent'; window: number };

/** The audit log as 时效分析 reads it: who did what when, without the hashes; its last `lastRows` entries when given. */
export function auditForTimeliness(lastRows?: number): SheetRead {
  return { sheet: AUDIT_SHEET, columns: AUDIT_WHO_COLUMNS, ...(lastRows === undefined ? {} : { lastRows }) };
}

/** 计算全部时效's one read: every approval register's step columns for every row, 设置 and the whole audit log. */
export function fullTimelinessRead(metas: readonly RegisterMeta[]): ReadRequest {
  return { meta: true, tables: metas.filter((m) => m.spec.chain.length).map((m) => ({ table: m.table, columns: detailColumns(m.spec) })), sheets: [SETTINGS_SHEET, auditForTimeliness()] };
}

/**
 * The report over the records given (by register id) and the audit entries read. Records taken over closed from a
 * ledger never passed a step here and are left out, as `taizhang report` leaves them out.
 */
export function paneTimeliness(data: readonly RegisterData[], records: ReadonlyMap<string, RegisterRecord[]>, result: ReadResult, settings: SettingsSpec, now: string): TimelinessReport {
  const registers = data
    .filter((d) => d.meta.spec.chain.length && !d.problems.length)
    .map((d) => ({ spec: d.meta.spec, name: d.meta.name, records: (records.get(d.meta.id) ?? []).filter((r) => !d.takenOver?.has(r.index) && !isTakenOver(d.meta.spec, r)) }));
  const audit = (result.sheets[AUDIT_SHEET] ?? []).filter((r) => !isAuditHeader(r, AUDIT_WHO_COLUMNS) && r.some((c) => c !== null && c !== '')).map(rowToEntry);
  return timelinessReport({ settings, registers, audit, asOf: now, month: null });
}

/** The 时效分析 sheet for a report, with a note on what it covers. */
export function timelinessBatch(report: TimelinessReport, scope: TimelinessScope): WriteBatch {
  const sheet = timelinessSheetSpec(report);
  sheet.notes = [
    ...sheet.notes,
    scope.covers === 'recent'
      ? `统计范围:各登记表最近 ${scope.window.toLocaleString()} 条记录(刷新汇总在一次读取中能带上的审批栏);全部记录请点“计算全部时效”,或用 taizhang report --out。`
      : '统计范围:全部记录。',
  ];
  return analysisWriteBatch([layoutSheet(sheet)]);
}
