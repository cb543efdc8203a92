/**
 * The 时效分析 sheet as data (the same layout engine as the supplies analysis): key figures, time per register and
 * step with data bars, per person, on-time share by register and month, and what waits now, plus native charts
 * (steps' median times, on-time share by month). 刷新汇总 in the pane and `taizhang report --out` write it.
 */
import type { CellValue } from './cells';
import type { TimelinessReport } from './timeliness';
import { layoutSheet, type ChartBlock, type SheetLayout, type SheetSpec, type TableBlock, type TableColumn } from '../inventory/sheetLayout';
import { analysisWriteBatch } from '../inventory/sheetWrites';
import type { WriteBatch } from '../workbook/port';

export const TIMELINESS_SHEET = '时效分析';
/** Waiting items listed on the sheet; the CLI's --json lists every one. */
export const WAITING_LISTED = 300;
/** Registers drawn in the monthly on-time chart (those with the most passes); the table has them all. */
export const CHART_REGISTERS = 8;

const hours = (h: number | null): CellValue => (h === null ? null : Math.round(h * 10) / 10);
const share = (r: number | null): CellValue => (r === null ? '—' : r);
const cols = (spec: [string, TableColumn['format']][]): TableColumn[] => spec.map(([header, format]) => ({ header, format }));

export function timelinessSheetSpec(report: TimelinessReport): SheetSpec {
  const acted = report.steps.reduce((n, s) => n + s.passed, 0);
  const late = report.steps.reduce((n, s) => n + s.late, 0);
  const overdueWaiting = report.waiting.filter((w) => w.hours > w.limitHours).length;
  const onTime = acted + overdueWaiting ? (acted - late) / (acted + overdueWaiting) : null;
  const registers = [...new Set(report.months.map((m) => m.register))];
  const passesOf = (register: string) => report.months.filter((m) => m.register === register).reduce((n, m) => n + m.passed, 0);
  registers.sort((a, b) => passesOf(b) - passesOf(a));
  const monthList = [...new Set(report.months.map((m) => m.month))].sort();
  const shareOf = new Map(report.months.map((m) => [`${m.register}\u0000${m.month}`, m.onTimeShare]));
  const tables: TableBlock[] = [
    {
      name: 'tzt_steps',
      title: '各登记表各审批步骤的用时(工作小时;等待中的事项按已等待时间计入)',
      columns: cols([
        ['登记表·步骤', 'text'], ['中位用时', 'decimal'], ['登记表', 'text'], ['步骤', 'text'], ['办理次数', 'integer'], ['90%用时', 'decimal'],
        ['按时率', 'percent'], ['时限', 'decimal'], ['超时办理', 'integer'], ['等待中', 'integer'], ['最久等待', 'decimal'],
      ]),
      rows: report.steps.map((s) => [`${s.register}·${s.step}`, hours(s.medianHours), s.register, s.step, s.passed, hours(s.p90Hours), share(s.onTimeShare), s.limitHours, s.late, s.waiting, hours(s.oldestWaitingHours)]),
      dataBars: ['中位用时', '等待中'],
    },
    {
      name: 'tzt_people',
      title: '各办理人(受托办理的计入实际办理人)',
      columns: cols([['办理人', 'text'], ['办理次数', 'integer'], ['中位用时', 'decimal'], ['超时办理', 'integer'], ['等待其办理', 'integer']]),
      rows: report.people.map((p) => [p.person, p.acted, hours(p.medianHours), p.late, p.waiting]),
      dataBars: ['办理次数', '等待其办理'],
    },
    {
      name: 'tzt_months',
      title: '按时率(按登记表和月份)',
      columns: [{ header: '月份', format: 'text' }, ...registers.map((r): TableColumn => ({ header: r, format: 'percent' }))],
      rows: monthList.map((m) => [m, ...registers.map((r) => share(shareOf.get(`${r}\u0000${m}`) ?? null))]),
    },
    {
      name: 'tzt_waiting',
      title: report.waiting.length > WAITING_LISTED ? `正在等待的事项(共 ${report.waiting.length} 项,列出等待最久的 ${WAITING_LISTED} 项)` : `正在等待的事项(${report.waiting.length} 项)`,
      columns: cols([['登记表', 'text'], ['编号', 'text'], ['步骤', 'text'], ['到达时间', 'text'], ['已等待', 'decimal'], ['时限', 'decimal'], ['可办理人', 'text']]),
      rows: report.waiting.slice(0, WAITING_LISTED).map((w) => [w.register, w.number, w.step, w.since.replace('T', ' '), hours(w.hours), w.limitHours, w.holders.join('、') || '—']),
      dataBars: ['已等待'],
    },
  ];
  const charts: ChartBlock[] = [{ kind: 'bar', title: '各步骤中位用时(工作小时)', table: 'tzt_steps', category: '登记表·步骤', series: ['中位用时'] }];
  if (registers.length) charts.push({ kind: 'column', title: '按时率(按月份)', table: 'tzt_months', category: '月份', series: registers.slice(0, CHART_REGISTERS) });
  return {
    name: TIMELINESS_SHEET,
    title: `审批时效分析 ${report.month ?? '全部月份'}`,
    notes: [
      '用时按“设置”中的工作时间和节假日计算(工作小时);办理次数含退回、驳回,退回后重新提交再次经过的步骤再计一次;',
      '中位用时与 90%用时包含正在等待的事项(按已等待时间);按时率 = 时限内办理 ÷(办理 + 已超时仍在等待)。重新生成会覆盖本表。',
    ],
    figures: [
      { label: '数据截至', value: report.asOf.replace('T', ' '), format: 'text' },
      { label: '统计月份', value: report.month ?? '全部', format: 'text' },
      { label: '办理次数', value: acted, format: 'integer' },
      { label: '超时办理', value: late, format: 'integer' },
      { label: '按时率', value: share(onTime), format: 'percent' },
      { label: '正在等待', value: report.waiting.length, format: 'integer' },
      { label: '其中已超时', value: overdueWaiting, format: 'integer' },
      { label: '最久等待(工作小时)', value: report.waiting.length ? hours(report.waiting[0].hours) : '—', format: 'decimal' },
    ],
    tables,
    charts,
  };
}

export function timelinessLayout(report: TimelinessReport): SheetLayout {
  return layoutSheet(timelinessSheetSpec(report));
}

/** The sheet as one WorkbookPort write (values, tables, data bars, charts): its sheetWrites[0] joins 刷新汇总's batch. */
export function timelinessWriteBatch(report: TimelinessReport): WriteBatch {
  return analysisWriteBatch([timelinessLayout(report)]);
}
