/**
 * Where a hand-made ledger's header is: below a title row (often merged across the sheet), a date or unit line
 * and blank rows; maybe two rows high (来文 over 单位 and 字号). The header is the row, or pair of rows, whose
 * cells name the most of the register's fields; a row of column numbers (1 2 3 …) under it is skipped.
 */
import type { CellValue } from '../cells';
import { decodeRect } from '../a1';
import type { RegisterSpec } from '../../spec/schema';
import { mapColumns, type SavedMapping } from './mapping';
import { foldText } from './text';

export interface HeaderFound {
  /** 0-based index of the header's first row in the sheet's rows. */
  row: number;
  /** 1 or 2. */
  height: number;
  headers: string[];
  /** Per column, the texts its header can be read as, best first. */
  candidates: string[][];
  /** 0-based index of the first data row. */
  dataStart: number;
}

const SCAN_ROWS = 30;

const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'string' ? foldText(v) : '');

function widthOf(rows: CellValue[][]): number {
  let w = 0;
  for (const r of rows.slice(0, SCAN_ROWS + 2)) w = Math.max(w, r.length);
  return w;
}

/** Header text of row r with merged cells spread across their span (a merged 来文 covers both columns under it). */
function spreadRow(rows: CellValue[][], r: number, width: number, merges: ReturnType<typeof decodeRect>[]): string[] {
  const out = Array.from({ length: width }, (_, c) => cellText(rows[r]?.[c]));
  for (const m of merges) {
    if (m.top - 1 > r || m.bottom - 1 < r) continue;
    const text = cellText(rows[m.top - 1]?.[m.left - 1]);
    for (let c = m.left - 1; c <= m.right - 1 && c < width; c++) out[c] = text;
  }
  return out;
}

function score(spec: RegisterSpec, headers: string[], candidates: string[][], saved: SavedMapping | null): number {
  const result = mapColumns(headers, candidates, spec, saved);
  return result.columns.filter((c) => c.target !== null).length;
}

const isNumberRow = (row: CellValue[] | undefined) => {
  const filled = (row ?? []).filter((v) => v !== null && v !== '');
  return filled.length >= 3 && filled.every((v, i) => Number(typeof v === 'string' ? foldText(v) : v) === i + 1);
};

/** null when no row within the first 30 names any field of the register. */
export function findHeader(rows: CellValue[][], merges: string[], spec: RegisterSpec, saved: SavedMapping | null = null): HeaderFound | null {
  const width = widthOf(rows);
  const rects = merges.map(decodeRect);
  let best: (HeaderFound & { score: number }) | null = null;
  for (let r = 0; r < Math.min(rows.length, SCAN_ROWS); r++) {
    const upper = spreadRow(rows, r, width, rects);
    if (upper.filter((t) => t !== '').length < 2) continue;
    const single = { headers: upper, candidates: upper.map((t) => [t]) };
    const options: { height: number; headers: string[]; candidates: string[][] }[] = [{ height: 1, ...single }];
    const lowerRow = rows[r + 1] ?? [];
    if (r + 1 < rows.length && !lowerRow.some((v) => typeof v === 'number' || typeof v === 'boolean')) {
      const lower = spreadRow(rows, r + 1, width, rects);
      if (lower.some((t) => t !== '')) {
        const headers = upper.map((u, c) => (lower[c] === '' || lower[c] === u ? u : u === '' ? lower[c] : u + lower[c]));
        const candidates = upper.map((u, c) => [headers[c], lower[c], u].filter((t, i, all) => t !== '' && all.indexOf(t) === i));
        options.push({ height: 2, headers, candidates });
      }
    }
    for (const o of options) {
      const s = score(spec, o.headers, o.candidates, saved);
      if (s > 0 && (!best || s > best.score)) {
        let dataStart = r + o.height;
        if (isNumberRow(rows[dataStart])) dataStart++;
        best = { row: r, height: o.height, headers: o.headers, candidates: o.candidates, dataStart, score: s };
      }
    }
  }
  if (!best) return null;
  const { score: _score, ...found } = best;
  return found;
}
