/**
 * WorkbookPort: everything the app needs of a workbook, shaped so that every user action is one read and one
 * write round trip. In Office.js each call is one `context.sync` (chunked only for huge payloads), so a submit
 * or an approval costs two syncs whatever the register's size; the exceljs adapter does the same in memory.
 */
import type { CellValue } from '../core/cells';
import type { MetaResult } from '../core/metadata';

export interface TableSnapshot {
  table: string;
  sheet: string;
  /** Header row as it is in the workbook now. */
  headers: string[];
  /** Data body rows, each as wide as the header. Blank rows are kept so indexes match the sheet. */
  rows: CellValue[][];
  /** 1-based worksheet row of rows[0]. */
  firstRow: number;
  /** 1-based worksheet column of the table's first column. */
  firstColumn: number;
  /** Merged ranges that overlap the table body (A1 notation), found when reading. */
  mergedInBody: string[];
  /** Non-empty rows directly below the table that are not part of it (pasted outside the table). */
  rowsBelow: number;
}

export interface ReadRequest {
  meta?: boolean;
  /** Excel table names (tz_<id>) to read. */
  tables?: string[];
  /** Plain sheets to read as values from A1 (设置, _审计, …). */
  sheets?: string[];
}

export interface ReadResult {
  meta: MetaResult | null;
  /** null when the table does not exist. */
  tables: Record<string, TableSnapshot | null>;
  /** null when the sheet does not exist. */
  sheets: Record<string, CellValue[][] | null>;
}

export interface CellUpdate {
  table: string;
  /** 0-based index into TableSnapshot.rows. */
  row: number;
  /** 0-based column index within the table. */
  column: number;
  value: CellValue;
}

export interface WriteBatch {
  /** Rows appended to the end of a table (the table grows to include them). */
  appends?: { table: string; rows: CellValue[][] }[];
  updates?: CellUpdate[];
  /** Rows appended after the last used row of a plain sheet (the audit log). */
  sheetAppends?: { sheet: string; rows: CellValue[][] }[];
  /** A sheet's content replaced from A1 (the summary sheets). Created when missing. */
  sheetWrites?: { sheet: string; rows: CellValue[][]; hidden?: boolean }[];
}

export interface WorkbookPort {
  read(request: ReadRequest): Promise<ReadResult>;
  write(batch: WriteBatch): Promise<void>;
}
