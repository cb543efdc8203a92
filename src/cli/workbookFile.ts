/**
 * Opening a user's workbook for check, verify and retention: every way a file can be wrong (missing, not an
 * xlsx, an old .xls, password-protected, damaged, not a Taizhang workbook, no registers) becomes one located
 * message and exit code 2 — never a stack trace.
 */
import { promises as fs } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { CellValue } from '../core/cells';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../core/layout';
import { officeTimeZone, timeZoneFromSheet, timeZoneProblem, wallClockIn } from '../core/officeClock';
import type { WorkbookMeta } from '../core/metadata';
import { IMPORT_LOG_SHEET } from '../core/import/importLog';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import { XlsxReadError, loadXlsx } from '../workbook/exceljs/loadXlsx';
import { readXlsxSheets } from '../import/xlsxFileSource';
import { readTableParts } from '../workbook/exceljs/ledgerStream';
import { ZipDirectory } from '../workbook/exceljs/zipDirectory';
import type { TableSnapshot, WorkbookPort } from '../workbook/port';
import { RowsWorkbook } from '../workbook/rowsWorkbook';

export class InputError extends Error {
  constructor(readonly message: string, readonly messageEn: string) {
    super(message);
  }
}

/**
 * Reads FILE through the one loader every command and the standalone page share (loadXlsx): any valid .xlsx,
 * whoever wrote it; anything else is an InputError naming the file and, when it is damaged, the part.
 */
export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw new InputError(`${file}: 找不到文件`, `${file}: no such file`);
  if (!stat.isFile()) throw new InputError(`${file}: 不是文件(是目录?)`, `${file}: not a file`);
  const buf = await fs.readFile(file);
  try {
    return await loadXlsx(buf);
  } catch (error) {
    if (error instanceof XlsxReadError) throw new InputError(`${file}: ${error.message}`, `${file}: ${error.messageEn}`);
    throw error;
  }
}

export interface WorkbookRead {
  meta: WorkbookMeta;
  tables: Record<string, TableSnapshot | null>;
  settingsRows: CellValue[][] | null;
  auditRows: CellValue[][] | null;
  importLogRows: CellValue[][] | null;
}

/** Everything check and verify look at, in one read of the port. */
export async function readRegisters(file: string, port: Pick<WorkbookPort, 'read'>): Promise<WorkbookRead> {
  const first = await port.read({ meta: true });
  const meta = first.meta;
  if (!meta || !meta.ok) {
    const why = meta && !meta.ok ? meta : { message: '没有台账元数据', messageEn: 'no Taizhang metadata' };
    throw new InputError(`${file}: ${why.message};请用 taizhang templates 或 taizhang demo 生成的工作簿`, `${file}: ${why.messageEn}; use a workbook made by taizhang templates or taizhang demo`);
  }
  if (meta.meta.registers.length === 0)
    throw new InputError(`${file}: 工作簿中没有任何登记表`, `${file}: the workbook holds no registers`);
  const read = await port.read({ tables: meta.meta.registers.map((r) => r.table), sheets: [SETTINGS_SHEET, AUDIT_SHEET, IMPORT_LOG_SHEET] });
  return { meta: meta.meta, tables: read.tables, settingsRows: read.sheets[SETTINGS_SHEET] ?? null, auditRows: read.sheets[AUDIT_SHEET] ?? null, importLogRows: read.sheets[IMPORT_LOG_SHEET] ?? null };
}

/**
 * What check, verify, report and retention read of FILE when they write nothing back: its sheets as plain rows
 * (readXlsxSheets, the import's reader) and its tables' ranges from the table parts, never an exceljs workbook.
 * For a 100,000-record register with its 418,000-entry audit log that is about a third of the memory and half the
 * time of a full load. A file that reader cannot take (another writer's package shape, a damaged part, not an
 * .xlsx at all) is opened whole instead, which reads it or says exactly what is wrong with it.
 */
export async function readRegistersFile(file: string): Promise<WorkbookRead> {
  const rows = await openRowsWorkbook(file).catch(() => null);
  return readRegisters(file, rows ?? new ExcelJsWorkbook(await openWorkbook(file)));
}

/** FILE as plain rows and table ranges; throws whatever the row reader cannot take. */
export async function openRowsWorkbook(file: string): Promise<RowsWorkbook> {
  const sheets = await readXlsxSheets(file);
  const zip = await ZipDirectory.open(file);
  try {
    return new RowsWorkbook(sheets, await readTableParts(zip));
  } finally {
    await zip.close();
  }
}

export type Lang = 'zh-CN' | 'en-US';

export function langOf(flag: string | true | undefined): Lang {
  return flag === 'en' || flag === 'en-US' ? 'en-US' : 'zh-CN';
}

export function say(lang: Lang, zh: string, en: string): string {
  return lang === 'en-US' ? en : zh;
}

/**
 * The office's clock for a command: the zone 设置 names (Asia/Shanghai when none), with a located warning when its
 * 时区 is not a zone. Records hold the office's wall-clock time, so "now" is read there, not in this machine's zone.
 */
export function officeClockOf(settingsRows: CellValue[][] | null): { timeZone: string; problem: { message: string; messageEn: string } | null } {
  const settings = { timeZone: settingsRows ? timeZoneFromSheet(settingsRows) : undefined };
  return { timeZone: officeTimeZone(settings), problem: timeZoneProblem(settings) };
}

/** Now on the office's wall clock, as records hold time: YYYY-MM-DDTHH:mm. */
export function nowText(timeZone: string): string {
  return wallClockIn(timeZone, new Date());
}
