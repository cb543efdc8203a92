/**
 * A source sheet → rows ready to import: the header found, the columns mapped, every data row classified
 * (blank, subtotal, data) and its cells converted for their fields. Pure and synchronous: the pane shows this as
 * its mapping screen and preview before anything is written.
 */
import type { CellValue, RecordValue } from '../cells';
import { columnName } from '../a1';
import { STATUS_HEADER } from '../layout';
import type { RegisterSpec, SettingsSpec } from '../../spec/schema';
import { findHeader, type HeaderFound } from './header';
import { mapColumns, type MappingResult, type SavedMapping } from './mapping';
import { foldText } from './text';
import { convertCell } from './values';

export interface SourceSheet {
  /** Sheet name (or the CSV file's name), for sheet!row locations. */
  name: string;
  /** Cell values from A1, row by row. */
  rows: CellValue[][];
  /** Merged ranges in A1 notation. */
  merges: string[];
}

export interface RowProblem {
  /** Field or 状态; null for the row as a whole. */
  field: string | null;
  /** A1 cell in the source when the problem belongs to one cell. */
  cell: string | null;
  message: string;
  messageEn: string;
}

export interface PreparedRow {
  /** 1-based row in the source sheet. */
  sourceRow: number;
  kind: 'blank' | 'subtotal' | 'data';
  /** Field values by name (data rows). */
  values: Record<string, RecordValue>;
  /** 状态 as the source says, when a column maps to it. */
  status: string | null;
  /** Conversion problems; validation adds its own later. */
  problems: RowProblem[];
}

export type Prepared =
  | { ok: true; sheet: string; header: HeaderFound; mapping: MappingResult; rows: PreparedRow[] }
  | { ok: false; reason: 'noHeader'; message: string; messageEn: string };

const SUBTOTAL = /^(合计|小计|总计|共计|累计|总数)/;

const isBlankCell = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function prepareImport(source: SourceSheet, spec: RegisterSpec, settings: SettingsSpec | null, saved: (signature: string[]) => SavedMapping | null = () => null): Prepared {
  let header = findHeader(source.rows, source.merges, spec);
  const confirmed = header ? saved(header.headers) : null;
  if (header && confirmed) header = findHeader(source.rows, source.merges, spec, confirmed) ?? header;
  if (!header)
    return {
      ok: false,
      reason: 'noHeader',
      message: `${source.name}:前 30 行中找不到表头(没有一列的名称与“${spec.name}”的字段相同或相近)`,
      messageEn: `${source.name}: no header row in the first 30 rows (no column is named like a field of ${spec.name})`,
    };
  const mapping = mapColumns(header.headers, header.candidates, spec, confirmed);
  return { ok: true, sheet: source.name, header, mapping, rows: prepareRows(source, header, mapping, spec, settings) };
}

export function prepareRows(source: SourceSheet, header: HeaderFound, mapping: MappingResult, spec: RegisterSpec, settings: SettingsSpec | null): PreparedRow[] {
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const mapped = mapping.columns.filter((c) => c.target !== null);
  const skipped = new Set(mapping.columns.filter((c) => c.skipped).map((c) => c.column));
  const out: PreparedRow[] = [];
  for (let r = header.dataStart; r < source.rows.length; r++) {
    const row = source.rows[r] ?? [];
    const sourceRow = r + 1;
    const meaningful = row.some((v, c) => !skipped.has(c) && !isBlankCell(v));
    if (!meaningful) {
      out.push({ sourceRow, kind: 'blank', values: {}, status: null, problems: [] });
      continue;
    }
    if (row.some((v) => typeof v === 'string' && SUBTOTAL.test(foldText(v).replace(/\s+/g, '')))) {
      out.push({ sourceRow, kind: 'subtotal', values: {}, status: null, problems: [] });
      continue;
    }
    const prepared: PreparedRow = { sourceRow, kind: 'data', values: {}, status: null, problems: [] };
    for (const col of mapped) {
      const cell = row[col.column] ?? null;
      if (col.target === STATUS_HEADER && !fields.has(STATUS_HEADER)) {
        prepared.status = isBlankCell(cell) ? null : foldText(String(cell));
        continue;
      }
      const converted = convertCell(fields.get(col.target!)!, cell, settings);
      if (converted.ok) prepared.values[col.target!] = converted.value;
      else prepared.problems.push({ field: col.target, cell: `${columnName(col.column + 1)}${sourceRow}`, message: converted.message, messageEn: converted.messageEn });
    }
    out.push(prepared);
  }
  return out;
}
