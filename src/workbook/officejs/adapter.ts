/**
 * WorkbookPort over Office.js (the Excel task pane): each read and each write is one Excel.run with one
 * context.sync, so a user action — read, decide in core, write — costs two syncs at 10 or 100,000 rows. More
 * only when Excel's limits force it (5 MB per request or response in Excel on the web, 5M cells), counted in
 * `stats`; see read.ts and write.ts for when and why.
 *
 * Where things live, and why:
 * - Metadata (spec, version, column map) and the audit log are rows in very hidden worksheets (_taizhang, _审计):
 *   cell content is what co-authoring and Excel on the web synchronise and what every host (Windows, Mac, the web,
 *   WPS, LibreOffice, exceljs in the CLI) keeps. Document settings are lost on Mac, custom document properties are
 *   not kept by Excel on the web, custom XML parts are not seen by the CLI or other spreadsheet programs. The
 *   co-authoring guidance warns that state in hidden sheets goes stale in an add-in's memory: the adapter keeps
 *   none across actions — every action reads the metadata again in its one read sync.
 * - The structure guard: WriteBatch.expectHeaders is checked against what this action's read returned before the
 *   write sync is sent, and inside the write sync every column is addressed by its header (write.ts).
 *
 * Setting registers up (setUp) is a read and a write too: the sheets are built by the template writer in a lazily
 * loaded chunk and inserted with Workbook.insertWorksheetsFromBase64 in the write sync (setup.ts, setupBook.ts).
 *
 * Undo: where Excel supports undo of API changes each context.sync that changes the workbook is one undo step, so
 * a user action (one write sync) is one Ctrl+Z. When a write has to be chunked, the chunks run in one Excel.run
 * with mergeUndoGroup (ExcelApi 1.20, `undoGroups`) so they still undo as one step; without it they undo chunk
 * by chunk. Where API changes cannot be undone at all, the audit log records every action, and the task pane
 * offers a correcting action rather than Ctrl+Z.
 */
import { StructureGuardError } from '../guard';
import type { ReadRequest, ReadResult, SetupRequest, WorkbookPort, WriteBatch, WriteResult } from '../port';
import type { HostContext, HostRun } from './host';
import { Knowledge } from './knowledge';
import { ReadJob, estimateReadBytes, type Budget, type IoStats } from './read';
import { setUpRegisters } from './setup';
import { WriteJob } from './write';

export interface OfficeJsOptions {
  /** Excel.run (or the fake Excel's run). */
  run: HostRun;
  /** Office.context.requirements.isSetSupported('ExcelApi', '1.20'): chunked writes are merged into one undo step. */
  undoGroups?: boolean;
  /** isSetSupported('ExcelApi', '1.18'): registers set up in Excel get their header notes (必填) back. */
  notes?: boolean;
  /**
   * Bytes the adapter lets one request or response reach. Excel on the web refuses more than 5 MB; the default
   * keeps a margin because the bytes are estimated from the JSON of the values, not the wire format.
   */
  payloadBudget?: number;
  /** Cells per sync (Excel: 5M cells per range operation). */
  cellBudget?: number;
  /**
   * Whether Excel can insert sheets from a file (Workbook.insertWorksheetsFromBase64: Windows, Mac and the web,
   * not iPad). Without it the adapter has no setUp, and the task pane says to open a template instead.
   */
  insertSheets?: boolean;
}

export interface OfficeJsStats {
  reads: number;
  writes: number;
  syncs: number;
  /** Syncs beyond one per read and one per write: chunks, discovery of missing items, retries. */
  extraSyncs: number;
  /** Syncs that carried a chunk of a read or write too large for one. */
  chunks: number;
}

export const DEFAULT_PAYLOAD_BUDGET = 4_000_000;
export const DEFAULT_CELL_BUDGET = 4_000_000;

export class OfficeJsWorkbook implements WorkbookPort {
  readonly stats: OfficeJsStats = { reads: 0, writes: 0, syncs: 0, extraSyncs: 0, chunks: 0 };
  private readonly knowledge = new Knowledge();
  private readonly budget: Budget;

  /** Sets registers up (WorkbookPort.setUp) where Excel can insert sheets; see OfficeJsOptions.insertSheets. */
  readonly setUp?: (request: SetupRequest) => Promise<void>;

  constructor(private readonly options: OfficeJsOptions) {
    this.budget = { payloadBytes: options.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET, cells: options.cellBudget ?? DEFAULT_CELL_BUDGET };
    if (options.insertSheets !== false) this.setUp = (request) => this.setUpRegisters(request);
  }

  /** One read or one write is one sync; anything beyond that is counted as extra. */
  private tally(io: IoStats): void {
    this.stats.syncs += io.syncs;
    this.stats.extraSyncs += Math.max(0, io.syncs - 1);
    this.stats.chunks += io.chunks;
  }

  async read(request: ReadRequest): Promise<ReadResult> {
    this.stats.reads++;
    const io: IoStats = { syncs: 0, chunks: 0 };
    try {
      return await this.options.run((ctx) => new ReadJob(request, this.knowledge, this.budget, io).run(ctx));
    } finally {
      this.tally(io);
    }
  }

  async write(batch: WriteBatch): Promise<WriteResult> {
    return (await this.writeAndMaybeRead(batch, null)).written;
  }

  /** WorkbookPort.writeThenRead: the read rides in the write's last sync, so a chunk of an import costs one sync. */
  async writeThenRead(batch: WriteBatch, next: ReadRequest): Promise<{ written: WriteResult; read: ReadResult }> {
    const done = await this.writeAndMaybeRead(batch, next);
    return { written: done.written, read: done.read ?? (await this.read(next)) };
  }

  /** WorkbookPort.readLoad: the read's estimated response over one request's budget (null: sizes not known yet). */
  readLoad(request: ReadRequest): number | null {
    const bytes = estimateReadBytes(request, this.knowledge);
    return bytes === null ? null : bytes / this.budget.payloadBytes;
  }

  /** WorkbookPort.writeLoad, from the table structure this session last read (0 when it knows too little to say). */
  writeLoad(batch: WriteBatch): number {
    const job = new WriteJob(batch, this.knowledge, this.budget);
    if (job.unknown().tables.length) return 0;
    try {
      job.check();
    } catch {
      return 0;
    }
    return job.load();
  }

  private async writeAndMaybeRead(batch: WriteBatch, next: ReadRequest | null): Promise<{ written: WriteResult; read: ReadResult | null }> {
    this.stats.writes++;
    const io: IoStats = { syncs: 0, chunks: 0 };
    const job = new WriteJob(batch, this.knowledge, this.budget);
    try {
      // A write whose tables were not read in this action learns their structure first (one more sync).
      const unknown = job.unknown();
      if (unknown.tables.length || unknown.listing) {
        const request: ReadRequest = { tables: unknown.tables.map((table) => ({ table, rows: { from: 0, count: 0 } })) };
        const learned = await this.options.run((ctx) => new ReadJob(request, this.knowledge, this.budget, io).run(ctx));
        for (const table of unknown.tables) if (!learned.tables[table]) this.knowledge.structure.delete(table);
      }
      job.check();
      if (!job.plan().length) return { written: { copied: {} }, read: null };
      const grouped = job.groups().length > 1 && !!this.options.undoGroups;
      let read: ReadResult | null = null;
      const readAfter = next && (async (ctx: HostContext) => void (read = await new ReadJob(next, this.knowledge, this.budget, io).run(ctx)));
      const run = (ctx: HostContext) => job.run(ctx, io, readAfter ?? undefined);
      await (grouped ? this.options.run({ mergeUndoGroup: true }, run) : this.options.run(run));
      if (read) this.stats.reads++;
      return { written: { copied: job.copied }, read };
    } catch (error) {
      if (error instanceof StructureGuardError) for (const table of Object.keys(batch.expectHeaders ?? {})) this.knowledge.structure.delete(table);
      throw error;
    } finally {
      this.tally(io);
    }
  }

  /** A read and a write, like any action: syncs beyond those two are counted as extra. */
  private async setUpRegisters(request: SetupRequest): Promise<void> {
    this.stats.reads++;
    this.stats.writes++;
    const io: IoStats = { syncs: 0, chunks: 0 };
    try {
      await setUpRegisters(this.options.run, request, this.knowledge, this.budget, io, !!this.options.notes);
    } finally {
      this.stats.syncs += io.syncs;
      this.stats.extraSyncs += Math.max(0, io.syncs - 2);
    }
  }
}
