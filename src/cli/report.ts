/**
 * taizhang report FILE [--month YYYY-MM] [--out FILE] [--json] [--as-of DATE] [--lang en]
 *
 * 时效: how long each approval step takes, per register and step and per person, in working hours of 设置's
 * calendar (core/timeliness.ts has the definitions). Prints tables, or `--json`; `--out` writes a copy of the
 * workbook with the 时效分析 sheet. Exit 0, or 2 when the file cannot be read or the usage is wrong.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatDateTime } from '../core/dates';
import { timelinessReport, type TimelinessReport } from '../core/timeliness';
import { timelinessInput } from '../core/timelinessRead';
import { timelinessLayout } from '../core/timelinessSheet';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import { writeAnalysisSheets } from '../workbook/exceljs/analysisSheet';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';
import { UsageError } from './args';
import { asOfAtOffice, asOfInstant } from './check';
import type { Io } from './io';
import { progress } from './progress';
import { InputError, openWorkbook, readRegisters, readRegistersFile, say, type Lang } from './workbookFile';

export interface ReportOptions {
  month?: string;
  out?: string;
  json: boolean;
  asOf?: string;
  lang: Lang;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const round3 = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

/** What --json prints: hours rounded to 0.1, shares to 0.001. */
export function reportJson(file: string, report: TimelinessReport, out: string | null) {
  return {
    file,
    asOf: report.asOf,
    month: report.month,
    out,
    steps: report.steps.map((s) => ({
      register: s.register, registerId: s.registerId, step: s.step, passed: s.passed, medianHours: round1(s.medianHours), p90Hours: round1(s.p90Hours),
      onTimeShare: round3(s.onTimeShare), waiting: s.waiting, oldestWaitingHours: round1(s.oldestWaitingHours), limitHours: s.limitHours, late: s.late,
    })),
    people: report.people.map((p) => ({ person: p.person, acted: p.acted, medianHours: round1(p.medianHours), waiting: p.waiting, late: p.late })),
    months: report.months.map((m) => ({ register: m.register, month: m.month, passed: m.passed, onTimeShare: round3(m.onTimeShare) })),
    waiting: report.waiting.map((w) => ({ register: w.register, number: w.number, step: w.step, since: w.since, hours: round1(w.hours), limitHours: w.limitHours, holders: w.holders })),
  };
}

export async function reportCommand(file: string, options: ReportOptions, io: Io): Promise<number> {
  if (options.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError('--month 应为 YYYY-MM,如 2026-03 (--month must be YYYY-MM)');
  asOfInstant(options.asOf); // a bad --as-of is bad usage, said before the file is read
  if (options.out !== undefined && path.resolve(options.out) === path.resolve(file)) throw new UsageError('--out 不能是原工作簿本身:时效分析写入副本 (--out must not be the input workbook)');
  const L = (zh: string, en: string) => say(options.lang, zh, en);
  const steps = options.out === undefined ? 2 : 3;
  const bar = progress();
  bar.step(1, steps, L(`读取 ${path.basename(file)}`, `reading ${path.basename(file)}`));
  let workbook;
  let read;
  try {
    // The copy --out writes needs the workbook whole; reading alone does not.
    workbook = options.out === undefined ? null : await openWorkbook(file);
    read = workbook ? await readRegisters(file, new ExcelJsWorkbook(workbook)) : await readRegistersFile(file);
  } catch (error) {
    bar.end();
    if (!(error instanceof InputError)) throw error;
    io.err(`taizhang report: ${say(options.lang, error.message, error.messageEn)}`);
    return 2;
  }
  const asOf = formatDateTime(asOfAtOffice(options, read.settingsRows, 'report', io));
  bar.step(2, steps, L('计算时效', 'computing'));
  const { input, problems } = timelinessInput(read, asOf, options.month ?? null);
  for (const p of problems) io.err(`taizhang report: ${say(options.lang, p.message, p.messageEn)}`);
  const report = timelinessReport(input);
  if (workbook && options.out !== undefined) {
    bar.step(3, steps, L(`写入 ${path.basename(options.out)}`, `writing ${path.basename(options.out)}`));
    writeAnalysisSheets(workbook, [timelinessLayout(report)]);
    await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
    await fs.writeFile(options.out, await saveXlsx(workbook));
  }
  bar.end();
  if (options.json) io.out(JSON.stringify(reportJson(file, report, options.out ?? null), null, 2));
  else printReport(report, options, io);
  return 0;
}

/** Terminal columns: a CJK character takes two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function table(header: string[], rows: string[][], numeric: boolean[]): string[] {
  const widths = header.map((h, j) => Math.max(width(h), ...rows.map((r) => width(r[j]))));
  const cell = (text: string, j: number) => (numeric[j] ? ' '.repeat(widths[j] - width(text)) + text : text + ' '.repeat(widths[j] - width(text)));
  return [header, ...rows].map((r) => '  ' + r.map(cell).join('  ').trimEnd());
}

const h = (n: number | null) => (n === null ? '—' : n.toFixed(1));
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A terminal shows this many people and waiting items; the sheet and --json have all. */
const PRINTED = 20;

function printReport(report: TimelinessReport, options: ReportOptions, io: Io): void {
  const L = (zh: string, en: string) => say(options.lang, zh, en);
  const asOf = report.asOf.replace('T', ' ').slice(0, 16);
  io.out(L(`审批时效 ${report.month ?? '全部月份'}(截至 ${asOf};用时为工作小时)`, `Approval times, ${report.month ?? 'all months'} (as of ${asOf}; working hours)`));
  if (!report.steps.length) {
    io.out(L('  没有经过审批步骤的记录', '  No record has passed an approval step'));
    return;
  }
  io.out('');
  const stepHeader = L('登记表|步骤|办理|中位用时|90%用时|按时率|时限|等待|最久等待', 'Register|Step|Acted|Median|P90|On time|Limit|Waiting|Oldest').split('|');
  for (const line of table(stepHeader, report.steps.map((s) => [s.register, s.step, String(s.passed), h(s.medianHours), h(s.p90Hours), pct(s.onTimeShare), h(s.limitHours), String(s.waiting), h(s.oldestWaitingHours)]), [false, false, true, true, true, true, true, true, true]))
    io.out(line);
  io.out('');
  const people = report.people.slice(0, PRINTED);
  const personHeader = L('办理人|办理|中位用时|超时|等待其办理', 'Person|Acted|Median|Late|Waiting').split('|');
  for (const line of table(personHeader, people.map((p) => [p.person, String(p.acted), h(p.medianHours), String(p.late), String(p.waiting)]), [false, true, true, true, true])) io.out(line);
  if (report.people.length > PRINTED) io.out(L(`  …另有 ${report.people.length - PRINTED} 人,见 --json 或 --out 的“时效分析”表`, `  …${report.people.length - PRINTED} more: see --json or the 时效分析 sheet (--out)`));
  if (report.waiting.length) {
    io.out('');
    io.out(L(`等待最久的事项(共 ${report.waiting.length} 项):`, `Longest waiting (${report.waiting.length} in all):`));
    const waitHeader = L('登记表|编号|步骤|到达|已等待|可办理人', 'Register|Number|Step|Arrived|Waited|May act').split('|');
    for (const line of table(waitHeader, report.waiting.slice(0, PRINTED).map((w) => [w.register, w.number, w.step, w.since.replace('T', ' ').slice(0, 16), h(w.hours), w.holders.join('、') || '—']), [false, false, false, false, true, false])) io.out(line);
  }
  if (options.out !== undefined) io.out(L(`\n✓ 已写入 ${options.out}:时效分析`, `\n✓ Written ${options.out}: 时效分析`));
}
