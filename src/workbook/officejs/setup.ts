/**
 * WorkbookPort.setUp over Office.js: one read sync (what the workbook holds) and one write sync (insert the new
 * sheets and finish them), as any other user action.
 *
 * The read: which sheets and tables exist, the _taizhang rows (registers already there are skipped, new rows go
 * after them), row 1 of 设置 (the list columns the new registers' validation points at) and, while there is no
 * _taizhang, which sheets are empty (a blank workbook's Sheet1 is deleted, as the exceljs adapter deletes it). A
 * sheet can only be read by name, so the read is built from the sheets the session's last listing showed (the
 * task pane always opens the workbook first); when that listing is missing or stale the listing of this read says
 * so and the read is made again — one more sync, counted.
 *
 * The write, in one sync and in this order so that a failure stops it before anything half-done:
 * insertWorksheetsFromBase64 (the sheets, built by setupBook.ts in a lazily loaded chunk: exceljs stays out of
 * the task pane's first load), then hiding _taizhang and _审计, data validation and formulas that point at other
 * sheets set again, the header notes added (ExcelApi 1.18 only), the new _taizhang rows appended, the blank workbook's empty sheets deleted, the first new
 * register brought to the front. One sync is one undo step.
 */
import type { CellValue } from '../../core/cells';
import { META_SHEET, SETTINGS_SHEET } from '../../core/layout';
import { metaFromRows } from '../../core/metadata';
import type { SetupRequest } from '../port';
import { trimSheet } from '../reads';
import { decodeCell, encodeCell, jsonBytes } from './encode';
import { ErrorCode, errorCode, type HostContext, type HostRange, type HostRun } from './host';
import type { Knowledge } from './knowledge';
import type { Budget, IoStats } from './read';
import type { SetupPlan, TargetBook } from './setupBook';
import { SetupConflictError } from './setupConflict';

/** Row 1 of 设置 as far as lists go (Excel's last column). */
const SETTINGS_HEADER = 'A1:XFD1';

interface Listing {
  sheets: { name: string; visibility: string }[];
  tables: string[];
}

const has = (names: string[], name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());

function rowsFromA1(range: HostRange): CellValue[][] {
  const rows: CellValue[][] = Array.from({ length: range.rowIndex }, () => []);
  for (const row of range.values) rows.push([...new Array<CellValue>(range.columnIndex).fill(null), ...row.map(decodeCell)]);
  return trimSheet(rows);
}

export class SetupJob {
  constructor(
    private readonly k: Knowledge,
    private readonly stats: IoStats,
    /** The host has Worksheet.notes (ExcelApi 1.18). */
    private readonly notes = false,
  ) {}

  private async sync(ctx: HostContext): Promise<void> {
    this.stats.syncs++;
    await ctx.sync();
  }

  /** The read sync, built from `known` (the sheets a listing showed); `complete` when this sync's listing agrees. */
  private async attempt(ctx: HostContext, known: string[]): Promise<{ target: TargetBook; complete: boolean; listing: Listing }> {
    const sheets = ctx.workbook.worksheets.load('items/name,items/visibility');
    const tables = ctx.workbook.tables.load('items/name');
    const meta = has(known, META_SHEET) ? ctx.workbook.worksheets.getItem(META_SHEET).getUsedRange(true).load('values,rowIndex,columnIndex') : null;
    const settings = has(known, SETTINGS_SHEET)
      ? ctx.workbook.worksheets.getItem(SETTINGS_SHEET).getRange(SETTINGS_HEADER).getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex')
      : null;
    // Emptiness only decides anything while the workbook has no registers yet.
    const used = meta ? [] : known.map((name) => [name, ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true)] as const);
    await this.sync(ctx);
    const listing: Listing = { sheets: sheets.items.map((s) => ({ name: s.name, visibility: s.visibility })), tables: tables.items.map((t) => t.name) };
    const names = listing.sheets.map((s) => s.name);
    const empty = new Map(used.map(([name, range]) => [name, range.isNullObject]));
    const complete =
      has(known, META_SHEET) === has(names, META_SHEET) && has(known, SETTINGS_SHEET) === has(names, SETTINGS_SHEET) && (!!meta || names.every((n) => empty.has(n)));
    const target: TargetBook = {
      sheets: names.map((name) => ({ name, empty: empty.get(name) ?? false })),
      tables: listing.tables,
      meta: meta ? rowsFromA1(meta) : null,
      settingsHeader: settings && !settings.isNullObject ? rowsFromA1(settings)[0] ?? [] : null,
    };
    return { target, complete, listing };
  }

  /** What the workbook holds; built from the last listing, made again when this read's listing disagrees. */
  async read(ctx: HostContext): Promise<TargetBook> {
    let known = this.k.sheets ? [...this.k.sheets.keys()] : [];
    for (let tries = 0; ; tries++) {
      try {
        const { target, complete, listing } = await this.attempt(ctx, known);
        this.k.sheets = new Map(listing.sheets.map((s) => [s.name, this.k.sheetCharts(s.name)]));
        this.k.tables = new Set(listing.tables);
        if (complete || tries >= 3) return target;
        known = listing.sheets.map((s) => s.name);
      } catch (error) {
        // A sheet of the last listing is gone: list again (one more sync) and read from that.
        if (errorCode(error) !== ErrorCode.itemNotFound || tries >= 3) throw error;
        const sheets = ctx.workbook.worksheets.load('items/name');
        await this.sync(ctx);
        known = sheets.items.map((s) => s.name);
      }
    }
  }

  /** The write sync. */
  async write(ctx: HostContext, plan: SetupPlan): Promise<void> {
    const wb = ctx.workbook;
    wb.insertWorksheetsFromBase64(plan.base64, { sheetNamesToInsert: plan.insert, positionType: 'End' });
    for (const name of plan.hide) wb.worksheets.getItem(name).visibility = 'VeryHidden';
    for (const fix of plan.validations) {
      const dv = wb.worksheets.getItem(fix.sheet).getRange(fix.address).dataValidation;
      dv.clear();
      dv.rule = fix.rule;
      dv.ignoreBlanks = fix.ignoreBlanks;
      dv.prompt = fix.prompt;
      dv.errorAlert = fix.errorAlert;
    }
    for (const fix of plan.formulas) wb.worksheets.getItem(fix.sheet).getRange(fix.address).formulas = [[fix.formula]];
    if (this.notes) for (const note of plan.notes) wb.worksheets.getItem(note.sheet).notes.add(note.address, note.text);
    if (plan.metaAppend.length) {
      const width = Math.max(...plan.metaAppend.map((r) => r.length));
      const grid = plan.metaAppend.map((row) => Array.from({ length: width }, (_, j) => encodeCell(row[j] ?? null, false)));
      const ws = wb.worksheets.getItem(META_SHEET);
      ws.getUsedRange(true).getLastRow().getOffsetRange(1, 0).getEntireRow().getCell(0, 0).getResizedRange(grid.length - 1, width - 1).values = grid;
    }
    for (const name of plan.remove) wb.worksheets.getItem(name).delete();
    if (plan.activate) wb.worksheets.getItem(plan.activate).activate();
    try {
      await this.sync(ctx);
    } catch (error) {
      // The insert runs first and Excel refuses it whole: a name taken since the read means nothing was changed.
      if (errorCode(error) === ErrorCode.itemAlreadyExists)
        throw new SetupConflictError(
          '工作簿在读取之后被改动(有了同名的工作表或表格),未创建任何登记表:请重新打开台账后再试',
          'The workbook changed after it was read (a sheet or table of the same name appeared); no register was created: reopen Taizhang and try again',
        );
      throw error;
    }
    this.learn(plan);
  }

  /** Bytes the write sends: the file and every fix. */
  static requestBytes(plan: SetupPlan): number {
    return plan.base64.length + jsonBytes([plan.validations, plan.formulas, plan.notes, plan.metaAppend, plan.insert]);
  }

  private learn(plan: SetupPlan): void {
    if (this.k.sheets) {
      for (const name of plan.insert) this.k.sheets.set(name, []);
      for (const name of plan.remove) this.k.sheets.delete(name);
    }
    if (this.k.tables) for (const t of plan.tables) this.k.tables.add(t);
  }
}

/** Ids the workbook's _taizhang already lists. */
export function registeredIds(target: TargetBook): Set<string> {
  if (!target.meta) return new Set();
  const read = metaFromRows(target.meta);
  return new Set(read.ok ? read.meta.registers.map((r) => r.id) : []);
}

export async function setUpRegisters(run: HostRun, request: SetupRequest, k: Knowledge, budget: Budget, stats: IoStats, notes = false): Promise<void> {
  const job = new SetupJob(k, stats, notes);
  const target = await run((ctx) => job.read(ctx));
  // A co-author may have set some of them up since the pane offered them: those are skipped, not doubled.
  const have = registeredIds(target);
  const specs = request.specs.filter((s) => !have.has(s.id));
  if (!specs.length) return;
  const { planSetup } = await import(/* webpackChunkName: "setupbook" */ './setupBook');
  const plan = await planSetup(target, { ...request, specs });
  if (SetupJob.requestBytes(plan) > budget.payloadBytes)
    throw new SetupConflictError(
      `一次创建的登记表太多(${specs.length} 个),超出 Excel 单次请求的大小上限:请分几次创建`,
      `Too many registers at once (${specs.length}) for one request to Excel: set them up a few at a time`,
    );
  await run((ctx) => job.write(ctx, plan));
}
