/**
 * Reads the supplies ledgers of an .xlsx file with exceljs's streaming reader, encoding rows into the ledger's
 * typed columns as they stream by, so a 100k-row ledger is never held as objects. Registers are found by spec id
 * as everywhere else: the table tz_<id>, located through the workbook's own table parts (read first, from the
 * zip directory), and read within the table's range. Node only (files on disk).
 */
import { promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from '../../core/cells';
import { SETTINGS_SHEET } from '../../core/layout';
import { LEDGER_KINDS, type LedgerKind } from '../../inventory/fields';
import { ledgerFromReadResult, ledgerReadRequest, ledgerTable } from '../../inventory/input';
import { LedgerBuilder, type Ledger } from '../../inventory/ledger';
import { ExcelJsWorkbook, decodeRange, encodeAddress, plainValue } from './adapter';
import { attr, parseRelationships, relsPartOf, sheetRelId } from './opc';
import { loadXlsx, openPackage } from './loadXlsx';
import './nodeStreamReadFix';
import { ZipDirectory } from './zipDirectory';

export interface TablePart {
  name: string;
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headers: string[];
  /** The table's last row is a totals row (totalsRowCount), not a record. */
  totalsRow: boolean;
}

export interface SheetPart {
  name: string;
  /** visible, hidden or veryHidden */
  state: string;
  /** The worksheet's part name, found through the workbook's relationships. */
  path: string;
}

/** The workbook's sheets in tab order, each with its state and part name, wherever the writer put them. */
export async function readSheetParts(zip: ZipDirectory): Promise<SheetPart[]> {
  const root = parseRelationships(await zip.text('_rels/.rels'), '');
  const workbookPart = root.find((r) => r.kind === 'officeDocument')?.part ?? 'xl/workbook.xml';
  const workbook = await zip.text(workbookPart);
  if (!workbook) return [];
  const rels = new Map(parseRelationships(await zip.text(relsPartOf(workbookPart)), workbookPart).map((r) => [r.id, r]));
  const sheets: SheetPart[] = [];
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const rel = rels.get(sheetRelId(tag) ?? '');
    if (name && rel?.part) sheets.push({ name, state: attr(tag, 'state') ?? 'visible', path: rel.part });
  }
  return sheets;
}

/** Merged ranges of a worksheet part, in A1 notation. */
export function mergedRangesOf(sheetXml: string): string[] {
  return (sheetXml.match(/<(?:\w+:)?mergeCell\b[^>]*>/g) ?? []).flatMap((tag) => {
    const ref = attr(tag, 'ref');
    if (!ref) return [];
    const m = decodeRange(ref);
    return [`${encodeAddress(m.top, m.left)}:${encodeAddress(m.bottom, m.right)}`];
  });
}

/** Every Excel table in the file, with its sheet, range and column names. */
export async function readTableParts(zip: ZipDirectory): Promise<TablePart[]> {
  const parts: TablePart[] = [];
  for (const { name, path: sheetPath } of await readSheetParts(zip)) {
    const sheetRels = parseRelationships(await zip.text(relsPartOf(sheetPath)), sheetPath);
    for (const { part, kind } of sheetRels) {
      if (kind !== 'table' || !part) continue;
      const xml = await zip.text(part);
      const head = xml?.match(/<(?:\w+:)?table\b[^>]*>/)?.[0];
      if (!xml || !head) continue;
      const ref = attr(head, 'ref');
      const tableName = attr(head, 'name') ?? attr(head, 'displayName');
      if (!ref || !tableName) continue;
      const range = decodeRange(ref);
      const headers = (xml.match(/<(?:\w+:)?tableColumn\b[^>]*>/g) ?? []).map((t) => attr(t, 'name') ?? '');
      parts.push({ name: tableName, sheet: name, ...range, headers, totalsRow: Number(attr(head, 'totalsRowCount') ?? 0) > 0 });
    }
  }
  return parts;
}

interface Target {
  kind: LedgerKind;
  part: TablePart;
  /** Worksheet columns (1-based) the ledger reads, and where each goes in the row handed to the builder. */
  columns: number[];
  width: number;
}

export interface StreamedLedger {
  ledger: Ledger;
  /** False when the file has none of the supplies registers. */
  anySupplies: boolean;
}

/**
 * Reads the ledgers of FILE; throws XlsxReadError on a file that is not a readable workbook. A package in another
 * writer's shape is streamed from its normalised copy (loadXlsx.ts), so the stream sees every sheet by name.
 */
export async function readLedgerFile(file: string): Promise<StreamedLedger> {
  const pkg = await openPackage(await fs.readFile(file));
  const zip = await ZipDirectory.open(file);
  let parts: TablePart[];
  try {
    parts = await readTableParts(zip);
  } finally {
    await zip.close();
  }
  const builder = new LedgerBuilder();
  const bySheet = new Map<string, Target[]>();
  for (const kind of LEDGER_KINDS) {
    const part = parts.find((p) => p.name === ledgerTable(kind));
    if (!part) {
      builder.missing(kind);
      continue;
    }
    if (!builder.begin(kind, part.sheet, part.headers)) continue;
    const list = bySheet.get(part.sheet) ?? [];
    list.push({ kind, part, columns: builder.columnsRead(kind).map((i) => part.left + i), width: part.right - part.left + 1 });
    bySheet.set(part.sheet, list);
  }
  const anySupplies = bySheet.size > 0 || parts.some((p) => LEDGER_KINDS.some((k) => p.name === ledgerTable(k)));
  try {
    const source = pkg.changed ? Readable.from([Buffer.from(pkg.bytes)]) : file;
    return { ledger: await streamRows(source, builder, bySheet), anySupplies };
  } catch (error) {
    // exceljs's streaming reader fails (TypeError on its workbook model) when a worksheet part comes before
    // xl/workbook.xml in the zip and shared strings are already known; the file is fine, so read it whole.
    // A sheet the stream never named (UnseenSheets) is read whole too, rather than counted as empty.
    if (!(error instanceof TypeError) && !(error instanceof UnseenSheets)) throw error;
    const workbook = await loadXlsx(pkg.bytes);
    return { ledger: ledgerFromReadResult(await new ExcelJsWorkbook(workbook).read(ledgerReadRequest())), anySupplies };
  }
}

class UnseenSheets extends Error {}

async function streamRows(file: string | Readable, builder: LedgerBuilder, bySheet: Map<string, Target[]>): Promise<Ledger> {
  const settings: CellValue[][] = [];
  const seen = new Set<string>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name?: string }).name ?? '';
    seen.add(name);
    const targets = bySheet.get(name);
    const isSettings = name === SETTINGS_SHEET;
    if (!targets && !isSettings) {
      // Drain it: exceljs deletes a sheet's temp file as soon as the loop moves on, and a worksheet stream that
      // was handed out but never read then fails to open (ENOENT) a moment later.
      for await (const _row of worksheet) void _row;
      continue;
    }
    for await (const row of worksheet) {
      const r = row.number;
      if (targets) {
        for (const { kind, part, columns, width } of targets) {
          if (r <= part.top || r > part.bottom) continue;
          // Only the columns the ledger reads are converted: the rest of a wide register is never looked at.
          const cells: CellValue[] = new Array(width).fill(null);
          for (const c of columns) cells[c - part.left] = plainValue(row.findCell(c)?.value);
          builder.row(kind, r, cells);
        }
      }
      if (isSettings) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: CellValue[] = [];
        for (let c = 1; c < values.length; c++) cells.push(plainValue(values[c]));
        settings[r - 1] = cells;
      }
    }
  }
  if ([...bySheet.keys()].some((name) => !seen.has(name))) throw new UnseenSheets();
  if (settings.length) builder.settings(Array.from(settings, (r) => r ?? []));
  return builder.finish();
}
