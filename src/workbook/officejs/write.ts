/**
 * WorkbookPort.write over Office.js: the whole batch in one context.sync, split only when it would pass the
 * request limit (5 MB in Excel on the web) or 5M cells.
 *
 * The structure guard cannot live inside that sync — Office.js cannot make a write conditional on something read
 * in the same batch — so it is split in two:
 * 1. before the sync, the batch is checked against the table structure the action's read sync returned
 *    (WriteBatch.expectHeaders → StructureGuardError, nothing sent), and its shape against the table;
 * 2. in the sync, every column is addressed by its header name and loaded before the first value is written:
 *    if a co-author renamed or deleted a column since the read, Excel fails the batch at that load, before any
 *    write, and a moved column still receives its own values.
 *
 * Appends go into the rows after the table's last row with a value and then Table.resize takes them in, so no
 * TableRowCollection.add (which conflicts under co-authoring) and a row whose edge cells are empty still lands
 * inside the table. Empty rows at the end of the body are filled first, as the exceljs adapter fills them: a fresh
 * template's one empty body row takes the first record instead of staying blank above it. Where the rows go is
 * found by Excel when the batch runs (`table.getRange().getUsedRange(true)`: its last row is the last row with a
 * value, the header when the body is empty), not computed from what the action read: a row index from the read
 * would make two users who submit at once fill the same empty row, one over the other; found at run time, the
 * second batch sees the first one's row and goes below it. Later chunks of the same append go directly below the
 * table, which the chunk before has resized.
 */
import { decodeRect, encodeRect } from '../a1';
import type { CellValue } from '../../core/cells';
import type { StructureProblem } from '../../core/structure';
import { StructureGuardError, WriteShapeError, assertStructure, columnGone } from '../guard';
import type { CellCopy, ChartRequest, SheetStyle, WriteBatch, WriteResult } from '../port';
import { TEXT_FORMAT, decodeCell, encodeCell, jsonBytes } from './encode';
import { ErrorCode, errorCode, type HostChart, type HostContext, type HostRange, type HostRangeFont, type HostTable, type HostTableColumn, type HostWorksheet } from './host';
import type { Knowledge, TableInfo } from './knowledge';
import { CarriedWriteError, type Budget, type IoStats } from './read';

/** Request bytes of one range write besides its values (object path, property name). */
const RANGE_OVERHEAD = 400;

type Grid = (string | number | boolean)[][];

/** One unit of work inside a sync; `bytes` is its estimated share of the request. */
interface Piece {
  bytes: number;
  cells: number;
  /** Tables whose columns must be checked (by name) before this piece writes. */
  guards: { table: string; headers: string[] }[];
  queue(ctx: HostContext, columns: ColumnLookup): void;
  /** Learn from what the sync returned (chart names). */
  after?: () => void;
}

const FONT = '等线';
const HEADING_COLOR = '#1F4E79';

function font(f: HostRangeFont, size: number): HostRangeFont {
  f.name = FONT;
  f.bold = true;
  f.size = size;
  return f;
}

/**
 * Range.format.columnWidth is in points, SheetStyle.widths in characters of the default font. Excel's own rule
 * (ECMA-376 §18.3.1.13: a character is the 7-pixel maximum digit width of 11-pt 等线/Calibri, plus 5 pixels of
 * padding) gives pixels; a pixel is 0.75 pt. 8.43 characters → 64 px → 48 pt, Excel's default column.
 */
export const columnPoints = (chars: number) => Math.round(chars * 7 + 5) * 0.75;

type ColumnLookup = (table: string, header: string) => { table: HostTable; column: HostTableColumn };

const CHART_TYPES: Record<ChartRequest['kind'], string> = { column: 'ColumnClustered', bar: 'BarClustered', pie: 'Pie' };

function padGrid(rows: CellValue[][], width: number, text: (j: number) => boolean): Grid {
  return rows.map((row) => Array.from({ length: width }, (_, j) => encodeCell(row[j] ?? null, text(j))));
}

/** Row ranges [start, end) of `rows` so that no part passes the byte or cell budget, `overhead` bytes per part included. */
function splitRows(rowBytes: number[], cellsPerRow: number, budget: Budget, overhead = RANGE_OVERHEAD * 4): [number, number][] {
  const parts: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rowBytes.length; i++) {
    const over = bytes + rowBytes[i] > budget.payloadBytes - overhead || (i - start + 1) * cellsPerRow > budget.cells;
    if (over && i > start) {
      parts.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += rowBytes[i];
  }
  if (start < rowBytes.length) parts.push([start, rowBytes.length]);
  return parts;
}

export class WriteJob {
  private readonly pieces: Piece[] = [];
  /** Tables whose first appended rows of this batch are planned (only those fill empty end rows). */
  private readonly filling = new Set<string>();
  /** Body rows of each table after its append, as Excel reported them. */
  private readonly appendedRows = new Map<string, number>();
  /** Values copied by CellCopy, by "sheet!cell". */
  readonly copied: WriteResult['copied'] = {};

  constructor(
    private readonly batch: WriteBatch,
    private readonly k: Knowledge,
    private readonly budget: Budget,
  ) {}

  /** Tables and sheets the batch touches that this session has not read the structure of in this action. */
  unknown(): { tables: string[]; listing: boolean } {
    const b = this.batch;
    const copies = (b.sheetWrites ?? []).flatMap((w) => w.copies ?? []).map((c) => c.table);
    const tables = new Set([...Object.keys(b.expectHeaders ?? {}), ...(b.appends ?? []).map((a) => a.table), ...(b.updates ?? []).map((u) => u.table), ...copies]);
    const sheetsNeeded = !!(b.sheetAppends?.length || b.rangeWrites?.length || b.sheetWrites?.length || b.activate);
    return { tables: [...tables].filter((t) => !this.k.structure.has(t)), listing: sheetsNeeded && this.k.sheets === null };
  }

  /** Everything that would make the batch fail is found here, before anything is sent: a refused write changes nothing. */
  check(): void {
    const b = this.batch;
    assertStructure(b.expectHeaders, (table) => this.k.guardSnapshot(table));
    const info = (table: string): TableInfo => {
      const found = this.k.structure.get(table);
      if (!found) throw new WriteShapeError(`Table ${table} not found`);
      return found;
    };
    for (const u of b.updates ?? []) {
      const t = info(u.table);
      if (u.row < 0 || u.row >= t.rowCount || u.column < 0 || u.column >= t.headers.length)
        throw new WriteShapeError(`Update of ${u.table} row ${u.row} column ${u.column} is outside the table (${t.rowCount} × ${t.headers.length})`);
    }
    for (const a of b.appends ?? []) {
      const t = info(a.table);
      const bad = a.rows.findIndex((r) => r.length !== t.headers.length);
      if (bad >= 0) throw new WriteShapeError(`Row ${bad} appended to ${a.table} has ${a.rows[bad].length} cells, the table has ${t.headers.length} columns`);
    }
    for (const s of [...(b.sheetAppends ?? []), ...(b.rangeWrites ?? [])])
      if (!this.k.hasSheet(s.sheet)) throw new WriteShapeError(`Sheet ${s.sheet} not found`);
    for (const c of (b.sheetWrites ?? []).flatMap((w) => w.copies ?? [])) {
      const t = info(c.table);
      if (!t.headers.includes(c.column)) throw new StructureGuardError([columnGone(t.sheet)]);
      if (c.row < 0 || c.row >= t.rowCount) throw new WriteShapeError(`Copy from ${c.table} row ${c.row} is outside the table (${t.rowCount} rows)`);
    }
    if (b.activate && !this.k.hasSheet(b.activate) && !(b.sheetWrites ?? []).some((w) => w.sheet === b.activate))
      throw new WriteShapeError(`Sheet ${b.activate} not found`);
  }

  plan(): Piece[] {
    const b = this.batch;
    for (const u of b.updates ?? []) this.planUpdate(u.table, u.row, u.column, u.value);
    for (const a of b.appends ?? []) if (a.rows.length) this.planAppend(a.table, a.rows);
    for (const a of b.sheetAppends ?? []) if (a.rows.length) this.planSheetAppend(a.sheet, a.rows);
    for (const w of b.rangeWrites ?? []) if (w.rows.length) this.planRangeWrite(w.sheet, w.row, w.column, w.rows);
    for (const w of b.sheetWrites ?? []) {
      this.planSheetWrite(w.sheet, w.rows, !!w.hidden, w.charts ?? [], w.style?.tables ?? []);
      if (w.copies?.length) this.planCopies(w.sheet, w.copies);
      if (w.style) this.planSheetStyle(w.sheet, w.style);
    }
    if (b.activate) {
      const sheet = b.activate;
      this.pieces.push({ bytes: 100, cells: 0, guards: [], queue: (ctx) => ctx.workbook.worksheets.getItem(sheet).activate() });
    }
    return this.pieces;
  }

  /**
   * Range.copyFrom with RangeCopyType "Values" (ExcelApi 1.9) from each table cell, located through its column by
   * header as every write is, then the copies loaded so the caller learns the values in the same sync.
   */
  private planCopies(sheet: string, copies: CellCopy[]): void {
    const loaded: [string, HostRange][] = [];
    const byTable = new Map<string, string[]>();
    for (const c of copies) byTable.set(c.table, [...new Set([...(byTable.get(c.table) ?? []), c.column])]);
    this.pieces.push({
      bytes: RANGE_OVERHEAD * 3 * copies.length,
      cells: copies.length,
      guards: [...byTable].map(([table, headers]) => ({ table, headers })),
      queue: (ctx, columns) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        for (const c of copies) {
          const target = ws.getRange(c.cell);
          target.copyFrom(columns(c.table, c.column).column.getDataBodyRange().getCell(c.row, 0), 'Values');
          loaded.push([c.cell, target.load('values')]);
        }
      },
      after: () => {
        for (const [cell, range] of loaded) this.copied[`${sheet}!${cell}`] = decodeCell(range.values[0][0]);
      },
    });
  }

  private planUpdate(table: string, row: number, column: number, value: CellValue): void {
    const info = this.k.structure.get(table)!;
    const header = info.headers[column];
    const format = info.formats[column] ?? 'General';
    const cell = encodeCell(value, format === TEXT_FORMAT);
    this.pieces.push({
      bytes: RANGE_OVERHEAD + jsonBytes(cell),
      cells: 1,
      guards: [{ table, headers: [header] }],
      queue: (_ctx, columns) => {
        const target = columns(table, header).column.getDataBodyRange().getCell(row, 0);
        target.numberFormat = [[format]];
        target.values = [[cell]];
      },
    });
  }

  private planAppend(table: string, rows: CellValue[][]): void {
    const info = this.k.structure.get(table)!;
    const width = info.headers.length;
    const grid = padGrid(rows, width, (j) => info.formats[j] === TEXT_FORMAT);
    // A column no appended row has a value in is not written at all: below the table it is blank already, and a
    // later value there (an approval step) is written with its format. An imported closed record leaves half of
    // a register's columns (the steps) empty, so this is a third of what an import sends.
    const written = info.headers.flatMap((header, j) => (grid.some((r) => r[j] !== '') ? [{ header, j }] : []));
    // Each column is its own range: every cell travels as [value] and [format].
    const formatBytes = info.headers.map((_, j) => jsonBytes(info.formats[j] ?? 'General') + 3);
    const rowBytes = grid.map((r) => written.reduce<number>((n, { j }) => n + jsonBytes(r[j]) + 3 + formatBytes[j], 0));
    // Every column is written twice (format, values) through a path that names the table and the column.
    const overhead = RANGE_OVERHEAD * (2 * written.length + 4);
    const parts = splitRows(rowBytes, Math.max(1, written.length) * 2, this.budget, overhead);
    parts.forEach(([start, end], i) => {
      const chunk = grid.slice(start, end);
      // Only the batch's first rows for a table may fill its empty end rows; the rest follow what was appended.
      const fill = !this.filling.has(table);
      this.filling.add(table);
      const last = i === parts.length - 1;
      let body: HostRange | null = null;
      this.pieces.push({
        bytes: rowBytes.slice(start, end).reduce((a, b) => a + b, 0) + overhead,
        cells: chunk.length * written.length * 2,
        guards: [{ table, headers: info.headers }],
        queue: (ctx, columns) => {
          const t = ctx.workbook.tables.getItem(table);
          const first = fill ? t.getRange().getUsedRange(true).getLastRow().getOffsetRange(1, 0) : t.getRange().getRowsBelow(1);
          // Bound now, before any value is written: where the rows go as Excel finds the table in this batch.
          const block = first.getResizedRange(chunk.length - 1, 0).load('address');
          written.forEach(({ header, j }) => {
            const target = block.getIntersection(columns(table, header).column.getHeaderRowRange().getEntireColumn());
            target.numberFormat = chunk.map(() => [info.formats[j] ?? 'General']);
            target.values = chunk.map((r) => [r[j]]);
          });
          t.resize(t.getRange().getBoundingRect(block));
          if (last) body = t.getDataBodyRange().load('rowCount');
        },
        // The row count the next "last n rows" read is placed with: filled empty rows did not add any.
        after: () => {
          if (body) this.appendedRows.set(table, body.rowCount);
        },
      });
    });
  }

  private planSheetAppend(sheet: string, rows: CellValue[][]): void {
    const width = Math.max(1, ...rows.map((r) => r.length));
    const grid = padGrid(rows, width, () => false);
    const rowBytes = grid.map((r) => jsonBytes(r) + 2);
    const blank = this.k.sheetRows.get(sheet) === 0;
    splitRows(rowBytes, width, this.budget).forEach(([start, end], i) => {
      const chunk = grid.slice(start, end);
      this.pieces.push({
        bytes: RANGE_OVERHEAD + rowBytes.slice(start, end).reduce((a, b) => a + b, 0),
        cells: chunk.length * width,
        guards: [],
        queue: (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(sheet);
          // After the last row with a value, as Excel finds it when the batch runs (a blank sheet starts at A1).
          const first = blank && i === 0 ? ws.getRange('A1') : ws.getUsedRange(true).getLastRow().getOffsetRange(1, 0).getEntireRow().getCell(0, 0);
          first.getResizedRange(chunk.length - 1, width - 1).values = chunk;
        },
      });
    });
  }

  private planRangeWrite(sheet: string, row: number, column: number, rows: CellValue[][]): void {
    const width = Math.max(1, ...rows.map((r) => r.length));
    const grid = padGrid(rows, width, () => false);
    const rowBytes = grid.map((r) => jsonBytes(r) + 2);
    for (const [start, end] of splitRows(rowBytes, width, this.budget)) {
      const chunk = grid.slice(start, end);
      const address = encodeRect({ top: row + start, left: column, bottom: row + end - 1, right: column + width - 1 });
      this.pieces.push({
        bytes: RANGE_OVERHEAD + rowBytes.slice(start, end).reduce((a, b) => a + b, 0),
        cells: chunk.length * width,
        guards: [],
        queue: (ctx) => {
          ctx.workbook.worksheets.getItem(sheet).getRange(address).values = chunk;
        },
      });
    }
  }

  private planSheetWrite(sheet: string, rows: CellValue[][], hidden: boolean, charts: ChartRequest[], tables: { name: string }[]): void {
    const width = Math.max(1, ...rows.map((r) => r.length));
    const grid = padGrid(rows, width, () => false);
    const rowBytes = grid.map((r) => jsonBytes(r) + 2);
    const exists = !!this.k.hasSheet(sheet);
    const oldCharts = exists ? this.k.sheetCharts(sheet) : [];
    const parts = grid.length ? splitRows(rowBytes, width, this.budget) : [[0, 0] as [number, number]];
    parts.forEach(([start, end], i) => {
      const chunk = grid.slice(start, end);
      const first = i === 0;
      const last = i === parts.length - 1;
      const newCharts: HostChart[] = [];
      this.pieces.push({
        bytes: RANGE_OVERHEAD * (1 + charts.length + oldCharts.length) + rowBytes.slice(start, end).reduce((a, b) => a + b, 0),
        cells: chunk.length * width,
        guards: [],
        queue: (ctx) => {
          let ws: HostWorksheet;
          if (first && !exists) ws = ctx.workbook.worksheets.add(sheet);
          else ws = ctx.workbook.worksheets.getItem(sheet);
          if (first) {
            // The tables a previous refresh put here under the same names go first: clearing the sheet would leave
            // them in place, and adding them again would fail on the name (ItemAlreadyExists).
            for (const { name } of tables) if (this.k.tables && [...this.k.tables].some((t) => t.toLowerCase() === name.toLowerCase())) ctx.workbook.tables.getItem(name).delete();
            if (exists) {
              // Replaced in place rather than deleted: formulas elsewhere that point at the sheet keep working.
              ws.getRange().clear('All');
              for (const name of oldCharts) ws.charts.getItem(name).delete();
            }
            ws.visibility = hidden ? 'VeryHidden' : 'Visible';
          }
          if (chunk.length) ws.getRange(encodeRect({ top: start + 1, left: 1, bottom: end, right: width })).values = chunk;
          if (last)
            for (const c of charts) {
              const chart = ws.charts.add(CHART_TYPES[c.kind], ws.getRange(c.source), 'Auto');
              chart.title.text = c.title;
              chart.setPosition(c.anchor);
              // Its name is read back so that the next rewrite of this sheet can delete it.
              newCharts.push(chart.load('name'));
            }
        },
        after: () => {
          if (last && this.k.sheets) this.k.sheets.set(sheet, newCharts.map((c) => c.name));
        },
      });
    });
  }

  /**
   * The sheet's SheetStyle, queued after its values (an Excel table takes its column names from the header cells)
   * and packed into the same sync as them whenever the budget allows. Number formats travel as one string per cell
   * (Range.numberFormat takes an array of the range's shape), so a long column is split by rows like values are.
   */
  private planSheetStyle(sheet: string, style: SheetStyle): void {
    for (const { ref, numberFormat } of style.formats ?? []) {
      const rect = decodeRect(ref);
      const width = rect.right - rect.left + 1;
      const rowBytes = new Array<number>(rect.bottom - rect.top + 1).fill(width * (jsonBytes(numberFormat) + 1) + 2);
      for (const [start, end] of splitRows(rowBytes, width, this.budget)) {
        const address = encodeRect({ ...rect, top: rect.top + start, bottom: rect.top + end - 1 });
        const grid = Array.from({ length: end - start }, () => new Array<string>(width).fill(numberFormat));
        this.pieces.push({
          bytes: RANGE_OVERHEAD + rowBytes[0] * (end - start),
          cells: (end - start) * width,
          guards: [],
          queue: (ctx) => {
            ctx.workbook.worksheets.getItem(sheet).getRange(address).numberFormat = grid;
          },
        });
      }
    }
    const tables = style.tables ?? [];
    const bars = style.dataBars ?? [];
    const widths = style.widths ?? [];
    const titles = style.titleRows ?? [];
    const headings = style.headingRows ?? [];
    const calls = 2 * tables.length + bars.length + widths.length + 4 * (titles.length + headings.length);
    if (!calls) return;
    this.pieces.push({
      bytes: RANGE_OVERHEAD * calls,
      cells: 0,
      guards: [],
      queue: (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        // As the exceljs adapter styles them (sheetStyle.ts): the title and headings are in column A.
        for (const row of titles) font(ws.getRange(`A${row}`).format.font, 16);
        for (const row of headings) font(ws.getRange(`A${row}`).format.font, 12).color = HEADING_COLOR;
        for (const t of tables) ws.tables.add(ws.getRange(t.ref), true).name = t.name;
        for (const ref of bars) ws.getRange(ref).conditionalFormats.add('DataBar');
        widths.forEach((chars, i) => {
          ws.getRange(encodeRect({ top: 1, left: i + 1, bottom: 1, right: i + 1 })).format.columnWidth = columnPoints(chars);
        });
      },
    });
  }

  /** The batch's share of one sync's budget (bytes or cells, whichever is fuller): at most 1 means one sync. */
  load(): number {
    const pieces = this.pieces.length ? this.pieces : this.plan();
    const bytes = pieces.reduce((n, p) => n + p.bytes, 0);
    const cells = pieces.reduce((n, p) => n + p.cells, 0);
    return Math.max(bytes / this.budget.payloadBytes, cells / this.budget.cells);
  }

  /** The planned pieces grouped into syncs, in order, each within the budget. */
  groups(): Piece[][] {
    const syncs: Piece[][] = [];
    let current: Piece[] = [];
    let bytes = 0;
    let cells = 0;
    for (const piece of this.pieces) {
      if (current.length && (bytes + piece.bytes > this.budget.payloadBytes || cells + piece.cells > this.budget.cells)) {
        syncs.push(current);
        current = [];
        bytes = 0;
        cells = 0;
      }
      current.push(piece);
      bytes += piece.bytes;
      cells += piece.cells;
    }
    if (current.length) syncs.push(current);
    return syncs;
  }

  /**
   * Runs the planned pieces: as few syncs as the budget allows, all in the caller's Excel.run. With `readAfter`,
   * the last group's writes are queued and left for that read to send: its first sync carries them, and this
   * job's bookkeeping is done (through the context it is given) right after that sync, before the read takes in
   * what it loaded.
   */
  async run(ctx: HostContext, stats: IoStats, readAfter?: (carrying: HostContext) => Promise<void>): Promise<void> {
    const syncs = this.groups();
    for (const [i, group] of syncs.entries()) {
      const columns = this.queueGuards(ctx, group);
      for (const piece of group) piece.queue(ctx, columns);
      const done = () => {
        if (syncs.length > 1) stats.chunks++;
        group.forEach((p) => p.after?.());
      };
      if (readAfter && i === syncs.length - 1) {
        let sent = false;
        const carrying: HostContext = {
          workbook: ctx.workbook,
          sync: async () => {
            if (sent) return ctx.sync();
            sent = true;
            try {
              await ctx.sync();
            } catch (error) {
              throw new CarriedWriteError(this.explain(error, i));
            }
            done();
            this.learn();
          },
        };
        try {
          await readAfter(carrying);
        } catch (error) {
          throw error instanceof CarriedWriteError ? error.cause : error;
        }
        return;
      }
      try {
        await ctx.sync();
      } catch (error) {
        stats.syncs++;
        throw this.explain(error, i);
      }
      stats.syncs++;
      done();
    }
    this.learn();
  }

  /** Every column this sync writes, looked up by header and loaded first, so a renamed or deleted one stops the batch before any write. */
  private queueGuards(ctx: HostContext, group: Piece[]): ColumnLookup {
    const lookups = new Map<string, { table: HostTable; columns: Map<string, HostTableColumn> }>();
    for (const piece of group)
      for (const guard of piece.guards) {
        let entry = lookups.get(guard.table);
        if (!entry) lookups.set(guard.table, (entry = { table: ctx.workbook.tables.getItem(guard.table), columns: new Map() }));
        for (const header of guard.headers)
          if (!entry.columns.has(header)) entry.columns.set(header, entry.table.columns.getItem(header).load('index'));
      }
    return (table, header) => {
      const entry = lookups.get(table)!;
      return { table: entry.table, column: entry.columns.get(header)! };
    };
  }

  /** A column that vanished between the read and this write is the structure guard's business, not a crash. */
  private explain(error: unknown, syncIndex: number): unknown {
    if (errorCode(error) !== ErrorCode.itemNotFound || syncIndex > 0) return error;
    const where = (error as { debugInfo?: { errorLocation?: string } }).debugInfo?.errorLocation ?? '';
    if (!/columns\.getItem|TableColumnCollection/i.test(where)) return error;
    const tables = new Set(this.pieces.flatMap((p) => p.guards.map((g) => g.table)));
    if (!tables.size) return error;
    const problems: StructureProblem[] = [...tables].map((table) => columnGone(this.k.structure.get(table)?.sheet ?? table));
    return new StructureGuardError(problems);
  }

  /** The session's knowledge after the write: table structure consumed, row counts and sheets updated. */
  private learn(): void {
    const b = this.batch;
    for (const a of b.appends ?? []) this.k.rowCounts.set(a.table, this.appendedRows.get(a.table) ?? (this.k.rowCounts.get(a.table) ?? 0) + a.rows.length);
    for (const table of new Set([...(b.appends ?? []).map((a) => a.table), ...(b.updates ?? []).map((u) => u.table), ...Object.keys(b.expectHeaders ?? {})]))
      this.k.structure.delete(table);
    for (const a of b.sheetAppends ?? []) {
      const rows = this.k.sheetRows.get(a.sheet);
      if (rows !== undefined) this.k.sheetRows.set(a.sheet, rows + a.rows.length);
    }
    for (const w of b.sheetWrites ?? []) {
      this.k.sheetRows.set(w.sheet, w.rows.length);
      if (this.k.sheets && !this.k.hasSheet(w.sheet)) this.k.sheets.set(w.sheet, []);
      // So that the next rewrite of the sheet deletes them before adding them again.
      for (const t of w.style?.tables ?? []) this.k.tables?.add(t.name);
    }
  }
}
