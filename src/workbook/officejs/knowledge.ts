/**
 * What the Office.js adapter learned about the workbook in the reads of this session, and why it may keep it:
 * - a table's structure (headers, formats, row count, merges, rows below) as read in the current action is what
 *   the following write checks its guard against and takes its number formats from — the "read sync" of the
 *   action. A write consumes it: the next action reads again, because a co-author may have changed anything.
 * - which sheets, tables and charts exist and how many bytes a table's cells take only steer how the next
 *   request is built (skip a table known to be missing, chunk a read known to be large). When they are stale the
 *   adapter finds out from Excel's error and corrects itself with one more sync.
 */
import type { CellValue } from '../../core/cells';
import type { TableSnapshot } from '../port';

export interface TableInfo {
  table: string;
  sheet: string;
  headers: string[];
  /** Data body rows. */
  rowCount: number;
  /** 1-based worksheet row of the header row and column of the first column. */
  headerRow: number;
  firstColumn: number;
  mergedInBody: string[];
  rowsBelow: number;
  /** Number format of each column in the last body row: "@" marks a text column. */
  formats: string[];
}

/** Key of one table column in Knowledge.bytesPerCell. */
export const columnKey = (table: string, header: string) => `${table}\u0000${header}`;

export class Knowledge {
  /** Structure read in the current action, by table name; consumed by a write. */
  readonly structure = new Map<string, TableInfo>();
  /** Sheet name → chart names, from the last listing; null before the first. */
  sheets: Map<string, string[]> | null = null;
  tables: Set<string> | null = null;
  /** Rows (last used row) and used columns of plain sheets read. */
  readonly sheetRows = new Map<string, number>();
  readonly sheetWidths = new Map<string, number>();
  /** Header row of each table as last read; unlike `structure` kept across actions (column projections use it). */
  readonly lastHeaders = new Map<string, string[]>();
  /** Body rows of tables, kept across actions to place "last n rows" windows without an extra sync. */
  readonly rowCounts = new Map<string, number>();
  /** Measured UTF-8 JSON bytes per cell, by table or sheet, and by table column (columnKey). */
  readonly bytesPerCell = new Map<string, number>();

  hasSheet(name: string): boolean | undefined {
    if (!this.sheets) return undefined;
    const lower = name.toLowerCase();
    return [...this.sheets.keys()].some((s) => s.toLowerCase() === lower);
  }

  sheetCharts(name: string): string[] {
    const lower = name.toLowerCase();
    for (const [s, charts] of this.sheets ?? []) if (s.toLowerCase() === lower) return charts;
    return [];
  }

  /** Known not to exist (from the last listing). */
  tableMissing(name: string): boolean {
    return this.tables !== null && ![...this.tables].some((t) => t.toLowerCase() === name.toLowerCase());
  }

  learnTable(info: TableInfo): void {
    this.structure.set(info.table, info);
    this.rowCounts.set(info.table, info.rowCount);
  }

  /** Everything measured so far per key: an average over all of it, so one long cell read alone does not stand for 100,000. */
  private readonly samples = new Map<string, { bytes: number; cells: number }>();

  measure(key: string, values: unknown[][], bytes: number): void {
    const cells = values.reduce((n, r) => n + r.length, 0);
    if (cells === 0) return;
    const sample = this.samples.get(key) ?? { bytes: 0, cells: 0 };
    sample.bytes += bytes;
    sample.cells += cells;
    this.samples.set(key, sample);
    this.bytesPerCell.set(key, sample.bytes / sample.cells);
  }

  /**
   * Bytes per cell expected from reading some columns of a table: each column's own measure where one was taken
   * (a status column and a title column differ fivefold), else the table's. Undefined when nothing was measured.
   */
  columnBytes(table: string, headers: string[]): number | undefined {
    const whole = this.bytesPerCell.get(table);
    let sum = 0;
    for (const h of headers) {
      const own = this.bytesPerCell.get(columnKey(table, h)) ?? whole;
      if (own === undefined) return undefined;
      sum += own;
    }
    return sum;
  }

  /** A snapshot as the structure guard needs it (no rows: the guard compares structure only). */
  guardSnapshot(table: string): TableSnapshot | null {
    const info = this.structure.get(table);
    if (!info) return null;
    const rows: CellValue[][] = [];
    return {
      table,
      sheet: info.sheet,
      headers: info.headers,
      rows,
      rowCount: info.rowCount,
      rowStart: 0,
      readColumns: [],
      firstRow: info.headerRow + 1,
      firstColumn: info.firstColumn,
      mergedInBody: info.mergedInBody,
      rowsBelow: info.rowsBelow,
    };
  }
}
