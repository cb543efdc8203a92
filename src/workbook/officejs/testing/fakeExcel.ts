/**
 * A fake Excel for tests and benchmarks, stricter than office-addin-mock (which returns error strings instead
 * of throwing and does not count syncs). It stands in for `Excel.run` and models, with the public source of each:
 *
 * - Proxy objects, load, context.sync, PropertyNotLoaded, *OrNullObject, lazy object paths, errors that stop a
 *   batch without rollback — see proxies.ts
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model).
 * - Every sync counted; its request and response measured as UTF-8 JSON; over the limit (5 MB by default) the
 *   sync throws RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, and one range read or
 *   written over 5,000,000 cells throws RangeExceedsLimit ("Excel add-ins: payload size limit of 5 MB in Excel
 *   on the web", "5 million cells" —
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 *   Whether the real wire format escapes non-ASCII text is not documented; UTF-8 JSON is what is measured here.
 * - Range.values, numberFormat and formulas must be 2-D arrays of the range's shape or the sync throws
 *   InvalidArgument (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 * - What a value written to a cell becomes — formulas from = + - @, numbers and dates from text, Text format "@"
 *   and the quote prefix, 32,767 characters, 15 digits — see entry.ts.
 * - Tables: header names Column1… for empty headers, Table.resize (header row fixed, overlapping;
 *   https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-resize-member(1)), AutoExpansion
 *   over rows written directly below (pessimistic: only rows whose first table cell is filled; co-authoring
 *   guidance, https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins), no cells merged
 *   inside a table, TableRowCollection.add counted (the same guidance: it conflicts under co-authoring).
 * - Data validation rules are kept but, as in Excel, do not stop values written through the API; `valid`
 *   reports on what is there (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation).
 * - Worksheets Visible / Hidden / VeryHidden, at least one visible, Excel's sheet-name rules
 *   (https://learn.microsoft.com/javascript/api/excel/excel.sheetvisibility).
 * - Merged areas (getMergedAreasOrNullObject, ExcelApi 1.13); only the top-left cell of a merge takes a value.
 * - Charts: add over a range of the same sheet, title, position, delete.
 * - Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13): sheets of an .xlsx file, parsed with exceljs, inserted
 *   with their tables, validation and formats; what Excel on the web breaks or refuses — see insert.ts.
 * - Range.getUsedRange / getUsedRangeOrNullObject: the sheet's used range within the range (see proxies.ts).
 * - Worksheet.notes.add (ExcelApi 1.18): a note's text kept by cell; on a host without 1.18 the call fails the
 *   batch with ApiNotFound (https://learn.microsoft.com/javascript/api/excel/excel.notecollection#excel-excel-notecollection-add-member(1)).
 * - Range.copyFrom with RangeCopyType "Values" (ExcelApi 1.9): values pasted as constants, from another sheet
 *   too, the destination's number format kept (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-copyfrom-member(1)).
 * - Undo: each sync that changes the workbook is one undo step; with Excel.run({ mergeUndoGroup: true }) on
 *   ExcelApi 1.20 all syncs of the run are one (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 * - An Excel.run that ends with queued, unsynced actions throws, so that nothing is silently dropped.
 *
 * Not modelled: formula evaluation (formulas read #NAME?), formats other than the number format, events,
 * calculation, and co-authors' merge of simultaneous edits beyond "one sync at a time, in arrival order".
 */
import { FakeOfficeError } from './errors';
import { WorkbookModel } from './model';
import { FakeRequestContext, type Limits } from './proxies';

export interface FakeRunOptions {
  mergeUndoGroup?: boolean;
  delayForCellEdit?: boolean;
}

export interface FakeExcelOptions {
  limits?: Partial<Limits>;
  /** Minor version of the highest ExcelApi requirement set supported (1.20 → 20). */
  apiVersion?: number;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  mutated: boolean;
  failed: boolean;
}

export interface FakeExcelStats {
  runs: number;
  syncs: SyncRecord[];
  undoSteps: number;
  tableRowsAdd: number;
}

export const DEFAULT_LIMITS: Limits = { payloadBytes: 5_000_000, cells: 5_000_000 };

export class FakeExcel {
  readonly limits: Limits;
  readonly apiVersion: number;
  stats: FakeExcelStats = { runs: 0, syncs: [], undoSteps: 0, tableRowsAdd: 0 };

  constructor(
    readonly model: WorkbookModel = new WorkbookModel(),
    options: FakeExcelOptions = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.apiVersion = options.apiVersion ?? 20;
  }

  /** Office.context.requirements.isSetSupported('ExcelApi', version). */
  isSetSupported(name: string, version: string): boolean {
    return name === 'ExcelApi' && Number(version.split('.')[1] ?? 0) <= this.apiVersion && version.startsWith('1.');
  }

  resetStats(): void {
    this.stats = { runs: 0, syncs: [], undoSteps: 0, tableRowsAdd: 0 };
  }

  get syncCount(): number {
    return this.stats.syncs.length;
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.stats.syncs.map((s) => s.requestBytes));
  }

  get maxResponseBytes(): number {
    return Math.max(0, ...this.stats.syncs.map((s) => s.responseBytes));
  }

  /** Excel.run(batch) or Excel.run(options, batch). */
  run = async <T>(optionsOrBatch: FakeRunOptions | ((context: FakeRequestContext) => Promise<T>), maybeBatch?: (context: FakeRequestContext) => Promise<T>): Promise<T> => {
    const options = typeof optionsOrBatch === 'function' ? {} : optionsOrBatch;
    const batch = typeof optionsOrBatch === 'function' ? optionsOrBatch : maybeBatch!;
    const grouped = !!options.mergeUndoGroup && this.apiVersion >= 20;
    let mutatedInRun = false;
    this.stats.runs++;
    const context = new FakeRequestContext(
      {
        model: this.model,
        limits: this.limits,
        apiVersion: this.apiVersion,
        onSync: (record) => this.stats.syncs.push(record),
        onTableRowsAdd: () => this.stats.tableRowsAdd++,
      },
      () => {
        if (!grouped || !mutatedInRun) this.stats.undoSteps++;
        mutatedInRun = true;
      },
    );
    try {
      const result = await batch(context);
      if (context.pendingActions > 0)
        throw new FakeOfficeError('InvalidOperation', `Excel.run ended with ${context.pendingActions} queued action(s) that were never synced`);
      return result;
    } finally {
      context.closed = true;
    }
  };
}

export { WorkbookModel } from './model';
export { FakeOfficeError } from './errors';
