/**
 * WorkbookPort: everything the app needs of a workbook, shaped so that every user action is one read and one
 * write round trip. In Office.js each call is one `context.sync` (chunked only for huge payloads), so a submit
 * or an approval costs two syncs whatever the register's size; the exceljs adapter does the same in memory.
 *
 * Large registers: Excel on the web refuses a request or response over 5 MB, so an action reads only what it
 * needs — some columns (TableRead.columns) and/or some rows (TableRead.rows) — instead of the whole table.
 */
import type { CellValue } from '../core/cells';
import type { MetaResult } from '../core/metadata';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

export interface TableSnapshot {
  table: string;
  sheet: string;
  /** Header row as it is in the workbook now. */
  headers: string[];
  /**
   * Data body rows read, each as wide as the header. Blank rows are kept so indexes match the sheet.
   * Columns that were not asked for (TableRead.columns) are null: see readColumns.
   */
  rows: CellValue[][];
  /** Number of data body rows in the table (rows may hold only a window of them). */
  rowCount: number;
  /** Body index of rows[0] (0 unless TableRead.rows asked for a window). */
  rowStart: number;
  /** 0-based indexes of the columns read; null when every column was read. */
  readColumns: number[] | null;
  /** 1-based worksheet row of rows[0]. */
  firstRow: number;
  /** 1-based worksheet column of the table's first column. */
  firstColumn: number;
  /** Merged ranges that overlap the table body (A1 notation), found when reading. */
  mergedInBody: string[];
  /** Non-empty rows directly below the table that are not part of it (pasted outside the table). */
  rowsBelow: number;
}

/** Which body rows to read: `from` is a 0-based body index, negative counts from the end (-1 is the last row). */
export interface RowWindow {
  from?: number;
  /** Rows from `from` on; to the end when omitted. */
  count?: number;
}

/** Part of a table: some columns and/or some rows. */
export interface TableRead {
  table: string;
  /** Key in ReadResult.tables; the table name when omitted (two reads of one table need two keys). */
  key?: string;
  /** Headers of the columns to read; all when omitted. A header not in the table is not read (readColumns). */
  columns?: string[];
  rows?: RowWindow;
  /**
   * Only these body rows (0-based indexes, any order; past the end ignored), in place of `rows`: the records a
   * first, narrow read found worth showing (the 待办 queue). The others come back blank, all sharing one row.
   */
  rowsAt?: number[];
}

export interface SheetRead {
  sheet: string;
  /** Only the last n rows of the sheet's used rows (the tail of the audit log). */
  lastRows?: number;
  /**
   * Only the first n columns, from A (the audit log's entries without their three hashes, where a report needs who
   * did what when: a third of the bytes).
   */
  columns?: number;
}

export interface ReadRequest {
  meta?: boolean;
  /** Excel table names (tz_<id>) to read whole, or parts of tables. */
  tables?: (string | TableRead)[];
  /** Plain sheets to read as values from A1 (设置, _审计, …). */
  sheets?: (string | SheetRead)[];
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
  /** 0-based index into the table body: TableSnapshot.rowStart + the index into TableSnapshot.rows. */
  row: number;
  /** 0-based column index within the table. */
  column: number;
  value: CellValue;
}

export interface WriteBatch {
  /**
   * Structure guard, per table: the header row (RegisterMeta.headers) that the caller's checks were made
   * against. The adapter refuses the whole batch (StructureGuardError, nothing written) when the table, as read
   * in this action, no longer has that header or has merged cells in its body or rows pasted below it.
   */
  expectHeaders?: Record<string, string[]>;
  /** Rows appended to the end of a table (the table grows to include them). */
  appends?: { table: string; rows: CellValue[][] }[];
  updates?: CellUpdate[];
  /** Rows appended after the last used row of a plain sheet (the audit log). */
  sheetAppends?: { sheet: string; rows: CellValue[][] }[];
  /** A sheet's content replaced from A1 (the summary sheets). Created when missing. */
  sheetWrites?: { sheet: string; rows: CellValue[][]; hidden?: boolean; charts?: ChartRequest[]; style?: SheetStyle; copies?: CellCopy[] }[];
  /**
   * Values written into an existing sheet from a top-left cell, keeping its formatting, merges and the formulas
   * elsewhere that point at it (the printable 申请单, the 设置 lists that data validation refers to).
   */
  rangeWrites?: RangeWrite[];
  /** Sheet brought to the front once written (the filled 申请单, ready for Ctrl+P). Ignored where there is no UI. */
  activate?: string;
}

/**
 * A cell of a sheet written whole that takes the value of a table cell, copied inside the workbook (Excel's paste
 * values) instead of being read and sent back: the 汇总's overdue list names records by number without the action
 * reading a register's whole number column. The column is found by header when the write runs.
 */
export interface CellCopy {
  /** A1 cell on the sheet being written. */
  cell: string;
  table: string;
  /** 0-based body index. */
  row: number;
  column: string;
}

/** What a write learned: the values copied by CellCopy, by "sheet!cell". */
export interface WriteResult {
  copied: Record<string, CellValue>;
}

export interface RangeWrite {
  sheet: string;
  /** 1-based worksheet row and column of rows[0][0]. */
  row: number;
  column: number;
  rows: CellValue[][];
}

/** A native Excel chart over data the same sheetWrite puts on the sheet. Adapters that cannot draw charts skip it. */
export interface ChartRequest {
  kind: 'column' | 'bar' | 'pie';
  title: string;
  /** Source range on the sheet, A1 notation (e.g. A4:C12), categories in the first column, series names in the first row. */
  source: string;
  /** Top-left cell of the chart. */
  anchor: string;
}

/**
 * How a sheet written whole should look: number formats, Excel tables over the blocks the rows fill, data bars,
 * column widths and bold rows. Optional: an adapter that cannot apply some of it writes the values all the same
 * (the values are the content; this is presentation).
 */
export interface SheetStyle {
  /** Number formats by A1 range ("B6", "C9:C20"). */
  formats?: { ref: string; numberFormat: string }[];
  /** Excel tables over ranges whose first row is the header row the rows put there. Names are unique in the workbook. */
  tables?: { name: string; ref: string }[];
  /** Ranges that get a data bar (where a chart would stand, a bar in the cell shows the same). */
  dataBars?: string[];
  /** Column widths from column A, in characters. */
  widths?: number[];
  /** 1-based rows in large bold type (the sheet's title) and in bold (headings). */
  titleRows?: number[];
  headingRows?: number[];
}

/** Registers to add to a workbook (a blank one, or one that has some already). */
export interface SetupRequest {
  /**
   * Only registers the workbook does not hold yet. The exceljs adapter refuses ids it already has; the Office.js
   * adapter skips them (a co-author may have set the same register up after the pane offered it).
   */
  specs: RegisterSpec[];
  /** Seeds the 设置 sheet when the workbook has none; an existing 设置 sheet is kept as the office edited it. */
  settings: SettingsSpec;
}

export interface WorkbookPort {
  read(request: ReadRequest): Promise<ReadResult>;
  write(batch: WriteBatch): Promise<WriteResult>;
  /**
   * Creates register sheets, tables, 申请单, 说明, 设置, 汇总 and the hidden metadata and audit sheets, exactly as
   * `taizhang templates` lays them out. Optional so that read-only hosts can omit it; the task pane says so.
   */
  setUp?(request: SetupRequest): Promise<void>;
  /**
   * Writes the batch and reads `next` in the write's last round trip, for an action done in chunks (an import):
   * chunk k is written and chunk k+1's read taken in one sync. Optional: without it the caller writes, then reads.
   */
  writeThenRead?(batch: WriteBatch, next: ReadRequest): Promise<{ written: WriteResult; read: ReadResult }>;
  /**
   * How full one request this batch would make, where the host limits a request's size (Excel: 5 MB): 1 is
   * exactly full, 2.5 takes three round trips. Lets a chunked action size its chunks to one request each.
   */
  writeLoad?(batch: WriteBatch): number;
  /**
   * How full one response this read would make, where the host limits a response's size (Excel: 5 MB), from what
   * earlier reads measured; null while the sizes are not known. Lets an action add what fits to one read (刷新汇总
   * reads the newest rows' steps in the same sync as its counts).
   */
  readLoad?(request: ReadRequest): number | null;
}
