/**
 * Adds registers to a workbook already open (the task pane's "set up registers" on a blank workbook, or more
 * registers later), laid out exactly as `taizhang templates` lays out a new one.
 */
import ExcelJS from 'exceljs';
import type { ListRanges } from '../../core/excelValidation';
import { AUDIT_SHEET, META_SHEET, SETTINGS_SHEET, SUMMARY_SHEET } from '../../core/layout';
import { META_FORMAT_VERSION, metaFromRows, metaToRows, type RegisterMeta } from '../../core/metadata';
import { AUDIT_HEADER } from '../../core/auditLayout';
import type { SetupRequest } from '../port';
import { sheetValues } from './adapter';
import {
  columnLetter,
  settingsColumnRange,
  writeFormSheet,
  writeGuideSheet,
  writeRegisterSheet,
  writeSettingsSheet,
  writeSummarySheet,
} from './templateWriter';

/** Ranges of an existing 设置 sheet: fixed columns for departments and people, one column per list from K. */
function rangesOf(ws: ExcelJS.Worksheet): ListRanges {
  const lists: Record<string, string> = {};
  const header = ws.getRow(1);
  for (let col = 11; col <= Math.max(11, ws.columnCount); col++) {
    const name = header.getCell(col).value;
    if (typeof name === 'string' && name.trim()) lists[name.trim()] = settingsColumnRange(columnLetter(col));
  }
  return { departments: settingsColumnRange('A'), people: settingsColumnRange('G'), lists };
}

const isEmptySheet = (ws: ExcelJS.Worksheet) => sheetValues(ws).length === 0;

function uniqueSheetName(wb: ExcelJS.Workbook, base: string): string {
  let name = base.slice(0, 31);
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base.slice(0, 29)}${i}`;
  return name;
}

export async function addRegisters(wb: ExcelJS.Workbook, request: SetupRequest): Promise<void> {
  const metaWs = wb.getWorksheet(META_SHEET);
  const existing: RegisterMeta[] = [];
  if (metaWs) {
    const read = metaFromRows(sheetValues(metaWs));
    if (!read.ok) throw new Error(read.messageEn);
    existing.push(...read.meta.registers);
  }
  const have = new Set(existing.map((r) => r.id));
  const clash = request.specs.find((s) => have.has(s.id) || wb.getWorksheet(s.name));
  if (clash) throw new Error(`Register ${clash.id} (${clash.name}) is already in the workbook`);
  // A blank workbook's empty default sheet (Sheet1 / 工作表1) would sit before the registers; it holds nothing.
  if (!metaWs) for (const ws of [...wb.worksheets]) if (isEmptySheet(ws)) wb.removeWorksheet(ws.id);

  if (!wb.getWorksheet(SUMMARY_SHEET)) writeSummarySheet(wb, request.specs);
  const settingsWs = wb.getWorksheet(SETTINGS_SHEET);
  const ranges = settingsWs ? rangesOf(settingsWs) : writeSettingsSheet(new ExcelJS.Workbook(), request.settings);
  const added: RegisterMeta[] = [];
  for (const spec of request.specs) added.push(await writeRegisterSheet(wb, spec, ranges));
  for (const spec of request.specs) if (spec.chain.length) writeFormSheet(wb, spec);
  writeGuideSheet(wb, uniqueSheetName(wb, '说明'), request.specs);
  if (!settingsWs) writeSettingsSheet(wb, request.settings);

  const rows = metaToRows({ formatVersion: META_FORMAT_VERSION, registers: [...existing, ...added] });
  if (metaWs) wb.removeWorksheet(metaWs.id);
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  rows.forEach((row) => meta.addRow(row));
  if (!wb.getWorksheet(AUDIT_SHEET)) wb.addWorksheet(AUDIT_SHEET, { state: 'veryHidden' }).addRow([...AUDIT_HEADER]);
}
