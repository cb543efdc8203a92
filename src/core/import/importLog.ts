/**
 * What imports leave in the workbook besides records, in the very hidden sheet _导入: one row per imported source
 * row (its content hash and the record's number), so that importing the same file again adds nothing twice, and
 * one row per confirmed mapping (keyed by the source's headers), reused for the next file with the same headers.
 * Rows are only ever appended; for a mapping the last row wins.
 */
import type { CellValue } from '../cells';
import type { SavedMapping } from './mapping';

export const IMPORT_LOG_SHEET = '_导入';
export const IMPORT_LOG_HEADER = ['登记表', '类型', '键', '值', '时间'];
const ROW = '行';
const MAPPING = '映射';

export interface ImportLog {
  /** Content hashes of rows already imported into this register. */
  hashes: Set<string>;
  /** Confirmed mappings by header signature. */
  mappings: Map<string, SavedMapping>;
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v));

export function readImportLog(rows: CellValue[][] | null, register: string): ImportLog {
  const log: ImportLog = { hashes: new Set(), mappings: new Map() };
  for (const row of (rows ?? []).slice(1)) {
    if (text(row[0]) !== register) continue;
    if (text(row[1]) === ROW) log.hashes.add(text(row[2]));
    else if (text(row[1]) === MAPPING) {
      try {
        const parsed = JSON.parse(text(row[3]));
        if (parsed && typeof parsed === 'object') log.mappings.set(text(row[2]), parsed as SavedMapping);
      } catch {
        // A hand-damaged mapping row is only a lost convenience: the columns are matched afresh.
      }
    }
  }
  return log;
}

/** Numbers of the records imports took over, by register id: their status is the source's, not their step columns'. */
export function importedNumbers(rows: CellValue[][] | null): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const row of (rows ?? []).slice(1)) {
    if (text(row[1]) !== ROW) continue;
    const register = text(row[0]);
    if (!out.has(register)) out.set(register, new Set());
    out.get(register)!.add(text(row[3]));
  }
  return out;
}

export const importedRow = (register: string, hash: string, number: string, time: string): CellValue[] => [register, ROW, hash, number, time];
export const mappingRow = (register: string, signature: string, mapping: SavedMapping, time: string): CellValue[] => [register, MAPPING, signature, JSON.stringify(mapping), time];
