/**
 * An import over any WorkbookPort (the CLI's exceljs workbook, the pane's Excel or standalone file): per chunk of
 * 5,000 source rows one read (numbers, 设置, audit tail, _导入) → planLedgerImport → one write, so that no request
 * to Excel nears 5 MB and a large ledger never holds the workbook in one huge batch. Where the port can, the read
 * for chunk k+1 is taken in the same round trip as chunk k's write (writeThenRead), and a chunk is cut to what one
 * request carries (writeLoad): in Excel an import costs one sync per chunk plus one. A dry run plans every row in
 * one pass and writes nothing.
 */
import { readsForSubmit } from '../core/actions';
import { auditTail, type Digest } from '../core/audit';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../core/layout';
import type { RegisterMeta } from '../core/metadata';
import { roleHolders, settingsFromSheet } from '../core/settings';
import { IMPORT_LOG_SHEET, readImportLog } from '../core/import/importLog';
import { confirmedMapping, headerSignature, type SavedMapping } from '../core/import/mapping';
import { planLedgerImport, type ImportOutcome } from '../core/import/plan';
import { prepareImport, type Prepared, type SourceSheet } from '../core/import/prepare';
import type { ReadRequest, WorkbookPort } from '../workbook/port';
import type { SettingsSpec } from '../spec/schema';

export const IMPORT_CHUNK_ROWS = 5000;

/**
 * Reads of one chunk. _导入 only when it is known to exist: asking Excel for a missing sheet fails the whole batch
 * and costs two more syncs (the analysis before the mapping screen learnt whether it is there).
 */
export function readsForImport(meta: RegisterMeta, logExists = true): ReadRequest {
  const reads = readsForSubmit(meta);
  return { ...reads, sheets: [...(reads.sheets ?? []), ...(logExists ? [IMPORT_LOG_SHEET] : [])] };
}

export interface Analysis {
  prepared: Prepared;
  settings: SettingsSpec;
  /** Where the mapping came from: the caller's, the one saved with the workbook for these headers, or matched now. */
  mappingSource: 'given' | 'saved' | 'matched';
  /** Whether the workbook has an _导入 sheet yet. */
  logExists: boolean;
}

/** One read: 设置 and the saved mappings; then the source's header, mapping and converted rows. */
export async function analyseImport(port: WorkbookPort, meta: RegisterMeta, source: SourceSheet, given: SavedMapping | null): Promise<Analysis> {
  const read = await port.read({ sheets: [SETTINGS_SHEET, IMPORT_LOG_SHEET] });
  const settings = settingsFromSheet(read.sheets[SETTINGS_SHEET] ?? []);
  const log = readImportLog(read.sheets[IMPORT_LOG_SHEET] ?? null, meta.id);
  let mappingSource: Analysis['mappingSource'] = 'matched';
  const prepared = prepareImport(source, meta.spec, settings, (headers) => {
    if (given) return (mappingSource = 'given'), given;
    const saved = log.mappings.get(headerSignature(headers)) ?? null;
    if (saved) mappingSource = 'saved';
    return saved;
  });
  return { prepared, settings, mappingSource, logExists: read.sheets[IMPORT_LOG_SHEET] != null };
}

/** Who imports when the host has no current user: the first person who registers records of this register, else the first in 设置. */
export function defaultImporter(meta: RegisterMeta, settings: SettingsSpec): string | null {
  const role = meta.spec.chain[0]?.steps[0]?.role;
  return (role ? roleHolders(settings, role)[0]?.name : undefined) ?? settings.people[0]?.name ?? null;
}

export interface RunOptions {
  actor: string;
  now: string;
  digest?: Digest;
  dryRun?: boolean;
  chunkRows?: number;
  /** false when the analysis found no _导入 sheet (the first chunk creates it). */
  logExists?: boolean;
  /** Called after each chunk is written (the pane's progress). */
  onChunk?: (done: number, total: number) => void;
}

export type RunResult = { ok: true; outcome: ImportOutcome; writes: number } | { ok: false; message: string; messageEn: string };

export async function runImport(port: WorkbookPort, meta: RegisterMeta, prepared: Extract<Prepared, { ok: true }>, options: RunOptions): Promise<RunResult> {
  const outcome: ImportOutcome = { imported: [], rejected: [], skipped: [], alreadyImported: [], flagged: [] };
  const rows = prepared.rows;
  let size = options.dryRun ? Math.max(1, rows.length) : options.chunkRows ?? IMPORT_CHUNK_ROWS;
  const mapping = { signature: headerSignature(prepared.header.headers), confirmed: confirmedMapping(prepared.mapping) };
  const sourceColumns = Object.fromEntries(prepared.mapping.columns.filter((c) => c.target).map((c) => [c.target!, c.column]));
  let writes = 0;
  let logExists = options.logExists ?? true;
  let read = await port.read(readsForImport(meta, logExists));
  for (let start = 0; start < rows.length || start === 0; start += size) {
    const table = read.tables[meta.table];
    const settingsRows = read.sheets[SETTINGS_SHEET];
    if (!table || !settingsRows) return { ok: false, message: `找不到“${meta.name}”的表格或“设置”工作表`, messageEn: `The table of ${meta.name} or the 设置 sheet is missing` };
    const ctx = { meta, settings: settingsFromSheet(settingsRows), table, audit: auditTail(read.sheets[AUDIT_SHEET] ?? []), now: options.now, digest: options.digest, importLog: read.sheets[IMPORT_LOG_SHEET] ?? null, sourceName: prepared.sheet, sourceColumns };
    const planChunk = () => planLedgerImport(ctx, rows.slice(start, start + size), options.actor, start + size >= rows.length ? mapping : undefined);
    let plan = await planChunk();
    // A chunk is as many rows as one request carries (Excel: 5 MB): a chunk that would take two is planned again
    // smaller (planning is pure), and the chunks after it keep that size.
    for (let load = options.dryRun ? 0 : port.writeLoad?.(plan.batch) ?? 0; load > 1 && size > 1; load = port.writeLoad!(plan.batch)) {
      size = Math.max(1, Math.floor((Math.min(size, rows.length - start) / load) * 0.97));
      plan = await planChunk();
    }
    const more = start + size < rows.length;
    if (!options.dryRun && (plan.batch.appends || plan.batch.sheetAppends || plan.batch.sheetWrites)) {
      if (plan.batch.sheetWrites?.length || plan.batch.sheetAppends?.some((a) => a.sheet === IMPORT_LOG_SHEET)) logExists = true;
      // The next chunk's read rides in this chunk's write where the host can (Excel: one sync per chunk).
      if (more && port.writeThenRead) read = (await port.writeThenRead(plan.batch, readsForImport(meta, logExists))).read;
      else {
        await port.write(plan.batch);
        if (more) read = await port.read(readsForImport(meta, logExists));
      }
      writes++;
    } else if (more) read = await port.read(readsForImport(meta, logExists));
    for (const key of Object.keys(outcome) as (keyof ImportOutcome)[]) (outcome[key] as unknown[]).push(...plan[key]);
    options.onChunk?.(Math.min(rows.length, start + size), rows.length);
    if (rows.length === 0) break;
  }
  return { ok: true, outcome, writes };
}
