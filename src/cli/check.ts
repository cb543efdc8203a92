/**
 * taizhang check FILE [--json] [--as-of DATE] [--lang en]
 * Validates every record of every register in a filled workbook against the specs stored in it: field and
 * cross-field rules, numbering, status vs approval columns, overdue deadlines, table structure.
 * Exit 0 when clean, 1 with located findings, 2 when the file cannot be read.
 */
import type { CellValue } from '../core/cells';
import { checkWorkbook } from '../core/check';
import { displayInstant, parseAsOf, parseInstant } from '../core/dates';
import { findingLocation, type Finding } from '../core/findings';
import { DEFAULT_TIME_ZONE } from '../core/officeClock';
import { UsageError } from './args';
import type { Io } from './io';
import { InputError, nowText, officeClockOf, readRegistersFile, say, type Lang } from './workbookFile';

export interface CheckOptions {
  json: boolean;
  asOf?: string;
  lang: Lang;
}

/** `--as-of` when given, otherwise now on the office's wall clock (its time zone from 设置). */
export function asOfInstant(text: string | undefined, timeZone: string = DEFAULT_TIME_ZONE): number {
  if (text === undefined) return parseInstant(nowText(timeZone))!;
  const ms = parseAsOf(text);
  if (ms === null) throw new UsageError(`--as-of 应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:mm,如 2026-11-30 (--as-of must be a date)`);
  return ms;
}

/** "now" for a command over a read workbook: --as-of, or the office's clock (warning when 设置's 时区 is wrong). */
export function asOfAtOffice(options: { asOf?: string; lang: Lang }, settingsRows: CellValue[][] | null, command: string, io: Io): number {
  const clock = officeClockOf(settingsRows);
  if (clock.problem && options.asOf === undefined) io.err(`taizhang ${command}: ${say(options.lang, clock.problem.message, clock.problem.messageEn)}`);
  return asOfInstant(options.asOf, clock.timeZone);
}

function line(f: Finding, lang: Lang): string {
  const where = findingLocation(f);
  const number = f.number ? ` [${f.number}]` : '';
  return `${where}${number} ${lang === 'en-US' ? f.messageEn : f.message}  (${f.rule})`;
}

export async function checkCommand(file: string, options: CheckOptions, io: Io): Promise<number> {
  asOfInstant(options.asOf); // a bad --as-of is bad usage, said before the file is read
  let read;
  try {
    read = await readRegistersFile(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`taizhang check: ${say(options.lang, error.message, error.messageEn)}`);
    return 2;
  }
  const asOf = asOfAtOffice(options, read.settingsRows, 'check', io);
  const report = checkWorkbook({ meta: read.meta, tables: read.tables, settingsRows: read.settingsRows, importLogRows: read.importLogRows, auditRows: read.auditRows }, asOf);
  const errors = report.findings.filter((f) => f.severity === 'error');
  const overdue = report.findings.filter((f) => f.severity === 'overdue');
  const records = report.registers.reduce((s, r) => s + r.records, 0);
  if (options.json) {
    io.out(JSON.stringify({ file, asOf: displayInstant(asOf), summary: { registers: report.registers.length, records, errors: errors.length, overdue: overdue.length, dueSoon: report.dueSoon.length }, findings: report.findings, dueSoon: report.dueSoon, registers: report.registers }, null, 2));
    return report.findings.length ? 1 : 0;
  }
  const L = (zh: string, en: string) => say(options.lang, zh, en);
  if (errors.length) {
    io.out(L(`错误 (${errors.length}):`, `Errors (${errors.length}):`));
    for (const f of errors) io.out(`  ${line(f, options.lang)}`);
  }
  if (overdue.length) {
    io.out(L(`逾期 (${overdue.length},截至 ${displayInstant(asOf)}):`, `Overdue (${overdue.length}, as of ${displayInstant(asOf)}):`));
    for (const f of overdue) io.out(`  ${line(f, options.lang)}`);
  }
  if (report.dueSoon.length) {
    io.out(L(`三天内到期 (${report.dueSoon.length}):`, `Due within three days (${report.dueSoon.length}):`));
    for (const d of report.dueSoon.slice(0, 50)) io.out(`  ${d.sheet}!${d.cell ?? `A${d.row}`} [${d.number}] ${d.deadline} ${L('应于', 'due')} ${d.due}`);
    if (report.dueSoon.length > 50) io.out(L(`  …另有 ${report.dueSoon.length - 50} 项`, `  …and ${report.dueSoon.length - 50} more`));
  }
  const scope = L(`${report.registers.length} 个登记表、${records} 条记录`, `${report.registers.length} registers, ${records} records`);
  if (report.findings.length) {
    io.out(L(`\n✗ ${scope}:${errors.length} 处错误,${overdue.length} 项逾期`, `\n✗ ${scope}: ${errors.length} error(s), ${overdue.length} overdue`));
    return 1;
  }
  io.out(L(`✓ ${scope}均无问题(截至 ${displayInstant(asOf)})`, `✓ ${scope}: no problems (as of ${displayInstant(asOf)})`));
  return 0;
}
