/**
 * The two places a WorkbookPort runs, set up the same way for the contract suite:
 * (a) exceljs over a real .xlsx file — every read opens the file from disk, every write opens, writes and saves
 *     it, so what is checked is what a user's file holds;
 * (b) the Office.js adapter over the fake Excel, opened from the same template file, as Excel would open it.
 * Each also edits the workbook "by hand" the way a user can in Excel, for the structure guard cases.
 */
import '../../src/workbook/exceljs/nodeZipFix';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Rect, decodeRect, encodeAddress, encodeRect } from '../../src/workbook/a1';
import type { CellValue } from '../../src/core/cells';
import type { RegisterSpec, SettingsSpec } from '../../src/spec/schema';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { OfficeJsWorkbook } from '../../src/workbook/officejs/adapter';
import { FakeExcel, type FakeExcelOptions } from '../../src/workbook/officejs/testing/fakeExcel';
import { modelFromExcelJs } from '../../src/workbook/officejs/testing/fromExcelJs';
import type { ReadRequest, ReadResult, WorkbookPort, WriteBatch, WriteResult } from '../../src/workbook/port';

/** What a user can do to a register's table in Excel without the add-in. */
export interface HandEdits {
  renameHeader(table: string, column: number, name: string): Promise<void>;
  /** Swaps two columns, header and body, as cut-and-insert does. */
  swapColumns(table: string, a: number, b: number): Promise<void>;
  insertColumn(table: string, at: number, header: string): Promise<void>;
  deleteColumn(table: string, at: number): Promise<void>;
  /** Merges body cells of one row, columns [from, to]. */
  mergeBody(table: string, row: number, from: number, to: number): Promise<void>;
  /** Types values into the row right below the table without the table taking it in. */
  pasteBelow(table: string, values: CellValue[]): Promise<void>;
  /** Resize Table by hand: drops the last n rows from the table (their cells stay, now outside it). */
  shrinkTable(table: string, rows: number): Promise<void>;
}

export interface Session {
  /** One user's port on the shared workbook (several calls: several users). */
  user(): WorkbookPort;
  edit: HandEdits;
  /** Syncs so far (Office.js) — undefined where there is no such thing. */
  syncs(): number | undefined;
}

export interface Harness {
  name: string;
  open(specs: RegisterSpec[], settings: SettingsSpec, options?: { fake?: FakeExcelOptions }): Promise<Session>;
}

// ------------------------------------------------------------------ exceljs over a file on disk

interface ExcelJsTable {
  model: { name: string; tableRef?: string; ref?: string; autoFilterRef?: string; columns: { name: string }[] };
}

function xlsxTable(wb: ExcelJS.Workbook, name: string): { ws: ExcelJS.Worksheet; table: ExcelJsTable['model']; rect: Rect } {
  for (const ws of wb.worksheets) {
    const t = (ws as unknown as { tables: Record<string, ExcelJsTable> }).tables?.[name];
    if (t) return { ws, table: t.model, rect: decodeRect(t.model.tableRef ?? t.model.ref ?? 'A1') };
  }
  throw new Error(`no table ${name}`);
}

function setRef(table: ExcelJsTable['model'], rect: Rect): void {
  table.tableRef = encodeRect(rect);
  table.autoFilterRef = encodeRect(rect);
}

/** Cells of one row of a sheet, columns [left, right]. */
const rowCells = (ws: ExcelJS.Worksheet, r: number, left: number, right: number) => Array.from({ length: right - left + 1 }, (_, i) => ws.getCell(r, left + i));

class FileSession implements Session {
  /** A file is opened, changed and saved by one writer at a time (the standalone page is single-user). */
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly file: string) {}

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(this.file);
    return wb;
  }

  user(): WorkbookPort {
    return {
      read: (request: ReadRequest): Promise<ReadResult> => this.exclusive(async () => new ExcelJsWorkbook(await this.load()).read(request)),
      write: (batch: WriteBatch): Promise<WriteResult> =>
        this.exclusive(async () => {
          const wb = await this.load();
          const result = await new ExcelJsWorkbook(wb).write(batch);
          await wb.xlsx.writeFile(this.file);
          return result;
        }),
    };
  }

  syncs(): undefined {
    return undefined;
  }

  private async change(fn: (wb: ExcelJS.Workbook) => void): Promise<void> {
    const wb = await this.load();
    fn(wb);
    await wb.xlsx.writeFile(this.file);
  }

  edit: HandEdits = {
    renameHeader: (table, column, name) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        t.ws.getCell(t.rect.top, t.rect.left + column).value = name;
        t.table.columns[column].name = name;
      }),
    swapColumns: (table, a, b) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          const [ca, cb] = [t.ws.getCell(r, t.rect.left + a), t.ws.getCell(r, t.rect.left + b)];
          const v = ca.value;
          ca.value = cb.value;
          cb.value = v;
        }
        const cols = t.table.columns;
        [cols[a], cols[b]] = [cols[b], cols[a]];
      }),
    insertColumn: (table, at, header) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          const cells = rowCells(t.ws, r, t.rect.left, t.rect.right + 1);
          for (let c = cells.length - 1; c > at; c--) cells[c].value = cells[c - 1].value;
          cells[at].value = r === t.rect.top ? header : null;
        }
        t.table.columns.splice(at, 0, { ...t.table.columns[0], name: header });
        setRef(t.table, { ...t.rect, right: t.rect.right + 1 });
      }),
    deleteColumn: (table, at) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          const cells = rowCells(t.ws, r, t.rect.left, t.rect.right);
          for (let c = at; c < cells.length - 1; c++) cells[c].value = cells[c + 1].value;
          cells[cells.length - 1].value = null;
        }
        t.table.columns.splice(at, 1);
        setRef(t.table, { ...t.rect, right: t.rect.right - 1 });
      }),
    mergeBody: (table, row, from, to) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        const r = t.rect.top + 1 + row;
        t.ws.mergeCells(r, t.rect.left + from, r, t.rect.left + to);
      }),
    pasteBelow: (table, values) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        values.forEach((v, j) => (t.ws.getCell(t.rect.bottom + 1, t.rect.left + j).value = v));
      }),
    shrinkTable: (table, rows) =>
      this.change((wb) => {
        const t = xlsxTable(wb, table);
        setRef(t.table, { ...t.rect, bottom: t.rect.bottom - rows });
      }),
  };
}

export const exceljsFile: Harness = {
  name: 'exceljs over an .xlsx file on disk',
  async open(specs, settings) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-contract-')), 'registers.xlsx');
    const wb = await buildWorkbook(specs, settings, { combined: specs.length > 1 });
    await wb.xlsx.writeFile(file);
    return new FileSession(file);
  },
};

// ------------------------------------------------------------------ Office.js adapter over the fake Excel

class FakeSession implements Session {
  constructor(readonly excel: FakeExcel) {}

  user(): WorkbookPort {
    return new OfficeJsWorkbook({ run: this.excel.run, undoGroups: true });
  }

  syncs(): number {
    return this.excel.syncCount;
  }

  private table(name: string) {
    const t = this.excel.model.table(name);
    if (!t) throw new Error(`no table ${name}`);
    return t;
  }

  private async change(fn: () => void): Promise<void> {
    fn();
  }

  edit: HandEdits = {
    renameHeader: (table, column, name) =>
      this.change(() => {
        const t = this.table(table);
        t.sheet.put(t.rect.top, t.rect.left + column, { value: name });
      }),
    swapColumns: (table, a, b) =>
      this.change(() => {
        const t = this.table(table);
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          const [ca, cb] = [t.sheet.cell(r, t.rect.left + a), t.sheet.cell(r, t.rect.left + b)];
          t.sheet.put(r, t.rect.left + a, { value: cb.value, formula: cb.formula, quotePrefix: cb.quotePrefix }, cb.format);
          t.sheet.put(r, t.rect.left + b, { value: ca.value, formula: ca.formula, quotePrefix: ca.quotePrefix }, ca.format);
        }
      }),
    insertColumn: (table, at, header) =>
      this.change(() => {
        const t = this.table(table);
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          for (let c = t.rect.right + 1; c > t.rect.left + at; c--) {
            const prev = t.sheet.cell(r, c - 1);
            t.sheet.put(r, c, { value: prev.value, formula: prev.formula, quotePrefix: prev.quotePrefix }, prev.format);
          }
          t.sheet.put(r, t.rect.left + at, { value: r === t.rect.top ? header : undefined });
        }
        t.rect = { ...t.rect, right: t.rect.right + 1 };
      }),
    deleteColumn: (table, at) =>
      this.change(() => {
        const t = this.table(table);
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          for (let c = t.rect.left + at; c < t.rect.right; c++) {
            const next = t.sheet.cell(r, c + 1);
            t.sheet.put(r, c, { value: next.value, formula: next.formula, quotePrefix: next.quotePrefix }, next.format);
          }
          t.sheet.put(r, t.rect.right, { value: undefined });
        }
        t.rect = { ...t.rect, right: t.rect.right - 1 };
      }),
    mergeBody: (table, row, from, to) =>
      this.change(() => {
        // Excel refuses to merge inside a table; a user gets there by converting to a range, merging and
        // re-creating the table, which the model reproduces directly.
        const t = this.table(table);
        const r = t.rect.top + 1 + row;
        t.sheet.merges.push({ top: r, bottom: r, left: t.rect.left + from, right: t.rect.left + to });
      }),
    pasteBelow: (table, values) =>
      this.change(() => {
        const t = this.table(table);
        values.forEach((v, j) => t.sheet.put(t.rect.bottom + 1, t.rect.left + j, { value: v === null ? undefined : v }));
      }),
    shrinkTable: (table, rows) =>
      this.change(() => {
        const t = this.table(table);
        t.rect = { ...t.rect, bottom: t.rect.bottom - rows };
      }),
  };
}

export const officeJsFake: Harness = {
  name: 'Office.js adapter over the fake Excel',
  async open(specs, settings, options) {
    const wb = await buildWorkbook(specs, settings, { combined: specs.length > 1 });
    // Through a file, as Excel opens what `taizhang templates` wrote.
    const reopened = new ExcelJS.Workbook();
    await reopened.xlsx.load(await wb.xlsx.writeBuffer());
    return new FakeSession(new FakeExcel(modelFromExcelJs(reopened), options?.fake));
  },
};

export const HARNESSES: Harness[] = [exceljsFile, officeJsFake];

export { encodeAddress };
