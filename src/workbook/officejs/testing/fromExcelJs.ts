/**
 * Opens an exceljs workbook in the fake Excel, as Excel opens the .xlsx file: cell values and formulas, cell and
 * column number formats, merged areas, tables, data validation and sheet visibility. Test support only (the
 * task pane never ships exceljs).
 */
import type ExcelJS from 'exceljs';
import { type Rect, decodeRect } from '../../a1';
import { roundTo15, type Entered } from './entry';
import { type SheetModel, type Validation, type ValidationRule, WorkbookModel } from './model';

const EPOCH_MS = Date.UTC(1899, 11, 30);
const serial = (d: Date) => (d.getTime() - EPOCH_MS) / 86_400_000;

function entered(value: ExcelJS.CellValue): Entered {
  if (value === null || value === undefined) return { value: undefined };
  if (typeof value === 'string') return { value: value === '' ? undefined : value };
  if (typeof value === 'number') return { value: roundTo15(value) };
  if (typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: roundTo15(serial(value)) };
  if ('richText' in value && Array.isArray(value.richText)) return { value: value.richText.map((r) => r.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as ExcelJS.CellFormulaValue;
    const result = f.result;
    const v =
      result === undefined || result === null
        ? undefined
        : result instanceof Date
          ? serial(result)
          : typeof result === 'object'
            ? String((result as { error: string }).error)
            : (result as string | number | boolean);
    return { value: v, formula: `=${f.formula ?? ''}` };
  }
  if ('hyperlink' in value) return { value: String((value as ExcelJS.CellHyperlinkValue).text ?? '') };
  if ('error' in value) return { value: String((value as ExcelJS.CellErrorValue).error) };
  return { value: String(value) };
}

// Written here again on purpose, not imported from setupBook.ts: the fake models what Excel reads from the file,
// and the contract test that compares both adapters' set-up would not catch a mistake they shared.
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

function rule(v: ExcelJS.DataValidation): ValidationRule | null {
  const [f1, f2] = (v.formulae ?? []) as (string | number)[];
  const op = { formula1: f1, formula2: f2, operator: OPERATORS[v.operator ?? 'between'] ?? 'Between' };
  switch (v.type as string) {
    case 'list': {
      const src = String(f1 ?? '');
      return { list: { inCellDropDown: true, source: src.startsWith('"') ? src.slice(1, -1) : `=${src}` } };
    }
    case 'whole':
      return { wholeNumber: op };
    case 'decimal':
      return { decimal: op };
    case 'date':
      return { date: op };
    case 'time':
      return { time: op };
    case 'textLength':
      return { textLength: op };
    case 'custom':
      return { custom: { formula: `=${f1}` } };
    default:
      return null;
  }
}

/** Data validation of one exceljs rule, with its prompt and error alert, as the fake keeps it. */
function validation(v: ExcelJS.DataValidation, r: ValidationRule): Omit<Validation, 'rect'> {
  return {
    rule: r,
    prompt: { title: v.promptTitle ?? '', message: v.prompt ?? '', showPrompt: !!v.showInputMessage },
    errorAlert: { title: v.errorTitle ?? '', message: v.error ?? '', style: v.errorStyle === 'warning' ? 'Warning' : v.errorStyle === 'information' ? 'Information' : 'Stop', showAlert: !!v.showErrorMessage },
    ignoreBlanks: v.allowBlank ?? true,
  };
}

/**
 * One worksheet of an exceljs workbook added to the model at the end (cells, formats, widths, merges, validation,
 * visibility), and its tables. Returns the new sheet.
 */
export function addExcelJsSheet(model: WorkbookModel, ws: ExcelJS.Worksheet): SheetModel {
  const sheet = model.addSheet(ws.name);
  sheet.visibility = ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
  for (let c = 1; c <= ws.columnCount; c++) {
    const col = ws.getColumn(c);
    if (col.numFmt) sheet.columnFormats.set(c, col.numFmt);
    if (col.width) sheet.columnWidths.set(c, col.width);
  }
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const e = entered(cell.value);
      const explicit = cell.numFmt && cell.numFmt !== sheet.columnFormats.get(c) ? cell.numFmt : undefined;
      if (e.value !== undefined || e.formula !== undefined || explicit) sheet.put(r, c, e, explicit);
    });
  });
  const merges = (ws as unknown as { _merges: Record<string, { model: Rect }> })._merges ?? {};
  sheet.merges = Object.values(merges).map((m) => ({ ...m.model }));
  const validations = (ws as unknown as { dataValidations?: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations?.model ?? {};
  // exceljs expands ranges to single cells when it reads a file: join runs of one rule down a column again.
  const byRule = new Map<string, { validation: Omit<Validation, 'rect'>; rects: Rect[] }>();
  for (const [ref, v] of Object.entries(validations)) {
    if (!v) continue;
    const r = rule(v);
    if (!r) continue;
    const kept = validation(v, r);
    const key = JSON.stringify(kept);
    const entry = byRule.get(key) ?? { validation: kept, rects: [] };
    entry.rects.push(decodeRect(ref));
    byRule.set(key, entry);
  }
  for (const { validation: kept, rects } of byRule.values()) {
    rects.sort((a, b) => a.left - b.left || a.top - b.top);
    const runs: Rect[] = [];
    for (const rect of rects) {
      const last = runs[runs.length - 1];
      if (last && last.left === rect.left && last.right === rect.right && last.bottom + 1 === rect.top) last.bottom = rect.bottom;
      else runs.push({ ...rect });
    }
    for (const rect of runs) sheet.validations.push({ rect, ...kept });
  }
  const tables = (ws as unknown as { tables?: Record<string, { model: { name: string; tableRef?: string; ref?: string; totalsRow?: boolean } }> }).tables ?? {};
  for (const t of Object.values(tables)) {
    const rect = decodeRect(t.model.tableRef ?? t.model.ref ?? 'A1');
    model.tables.push({ id: `${model.tables.length + 1}`, name: t.model.name, sheet, rect, showTotals: !!t.model.totalsRow, style: 'TableStyleMedium2' });
  }
  return sheet;
}

export function modelFromExcelJs(wb: ExcelJS.Workbook): WorkbookModel {
  const model = new WorkbookModel();
  for (const ws of wb.worksheets) addExcelJsSheet(model, ws);
  model.activeSheet = model.sheets.find((s) => s.visibility === 'Visible') ?? null;
  return model;
}
