/**
 * Reads the supplies ledgers of an .xlsx file with exceljs's streaming reader, encoding rows into the ledger's
 * typed columns as they stream by, so a 100k-row ledger is never held as objects. Registers are found by spec id
 * as everywhere else: the table tz_<id>, located through the workbook's own table parts (read first, from the
 * zip directory), and read within the table's range. Node only (files on disk).
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../core/cells';
import { SETTINGS_SHEET } from '../../core/layout';
import { LEDGER_KINDS, type LedgerKind } from '../../inventory/fields';
import { ledgerFromReadResult, ledgerReadRequest, ledgerTable } from '../../inventory/input';
import { LedgerBuilder, type Ledger } from '../../inventory/ledger';
import { ExcelJsWorkbook, decodeRange, encodeAddress, plainValue } from './adapter';
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
}

const ATTR_CACHE = new Map<string, RegExp>();
function attr(tag: string, name: string): string | null {
  let re = ATTR_CACHE.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`);
    ATTR_CACHE.set(name, re);
  }
  const m = re.exec(tag);
  return m ? xmlDecode(m[1]) : null;
}

function xmlDecode(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(xml: string | null, base: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  for (const tag of xml?.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) out.set(id, { target: resolve(base, target), type: attr(tag, 'Type') ?? '' });
  }
  return out;
}

export interface SheetPart {
  name: string;
  /** visible, hidden or veryHidden */
  state: string;
  /** The worksheet's part name, found through the workbook's relationships. */
  path: string;
}

/** The workbook's sheets in tab order, each with its state and part name. */
export async function readSheetParts(zip: ZipDirectory): Promise<SheetPart[]> {
  const workbook = await zip.text('xl/workbook.xml');
  if (!workbook) return [];
  const rels = relationships(await zip.text('xl/_rels/workbook.xml.rels'), 'xl/workbook.xml');
  const sheets: SheetPart[] = [];
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const rel = rels.get(attr(tag, 'r:id') ?? '');
    if (name && rel) sheets.push({ name, state: attr(tag, 'state') ?? 'visible', path: rel.target });
  }
  return sheets;
}

/** Merged ranges of a worksheet part, in A1 notation. */
export function mergedRangesOf(sheetXml: string): string[] {
  return (sheetXml.match(/<mergeCell\b[^>]*>/g) ?? []).flatMap((tag) => {
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
    const relsPath = sheetPath.replace(/([^/]+)$/, '_rels/$1.rels');
    const sheetRels = relationships(await zip.text(relsPath), sheetPath);
    for (const { target, type } of sheetRels.values()) {
      if (!type.endsWith('/table')) continue;
      const xml = await zip.text(target);
      const head = xml?.match(/<table\b[^>]*>/)?.[0];
      if (!xml || !head) continue;
      const ref = attr(head, 'ref');
      const tableName = attr(head, 'name') ?? attr(head, 'displayName');
      if (!ref || !tableName) continue;
      const range = decodeRange(ref);
      const headers = (xml.match(/<tableColumn\b[^>]*>/g) ?? []).map((t) => attr(t, 'name') ?? '');
      parts.push({ name: tableName, sheet: name, ...range, headers });
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

/** Reads the ledgers of FILE; throws on a file that is not an .xlsx (the caller reports that as unreadable). */
export async function readLedgerFile(file: string): Promise<StreamedLedger> {
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
    return { ledger: await streamRows(file, builder, bySheet), anySupplies };
  } catch (error) {
    // exceljs's streaming reader fails (TypeError on its workbook model) when a worksheet part comes before
    // xl/workbook.xml in the zip and shared strings are already known; the file is fine, so read it whole.
    if (!(error instanceof TypeError)) throw error;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return { ledger: ledgerFromReadResult(await new ExcelJsWorkbook(workbook).read(ledgerReadRequest())), anySupplies };
  }
}

async function streamRows(file: string, builder: LedgerBuilder, bySheet: Map<string, Target[]>): Promise<Ledger> {
  const settings: CellValue[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name?: string }).name ?? '';
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
  if (settings.length) builder.settings(Array.from(settings, (r) => r ?? []));
  return builder.finish();
}
