/**
 * The 汇总 sheet as "刷新汇总" writes it: records by register and status, the overdue list, and two native
 * Excel charts (records by register, records by status). Pure: computed from what one read returned.
 */
import type { CellValue } from '../core/cells';
import { parseInstant } from '../core/dates';
import { deadlineView, displayDue, lateness, type DeadlineItem } from '../core/deadlines';
import { MS_DAY, MS_HOUR } from '../core/dates';
import { stepAuthority } from '../core/authority';
import type { RegisterRecord } from '../core/records';
import { heldFor, holdingOf } from '../core/reminders';
import type { SettingsSpec } from '../spec/schema';
import { SUMMARY_SHEET } from '../core/layout';
import { recordNumber, serialField } from '../core/transitions';
import { PENDING_PREFIX, STATUS_DONE, STATUS_REJECTED, STATUS_RETURNED, STATUS_WITHDRAWN, pendingStatus } from '../core/workflow';
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
  /** Where it waits (the step, or 登记人 for its applicant), who holds it, and for how long ('' when not known). */
  step: string;
  holders: string;
  held: string;
}

export interface Summary {
  time: string;
  registers: RegisterCount[];
  /** The longest overdue first, at most OVERDUE_LISTED of them. */
  overdue: OverdueLine[];
  /** Every overdue item, listed or not. */
  overdueTotal: number;
  /** Due within SOON_DAYS, the soonest first, at most SOON_LISTED. */
  soon: OverdueLine[];
  soonTotal: number;
  /**
   * What 时效分析 covers after 刷新汇总: every record, the newest `window` of each register, or nothing (a register too
   * large for its steps to ride in the one read: the sheet is left as it was; `taizhang report --out` writes it).
   */
  timeliness?: { covers: 'all' | 'recent' | 'none'; window: number | null };
}

/**
 * What the summary may know of a record beyond its narrow read: its row with steps, applicant and people (the
 * newest rows of each register, read in the same sync), and 设置. Without them an item's holder is the role its
 * status names, and how long it waited is not known.
 */
export interface SummaryDetail {
  settings: SettingsSpec | null;
  /** Records of the detail window, by register id and body index. */
  recent: Map<string, Map<number, RegisterRecord>>;
}

/**
 * Overdue items listed on 汇总 and in the pane. Past a few hundred a list is no longer read by anyone (the counts
 * per register stay complete, and `taizhang check` lists every item); it also keeps the write inside one sync.
 */
export const OVERDUE_LISTED = 300;
export const SOON_LISTED = 100;
export const SOON_DAYS = 3;

export function statusColumn(status: string | null): StatusColumn {
  if (status === null || status === '') return '无需审批';
  if ((STATUS_COLUMNS as readonly string[]).includes(status)) return status as StatusColumn;
  return '审批中';
}

/** Who holds an item and since when: from its full row where the detail window has it, else from its status. */
function holdingLine(d: RegisterData, record: RegisterRecord, detail: SummaryDetail | undefined, now: string): Pick<OverdueLine, 'step' | 'holders' | 'held'> {
  const spec = d.meta.spec;
  const settings = detail?.settings ?? null;
  const full = detail?.recent.get(d.meta.id)?.get(record.index);
  if (full && settings) {
    const holding = holdingOf(spec, d.meta, settings, full, now);
    const held = heldFor(holding.since, now);
    return {
      step: holding.step ?? '登记人',
      holders: holding.problem ? holding.problem.message : [...holding.holders, ...holding.delegates.map((n) => `${n}(受托)`)].join('、'),
      held: held?.zh ?? '',
    };
  }
  const status = record.status ?? '';
  const step = status.startsWith(PENDING_PREFIX) ? spec.chain.flatMap((r) => r.steps).find((s) => pendingStatus(s.text) === status) : undefined;
  if (!step || !settings) return { step: step?.text ?? (spec.chain.length ? '' : '登记人'), holders: '', held: '' };
  const authority = stepAuthority(spec, settings, record, step);
  return { step: step.text, holders: authority.ok ? authority.names.join('、') : step.role, held: '' };
}

export function summarise(data: RegisterData[], now: string, detail?: SummaryDetail): Summary {
  const asOf = parseInstant(now) ?? 0;
  const overdue: ReturnType<typeof lazyLine>[] = [];
  const soon: ReturnType<typeof lazyLine>[] = [];
  const line = (d: RegisterData, item: DeadlineItem): OverdueLine => ({
    registerId: d.meta.id,
    register: d.meta.name,
    table: d.meta.table,
    numberColumn: serialField(d.meta.spec)?.name ?? null,
    number: recordNumber(d.meta.spec, item.record.values),
    row: item.record.index,
    sheetRow: item.record.sheetRow,
    deadline: item.deadline.name,
    done: item.deadline.doneField,
    due: displayDue(item.deadline, item.due),
    late: item.leftMs < 0 ? lateness(item.leftMs) : dueIn(item.leftMs),
    ...holdingLine(d, item.record, detail, now),
  });
  const registers = data.map((d) => {
    const byStatus = Object.fromEntries(STATUS_COLUMNS.map((s) => [s, 0])) as Record<StatusColumn, number>;
    const spec = d.meta.spec;
    for (const r of d.records) byStatus[statusColumn(spec.chain.length ? r.status : null)]++;
    const view = deadlineView(spec, d.takenOver?.size ? d.records.filter((r) => !d.takenOver!.has(r.index)) : d.records, asOf, SOON_DAYS * MS_DAY);
    // Holders are worked out for listed lines only: a register can hold thousands of overdue items.
    overdue.push(...view.overdue.map((item) => lazyLine({ d, item })));
    soon.push(...view.dueSoon.map((item) => lazyLine({ d, item })));
    return { id: d.meta.id, formCode: spec.formCode, name: d.meta.name, total: d.records.length, byStatus, overdue: view.overdue.length, broken: d.problems.length > 0 };
  });
  const listed = <T extends { due: number }>(items: T[], n: number) => items.sort((a, b) => a.due - b.due).slice(0, n);
  return {
    time: now.replace('T', ' '),
    registers,
    overdue: listed(overdue, OVERDUE_LISTED).map((x) => line(x.d, x.item)),
    overdueTotal: overdue.length,
    soon: listed(soon, SOON_LISTED).map((x) => line(x.d, x.item)),
    soonTotal: soon.length,
  };
}

const lazyLine = ({ d, item }: { d: RegisterData; item: DeadlineItem }) => ({ d, item, due: item.due });

function dueIn(leftMs: number): { zh: string; en: string } {
  const days = Math.floor(leftMs / MS_DAY);
  if (days >= 1) return { zh: `${days} 天后到期`, en: `due in ${days} day(s)` };
  const hours = Math.floor(leftMs / MS_HOUR);
  return hours >= 1 ? { zh: `${hours} 小时后到期`, en: `due in ${hours} hour(s)` } : { zh: '即将到期', en: 'due now' };
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
  const header = (what: string) => ['登记表', '编号', '事项', '应完成', what, '当前环节', '办理人', '已等待'];
  const lineRow = (o: OverdueLine): CellValue[] => [o.register, o.number, `${o.deadline}(${o.done})`, o.due, o.late.zh, o.step || null, o.holders || null, o.held || null];
  rows.push([], ['逾期清单'], header('逾期情况'));
  if (summary.overdue.length === 0) rows.push(['没有逾期事项']);
  for (const o of summary.overdue) rows.push(lineRow(o));
  if (summary.overdueTotal > summary.overdue.length)
    rows.push([`另有 ${summary.overdueTotal - summary.overdue.length} 项逾期未列出(上表为逾期最久的 ${summary.overdue.length} 项;taizhang check 列出全部)`]);
  rows.push([], [`即将到期清单(${SOON_DAYS} 天内)`], header('到期情况'));
  if (summary.soon.length === 0) rows.push(['没有即将到期事项']);
  for (const o of summary.soon) rows.push(lineRow(o));
  if (summary.soonTotal > summary.soon.length) rows.push([`另有 ${summary.soonTotal - summary.soon.length} 项即将到期未列出(taizhang check 列出全部)`]);
  if ([...summary.overdue, ...summary.soon].some((o) => o.step && !o.held))
    rows.push([], ['“已等待”空白的事项在较早的记录中(刷新汇总只读取各登记表最近的记录的审批栏);在待办中可看到全部。']);
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

export function summaryBatch(data: RegisterData[], now: string, detail?: SummaryDetail): { summary: Summary; batch: WriteBatch } {
  const summary = summarise(data, now, detail);
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

/** Each listed line with its 1-based row on 汇总, as summaryRows lays them out. */
function placedLines(summary: Summary): { line: OverdueLine; row: number; list: 'overdue' | 'soon'; index: number }[] {
  const first = firstOverdueRow(summary);
  const overdueRows = Math.max(summary.overdue.length, 1) + (summary.overdueTotal > summary.overdue.length ? 1 : 0);
  const firstSoon = first + overdueRows + 3;
  return [
    ...summary.overdue.map((line, index) => ({ line, row: first + index, list: 'overdue' as const, index })),
    ...summary.soon.map((line, index) => ({ line, row: firstSoon + index, list: 'soon' as const, index })),
  ];
}

/**
 * Each listed line's number is copied by the workbook from the record's own cell: the summary reads status and
 * deadline columns only, which keeps a 100,000-row register inside one read (its number column alone is ~1.8 MB).
 */
function numberCopies(summary: Summary): CellCopy[] {
  return placedLines(summary).flatMap(({ line, row }) => (line.numberColumn ? [{ cell: `B${row}`, table: line.table, row: line.row, column: line.numberColumn }] : []));
}

/** The summary with the numbers the write copied. */
export function withCopiedNumbers(summary: Summary, result: WriteResult): Summary {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const out = { ...summary, overdue: [...summary.overdue], soon: [...summary.soon] };
  for (const { line, row, list, index } of placedLines(summary)) out[list][index] = { ...line, number: text(result.copied[`${SUMMARY_SHEET}!B${row}`] ?? line.number) };
  return out;
}
