/**
 * Opening a user's workbook for check, verify and retention: every way a file can be wrong (missing, not an
 * xlsx, an old .xls, password-protected, damaged, not a Taizhang workbook, no registers) becomes one located
 * message and exit code 2 — never a stack trace.
 */
import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/cells';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../core/layout';
import { officeTimeZone, timeZoneFromSheet, timeZoneProblem, wallClockIn } from '../core/officeClock';
import type { WorkbookMeta } from '../core/metadata';
import { IMPORT_LOG_SHEET } from '../core/import/importLog';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import type { TableSnapshot } from '../workbook/port';

export class InputError extends Error {
  constructor(readonly message: string, readonly messageEn: string) {
    super(message);
  }
}

const ZIP = [0x50, 0x4b];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/** An encrypted OOXML file is a compound file holding an EncryptedPackage stream (names are UTF-16LE). */
function isEncryptedPackage(buf: Buffer): boolean {
  return buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) || buf.includes(Buffer.from('EncryptionInfo', 'utf16le'));
}

export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw new InputError(`${file}: 找不到文件`, `${file}: no such file`);
  if (!stat.isFile()) throw new InputError(`${file}: 不是文件(是目录?)`, `${file}: not a file`);
  const buf = await fs.readFile(file);
  if (buf.length === 0) throw new InputError(`${file}: 文件是空的`, `${file}: the file is empty`);
  if (startsWith(buf, CFB)) {
    if (isEncryptedPackage(buf))
      throw new InputError(`${file}: 工作簿有打开密码,台账无法读取;请在 Excel 中“文件→信息→保护工作簿→用密码进行加密”清除密码后另存一份再检查`, `${file}: the workbook is password-protected; remove the password in Excel and save a copy`);
    throw new InputError(`${file}: 这是旧版 .xls 文件;请在 Excel 中另存为 .xlsx`, `${file}: this is an old .xls file; save it as .xlsx in Excel`);
  }
  if (!startsWith(buf, ZIP)) throw new InputError(`${file}: 不是 Excel 工作簿(.xlsx)`, `${file}: not an Excel workbook (.xlsx)`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (error) {
    throw new InputError(`${file}: 工作簿已损坏,无法读取(${(error as Error).message});请用 Excel 打开并另存一份`, `${file}: the workbook is damaged and cannot be read (${(error as Error).message})`);
  }
  return wb;
}

export interface WorkbookRead {
  meta: WorkbookMeta;
  tables: Record<string, TableSnapshot | null>;
  settingsRows: CellValue[][] | null;
  auditRows: CellValue[][] | null;
  importLogRows: CellValue[][] | null;
}

/** Everything check and verify look at, in one read of the port. */
export async function readRegisters(file: string, wb: ExcelJS.Workbook): Promise<WorkbookRead> {
  const port = new ExcelJsWorkbook(wb);
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
