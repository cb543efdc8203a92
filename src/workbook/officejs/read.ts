/**
 * WorkbookPort.read over Office.js: queue every load, one context.sync, then read the results.
 *
 * One sync is the rule. More happen only when the workbook makes it necessary, and each is counted:
 * - a part of a table placed from its end ("last 100 rows") when the row count is not known yet: the first sync
 *   learns the count, a second reads the rows;
 * - something asked for does not exist (Excel fails the whole batch with ItemNotFound): one sync lists what
 *   exists, then the read is retried without it;
 * - the values would pass Excel on the web's 5 MB response limit (or 5M cells): the structure is read first,
 *   then the values in chunks sized from the bytes per cell measured so far. When an earlier read showed a
 *   table to be that large, the adapter chunks straight away instead of failing first.
 */
import { columnName, encodeRect } from '../a1';
import type { CellValue } from '../../core/cells';
import { META_SHEET } from '../../core/layout';
import { metaFromRows } from '../../core/metadata';
import type { ReadRequest, ReadResult, SheetRead } from '../port';
import { type NormalTableRead, isBlankRow, resolveColumns, resolveWindow, rowRuns, sheetPart, sheetReads, tableReads, trimSheet } from '../reads';
import { areaRefs, decodeCell, jsonBytes } from './encode';
import { ErrorCode, errorCode, isPayloadError, type HostContext, type HostRange, type HostTable } from './host';
import { columnKey, type Knowledge, type TableInfo } from './knowledge';

/** Rows below a table scanned for data pasted outside it, as the exceljs adapter does. */
export const BELOW_SCAN = 50;
/** Request bytes of one range loaded for a run of rows (its object path and the load). */
const RUN_REQUEST_BYTES = 300;
/** Estimate of UTF-8 JSON bytes per cell before anything was measured. */
const DEFAULT_BYTES_PER_CELL = 24;
/**
 * The same estimate where being wrong costs a refused sync: the first rows of a table of unknown size. A cell of
 * sixteen Chinese characters takes this much; longer text is rarer than dates, numbers and short names.
 */
const CAUTIOUS_BYTES_PER_CELL = 48;

/** Knowledge key of a sheet read's bytes per cell: a read of a sheet's first columns measures those only. */
const sheetKey = (read: SheetRead) => (read.columns === undefined ? `sheet:${read.sheet}` : `sheet:${read.sheet}:${read.columns}`);
/** The last column (1-based) a sheet read loads of a used range that ends at column `right`. */
const readRight = (read: SheetRead, right: number) => (read.columns === undefined ? right : Math.min(right, read.columns));

export interface Budget {
  payloadBytes: number;
  cells: number;
}

export interface IoStats {
  syncs: number;
  chunks: number;
}

type Finish = () => void;

interface TablePart {
  read: NormalTableRead;
  /** Rows [start, end) of the body, set once the row count is known. */
  start: number;
  end: number;
  columns: number[] | null;
  rows: CellValue[][] | null;
  /** Rows of the window already loaded (chunked loading). */
  next: number;
  done: boolean;
  /** TableRead.rowsAt as runs of consecutive rows, the first `runNext` of them loaded; null for a window read. */
  runs: [number, number][] | null;
  runNext: number;
  /** The row every body row not asked for by rowsAt shares. */
  blank: CellValue[] | null;
  /** Placed against the structure this read returned (place()); what was loaded since stays. */
  placed: boolean;
}

interface SheetPart {
  read: SheetRead;
  exists: boolean;
  /** Used range (valuesOnly), 1-based; null for an empty sheet. */
  used: { top: number; left: number; bottom: number; right: number } | null;
  rows: CellValue[][];
  from: number;
  next: number;
  done: boolean;
}

const isItemNotFound = (e: unknown) => errorCode(e) === ErrorCode.itemNotFound;

/** Values read from a range placed at (top, left), as rows from A1 (row and column 1). */
function fromA1(values: unknown[][], rowIndex: number, columnIndex: number): CellValue[][] {
  const pad = new Array<CellValue>(columnIndex).fill(null);
  const rows: CellValue[][] = Array.from({ length: rowIndex }, () => []);
  for (const row of values) rows.push([...pad, ...row.map(decodeCell)]);
  return rows;
}

/** A write that failed in the sync a read carried it in (WriteJob.run): the read must not retry it as its own failure. */
export class CarriedWriteError extends Error {
  constructor(readonly cause: unknown) {
    super('the write carried by this read failed');
  }
}

/**
 * UTF-8 JSON bytes a read's values would take, from what earlier reads of this session measured (a column not
 * measured yet counts at the default per cell); null when the size of a table it reads is not known yet.
 */
export function estimateReadBytes(request: ReadRequest, k: Knowledge): number | null {
  let bytes = 0;
  for (const read of tableReads(request)) {
    const rows = k.rowCounts.get(read.table);
    const headers = k.structure.get(read.table)?.headers ?? k.lastHeaders.get(read.table);
    if (rows === undefined || headers === undefined) return null;
    const columns = read.columns ? headers.filter((h) => read.columns!.includes(h)) : headers;
    const rowBytes = columns.reduce((n, h) => n + (k.columnBytes(read.table, [h]) ?? DEFAULT_BYTES_PER_CELL), 0);
    const { start, end } = read.rowsAt ? { start: 0, end: Math.min(rows, read.rowsAt.length) } : resolveWindow(read.rows, rows);
    bytes += (end - start) * rowBytes;
  }
  for (const read of sheetReads(request)) {
    const known = k.sheetRows.get(read.sheet);
    const rows = Math.min(known ?? read.lastRows ?? 0, read.lastRows ?? Infinity);
    if (!Number.isFinite(rows)) return null;
    bytes += rows * readRight(read, k.sheetWidths.get(read.sheet) ?? 10) * (k.bytesPerCell.get(sheetKey(read)) ?? DEFAULT_BYTES_PER_CELL);
  }
  return bytes;
}

export class ReadJob {
  private readonly tableParts: TablePart[];
  private readonly sheetParts: SheetPart[];
  private meta: ReadResult['meta'] = null;
  private readonly infos = new Map<string, TableInfo | null>();
  private readonly missingSheets = new Set<string>();
  private metaMissing = false;

  constructor(
    private readonly request: ReadRequest,
    private readonly k: Knowledge,
    private readonly budget: Budget,
    private readonly stats: IoStats,
  ) {
    this.tableParts = tableReads(request).map((read) => ({ read, start: 0, end: 0, columns: null, rows: null, next: 0, done: false, runs: null, runNext: 0, blank: null, placed: false }));
    this.sheetParts = sheetReads(request).map((read) => ({ read, exists: true, used: null, rows: [], from: 0, next: 0, done: false }));
  }

  async run(ctx: HostContext): Promise<ReadResult> {
    let optimistic = !this.knownTooLarge();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.stage(ctx, optimistic);
        break;
      } catch (error) {
        if (attempt >= 3 || error instanceof CarriedWriteError) throw error;
        if (isItemNotFound(error)) await this.discover(ctx);
        else if ((isPayloadError(error) || errorCode(error) === ErrorCode.invalidArgument) && optimistic) optimistic = false;
        else throw error;
      }
    }
    await this.loadRest(ctx);
    return this.result();
  }

  /** Every sync is counted, the failed ones too: they cost the user a round trip all the same. */
  private async sync(ctx: HostContext): Promise<void> {
    this.stats.syncs++;
    await ctx.sync();
  }

  /** Whether what earlier reads measured says the values will not fit one response (unknown sizes count as fitting). */
  private knownTooLarge(): boolean {
    let bytes = 0;
    for (const p of this.tableParts) {
      const rows = this.k.rowCounts.get(p.read.table);
      const headers = this.k.structure.get(p.read.table)?.headers ?? this.lastHeaders(p.read.table);
      if (rows === undefined || headers === undefined) continue;
      const columns = p.read.columns ? headers.filter((h) => p.read.columns!.includes(h)) : headers;
      const rowBytes = this.k.columnBytes(p.read.table, columns);
      if (rowBytes === undefined) continue;
      const { start, end } = p.read.rowsAt ? { start: 0, end: Math.min(rows, p.read.rowsAt.length) } : resolveWindow(p.read.rows, rows);
      bytes += (end - start) * rowBytes;
      if ((end - start) * columns.length > this.budget.cells) return true;
    }
    for (const s of this.sheetParts) {
      const rows = this.k.sheetRows.get(s.read.sheet);
      const width = this.k.sheetWidths.get(s.read.sheet);
      const bpc = this.k.bytesPerCell.get(sheetKey(s.read));
      if (rows !== undefined && width !== undefined && bpc !== undefined) bytes += Math.min(rows, s.read.lastRows ?? rows) * readRight(s.read, width) * bpc;
    }
    return bytes > this.budget.payloadBytes;
  }

  private lastHeaders(table: string): string[] | undefined {
    return this.k.lastHeaders.get(table);
  }

  /** One sync: what exists, the structure of every table, the metadata and — when optimistic — the values. */
  private async stage(ctx: HostContext, optimistic: boolean): Promise<void> {
    const finish: Finish[] = [];
    finish.push(this.queueListing(ctx));
    if (this.request.meta && !this.metaMissing) finish.push(this.queueMeta(ctx));
    const tables = [...new Set(this.tableParts.map((p) => p.read.table))];
    const handles = new Map<string, HostTable>();
    for (const name of tables) {
      // Only this read's own discovery says a table is missing: a listing from an earlier action may be stale.
      if (this.infos.get(name) === null) continue;
      const table = ctx.workbook.tables.getItem(name);
      handles.set(name, table);
      finish.push(this.queueStructure(table, name));
    }
    for (const part of this.tableParts) {
      const table = handles.get(part.read.table);
      if (!table || !optimistic) continue;
      const planned = part.read.rowsAt ? this.queueOptimisticRuns(ctx, part) : this.queueOptimisticPart(table, part);
      if (planned) finish.push(planned);
    }
    for (const part of this.sheetParts) {
      if (this.missingSheets.has(part.read.sheet)) {
        part.exists = false;
        part.done = true;
        continue;
      }
      finish.push(this.queueSheet(ctx, part, optimistic));
    }
    await this.sync(ctx);
    finish.forEach((f) => f());
  }

  private queueListing(ctx: HostContext): Finish {
    const sheets = ctx.workbook.worksheets.load('items/name,items/charts/items/name');
    const tables = ctx.workbook.tables.load('items/name');
    return () => {
      this.k.sheets = new Map(sheets.items.map((s) => [s.name, s.charts.items.map((c) => c.name)]));
      this.k.tables = new Set(tables.items.map((t) => t.name));
    };
  }

  /** After ItemNotFound: learn what exists (and the headers, for column projections), then retry. */
  private async discover(ctx: HostContext): Promise<void> {
    const listing = this.queueListing(ctx);
    await this.sync(ctx);
    listing();
    const headerLoads: [string, HostRange][] = [];
    for (const name of new Set(this.tableParts.map((p) => p.read.table))) {
      if (this.k.tableMissing(name)) this.infos.set(name, null);
      else headerLoads.push([name, ctx.workbook.tables.getItem(name).getHeaderRowRange().load('values')]);
    }
    if (this.request.meta && !this.k.hasSheet(META_SHEET)) this.metaMissing = true;
    for (const part of this.sheetParts) if (!this.k.hasSheet(part.read.sheet)) this.missingSheets.add(part.read.sheet);
    if (headerLoads.length) {
      await this.sync(ctx);
      for (const [name, range] of headerLoads) this.k.lastHeaders.set(name, range.values[0].map((v) => String(v ?? '')));
    }
  }

  private queueMeta(ctx: HostContext): Finish {
    const used = ctx.workbook.worksheets.getItem(META_SHEET).getUsedRange(true).load('values,rowIndex,columnIndex');
    return () => {
      this.meta = metaFromRows(trimSheet(fromA1(used.values, used.rowIndex, used.columnIndex)));
    };
  }

  private queueStructure(table: HostTable, name: string): Finish {
    table.load('showTotals');
    const sheet = table.worksheet.load('name');
    const all = table.getRange().load('rowIndex,columnIndex,rowCount');
    const header = table.getHeaderRowRange().load('values');
    const body = table.getDataBodyRange();
    const last = body.getLastRow().load('numberFormat');
    const merged = body.getMergedAreasOrNullObject().load('address');
    const below = table.getRange().getRowsBelow(BELOW_SCAN).load('values');
    return () => {
      const info: TableInfo = {
        table: name,
        sheet: sheet.name,
        headers: header.values[0].map((v) => String(v ?? '')),
        rowCount: all.rowCount - 1 - (table.showTotals ? 1 : 0),
        headerRow: all.rowIndex + 1,
        firstColumn: all.columnIndex + 1,
        mergedInBody: merged.isNullObject ? [] : areaRefs(merged.address),
        rowsBelow: below.values.filter((row) => !isBlankRow(row.map(decodeCell))).length,
        formats: last.numberFormat[0].map((f) => String(f)),
      };
      this.infos.set(name, info);
      this.k.learnTable(info);
      this.k.lastHeaders.set(name, info.headers);
    };
  }

  /** Columns of a part by header name: those the table has (as far as known). */
  private wantedHeaders(part: TablePart): string[] | null {
    if (!part.read.columns) return null;
    const headers = this.lastHeaders(part.read.table);
    return headers ? part.read.columns.filter((h) => headers.includes(h)) : part.read.columns;
  }

  /**
   * Values in the same sync as the structure. A window from the end needs the row count: a count from an earlier
   * read places it, and is checked once the sync returns; without one the part waits for the next sync.
   */
  private queueOptimisticPart(table: HostTable, part: TablePart): Finish | null {
    const window = part.read.rows;
    const cachedRows = this.k.rowCounts.get(part.read.table);
    // A window that depends on the row count (from the end, or to the end) is placed with the count known so far.
    const needsCount = !!window && ((window.from ?? 0) < 0 || window.count === undefined);
    let from: number | undefined;
    let count: number | undefined;
    if (needsCount) {
      if (cachedRows === undefined) return null;
      const w = resolveWindow(window, cachedRows);
      from = w.start;
      count = w.end - w.start;
    } else if (window) {
      from = window.from ?? 0;
      count = window.count;
    }
    const headers = this.wantedHeaders(part);
    // A whole table (or whole columns) of a size not known yet: the rows that fit one response at a pessimistic
    // estimate come with the structure and the rest follow in chunks, instead of asking for everything and being
    // refused by Excel when it is large. (Several such parts can still pass the limit together: then the read
    // falls back to chunks, counted, as any refused read does.)
    let firstRows: number | undefined;
    const width = headers?.length ?? this.lastHeaders(part.read.table)?.length;
    if (!window && cachedRows === undefined && width) {
      const perRow = this.k.columnBytes(part.read.table, headers ?? this.lastHeaders(part.read.table)!) ?? width * CAUTIOUS_BYTES_PER_CELL;
      firstRows = Math.max(1, Math.floor(Math.min(this.budget.payloadBytes / perRow, this.budget.cells / width)));
      from = 0;
      count = firstRows;
    }
    const body = table.getDataBodyRange();
    const slice = (base: HostRange): HostRange => {
      if (from === undefined || count === undefined) return base.load('values');
      if (count <= 0) return base;
      return base.getIntersectionOrNullObject(body.getCell(0, 0).getOffsetRange(from, 0).getResizedRange(count - 1, 0).getEntireRow()).load('values');
    };
    const ranges: [string | null, HostRange][] = headers ? headers.map((h) => [h, slice(table.columns.getItem(h).getDataBodyRange())]) : [[null, slice(body)]];
    return () => {
      const info = this.infos.get(part.read.table);
      if (!info) return;
      this.place(part, info);
      // A window placed from a stale row count is read again with the count this sync returned.
      if (needsCount && cachedRows !== info.rowCount) return;
      if (count !== undefined && count <= 0) {
        part.done = true;
        return;
      }
      for (const [header, range] of ranges) {
        if (range.isNullObject) continue;
        const values = range.values;
        const bytes = jsonBytes(values);
        this.k.measure(part.read.table, values, bytes);
        if (header !== null) this.k.measure(columnKey(part.read.table, header), values, bytes);
        else this.measureColumns(part.read.table, info.headers, values);
        const column = header === null ? null : info.headers.indexOf(header);
        this.fill(part, part.start, values, column);
      }
      if (firstRows !== undefined && info.rowCount > firstRows) {
        part.next = firstRows;
        return;
      }
      part.done = true;
    };
  }

  /** Bytes per cell of each column of a whole-row read, so a later read of a few columns is sized by their own cells. */
  private measureColumns(table: string, headers: string[], values: unknown[][]): void {
    headers.forEach((h, j) => {
      const column = values.map((row) => [row[j]]);
      this.k.measure(columnKey(table, h), column, jsonBytes(column));
    });
  }

  /**
   * Rows asked for by index, in the same sync as the structure, placed by the structure an earlier read of this
   * action returned (the queue's narrow first read): kept only if this sync finds the table where it was.
   */
  private queueOptimisticRuns(ctx: HostContext, part: TablePart): Finish | null {
    const known = this.k.structure.get(part.read.table);
    if (!known) return null;
    const runs = rowRuns(part.read.rowsAt!, known.rowCount);
    const { span, spanHeaders, perRow } = this.runShape(part, known.headers, resolveColumns(known.headers, part.read.columns));
    // As many runs as fit one response go with the structure; the rest follow in chunks (loadRest).
    let bytes = this.budget.payloadBytes;
    let cells = this.budget.cells;
    let taken = 0;
    for (const [a, b] of runs) {
      const cost = (b - a) * perRow + RUN_REQUEST_BYTES;
      if (cost > bytes || (b - a) * spanHeaders.length > cells) break;
      bytes -= cost;
      cells -= (b - a) * spanHeaders.length;
      taken++;
    }
    const loads = runs.slice(0, taken).map(([a, b]) => [a, this.runRange(ctx, known, a, b, span)] as const);
    return () => {
      const info = this.infos.get(part.read.table);
      if (!info) return;
      this.place(part, info);
      const same = info.sheet === known.sheet && info.headerRow === known.headerRow && info.firstColumn === known.firstColumn && info.headers.join('\u0000') === known.headers.join('\u0000');
      if (!same) return;
      for (const [from, range] of loads) this.fillSpan(part, from, range.values, span[0]);
      part.runNext = taken;
      if (taken >= part.runs!.length) part.done = true;
    };
  }

  /** Rows by index are read across the columns from the first asked for to the last: that span and its expected bytes per row. */
  private runShape(part: TablePart, headers: string[], columns: number[] | null): { span: number[]; spanHeaders: string[]; perRow: number } {
    const wanted = columns ?? headers.map((_, i) => i);
    const span = wanted.length ? [Math.min(...wanted), Math.max(...wanted)] : [0, 0];
    const spanHeaders = headers.slice(span[0], span[1] + 1);
    return { span, spanHeaders, perRow: this.k.columnBytes(part.read.table, spanHeaders) ?? spanHeaders.length * DEFAULT_BYTES_PER_CELL };
  }

  private runRange(ctx: HostContext, info: TableInfo, from: number, to: number, span: number[]): HostRange {
    const top = info.headerRow + 1 + from;
    return ctx.workbook.worksheets
      .getItem(info.sheet)
      .getRange(encodeRect({ top, left: info.firstColumn + span[0], bottom: top + to - from - 1, right: info.firstColumn + span[1] }))
      .load('values');
  }

  /** Values of columns span[0]… of some rows into a part, keeping only the columns it asked for. */
  private fillSpan(part: TablePart, from: number, values: unknown[][], first: number): void {
    const keep = part.columns && new Set(part.columns);
    const bytes = jsonBytes(values);
    this.k.measure(part.read.table, values, bytes);
    values.forEach((row, i) => {
      const target = this.writable(part, from + i);
      if (!target) return;
      row.forEach((v, j) => {
        if (!keep || keep.has(first + j)) target[first + j] = decodeCell(v);
      });
    });
  }

  /** The part's row at a body index, made its own array if it was the shared blank row. */
  private writable(part: TablePart, index: number): CellValue[] | undefined {
    const at = index - part.start;
    const target = part.rows![at];
    if (!target || target !== part.blank) return target;
    return (part.rows![at] = [...target]);
  }

  /** Window and columns of a part once the table's structure is known; rows start empty. */
  private place(part: TablePart, info: TableInfo): void {
    const { start, end } = part.read.rowsAt ? { start: 0, end: info.rowCount } : resolveWindow(part.read.rows, info.rowCount);
    part.start = start;
    part.end = end;
    part.next = start;
    part.placed = true;
    part.columns = resolveColumns(info.headers, part.read.columns);
    if (part.read.rowsAt) {
      part.runs = rowRuns(part.read.rowsAt, info.rowCount);
      part.runNext = 0;
      part.blank = new Array<CellValue>(info.headers.length).fill(null);
      part.rows = new Array<CellValue[]>(end - start).fill(part.blank);
      return;
    }
    part.rows = Array.from({ length: end - start }, () => new Array<CellValue>(info.headers.length).fill(null));
  }

  private fill(part: TablePart, from: number, values: unknown[][], column: number | null): void {
    values.forEach((row, i) => {
      const target = part.rows![from - part.start + i];
      if (!target) return;
      if (column === null) row.forEach((v, j) => (target[j] = decodeCell(v)));
      else target[column] = decodeCell(row[0]);
    });
  }

  private queueSheet(ctx: HostContext, part: SheetPart, optimistic: boolean): Finish {
    const sheet = ctx.workbook.worksheets.getItem(part.read.sheet);
    const used = sheet.getUsedRange(true);
    // A read of the first columns loads them only: the part of the range within A:<last column>, if any.
    const within = (range: HostRange) => (part.read.columns === undefined ? range : range.getIntersectionOrNullObject(sheet.getRange(`A1:${columnName(part.read.columns)}1048576`)));
    const tail1 = part.read.lastRows === 1;
    const whole = part.read.lastRows === undefined;
    const dims = used.load('rowIndex,columnIndex,rowCount,columnCount');
    // The last n rows of a sheet this session has measured (the audit log only grows): taken from its last used row
    // upwards in the same sync. Rows deleted since make the range fall off the sheet; the read then goes by the used range.
    const cached = this.k.sheetRows.get(part.read.sheet);
    const tail = whole ? 0 : tail1 ? 1 : optimistic && cached !== undefined && cached > 0 ? Math.min(part.read.lastRows!, cached) : 0;
    const last = optimistic && tail > 0 ? used.getLastRow() : null;
    const values = optimistic && whole ? within(used).load('values') : last ? within(tail === 1 ? last : last.getOffsetRange(-(tail - 1), 0).getResizedRange(tail - 1, 0)).load('values') : null;
    return () => {
      const top = dims.rowIndex + 1;
      const left = dims.columnIndex + 1;
      part.used = { top, left, bottom: top + dims.rowCount - 1, right: left + dims.columnCount - 1 };
      const rowsFromA1 = part.used.bottom;
      this.k.sheetWidths.set(part.read.sheet, dims.columnCount);
      if (values) {
        const v = part.read.columns !== undefined && values.isNullObject ? [] : values.values;
        this.k.measure(sheetKey(part.read), v, jsonBytes(v));
        const rows = trimSheet(fromA1(v, whole ? dims.rowIndex : part.used.bottom - tail, dims.columnIndex));
        part.rows = whole ? rows : rows.slice(-tail);
        part.done = true;
      } else {
        const keep = part.read.lastRows ?? rowsFromA1;
        part.from = Math.max(1, rowsFromA1 - keep + 1);
        part.next = Math.max(part.from, top);
      }
      this.k.sheetRows.set(part.read.sheet, rowsFromA1);
    };
  }

  /** Whatever the first sync could not take, in chunks within the budget. */
  private async loadRest(ctx: HostContext): Promise<void> {
    for (const part of this.tableParts) {
      const info = this.infos.get(part.read.table);
      if (!info) part.done = true;
      else if (!part.done && !part.placed) this.place(part, info);
    }
    let retries = 0;
    for (;;) {
      const finish: Finish[] = [];
      const rewind: (() => void)[] = [];
      let bytes = this.budget.payloadBytes;
      let cells = this.budget.cells;
      outer: for (const part of this.tableParts) {
        if (part.done) continue;
        const info = this.infos.get(part.read.table)!;
        if (part.runs) {
          const { span, spanHeaders, perRow } = this.runShape(part, info.headers, part.columns);
          const started = part.runNext;
          rewind.push(() => (part.runNext = started));
          while (part.runNext < part.runs.length) {
            const [a, b] = part.runs[part.runNext];
            const cost = (b - a) * perRow + RUN_REQUEST_BYTES;
            if ((cost > bytes || (b - a) * spanHeaders.length > cells) && finish.length) break outer;
            const range = this.runRange(ctx, info, a, b, span);
            finish.push(() => this.fillSpan(part, a, range.values, span[0]));
            part.runNext++;
            bytes -= cost;
            cells -= (b - a) * spanHeaders.length;
          }
          continue;
        }
        const columns = part.columns ?? info.headers.map((_, i) => i);
        const bpc = this.k.bytesPerCell.get(part.read.table) ?? DEFAULT_BYTES_PER_CELL;
        const started = part.next;
        rewind.push(() => (part.next = started));
        while (part.next < part.end) {
          const perRow = Math.max(1, columns.length) * bpc;
          let n = Math.min(part.end - part.next, Math.floor(bytes / perRow), Math.floor(cells / Math.max(1, columns.length)));
          if (n <= 0) {
            if (finish.length) break outer;
            n = 1;
          }
          finish.push(this.queueChunk(ctx, part, info, columns, part.next, n));
          part.next += n;
          bytes -= n * perRow;
          cells -= n * columns.length;
        }
      }
      outer2: for (const part of this.sheetParts) {
        if (part.done) continue;
        const used = part.used!;
        const right = readRight(part.read, used.right);
        const width = right - used.left + 1;
        if (width <= 0) {
          part.done = true;
          continue;
        }
        const bpc = this.k.bytesPerCell.get(sheetKey(part.read)) ?? DEFAULT_BYTES_PER_CELL;
        const started = part.next;
        rewind.push(() => (part.next = started));
        while (part.next <= used.bottom) {
          let n = Math.min(used.bottom - part.next + 1, Math.floor(bytes / (width * bpc)), Math.floor(cells / width));
          if (n <= 0) {
            if (finish.length) break outer2;
            n = 1;
          }
          const top = part.next;
          const range = ctx.workbook.worksheets.getItem(part.read.sheet).getRange(encodeRect({ top, left: used.left, bottom: top + n - 1, right })).load('values');
          finish.push(() => {
            const v = range.values;
            this.k.measure(sheetKey(part.read), v, jsonBytes(v));
            v.forEach((row, i) => (part.rows[top - 1 + i] = [...new Array<CellValue>(used.left - 1).fill(null), ...row.map(decodeCell)]));
          });
          part.next += n;
          bytes -= n * width * bpc;
          cells -= n * width;
        }
      }
      if (!finish.length) break;
      try {
        await this.sync(ctx);
      } catch (error) {
        if (!isPayloadError(error) || ++retries > 8) throw error;
        // The estimate was too low: double it for everything in this sync and try again from where it started.
        rewind.forEach((r) => r());
        for (const key of [...this.tableParts.map((p) => p.read.table), ...this.sheetParts.map((p) => sheetKey(p.read))])
          this.k.bytesPerCell.set(key, 2 * (this.k.bytesPerCell.get(key) ?? DEFAULT_BYTES_PER_CELL));
        continue;
      }
      this.stats.chunks++;
      finish.forEach((f) => f());
      for (const part of this.tableParts) if (!part.done && (part.runs ? part.runNext >= part.runs.length : part.next >= part.end)) part.done = true;
      for (const part of this.sheetParts) if (!part.done && part.used && part.next > part.used.bottom) part.done = true;
    }
  }

  private queueChunk(ctx: HostContext, part: TablePart, info: TableInfo, columns: number[], from: number, n: number): Finish {
    const sheet = ctx.workbook.worksheets.getItem(info.sheet);
    const top = info.headerRow + 1 + from;
    const contiguous = columns.length === info.headers.length;
    const ranges: [number | null, HostRange][] = contiguous
      ? [[null, sheet.getRange(encodeRect({ top, left: info.firstColumn, bottom: top + n - 1, right: info.firstColumn + info.headers.length - 1 })).load('values')]]
      : columns.map((c) => [c, sheet.getRange(encodeRect({ top, left: info.firstColumn + c, bottom: top + n - 1, right: info.firstColumn + c })).load('values')]);
    return () => {
      for (const [column, range] of ranges) {
        const values = range.values;
        const bytes = jsonBytes(values);
        this.k.measure(part.read.table, values, bytes);
        if (column !== null) this.k.measure(columnKey(part.read.table, info.headers[column]), values, bytes);
        else this.measureColumns(part.read.table, info.headers, values);
        this.fill(part, from, values, column);
      }
    };
  }

  private result(): ReadResult {
    const result: ReadResult = { meta: null, tables: {}, sheets: {} };
    if (this.request.meta) result.meta = this.metaMissing ? metaFromRows([]) : this.meta;
    for (const part of this.tableParts) {
      const info = this.infos.get(part.read.table);
      result.tables[part.read.key] = info
        ? {
            table: part.read.table,
            sheet: info.sheet,
            headers: info.headers,
            rows: part.rows ?? [],
            rowCount: info.rowCount,
            rowStart: part.start,
            readColumns: part.columns,
            firstRow: info.headerRow + 1 + part.start,
            firstColumn: info.firstColumn,
            mergedInBody: info.mergedInBody,
            rowsBelow: info.rowsBelow,
          }
        : null;
    }
    for (const part of this.sheetParts) {
      if (!part.exists) {
        result.sheets[part.read.sheet] = null;
        continue;
      }
      const rows = trimSheet(Array.from(part.rows, (r) => r ?? []));
      // Where the next appended row goes: after the last row with a value (A1 on a blank sheet).
      // (Not from a read of the first columns: a row with values only further right would not be counted.)
      if ((part.read.lastRows === undefined || rows.length === 0) && part.read.columns === undefined) this.k.sheetRows.set(part.read.sheet, rows.length);
      result.sheets[part.read.sheet] = sheetPart(rows, part.read);
    }
    return result;
  }
}
