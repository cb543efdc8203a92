/**
 * The 汇总 sheet as "刷新汇总" writes it: records by register and status, the overdue list, and two native
 * Excel charts (records by register, records by status). Pure: computed from what one read returned.
 */
import type { CellValue } from '../core/cells';
import { parseInstant } from '../core/dates';
import { deadlineView, displayDue, lateness } from '../core/deadlines';
import { SUMMARY_SHEET } from '../core/layout';
import { recordNumber, serialField } from '../core/transitions';
import { STATUS_DONE, STATUS_REJECTED, STATUS_RETURNED, STATUS_WITHDRAWN } from '../core/workflow';
import type { CellCopy, WriteBatch, WriteResult } from '../workbook/port';
import type { RegisterData } from './session';

export const STATUS_COLUMNS = ['审批中', STATUS_DONE, STATUS_RETURNED, STATUS_REJECTED, STATUS_WITHDRAWN, '无需审批'] as const;
export type StatusColumn = (typeof STATUS_COLUMNS)[number];

export interface RegisterCount {
  id: string;
  formCode: string;
  name: string;
  total: number;
  byStatus: Record<StatusColumn, number>;
  overdue: number;
  /** The table was edited by hand: its rows are not counted. */
  broken: boolean;
}

export interface OverdueLine {
  registerId: string;
  register: string;
  /** Excel table the record is in and the serial column its number is copied from (see summaryBatch); null for a register without one, whose first field is read instead. */
  table: string;
  numberColumn: string | null;
  /** Filled from the write's copy (the summary does not read number columns); '' until then. */
  number: string;
  row: number;
  /** 1-based worksheet row of the record, named where the number is not known yet. */
  sheetRow: number;
  deadline: string;
  done: string;
  due: string;
  late: { zh: string; en: string };
}

export interface Summary {
  time: string;
  registers: RegisterCount[];
  /** The longest overdue first, at most OVERDUE_LISTED of them. */
  overdue: OverdueLine[];
  /** Every overdue item, listed or not. */
  overdueTotal: number;
}

/**
 * Overdue items listed on 汇总 and in the pane. Past a few hundred a list is no longer read by anyone (the counts
 * per register stay complete, and `taizhang check` lists every item); it also keeps the write inside one sync.
 */
export const OVERDUE_LISTED = 300;

export function statusColumn(status: string | null): StatusColumn {
  if (status === null || status === '') return '无需审批';
  if ((STATUS_COLUMNS as readonly string[]).includes(status)) return status as StatusColumn;
  return '审批中';
}

export function summarise(data: RegisterData[], now: string): Summary {
  const asOf = parseInstant(now) ?? 0;
  const overdue: OverdueLine[] = [];
  const registers = data.map((d) => {
    const byStatus = Object.fromEntries(STATUS_COLUMNS.map((s) => [s, 0])) as Record<StatusColumn, number>;
    const spec = d.meta.spec;
    for (const r of d.records) byStatus[statusColumn(spec.chain.length ? r.status : null)]++;
    const view = deadlineView(spec, d.takenOver?.size ? d.records.filter((r) => !d.takenOver!.has(r.index)) : d.records, asOf);
    for (const item of view.overdue)
      overdue.push({
        registerId: d.meta.id,
        register: d.meta.name,
        table: d.meta.table,
        numberColumn: serialField(spec)?.name ?? null,
        number: recordNumber(spec, item.record.values),
        row: item.record.index,
        sheetRow: item.record.sheetRow,
        deadline: item.deadline.name,
        done: item.deadline.doneField,
        due: displayDue(item.deadline, item.due),
        late: lateness(item.leftMs),
      });
    return { id: d.meta.id, formCode: spec.formCode, name: d.meta.name, total: d.records.length, byStatus, overdue: view.overdue.length, broken: d.problems.length > 0 };
  });
  overdue.sort((a, b) => a.due.localeCompare(b.due));
  return { time: now.replace('T', ' '), registers, overdue: overdue.slice(0, OVERDUE_LISTED), overdueTotal: overdue.length };
}

const HEADER_ROW = 4;
/** The status table the pie chart reads sits beside the main table, from column L. */
const STATUS_COL = 12;

export function summaryRows(summary: Summary): CellValue[][] {
  const rows: CellValue[][] = [
    ['台账汇总'],
    ['刷新时间', summary.time, null, '由任务窗格“刷新汇总”生成;改动登记后请再次刷新。'],
    [],
    ['表单编号', '登记表', '记录数', ...STATUS_COLUMNS, '逾期'],
  ];
  for (const r of summary.registers)
    rows.push([r.formCode, r.broken ? `${r.name}(表格被改动,未统计)` : r.name, r.total, ...STATUS_COLUMNS.map((s) => r.byStatus[s]), r.overdue]);
  const sum = (f: (r: RegisterCount) => number) => summary.registers.reduce((n, r) => n + f(r), 0);
  rows.push([null, '合计', sum((r) => r.total), ...STATUS_COLUMNS.map((s) => sum((r) => r.byStatus[s])), sum((r) => r.overdue)]);
  rows.push([], ['逾期清单'], ['登记表', '编号', '事项', '应完成', '逾期情况']);
  if (summary.overdue.length === 0) rows.push(['没有逾期事项']);
  for (const o of summary.overdue) rows.push([o.register, o.number, `${o.deadline}(${o.done})`, o.due, o.late.zh]);
  if (summary.overdueTotal > summary.overdue.length)
    rows.push([`另有 ${summary.overdueTotal - summary.overdue.length} 项逾期未列出(上表为逾期最久的 ${summary.overdue.length} 项;taizhang check 列出全部)`]);
  // Status totals for the pie chart, beside the register table.
  const totals = STATUS_COLUMNS.map((s) => [s, sum((r) => r.byStatus[s])] as const).filter(([, n]) => n > 0);
  const statusRows: CellValue[][] = [['状态', '记录数'], ...totals.map(([s, n]) => [s, n])];
  statusRows.forEach((row, i) => {
    const target = (rows[HEADER_ROW - 1 + i] ??= []);
    while (target.length < STATUS_COL - 1) target.push(null);
    target.splice(STATUS_COL - 1, 2, ...row);
  });
  return rows;
}

const col = (n: number) => String.fromCharCode(64 + n);

export function summaryBatch(data: RegisterData[], now: string): { summary: Summary; batch: WriteBatch } {
  const summary = summarise(data, now);
  const rows = summaryRows(summary);
  const lastRegisterRow = HEADER_ROW + summary.registers.length;
  const statusCount = STATUS_COLUMNS.filter((s) => summary.registers.some((r) => r.byStatus[s] > 0)).length;
  const charts: NonNullable<NonNullable<WriteBatch['sheetWrites']>[number]['charts']> = [];
  if (summary.registers.length)
    charts.push({ kind: 'bar', title: '各登记表记录数', source: `B${HEADER_ROW}:C${lastRegisterRow}`, anchor: 'O3' });
  if (statusCount)
    charts.push({ kind: 'pie', title: '按状态', source: `${col(STATUS_COL)}${HEADER_ROW}:${col(STATUS_COL + 1)}${HEADER_ROW + statusCount}`, anchor: 'O24' });
  return { summary, batch: { sheetWrites: [{ sheet: SUMMARY_SHEET, rows, charts, copies: numberCopies(summary) }] } };
}

/** Row (1-based) of the first overdue line on 汇总: after the register table, its total and two heading rows. */
const firstOverdueRow = (summary: Summary) => HEADER_ROW + summary.registers.length + 5;

/**
 * Each overdue line's number is copied by the workbook from the record's own cell: the summary reads status and
 * deadline columns only, which keeps a 100,000-row register inside one read (its number column alone is ~1.8 MB).
 */
function numberCopies(summary: Summary): CellCopy[] {
  const first = firstOverdueRow(summary);
  return summary.overdue.flatMap((o, i) => (o.numberColumn ? [{ cell: `B${first + i}`, table: o.table, row: o.row, column: o.numberColumn }] : []));
}

/** The summary with the numbers the write copied. */
export function withCopiedNumbers(summary: Summary, result: WriteResult): Summary {
  const first = firstOverdueRow(summary);
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return { ...summary, overdue: summary.overdue.map((o, i) => ({ ...o, number: text(result.copied[`${SUMMARY_SHEET}!B${first + i}`] ?? o.number) })) };
}
