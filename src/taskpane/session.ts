/**
 * What the task pane does, without the DOM: every user action is one port.read, a pure plan from core, and at
 * most one port.write. The same Session drives the pane in Excel (Office.js adapter), in the standalone page
 * (exceljs adapter) and the jest flows that count syncs.
 */
import type { RecordValue } from '../core/cells';
import { planAction, planSubmit, readsForRecord, readsForSubmit, type PlanResult } from '../core/actions';
import { planReminders, readsForReminders, type Reminder, type RemindItem, type RemindPlan } from '../core/reminders';
import { planBatch, readsForBatch, type BatchAction, type BatchItem, type BatchPlan } from '../core/batch';
import { auditTail, rowToEntry, isAuditHeader, type AuditEntry } from '../core/audit';
import type { FieldError } from '../core/findings';
import { AUDIT_SHEET, META_SHEET, SETTINGS_SHEET, formSheetName } from '../core/layout';
import type { RegisterMeta, WorkbookMeta } from '../core/metadata';
import { rowToRecord, type RegisterRecord } from '../core/records';
import { officeTimeZone, wallClockIn } from '../core/officeClock';
import { settingsFromSheet } from '../core/settings';
import type { SavedMapping } from '../core/import/mapping';
import type { Prepared, SourceSheet } from '../core/import/prepare';
import { analyseImport, runImport, type Analysis, type RunResult } from '../import/runImport';
import { checkStructure, type StructureProblem } from '../core/structure';
import { isTakenOver, takenOverCandidates } from '../core/takenOver';
import { parseInstant } from '../core/dates';
import { recordNumber, type WorkflowAction } from '../core/transitions';
import { auditNumber, numbersKey, provisionalNumber } from '../core/numberingStep';
import type { Bilingual } from '../i18n';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';
import { StructureGuardError } from '../workbook/guard';
import type { ReadRequest, ReadResult, TableSnapshot, WorkbookPort, WriteBatch } from '../workbook/port';
import { printBatch } from './print';
import { applyRangeWrites, settingsBatch } from './settingsSheet';
import { detailColumns, queueColumns, summaryColumns } from './columns';
import { QUEUE_PAGE, likelyMine, queueRows } from './queueRows';
import { SOON_DAYS, summaryBatch, withCopiedNumbers, type Summary } from './summary';
import type { TimelinessReport } from '../core/timeliness';
import { auditForTimeliness, fullTimelinessRead, paneTimeliness, timelinessBatch } from './timelinessRefresh';
import { takenOverIn, takenOverRead } from './takenOverReads';

/**
 * The record detail looks for its audit entries among the log's latest rows: the whole log of a busy office
 * would not fit one request of Excel on the web. `taizhang verify` reads all of it.
 */
export const AUDIT_WINDOW = 5000;

export type Opened =
  | { kind: 'blank' }
  | { kind: 'unreadable'; problem: Bilingual }
  | { kind: 'ready'; meta: WorkbookMeta; settings: SettingsSpec };

export interface RegisterData {
  meta: RegisterMeta;
  snapshot: TableSnapshot | null;
  /** Non-blank rows, newest last; empty when the structure is broken (rows cannot be trusted then). */
  records: RegisterRecord[];
  problems: StructureProblem[];
  /** Rows the 待办 queue counted as open or due but did not read in full (beyond its page). */
  unread?: number;
  /** Body indexes of records taken over from a ledger (core/takenOver) among those with a deadline open: none is chased. */
  takenOver?: ReadonlySet<number>;
}

export type ActionResult = { ok: true; number: string; status: string | null } | { ok: false; errors: FieldError[] };

/** Records of a snapshot (a whole table or a window of it), by body index. */
export function snapshotRecords(spec: RegisterSpec, snapshot: TableSnapshot): RegisterRecord[] {
  const out: RegisterRecord[] = [];
  const bodyStart = snapshot.firstRow - snapshot.rowStart;
  snapshot.rows.forEach((row, i) => {
    if (row.every((c) => c === null || c === '')) return;
    out.push(rowToRecord(spec, row, snapshot.rowStart + i, bodyStart));
  });
  return out;
}

export function registerData(meta: RegisterMeta, snapshot: TableSnapshot | null): RegisterData {
  const problems = checkStructure(meta, snapshot);
  return { meta, snapshot, problems, records: snapshot && problems.length === 0 ? snapshotRecords(meta.spec, snapshot) : [] };
}

export class Session {
  meta: WorkbookMeta | null = null;
  settings: SettingsSpec | null = null;

  /**
   * Naive wall-clock time YYYY-MM-DDTHH:mm in the office's time zone (设置's 时区, read with the workbook), whatever
   * the zone of the computer the pane runs on; injected by tests that decide what "now" is.
   */
  readonly now: () => string;

  constructor(
    readonly port: WorkbookPort,
    now?: () => string,
  ) {
    this.now = now ?? (() => wallClockIn(officeTimeZone(this.settings), new Date()));
  }

  get canSetUp(): boolean {
    return typeof this.port.setUp === 'function';
  }

  register(id: string): RegisterMeta | null {
    return this.meta?.registers.find((r) => r.id === id) ?? null;
  }

  private remember(result: ReadResult): void {
    if (result.meta?.ok) this.meta = result.meta.meta;
    const rows = result.sheets[SETTINGS_SHEET];
    if (rows) this.settings = settingsFromSheet(rows);
  }

  /**
   * One read: metadata and 设置. A workbook with neither is blank (offer to set registers up) — unless a damaged
   * _taizhang sheet is there (its last row, read in the same sync, tells): then say it is damaged instead.
   */
  async open(): Promise<Opened> {
    const result = await this.port.read({ meta: true, sheets: [SETTINGS_SHEET, { sheet: META_SHEET, lastRows: 1 }] });
    this.meta = null;
    this.settings = null;
    this.remember(result);
    const meta = result.meta;
    if (meta?.ok && this.meta) return { kind: 'ready', meta: this.meta, settings: this.settings ?? settingsFromSheet([]) };
    if (result.sheets[SETTINGS_SHEET] === null && result.sheets[META_SHEET] === null && meta && !meta.ok) return { kind: 'blank' };
    return { kind: 'unreadable', problem: meta && !meta.ok ? meta : { message: '无法读取工作簿', messageEn: 'The workbook cannot be read' } };
  }

  /** One write (the adapter's setUp), then the workbook is opened again. */
  async setUp(specs: RegisterSpec[], settings: SettingsSpec): Promise<Opened> {
    if (!this.port.setUp) throw new Error('This workbook host cannot create registers');
    await this.port.setUp({ specs, settings });
    return this.open();
  }

  /**
   * One read over registers: whole tables, or only the columns a view needs (the queue, the summary), which keeps
   * a register of 100,000 rows inside one request of Excel on the web.
   */
  async load(ids?: string[], columns?: (spec: RegisterSpec) => string[]): Promise<RegisterData[]> {
    const metas = (this.meta?.registers ?? []).filter((m) => !ids || ids.includes(m.id));
    const tables = metas.map((m) => (columns ? { table: m.table, columns: columns(m.spec) } : m.table));
    const result = await this.port.read({ meta: true, tables, sheets: [SETTINGS_SHEET] });
    this.remember(result);
    const fresh = this.meta?.registers ?? [];
    return metas.map((m) => {
      const now = fresh.find((r) => r.id === m.id) ?? m;
      return registerData(now, result.tables[now.table] ?? null);
    });
  }

  /**
   * The 待办 queue's data in two reads: status and deadline fields of every row, then every column the queue
   * shows of at most `limit` rows still open or due by `asOf + soonMs` (queueRows) — those `user` may act on first,
   * judged from their status. Closed records with a deadline due have a page of their own, newest first (past it,
   * only their first approval step's actor is read, in the same read): those taken over from a ledger are left out
   * (core/takenOver). Other rows come back without records; the ones open or due but beyond the page are counted
   * in `unread`, for the pane to read on demand.
   */
  async loadQueue(asOf: number, soonMs: number, user: string | null = null, limit = QUEUE_PAGE): Promise<RegisterData[]> {
    const scan = await this.load(undefined, summaryColumns);
    const settings = this.settings;
    const candidates = scan
      .filter((d) => d.snapshot && d.problems.length === 0)
      .map((d) => {
        const rows = queueRows(d.meta.spec, d.records, asOf, soonMs);
        // Closed by their status and here only for a deadline: perhaps taken over from a ledger, which only their
        // step columns tell. They have a page of their own, newest first, so that an imported ledger of thousands
        // never crowds out what is open; past it only their first step's actor is read, to count those still due.
        const maybeTaken = new Set(takenOverCandidates(d.meta.spec, d.records, asOf, soonMs));
        const open = rows.filter((r) => !maybeTaken.has(r));
        const mine = user && settings ? likelyMine(d.meta.spec, settings, d.records, open, user, this.now()) : new Set(open);
        return { d, first: open.filter((r) => mine.has(r)), rest: open.filter((r) => !mine.has(r)), closed: rows.filter((r) => maybeTaken.has(r)).reverse() };
      });
    const pageOf = (room: number) => (rows: number[]) => {
      const taken = rows.slice(0, Math.max(room, 0));
      room -= taken.length;
      return taken;
    };
    const take = pageOf(limit);
    const takeClosed = pageOf(limit);
    const firsts = candidates.map((c) => take(c.first));
    const rests = candidates.map((c) => take(c.rest));
    const pages = candidates.map((c, i) => {
      const closed = takeClosed(c.closed);
      return {
        d: c.d,
        rows: [...firsts[i], ...rests[i], ...closed].sort((a, b) => a - b),
        beyond: c.closed.slice(closed.length),
        due: c.first.length + c.rest.length + c.closed.length,
      };
    });
    const beyondKey = (table: string) => `${table}#takenOver`;
    const tables = pages.flatMap((p) => [
      ...(p.rows.length ? [{ table: p.d.meta.table, columns: queueColumns(p.d.meta.spec), rowsAt: p.rows }] : []),
      ...(p.beyond.length ? [takenOverRead(p.d.meta.spec, p.d.meta.table, p.beyond, p.d.snapshot!.rowCount, beyondKey(p.d.meta.table))] : []),
    ]);
    const result = tables.length ? await this.port.read({ tables }) : null;
    const unread = new Map(
      pages.map((p) => {
        const takenBeyond = p.beyond.length ? takenOverIn(p.d.meta.spec, p.d.records, p.beyond, result?.tables[beyondKey(p.d.meta.table)]).size : 0;
        return [p.d.meta.table, p.due - p.rows.length - takenBeyond];
      }),
    );
    return scan.map((d) => {
      const snapshot = result?.tables[d.meta.table];
      if (snapshot) {
        const data = registerData(d.meta, snapshot);
        return { ...data, records: data.records.filter((r) => !isTakenOver(d.meta.spec, r)), unread: unread.get(d.meta.table) ?? 0 };
      }
      return d.problems.length ? d : { ...d, records: [], unread: unread.get(d.meta.table) ?? 0 };
    });
  }

  /**
   * The records of a narrow read that are taken over from a ledger (core/takenOver), among those closed by their
   * status with a deadline open by `asOf + horizonMs`: one more read, of their first step's actor, only when there
   * are such records (a workbook that imported none reads nothing more).
   */
  private async markTakenOver(data: RegisterData[], asOf: number, horizonMs: number): Promise<RegisterData[]> {
    const reads = data.flatMap((d) => {
      const rows = takenOverCandidates(d.meta.spec, d.records, asOf, horizonMs);
      return rows.length ? [{ d, rows }] : [];
    });
    if (!reads.length) return data;
    const result = await this.port.read({ tables: reads.map(({ d, rows }) => takenOverRead(d.meta.spec, d.meta.table, rows, d.snapshot!.rowCount)) });
    const marked = new Map(reads.map(({ d, rows }) => [d, takenOverIn(d.meta.spec, d.records, rows, result.tables[d.meta.table])] as const));
    return data.map((d) => (marked.has(d) ? { ...d, takenOver: marked.get(d) } : d));
  }

  /** One read: the register's last rows for the records list (all of them when small). */
  async loadRecent(id: string, count: number): Promise<RegisterData> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    const result = await this.port.read({ tables: [{ table: meta.table, rows: { from: -count } }], sheets: [SETTINGS_SHEET] });
    this.remember(result);
    return registerData(meta, result.tables[meta.table] ?? null);
  }

  /** One read: a record's row and the audit entries about it. */
  async loadRecord(id: string, row: number): Promise<{ data: RegisterData; record: RegisterRecord | null; audit: AuditEntry[] }> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    const result = await this.port.read({ tables: [{ table: meta.table, rows: { from: row, count: 1 } }], sheets: [SETTINGS_SHEET, { sheet: AUDIT_SHEET, lastRows: AUDIT_WINDOW }] });
    this.remember(result);
    const data = registerData(meta, result.tables[meta.table] ?? null);
    const record = data.records.find((r) => r.index === row) ?? null;
    const names = record ? [auditNumber(meta.spec, record, recordNumber(meta.spec, record.values)), provisionalNumber(record)] : [];
    const audit = (result.sheets[AUDIT_SHEET] ?? [])
      .filter((r) => !isAuditHeader(r) && r.some((c) => c !== null && c !== ''))
      .map(rowToEntry)
      .filter((e) => e.register === meta.id && names.includes(e.number));
    return { data, record, audit };
  }

  /** Writes a plan. A table changed by hand since the read (the adapter's guard) is a refusal, not a failure. */
  private async execute(plan: PlanResult): Promise<ActionResult> {
    if (!plan.ok) return plan;
    const refused = await this.guardedWrite(plan.batch);
    return refused ? { ok: false, errors: refused } : { ok: true, number: plan.number, status: plan.status };
  }

  private async guardedWrite(batch: WriteBatch): Promise<FieldError[] | null> {
    try {
      await this.port.write(batch);
    } catch (error) {
      if (error instanceof StructureGuardError) return error.problems.map((p) => ({ field: p.column ?? null, rule: `structure.${p.kind}`, message: p.message, messageEn: p.messageEn }));
      throw error;
    }
    return null;
  }

  private context(meta: RegisterMeta, result: ReadResult, key = meta.table) {
    this.remember(result);
    const table = result.tables[key];
    const settings = this.settings;
    if (!table || !settings) return null;
    const numbers = result.tables[numbersKey(meta.table)] ?? undefined;
    return { meta: this.register(meta.id) ?? meta, settings, table, audit: auditTail(result.sheets[AUDIT_SHEET] ?? []), now: this.now(), numbers };
  }

  private missing(meta: RegisterMeta): ActionResult {
    return { ok: false, errors: checkStructure(meta, null).map((p) => ({ field: null, rule: `structure.${p.kind}`, message: p.message, messageEn: p.messageEn })) };
  }

  /** 提交: one read (numbers, 设置, audit tail) and one write (the row and its audit entry). */
  async submit(id: string, values: Record<string, RecordValue | undefined>, user: string): Promise<ActionResult> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    const result = await this.port.read(readsForSubmit(meta, this.meta?.registers ?? []));
    const ctx = this.context(meta, result);
    if (!ctx) return this.missing(meta);
    return this.execute(await planSubmit(ctx, values, user));
  }

  /** 同意 / 退回 / 驳回 / 撤回 / 重新提交 on one record: one read of its row, one write of the changed cells. */
  async act(id: string, target: { row: number; number?: string }, action: WorkflowAction, user: string): Promise<ActionResult> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    const result = await this.port.read(readsForRecord(meta, target.row));
    const ctx = this.context(meta, result);
    if (!ctx) return this.missing(meta);
    return this.execute(await planAction(ctx, target, action, user));
  }

  /** 批量同意 / 批量退回 from 待办: one read of the selected rows, one write of every record's cells and audit entry. */
  async batchAct(items: BatchItem[], action: BatchAction, user: string): Promise<{ done: BatchPlan['done']; skipped: BatchPlan['skipped'] } | { ok: false; errors: FieldError[] }> {
    const metas = this.meta?.registers ?? [];
    const result = await this.port.read(readsForBatch(metas, items));
    this.remember(result);
    if (!this.settings) return { ok: false, errors: [{ field: null, rule: 'settings.missing', message: '缺少“设置”工作表', messageEn: 'The 设置 sheet is missing' }] };
    const plan = await planBatch({ metas: this.meta?.registers ?? metas, read: result, settings: this.settings, audit: auditTail(result.sheets[AUDIT_SHEET] ?? []), now: this.now() }, items, action, user);
    const refused = plan.done.length ? await this.guardedWrite(plan.batch) : null;
    if (refused) return { ok: false, errors: refused };
    return { done: plan.done, skipped: plan.skipped };
  }

  /**
   * 催办 on records of any registers (one, or all overdue of a register): one read of their rows, one write of a
   * 催办 entry per record chased. The messages come back to be copied or opened as e-mail drafts; nothing is sent.
   */
  async remind(items: RemindItem[], user: string, soonMs: number): Promise<{ reminders: Reminder[]; skipped: RemindPlan['skipped'] } | { ok: false; errors: FieldError[] }> {
    const metas = this.meta?.registers ?? [];
    const result = await this.port.read(readsForReminders(metas, items));
    this.remember(result);
    if (!this.settings) return { ok: false, errors: [{ field: null, rule: 'settings.missing', message: '缺少“设置”工作表', messageEn: 'The 设置 sheet is missing' }] };
    const plan = await planReminders({ metas: this.meta?.registers ?? metas, read: result, settings: this.settings, audit: auditTail(result.sheets[AUDIT_SHEET] ?? []), now: this.now(), soonMs }, items, user);
    if (plan.reminders.length) await this.port.write(plan.batch);
    return { reminders: plan.reminders, skipped: plan.skipped };
  }

  /** Fills the register's 申请单 sheet with one record and brings it to the front: one read, one write. */
  async print(id: string, row: number): Promise<{ record: RegisterRecord | null; sheet: string | null; problems: StructureProblem[] }> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    const result = await this.port.read({ tables: [{ table: meta.table, rows: { from: row, count: 1 } }], sheets: [{ sheet: formSheetOf(meta), lastRows: 1 }] });
    const data = registerData(meta, result.tables[meta.table] ?? null);
    const record = data.records.find((r) => r.index === row) ?? null;
    if (!record || data.problems.length) return { record, sheet: null, problems: data.problems };
    const hasSheet = result.sheets[formSheetOf(meta)] !== null && meta.spec.chain.length > 0;
    if (!hasSheet) return { record, sheet: null, problems: [] };
    await this.port.write(printBatch(meta.spec, record, formSheetOf(meta)));
    return { record, sheet: formSheetOf(meta), problems: [] };
  }

  /**
   * Recounts every register into 汇总 with charts: one read of all tables, one write (which copies the overdue
   * numbers); between them, only where records closed with a deadline passed may be taken over from a ledger, one
   * read of their first step's actor (markTakenOver).
   */
  async refreshSummary(): Promise<Summary> {
    const metas = this.meta?.registers ?? [];
    const window = this.summaryWindow(metas);
    const result = await this.port.read(summaryRead(metas, window));
    this.remember(result);
    const fresh = this.meta?.registers ?? [];
    const read = metas.map((m) => {
      const now = fresh.find((r) => r.id === m.id) ?? m;
      return registerData(now, result.tables[now.table] ?? null);
    });
    const nowText = this.now();
    const data = await this.markTakenOver(read, parseInstant(nowText) ?? 0, SOON_DAYS * 86_400_000);
    const recent = new Map(data.map((d) => [d.meta.id, recentRecords(d, result)] as const));
    const detail = { settings: this.settings, recent: new Map([...recent].map(([id, records]) => [id, new Map(records.map((r) => [r.index, r]))])) };
    const { summary, batch } = summaryBatch(data, nowText, detail);
    const partial = window !== null && data.some((d) => (d.snapshot?.rowCount ?? 0) > window);
    if (this.settings && window !== 0) {
      const report = paneTimeliness(data, recent, result, this.settings, nowText);
      batch.sheetWrites!.push(...(timelinessBatch(report, partial ? { covers: 'recent', window: window! } : { covers: 'all' }).sheetWrites ?? []));
    }
    summary.timeliness = { covers: !this.settings || window === 0 ? 'none' : partial ? 'recent' : 'all', window };
    return withCopiedNumbers(summary, await this.port.write(batch));
  }

  /**
   * 计算全部时效: 时效分析 over every record, where 刷新汇总's one read could carry only the newest rows of a large
   * register. One read of every record's step columns and the whole audit log (on Excel on the web, as many
   * requests as 5 MB responses need: the adapter chunks it), one write.
   */
  async refreshTimeliness(): Promise<{ report: TimelinessReport; records: number }> {
    const result = await this.port.read(fullTimelinessRead(this.meta?.registers ?? []));
    this.remember(result);
    const metas = (this.meta?.registers ?? []).filter((m) => m.spec.chain.length);
    const data = metas.map((m) => registerData(m, result.tables[m.table] ?? null));
    const records = new Map(data.map((d) => [d.meta.id, d.records] as const));
    const report = paneTimeliness(data, records, result, this.settings ?? settingsFromSheet([]), this.now());
    await this.port.write(timelinessBatch(report, { covers: 'all' }));
    return { report, records: data.reduce((n, d) => n + d.records.length, 0) };
  }

  /**
   * How many of each register's newest rows 刷新汇总 reads in full (and 2× as many audit entries), so that the whole
   * read still fits one response: all of them where the host sets no limit, else as many as its measures allow.
   */
  private summaryWindow(metas: RegisterMeta[]): number | null {
    const load = this.port.readLoad?.bind(this.port);
    if (!load) return null;
    // Everything, where everything fits: no window to place (a window from the end may cost a sync to count rows).
    const whole = load(summaryRead(metas, null));
    if (whole === null || whole <= SUMMARY_FILL) return null;
    for (let rows = SUMMARY_WINDOW_MAX; rows >= SUMMARY_WINDOW_MIN; rows = Math.floor(rows / 2)) {
      const fill = load(summaryRead(metas, rows));
      if (fill === null || fill <= SUMMARY_FILL) return rows;
    }
    return 0;
  }

  /** 导入, first step: one read (设置, saved mappings), then the source's header, mapping and rows. */
  async importAnalyse(id: string, source: SourceSheet, mapping: SavedMapping | null): Promise<Analysis> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    return analyseImport(this.port, meta, source, mapping);
  }

  /** 导入: per 5,000 rows one read and one write through the port (runImport). */
  async importRun(id: string, prepared: Extract<Prepared, { ok: true }>, user: string, options: { dryRun: boolean; logExists?: boolean; onChunk?: (done: number, total: number) => void }): Promise<RunResult> {
    const meta = this.register(id);
    if (!meta) throw new Error(`Unknown register ${id}`);
    return runImport(this.port, meta, prepared, { actor: user, now: this.now(), ...options });
  }

  /** A plain sheet of this workbook as an import source (values from A1; merges are not read through the port). */
  async sheetSource(name: string): Promise<SourceSheet | null> {
    const rows = (await this.port.read({ sheets: [name] })).sheets[name];
    return rows ? { name, rows, merges: [] } : null;
  }

  /** Writes departments, roles and people back to 设置 in place (lists and validation ranges untouched). */
  async saveSettings(next: Pick<SettingsSpec, 'departments' | 'roles' | 'people'>): Promise<void> {
    const result = await this.port.read({ sheets: [SETTINGS_SHEET] });
    const rows = result.sheets[SETTINGS_SHEET];
    if (!rows) throw new Error('The 设置 sheet is missing');
    const batch: WriteBatch = settingsBatch(rows, next);
    await this.port.write(batch);
    this.settings = settingsFromSheet(applyRangeWrites(rows, batch));
  }
}

/** Rows of each register that 刷新汇总 reads in full at most, and at least (below that it reads none). */
export const SUMMARY_WINDOW_MAX = 20_000;
export const SUMMARY_WINDOW_MIN = 250;
/** How full 刷新汇总 lets its one read be (the rest is the estimate's margin). */
const SUMMARY_FILL = 0.95;
const recentKey = (table: string) => `${table}#recent`;

/** 刷新汇总's one read: each register's counting columns for every row, its newest `window` rows in full, 设置 and the audit log's tail. */
export function summaryRead(metas: RegisterMeta[], window: number | null): ReadRequest {
  const detail = window === 0 ? [] : metas.filter((m) => m.spec.chain.length).map((m) => ({ table: m.table, key: recentKey(m.table), columns: detailColumns(m.spec), ...(window === null ? {} : { rows: { from: -window } }) }));
  const audit = window === 0 ? [] : [auditForTimeliness(window === null ? undefined : 2 * window)];
  return { meta: true, tables: [...metas.map((m) => ({ table: m.table, columns: summaryColumns(m.spec) })), ...detail], sheets: [SETTINGS_SHEET, ...audit] };
}

function recentRecords(d: RegisterData, result: ReadResult): RegisterRecord[] {
  const snapshot = result.tables[recentKey(d.meta.table)];
  if (!snapshot || d.problems.length) return [];
  // Records taken over from a ledger stay in: the overdue lines never name them, and paneTimeliness leaves them out.
  return snapshotRecords(d.meta.spec, snapshot);
}

export function formSheetOf(meta: Pick<RegisterMeta, 'name'>): string {
  return formSheetName(meta);
}
