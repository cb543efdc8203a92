/**
 * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13) in the fake Excel. The source file is parsed with exceljs
 * (test code only) and its sheets are opened into the model the way fromExcelJs.ts opens a whole file. Modelled,
 * with the public source of each:
 *
 * - What is inserted: copies of the named worksheets of the source workbook (all of them when the list is
 *   missing or empty), at `positionType` ("End" by default) relative to `relativeTo`; the result is the new
 *   sheets' ids ("Insert a copy of an existing workbook into the current one",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks#insert-a-copy-of-an-existing-workbook-into-the-current-one;
 *   InsertWorksheetOptions, https://learn.microsoft.com/javascript/api/excel/excel.insertworksheetoptions).
 *   A name in `sheetNamesToInsert` that the source does not have is refused (InvalidArgument).
 * - What comes along with a sheet: cell values and formulas, number formats, column widths, merged areas, data
 *   validation and tables — the sheet is a copy of the file's sheet, as Excel copies a sheet between workbooks.
 * - Excel on the web refuses source sheets with PivotTables, charts, comments or slicers (UnsupportedFeature,
 *   same article). The fake refuses them everywhere (pessimistic): a cell note (legacy comment) is enough.
 * - In Excel on the web, references from an inserted sheet to another sheet or to a table become links to the
 *   source file (OfficeDev/office-js#2809, reproduced by Microsoft: "the links between worksheets break";
 *   #5911: a table reference becomes an invalid workbook link). The fake does this everywhere (pessimistic):
 *   every cell formula and data-validation formula of an inserted sheet that names a sheet (`Sheet!`, `'My
 *   sheet'!`) or a table (`Table[`) is rewritten to point at `[source.xlsx]`. An add-in that needs such formulas
 *   must set them again through the API after the insert.
 * - Name clashes: Microsoft's documentation does not say what happens when an inserted sheet or table has the
 *   name of one already in the workbook. The fake refuses the whole insert (ItemAlreadyExists), before anything
 *   is inserted: an add-in that checks names first works whether Excel refuses or renames.
 * - Sheet visibility is not documented to travel with the sheet: inserted sheets arrive Visible (pessimistic), so
 *   an add-in hides what must be hidden itself.
 * - The file must be a workbook: anything else is InvalidArgument.
 */
import ExcelJS from 'exceljs';
import { FakeOfficeError } from './errors';
import { addExcelJsSheet } from './fromExcelJs';
import type { SheetModel, WorkbookModel } from './model';

export interface InsertOptions {
  sheetNamesToInsert?: string[];
  positionType?: string;
  relativeTo?: string;
}

export interface ParsedSource {
  workbook: ExcelJS.Workbook;
}

/** The file name references to the source workbook point at after an insert. */
export const SOURCE_FILE = 'source.xlsx';

export async function parseSource(base64: string): Promise<ParsedSource> {
  if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length === 0)
    throw new FakeOfficeError('InvalidArgument', 'insertWorksheetsFromBase64: the argument is not a Base64-encoded string');
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = Buffer.from(base64, 'base64');
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw new FakeOfficeError('InvalidArgument', `insertWorksheetsFromBase64: the file is not a workbook (${(error as Error).message})`);
  }
  return { workbook };
}

const SHEET_REF = /('(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;
const unquote = (name: string) => (name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name);

/** A formula as Excel on the web leaves it after the insert: sheet and table references point at the source file. */
export function externalised(formula: string, tables: string[]): string {
  let out = formula.replace(SHEET_REF, (_whole, name: string) => `'[${SOURCE_FILE}]${unquote(name).replace(/'/g, "''")}'!`);
  if (tables.length) {
    const names = tables.map((t) => t.replace(/[.\\]/g, (c) => `\\${c}`)).join('|');
    out = out.replace(new RegExp(`(^|[^\\w.\\]!])(${names})\\[`, 'gi'), (_w, before: string, table: string) => `${before}'${SOURCE_FILE}'!${table}[`);
  }
  return out;
}

function hasComments(ws: ExcelJS.Worksheet): boolean {
  let found = false;
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.note) found = true;
    }),
  );
  return found;
}

function tableNames(ws: ExcelJS.Worksheet): string[] {
  const tables = (ws as unknown as { tables?: Record<string, { model: { name: string } }> }).tables ?? {};
  return Object.values(tables).map((t) => t.model.name);
}

function insertIndex(model: WorkbookModel, options: InsertOptions): number {
  const position = options.positionType ?? 'End';
  if (position === 'End' || position === 'None') return model.sheets.length;
  if (position === 'Beginning') return 0;
  if (position !== 'Before' && position !== 'After') throw new FakeOfficeError('InvalidArgument', `Unknown positionType ${position}`);
  if (!options.relativeTo) throw new FakeOfficeError('InvalidArgument', `positionType ${position} needs relativeTo`);
  const anchor = model.sheet(options.relativeTo);
  if (!anchor) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet “${options.relativeTo}”`);
  return model.sheets.indexOf(anchor) + (position === 'After' ? 1 : 0);
}

/** Inserts the sheets (all checks first: a refused insert changes nothing) and returns their ids. */
export function insertSheets(model: WorkbookModel, source: ParsedSource, options: InsertOptions): string[] {
  const all = source.workbook.worksheets;
  const wanted = options.sheetNamesToInsert?.length ? options.sheetNamesToInsert : all.map((w) => w.name);
  const sheets = wanted.map((name) => {
    const ws = all.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!ws) throw new FakeOfficeError('InvalidArgument', `insertWorksheetsFromBase64: the source workbook has no worksheet “${name}”`);
    return ws;
  });
  for (const ws of sheets) {
    if (hasComments(ws)) throw new FakeOfficeError('UnsupportedFeature', `insertWorksheetsFromBase64: worksheet “${ws.name}” has comments, which Excel on the web cannot insert`);
    model.checkSheetName(ws.name);
    for (const t of tableNames(ws)) if (model.table(t)) throw new FakeOfficeError('ItemAlreadyExists', `A table named ${t} already exists`);
  }
  const at = insertIndex(model, options);
  const sourceTables = all.flatMap(tableNames);
  const added: SheetModel[] = [];
  for (const ws of sheets) {
    const sheet = addExcelJsSheet(model, ws);
    sheet.visibility = 'Visible';
    for (const row of sheet.rows.values()) row.f?.forEach((f, c) => f !== undefined && (row.f![c] = externalised(f, sourceTables)));
    for (const v of sheet.validations) {
      if (v.rule.list && v.rule.list.source.startsWith('=')) v.rule = { ...v.rule, list: { ...v.rule.list, source: externalised(v.rule.list.source, sourceTables) } };
      if (v.rule.custom) v.rule = { ...v.rule, custom: { formula: externalised(v.rule.custom.formula, sourceTables) } };
    }
    added.push(sheet);
  }
  model.sheets.splice(model.sheets.length - added.length, added.length);
  model.sheets.splice(at, 0, ...added);
  return added.map((s) => s.id);
}
