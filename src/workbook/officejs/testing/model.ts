/**
 * The workbook inside the fake Excel: sheets of cells (value, formula, quote prefix, number format), column
 * formats, merged areas, data validation, tables and charts. Plain data and the rules Excel applies when it
 * changes; the client object model in proxies.ts reads and writes it only while a batch runs.
 */
import { type Rect, decodeRect, encodeRect, intersects } from '../../a1';
import { enter, type Entered, type Scalar } from './entry';
import { FakeOfficeError } from './errors';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Office.js DataValidationRule, the parts the add-in sets. */
export interface ValidationRule {
  list?: { inCellDropDown?: boolean; source: string };
  wholeNumber?: { formula1: string | number; formula2?: string | number; operator: string };
  decimal?: { formula1: string | number; formula2?: string | number; operator: string };
  date?: { formula1: string | number; formula2?: string | number; operator: string };
  time?: { formula1: string | number; formula2?: string | number; operator: string };
  textLength?: { formula1: string | number; formula2?: string | number; operator: string };
  custom?: { formula: string };
}

export interface Validation {
  rect: Rect;
  rule: ValidationRule;
  prompt?: { title?: string; message?: string; showPrompt?: boolean };
  errorAlert?: { title?: string; message?: string; style?: string; showAlert?: boolean };
  ignoreBlanks?: boolean;
}

export interface ChartModel {
  id: number;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position?: { start: string; end?: string };
}

/**
 * A conditional format as Range.conditionalFormats.add leaves it: its type over the range it was added to
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)).
 */
export interface ConditionalFormatModel {
  rect: Rect;
  type: string;
}

/** Font properties set through Range.format.font over a range, in the order they were set (later ones win). */
export interface FontModel {
  rect: Rect;
  font: Record<string, unknown>;
}

/** One worksheet row, stored densely by column so that 100,000-row registers stay cheap. */
interface RowData {
  v: (Scalar | undefined)[];
  n?: (string | undefined)[];
  q?: (boolean | undefined)[];
  f?: (string | undefined)[];
}

export interface CellState {
  value: Scalar | undefined;
  formula?: string;
  quotePrefix: boolean;
  format: string;
}

let nextId = 1;

export class SheetModel {
  readonly id = `{fake-sheet-${nextId++}}`;
  visibility: Visibility = 'Visible';
  readonly rows = new Map<number, RowData>();
  readonly columnFormats = new Map<number, string>();
  readonly columnWidths = new Map<number, number>();
  merges: Rect[] = [];
  validations: Validation[] = [];
  charts: ChartModel[] = [];
  conditionalFormats: ConditionalFormatModel[] = [];
  fonts: FontModel[] = [];
  /** Cell notes by A1 address (Worksheet.notes, ExcelApi 1.18). */
  readonly notes = new Map<string, string>();
  tabColor = '';

  constructor(public name: string) {}

  private row(r: number, create: true): RowData;
  private row(r: number, create: false): RowData | undefined;
  private row(r: number, create: boolean): RowData | undefined {
    let row = this.rows.get(r);
    if (!row && create) this.rows.set(r, (row = { v: [] }));
    return row;
  }

  format(r: number, c: number): string {
    return this.rows.get(r)?.n?.[c] ?? this.columnFormats.get(c) ?? 'General';
  }

  cell(r: number, c: number): CellState {
    const row = this.rows.get(r);
    return { value: row?.v[c], formula: row?.f?.[c], quotePrefix: row?.q?.[c] ?? false, format: this.format(r, c) };
  }

  value(r: number, c: number): Scalar | undefined {
    return this.rows.get(r)?.v[c];
  }

  /** Raw set, used by the model's own loaders (a file opened in Excel) and by hand edits. */
  put(r: number, c: number, entered: Entered, format?: string): void {
    const row = this.row(r, true);
    row.v[c] = entered.value;
    if (entered.formula !== undefined || row.f) (row.f ??= [])[c] = entered.formula;
    if (entered.quotePrefix || row.q) (row.q ??= [])[c] = entered.quotePrefix || undefined;
    const fmt = format ?? entered.impliedFormat;
    if (fmt !== undefined) (row.n ??= [])[c] = fmt;
  }

  /** A value written through Range.values: Excel's typed-entry rules decide what the cell holds. */
  enter(r: number, c: number, input: unknown): void {
    this.assertWritable(r, c, input);
    this.put(r, c, enter(input, this.format(r, c), `${this.name}!${encodeRect({ top: r, left: c, bottom: r, right: c })}`));
  }

  setFormat(r: number, c: number, format: string): void {
    if (typeof format !== 'string') throw new FakeOfficeError('InvalidArgument', `numberFormat must be a string at ${this.name} row ${r}`);
    (this.row(r, true).n ??= [])[c] = format;
  }

  setFormula(r: number, c: number, formula: string): void {
    if (formula.startsWith('=')) this.put(r, c, { value: '#NAME?', formula });
    else this.enter(r, c, formula);
  }

  private assertWritable(r: number, c: number, input: unknown): void {
    if (input === '' ) return;
    for (const m of this.merges)
      if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left))
        throw new FakeOfficeError('InvalidOperation', `${this.name}!${encodeRect({ top: r, left: c, bottom: r, right: c })} is inside the merged area ${encodeRect(m)}: only its top-left cell takes a value`);
  }

  clear(rect: Rect, applyTo: 'All' | 'Contents' | 'Formats'): void {
    for (const [r, row] of this.rows) {
      if (r < rect.top || r > rect.bottom) continue;
      // The bound is fixed before the loop: assigning undefined at index `length` would grow the row each pass.
      const last = Math.min(rect.right, Math.max(row.v.length, row.n?.length ?? 0) - 1);
      for (let c = rect.left; c <= last; c++) {
        if (applyTo !== 'Formats') {
          row.v[c] = undefined;
          if (row.f) row.f[c] = undefined;
          if (row.q) row.q[c] = undefined;
        }
        if (applyTo !== 'Contents' && row.n) row.n[c] = undefined;
      }
    }
    if (applyTo !== 'Contents') {
      this.merges = this.merges.filter((m) => !intersects(m, rect));
      this.validations = this.validations.filter((v) => !intersects(v.rect, rect));
      // Range.clear(Formats) takes conditional formats and fonts with it, as clearing formats in Excel does.
      this.conditionalFormats = this.conditionalFormats.filter((f) => !intersects(f.rect, rect));
      this.fonts = this.fonts.filter((f) => !intersects(f.rect, rect));
    }
  }

  /** Bounding box of cells with a value (valuesOnly) or with a value or an explicit format. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity, left = Infinity, bottom = -Infinity, right = -Infinity;
    for (const [r, row] of this.rows) {
      const width = Math.max(row.v.length, valuesOnly ? 0 : row.n?.length ?? 0);
      for (let c = 1; c < width; c++) {
        const used = (row.v[c] !== undefined && row.v[c] !== '') || (!valuesOnly && row.n?.[c] !== undefined);
        if (!used) continue;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    return top === Infinity ? null : { top, left, bottom, right };
  }

  mergedAreasIn(rect: Rect): Rect[] {
    return this.merges.filter((m) => intersects(m, rect));
  }

  /** The font a cell shows: every font setting over it, later ones over earlier ones. */
  fontAt(r: number, c: number): Record<string, unknown> {
    const hit = (x: Rect) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right;
    return Object.assign({}, ...this.fonts.filter((f) => hit(f.rect)).map((f) => f.font));
  }

  merge(rect: Rect, across: boolean): void {
    const areas = across ? Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => ({ ...rect, top: rect.top + i, bottom: rect.top + i })) : [rect];
    for (const area of areas) {
      if (area.top === area.bottom && area.left === area.right) continue;
      if (this.merges.some((m) => intersects(m, area)))
        throw new FakeOfficeError('InvalidOperation', `${this.name}!${encodeRect(area)} overlaps a merged area`);
      // Excel keeps only the top-left value of a merged area.
      for (let r = area.top; r <= area.bottom; r++)
        for (let c = area.left; c <= area.right; c++) if (r !== area.top || c !== area.left) this.put(r, c, { value: undefined });
      this.merges.push(area);
    }
  }
}

export interface TableModel {
  readonly id: string;
  name: string;
  sheet: SheetModel;
  /** Header row to last row, totals row included. */
  rect: Rect;
  showTotals: boolean;
  style: string;
}

const SHEET_NAME_BAD = /[\\/?*[\]:]/;

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  activeSheet: SheetModel | null = null;
  private chartIds = 1;

  sheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Excel's sheet-name rules: 1–31 characters, none of \ / ? * [ ] :, not starting or ending with ', unique ignoring case. */
  checkSheetName(name: string, except?: SheetModel): void {
    if (!name || name.length > 31 || SHEET_NAME_BAD.test(name) || name.startsWith("'") || name.endsWith("'"))
      throw new FakeOfficeError('InvalidArgument', `“${name}” is not a valid worksheet name`);
    const other = this.sheet(name);
    if (other && other !== except) throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named “${name}” already exists`);
  }

  addSheet(name: string): SheetModel {
    this.checkSheetName(name);
    const sheet = new SheetModel(name);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (visible.length === 1 && visible[0] === sheet)
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet');
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === sheet) this.tables.splice(i, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets.find((s) => s.visibility === 'Visible') ?? null;
  }

  setVisibility(sheet: SheetModel, visibility: string): void {
    if (visibility !== 'Visible' && visibility !== 'Hidden' && visibility !== 'VeryHidden')
      throw new FakeOfficeError('InvalidArgument', `Unknown sheet visibility ${visibility}`);
    if (visibility !== 'Visible' && sheet.visibility === 'Visible' && this.sheets.filter((s) => s.visibility === 'Visible').length === 1)
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet');
    sheet.visibility = visibility;
  }

  table(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  /** Header text of each column, as the table's column names. */
  tableColumns(table: TableModel): string[] {
    const out: string[] = [];
    for (let c = table.rect.left; c <= table.rect.right; c++) {
      const v = table.sheet.value(table.rect.top, c);
      out.push(v === undefined ? '' : String(v));
    }
    return out;
  }

  addTable(sheet: SheetModel, rect: Rect, name?: string): TableModel {
    if (rect.bottom - rect.top < 1) throw new FakeOfficeError('InvalidArgument', 'A table needs a header row and at least one body row');
    this.assertFreeForTable(sheet, rect);
    let tableName = name;
    if (!tableName) for (let i = 1; !tableName || this.table(tableName); i++) tableName = `Table${i}`;
    if (this.table(tableName)) throw new FakeOfficeError('ItemAlreadyExists', `A table named ${tableName} already exists`);
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(tableName) || tableName.length > 255)
      throw new FakeOfficeError('InvalidArgument', `“${tableName}” is not a valid table name`);
    const table: TableModel = { id: `${this.tables.length + 1}`, name: tableName, sheet, rect: { ...rect }, showTotals: false, style: 'TableStyleMedium2' };
    this.fillHeaderNames(table);
    this.tables.push(table);
    return table;
  }

  private assertFreeForTable(sheet: SheetModel, rect: Rect, except?: TableModel): void {
    if (this.tables.some((t) => t !== except && t.sheet === sheet && intersects(t.rect, rect)))
      throw new FakeOfficeError('InvalidOperation', `${sheet.name}!${encodeRect(rect)} overlaps another table`);
    if (sheet.mergedAreasIn(rect).length) throw new FakeOfficeError('InvalidOperation', `A table cannot contain merged cells (${sheet.name}!${encodeRect(rect)})`);
  }

  /** Excel names empty or duplicate header cells Column1, Column2…: a table's column names are unique. */
  private fillHeaderNames(table: TableModel): void {
    const seen = new Set<string>();
    let n = 1;
    for (let c = table.rect.left; c <= table.rect.right; c++) {
      let v = table.sheet.value(table.rect.top, c);
      let text = v === undefined ? '' : String(v);
      if (!text || seen.has(text.toLowerCase())) {
        while (seen.has(`column${n}`)) n++;
        text = `Column${n++}`;
        table.sheet.put(table.rect.top, c, { value: text });
        v = text;
      }
      seen.add(text.toLowerCase());
    }
  }

  /** Table.resize: the header row must stay where it is and the new range must overlap the old one. */
  resizeTable(table: TableModel, rect: Rect): void {
    if (rect.top !== table.rect.top || !intersects(rect, table.rect))
      throw new FakeOfficeError('InvalidArgument', `Table ${table.name} cannot be resized to ${encodeRect(rect)}: the header row must stay in row ${table.rect.top} and the ranges must overlap`);
    if (rect.bottom - rect.top < 1) throw new FakeOfficeError('InvalidArgument', 'A table needs at least one body row');
    this.assertFreeForTable(table.sheet, rect, table);
    table.rect = { ...rect };
    this.fillHeaderNames(table);
  }

  /**
   * AutoExpansion after a values write: a table grows over rows written directly below it. Modelled
   * pessimistically: a row is taken in only when its cell in the table's first column is not empty, so an
   * add-in that needs the row inside the table whatever its contents must resize the table itself.
   */
  autoExpand(sheet: SheetModel, written: Rect): void {
    for (const table of this.tables) {
      if (table.sheet !== sheet || table.showTotals) continue;
      const { rect } = table;
      if (written.top !== rect.bottom + 1 || written.left > rect.left || written.right < rect.left) continue;
      let bottom = rect.bottom;
      while (bottom + 1 <= written.bottom) {
        const v = sheet.value(bottom + 1, rect.left);
        if (v === undefined || v === '') break;
        bottom++;
      }
      if (bottom > rect.bottom && !this.tables.some((t) => t !== table && t.sheet === sheet && intersects(t.rect, { ...rect, bottom })))
        table.rect = { ...rect, bottom };
    }
  }

  addChart(sheet: SheetModel, type: string, source: string, seriesBy: string): ChartModel {
    decodeRect(source);
    const chart: ChartModel = { id: this.chartIds++, name: `Chart ${this.chartIds - 1}`, type, source, seriesBy, title: '' };
    sheet.charts.push(chart);
    return chart;
  }
}
