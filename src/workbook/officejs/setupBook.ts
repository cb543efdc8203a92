/**
 * The registers a set-up adds, built as an .xlsx file that Excel inserts with Workbook.insertWorksheetsFromBase64.
 * Loaded lazily (its own chunk, with exceljs): only setting registers up needs it, so the task pane's first load
 * and the ribbon commands stay without exceljs.
 *
 * Why a file and not Office.js calls: the template writer (exceljs) already lays out register tables with
 * validation, conditional formats, print setup, the 申请单 with its merged boxes and the 说明 text; redoing that
 * through Office.js would be a second layout to keep equal, and thousands of calls. Exactly what
 * `taizhang templates` and the exceljs adapter's setUp produce is what Excel receives, because the same code
 * decides: the workbook as read in Excel is mirrored into an exceljs workbook (sheet names, which are empty,
 * the 设置 header row, the _taizhang rows), exceljs/setup.ts adds the registers to the mirror as it would to a
 * file, and the sheets that are new are what gets inserted.
 *
 * What the file cannot carry, the plan says, and the Office.js side does in the same sync (setup.ts):
 * - references from one sheet to another (data validation lists over 设置, the 汇总 counts over the tables)
 *   break when Excel on the web inserts sheets (OfficeDev/office-js#2809, #5911), so they are set again;
 * - cell notes make Excel on the web refuse the insert (UnsupportedFeature), so the header notes "必填" are taken
 *   out of the file and added afterwards with Worksheet.notes where the host has ExcelApi 1.18; elsewhere they
 *   are left out (the data-validation prompt of a required field says so too);
 * - visibility is not documented to travel, so the hidden sheets are hidden again;
 * - rows of an existing _taizhang are appended to it, as metaToRows would have written them;
 * - an empty sheet of a blank workbook (Sheet1) is deleted, as the exceljs adapter deletes it.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../core/cells';
import { META_SHEET, SETTINGS_SHEET, formSheetName, tableName } from '../../core/layout';
import { META_FORMAT_VERSION, metaFromRows, metaToRows } from '../../core/metadata';
import { sheetValues } from '../exceljs/adapter';
import { saveXlsx } from '../exceljs/saveXlsx';
import { addRegisters } from '../exceljs/setup';
import type { SetupRequest } from '../port';
import { SetupConflictError } from './setupConflict';

export { SetupConflictError };

/** The workbook open in Excel, as setUp's read found it. */
export interface TargetBook {
  /** Every sheet, in tab order; `empty` is only known (and only matters) while the workbook has no _taizhang. */
  sheets: { name: string; empty: boolean }[];
  tables: string[];
  /** _taizhang's rows from A1, when it exists. */
  meta: CellValue[][] | null;
  /** Row 1 of 设置 (the list names from column K), when it exists. */
  settingsHeader: CellValue[] | null;
}

/** Data validation as Office.js sets it (Range.dataValidation). */
export interface ValidationFix {
  sheet: string;
  address: string;
  rule: Record<string, unknown>;
  prompt: { title: string; message: string; showPrompt: boolean };
  errorAlert: { title: string; message: string; style: 'Stop' | 'Warning' | 'Information'; showAlert: boolean };
  ignoreBlanks: boolean;
}

export interface SetupPlan {
  base64: string;
  /** Sheets to insert, in order (appended at the end, as the exceljs adapter appends them). */
  insert: string[];
  /** Inserted sheets to make very hidden (_taizhang, _审计). */
  hide: string[];
  /** Empty sheets of a blank workbook to delete once the registers are in. */
  remove: string[];
  /** Rows for an existing _taizhang, after its last row. */
  metaAppend: CellValue[][];
  validations: ValidationFix[];
  formulas: { sheet: string; address: string; formula: string }[];
  /** Cell notes (the header's 必填), added after the insert where the host has Worksheet.notes (ExcelApi 1.18). */
  notes: { sheet: string; address: string; text: string }[];
  /** Tables the insert creates. */
  tables: string[];
  /** The first new register's sheet, brought to the front. */
  activate: string | null;
}

const lower = (s: string) => s.toLowerCase();

function refuseClashes(target: TargetBook, request: SetupRequest): void {
  const sheets = new Set(target.sheets.map((s) => lower(s.name)));
  const tables = new Set(target.tables.map(lower));
  for (const spec of request.specs) {
    for (const name of [spec.name, ...(spec.chain.length ? [formSheetName(spec)] : [])])
      if (sheets.has(lower(name)))
        throw new SetupConflictError(
          `工作簿中已有名为“${name}”的工作表,无法创建登记表“${spec.name}”:请先把它改名或删除`,
          `The workbook already has a sheet named "${name}", so register "${spec.name}" cannot be created: rename or delete that sheet first`,
        );
    if (tables.has(lower(tableName(spec))))
      throw new SetupConflictError(
        `工作簿中已有名为 ${tableName(spec)} 的表格,无法创建登记表“${spec.name}”`,
        `The workbook already has a table named ${tableName(spec)}, so register "${spec.name}" cannot be created`,
      );
  }
}

/** The workbook in Excel as an exceljs workbook that exceljs/setup.ts can add registers to. */
function mirror(target: TargetBook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taizhang 台账';
  for (const sheet of target.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    if (sheet.name === META_SHEET && target.meta) target.meta.forEach((row) => ws.addRow(row));
    else if (sheet.name === SETTINGS_SHEET && target.settingsHeader) ws.addRow(target.settingsHeader);
    // Any mark keeps the sheet: only empty sheets are dropped from a blank workbook.
    else if (!sheet.empty) ws.getCell('A1').value = '·';
  }
  return wb;
}

const OPERATORS: Record<string, string> = {
  between: 'Between',
  notBetween: 'NotBetween',
  equal: 'EqualTo',
  notEqual: 'NotEqualTo',
  greaterThan: 'GreaterThan',
  lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo',
  lessThanOrEqual: 'LessThanOrEqualTo',
};

const asFormula = (f: unknown) => (typeof f === 'string' ? `=${f}` : f instanceof Date ? f.toISOString().slice(0, 10) : f);

/** An exceljs rule in Office.js's DataValidationRule shape. */
function officeRule(v: ExcelJS.DataValidation): Record<string, unknown> {
  const [f1, f2] = (v.formulae ?? []) as unknown[];
  const basic = { formula1: asFormula(f1), ...(f2 === undefined ? {} : { formula2: asFormula(f2) }), operator: OPERATORS[v.operator ?? 'between'] ?? 'Between' };
  switch (v.type as string) {
    case 'list': {
      const source = String(f1 ?? '');
      return { list: { inCellDropDown: true, source: source.startsWith('"') ? source.slice(1, -1) : `=${source}` } };
    }
    case 'custom':
      return { custom: { formula: `=${String(f1 ?? '')}` } };
    case 'whole':
      return { wholeNumber: basic };
    case 'decimal':
      return { decimal: basic };
    case 'date':
      return { date: basic };
    case 'time':
      return { time: basic };
    default:
      return { textLength: basic };
  }
}

const crossSheet = (formula: string) => /!|\w\[/.test(formula);

function validationFixes(ws: ExcelJS.Worksheet): ValidationFix[] {
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  return Object.entries(model).flatMap(([address, v]) => {
    if (!v || !(v.formulae ?? []).some((f) => typeof f === 'string' && crossSheet(f))) return [];
    const style = v.errorStyle === 'warning' ? 'Warning' : v.errorStyle === 'information' ? 'Information' : 'Stop';
    return [{
      sheet: ws.name,
      address,
      rule: officeRule(v),
      prompt: { title: v.promptTitle ?? '', message: v.prompt ?? '', showPrompt: !!v.showInputMessage },
      errorAlert: { title: v.errorTitle ?? '', message: v.error ?? '', style, showAlert: !!v.showErrorMessage },
      ignoreBlanks: v.allowBlank ?? true,
    } satisfies ValidationFix];
  });
}

function formulaFixes(ws: ExcelJS.Worksheet): SetupPlan['formulas'] {
  const out: SetupPlan['formulas'] = [];
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const formula = cell.formula;
      if (formula && crossSheet(formula)) out.push({ sheet: ws.name, address: cell.address, formula: `=${formula}` });
    }),
  );
  return out;
}

/** Takes the notes out of a sheet (the web refuses to insert a sheet with them) and says where they were. */
function takeNotes(ws: ExcelJS.Worksheet): SetupPlan['notes'] {
  const out: SetupPlan['notes'] = [];
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!cell.note) return;
      const text = typeof cell.note === 'string' ? cell.note : (cell.note.texts ?? []).map((t) => t.text).join('');
      out.push({ sheet: ws.name, address: cell.address, text });
      delete (cell as unknown as { _comment?: unknown })._comment;
    }),
  );
  return out;
}

/** Base64 without Buffer: the task pane runs in a browser. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(binary);
}

export async function planSetup(target: TargetBook, request: SetupRequest): Promise<SetupPlan> {
  refuseClashes(target, request);
  let existingIds = new Set<string>();
  if (target.meta) {
    const read = metaFromRows(target.meta);
    if (!read.ok) throw new SetupConflictError(read.message, read.messageEn);
    existingIds = new Set(read.meta.registers.map((r) => r.id));
  }
  const wb = mirror(target);
  const before = new Set(target.sheets.map((s) => s.name));
  await addRegisters(wb, request);
  const sheets = wb.worksheets;
  const after = new Set(sheets.map((ws) => ws.name));
  const inserted = sheets.filter((ws) => !before.has(ws.name));
  const remove = target.sheets.map((s) => s.name).filter((name) => !after.has(name));

  let metaAppend: CellValue[][] = [];
  if (target.meta) {
    const rebuilt = metaFromRows(sheetValues(wb.getWorksheet(META_SHEET)!));
    if (!rebuilt.ok) throw new Error(rebuilt.messageEn);
    const added = rebuilt.meta.registers.filter((r) => !existingIds.has(r.id));
    metaAppend = metaToRows({ formatVersion: META_FORMAT_VERSION, registers: added }).slice(2);
  }
  const validations = inserted.flatMap(validationFixes);
  const formulas = inserted.flatMap(formulaFixes);
  const notes = inserted.flatMap(takeNotes);
  // The file carries the new sheets, and 设置 for the references to it to resolve inside the file itself.
  for (const ws of sheets) if (before.has(ws.name) && ws.name !== SETTINGS_SHEET) wb.removeWorksheet(ws.id);
  const bytes = await saveXlsx(wb);
  return {
    base64: toBase64(bytes),
    insert: inserted.map((ws) => ws.name),
    hide: inserted.filter((ws) => ws.state !== 'visible').map((ws) => ws.name),
    remove,
    metaAppend,
    validations,
    formulas,
    notes,
    tables: request.specs.map(tableName),
    activate: request.specs[0]?.name ?? null,
  };
}
