/**
 * The part of the Excel JavaScript API the Office.js adapter uses, as structural types. Real `Excel.run` fits
 * these (test/workbook/officejs/realExcelTypes.ts checks it against @types/office-js), and so does the fake
 * Excel: the adapter is given a `run` function and never touches a global `Excel` or `Office`.
 *
 * Requirement sets: ExcelApi 1.13 at least (Table.resize, Range.getMergedAreasOrNullObject,
 * Workbook.insertWorksheetsFromBase64); 1.20 for Excel.run({ mergeUndoGroup }) — the host says whether it has it
 * (OfficeJsOptions.undoGroups).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface HostRangeAreas {
  readonly isNullObject: boolean;
  readonly address: string;
  load(propertyNames: string): HostRangeAreas;
}

/** Range.dataValidation (ExcelApi 1.8): rule, prompt and alert as Office.js shapes them. */
export interface HostDataValidation {
  rule: any;
  prompt: any;
  errorAlert: any;
  ignoreBlanks: boolean;
  clear(): void;
}

/** Range.format (ExcelApi 1.1; columnWidth 1.2): what a styled sheetWrite sets. */
export interface HostRangeFont {
  bold: boolean;
  size: number;
  color: string;
  name: string;
}

export interface HostRangeFormat {
  /** In points. */
  columnWidth: number;
  readonly font: HostRangeFont;
}

/** A data bar over a range (ExcelApi 1.6). */
export interface HostConditionalFormat {
  readonly type: string;
}

export interface HostConditionalFormatCollection {
  add(type: 'DataBar'): HostConditionalFormat;
}

export interface HostRange {
  readonly isNullObject: boolean;
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  values: any[][];
  numberFormat: any[][];
  formulas: any[][];
  readonly dataValidation: HostDataValidation;
  readonly format: HostRangeFormat;
  readonly conditionalFormats: HostConditionalFormatCollection;
  load(propertyNames: string): HostRange;
  getUsedRange(valuesOnly?: boolean): HostRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): HostRange;
  getRowsBelow(count?: number): HostRange;
  getLastRow(): HostRange;
  getCell(row: number, column: number): HostRange;
  getOffsetRange(rowOffset: number, columnOffset: number): HostRange;
  getResizedRange(deltaRows: number, deltaColumns: number): HostRange;
  getEntireRow(): HostRange;
  getEntireColumn(): HostRange;
  getIntersection(anotherRange: HostRange | string): HostRange;
  getIntersectionOrNullObject(anotherRange: HostRange | string): HostRange;
  getBoundingRect(anotherRange: HostRange | string): HostRange;
  getMergedAreasOrNullObject(): HostRangeAreas;
  clear(applyTo?: 'All' | 'Contents' | 'Formats'): void;
  /** ExcelApi 1.9: "Values" pastes the source's values (a formula's result), keeping this range's formats. The source is a HostRange (typed `object`: a recursive HostRange here defeats the check against @types/office-js). */
  copyFrom(sourceRange: object | string, copyType?: 'Values'): void;
}

export interface HostChart {
  readonly name: string;
  load(propertyNames: string): HostChart;
  readonly title: { text: string };
  setPosition(startCell: HostRange | string, endCell?: HostRange | string): void;
  delete(): void;
}

export interface HostChartCollection {
  readonly items: HostChart[];
  add(type: string, sourceData: HostRange, seriesBy?: string): HostChart;
  getItem(name: string): HostChart;
}

export interface HostWorksheet {
  readonly isNullObject: boolean;
  readonly name: string;
  visibility: string;
  readonly charts: HostChartCollection;
  readonly tables: HostTableCollection;
  /** ExcelApi 1.18: only used where isSetSupported says so (OfficeJsOptions.notes). */
  readonly notes: { add(cellAddress: string, content: string): unknown };
  load(propertyNames: string): HostWorksheet;
  getRange(address?: string): HostRange;
  getUsedRange(valuesOnly?: boolean): HostRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): HostRange;
  activate(): void;
  delete(): void;
}

export interface HostWorksheetCollection {
  readonly items: HostWorksheet[];
  load(propertyNames: string): HostWorksheetCollection;
  getItem(key: string): HostWorksheet;
  add(name?: string): HostWorksheet;
}

export interface HostTableColumn {
  readonly index: number;
  load(propertyNames: string): HostTableColumn;
  getDataBodyRange(): HostRange;
  getHeaderRowRange(): HostRange;
}

export interface HostTableColumnCollection {
  getItem(key: number | string): HostTableColumn;
}

export interface HostTable {
  name: string;
  readonly showTotals: boolean;
  readonly worksheet: HostWorksheet;
  readonly columns: HostTableColumnCollection;
  load(propertyNames: string): HostTable;
  getRange(): HostRange;
  getHeaderRowRange(): HostRange;
  getDataBodyRange(): HostRange;
  resize(newRange: HostRange | string): void;
  delete(): void;
}

export interface HostTableCollection {
  readonly items: HostTable[];
  load(propertyNames: string): HostTableCollection;
  getItem(key: string): HostTable;
  add(address: HostRange | string, hasHeaders: boolean): HostTable;
}

/** Workbook.insertWorksheetsFromBase64's options (ExcelApi 1.13). */
export interface HostInsertWorksheetOptions {
  sheetNamesToInsert?: string[];
  positionType?: 'None' | 'Before' | 'After' | 'Beginning' | 'End';
  relativeTo?: string;
}

export interface HostWorkbook {
  readonly worksheets: HostWorksheetCollection;
  readonly tables: HostTableCollection;
  insertWorksheetsFromBase64(base64File: string, options?: HostInsertWorksheetOptions): { readonly value: string[] };
}

export interface HostContext {
  readonly workbook: HostWorkbook;
  sync(): Promise<void>;
}

export type HostBatch<T> = (context: HostContext) => Promise<T>;

/** Excel.run, both forms the adapter uses. */
export interface HostRun {
  <T>(batch: HostBatch<T>): Promise<T>;
  <T>(options: { mergeUndoGroup?: boolean }, batch: HostBatch<T>): Promise<T>;
}

/** Error codes the adapter reacts to (OfficeExtension.Error.code). */
export const ErrorCode = {
  itemNotFound: 'ItemNotFound',
  requestPayload: 'RequestPayloadSizeLimitExceeded',
  responsePayload: 'ResponsePayloadSizeLimitExceeded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  itemAlreadyExists: 'ItemAlreadyExists',
  unsupportedFeature: 'UnsupportedFeature',
  invalidArgument: 'InvalidArgument',
} as const;

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
}

export const isPayloadError = (error: unknown) => {
  const code = errorCode(error);
  return code === ErrorCode.requestPayload || code === ErrorCode.responsePayload || code === ErrorCode.rangeExceedsLimit;
};
