/**
 * Source columns → register fields, strongest evidence first: a mapping the user confirmed before (saved with the
 * workbook), the field's exact name, its name folded (width, spaces, bracketed units), an alias from the document's
 * 别名 column. Anything fuzzier is only a suggestion the user confirms: two headers that differ in one character
 * (收文日期 / 发文日期) are never matched automatically. A column that maps to nothing is listed, not dropped.
 */
import { STATUS_HEADER } from '../layout';
import type { RegisterSpec } from '../../spec/schema';
import { bigramSimilarity, headerKey } from './text';

export type MatchKind = 'confirmed' | 'exact' | 'normalised' | 'alias';

/** What a source column can go to: a field, or the record's 状态 on a register with an approval chain. */
export interface ImportTarget {
  name: string;
  /** A required field other than the number (which is given when missing). */
  required: boolean;
  aliases: string[];
}

export interface ColumnMapping {
  /** 0-based column in the source sheet. */
  column: number;
  /** The header as found (two-row headers joined). */
  header: string;
  target: string | null;
  kind: MatchKind | null;
  /** A likely target the user has to confirm; null when nothing is close. */
  suggestion: string | null;
  /** Why a column is skipped without asking: a 序号 column, the 问题 column of an import report. */
  skipped: 'index' | 'report' | null;
  /** Another column already took this column's target (the header appears twice). */
  duplicateOf: number | null;
}

/** A confirmed mapping: source header → target name, or null for a column deliberately left out. */
export type SavedMapping = Record<string, string | null>;

export interface MappingResult {
  columns: ColumnMapping[];
  /** Required targets no column maps to. */
  missing: string[];
  /** Columns with a header that map to nothing (suggested ones included). */
  unmapped: ColumnMapping[];
}

export const INDEX_HEADERS = new Set(['序号', '序', 'no', 'no.', '行号', '编次']);
/** The column `--report` adds to a copy of the source: its rows can be imported again as they are. */
export const REPORT_HEADER = '问题';

export function importTargets(spec: RegisterSpec): ImportTarget[] {
  const targets: ImportTarget[] = spec.fields.map((f) => ({ name: f.name, required: f.required && f.type !== 'serial', aliases: f.aliases ?? [] }));
  if (spec.chain.length) targets.push({ name: STATUS_HEADER, required: false, aliases: ['办理状态', '处理状态', '办理情况'] });
  return targets;
}

const STRENGTH: Record<MatchKind, number> = { confirmed: 0, exact: 1, normalised: 2, alias: 3 };

function directMatch(candidates: string[], targets: ImportTarget[]): { target: string; kind: MatchKind } | null {
  for (const kind of ['exact', 'normalised', 'alias'] as const) {
    for (const text of candidates) {
      const key = headerKey(text);
      if (key === '') continue;
      for (const t of targets) {
        if (kind === 'exact' && text.trim() === t.name) return { target: t.name, kind };
        if (kind === 'normalised' && key === headerKey(t.name)) return { target: t.name, kind };
        if (kind === 'alias' && t.aliases.some((a) => headerKey(a) === key)) return { target: t.name, kind };
      }
    }
  }
  return null;
}

function suggest(candidates: string[], targets: ImportTarget[]): string | null {
  let best: { name: string; score: number } | null = null;
  for (const text of candidates) {
    const key = headerKey(text);
    if (key.length < 2) continue;
    for (const t of targets) {
      for (const name of [t.name, ...t.aliases]) {
        const other = headerKey(name);
        const contains = other.length >= 2 && (key.includes(other) || other.includes(key));
        const score = Math.max(contains ? 0.8 : 0, bigramSimilarity(key, other));
        if (score >= 0.5 && (!best || score > best.score)) best = { name: t.name, score };
      }
    }
  }
  return best?.name ?? null;
}

/**
 * `candidates[c]` are the texts column c's header can be read as, best first (a joined two-row header, then its
 * lower and upper parts); `headers[c]` is how it is shown and saved.
 */
export function mapColumns(headers: string[], candidates: string[][], spec: RegisterSpec, saved: SavedMapping | null = null): MappingResult {
  const targets = importTargets(spec);
  const byName = new Map(targets.map((t) => [t.name, t]));
  const columns: ColumnMapping[] = headers.map((header, column) => ({ column, header, target: null, kind: null, suggestion: null, skipped: null, duplicateOf: null }));
  const claims: { column: number; target: string; kind: MatchKind }[] = [];
  for (const col of columns) {
    if (col.header.trim() === '') continue;
    const key = headerKey(col.header);
    if (saved && Object.prototype.hasOwnProperty.call(saved, col.header)) {
      const target = saved[col.header];
      if (target === null) col.kind = 'confirmed';
      else if (byName.has(target)) claims.push({ column: col.column, target, kind: 'confirmed' });
      continue;
    }
    if (INDEX_HEADERS.has(key)) {
      col.skipped = 'index';
      continue;
    }
    if (key === REPORT_HEADER) {
      col.skipped = 'report';
      continue;
    }
    const match = directMatch(candidates[col.column] ?? [col.header], targets);
    if (match) claims.push({ column: col.column, ...match });
  }
  claims.sort((a, b) => STRENGTH[a.kind] - STRENGTH[b.kind] || a.column - b.column);
  const taken = new Map<string, number>();
  for (const claim of claims) {
    const col = columns[claim.column];
    const first = taken.get(claim.target);
    if (first !== undefined) {
      col.duplicateOf = first;
      continue;
    }
    taken.set(claim.target, claim.column);
    col.target = claim.target;
    col.kind = claim.kind;
  }
  const free = targets.filter((t) => !taken.has(t.name));
  for (const col of columns) {
    if (col.target || col.skipped || col.kind === 'confirmed' || col.header.trim() === '') continue;
    col.suggestion = suggest(candidates[col.column] ?? [col.header], free);
  }
  return {
    columns,
    missing: targets.filter((t) => t.required && !taken.has(t.name)).map((t) => t.name),
    unmapped: columns.filter((c) => c.target === null && c.skipped === null && c.kind !== 'confirmed' && c.header.trim() !== ''),
  };
}

/** The mapping as confirmed now, to save with the workbook and reuse for the next file with these headers. */
export function confirmedMapping(result: MappingResult): SavedMapping {
  const out: SavedMapping = {};
  for (const c of result.columns) if (c.header.trim() !== '' && !c.skipped) out[c.header] = c.target;
  return out;
}

/** The key a saved mapping is found by: the file's headers, folded, in order. */
export function headerSignature(headers: string[]): string {
  return JSON.stringify(headers.map(headerKey));
}
