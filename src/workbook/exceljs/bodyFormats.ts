/**
 * A register's drop-downs, checks and status colours follow its table as records are appended, as Excel extends
 * them when a table grows: a data validation or conditional format that covers whole columns of the table's body
 * (from its first body row to at least its last) is extended to the new last row. The template covers the first
 * 1,000 rows (VALIDATED_ROWS); an import of 5,000 records would otherwise leave 4,000 rows without them.
 * Other ranges — a note on one cell, a rule someone set on part of a column — are left as they are.
 */
import type ExcelJS from 'exceljs';
import { decodeRect, encodeAddress, type Rect } from '../../core/a1';

const RANGE = /^\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+$/;

/** `ref` extended to `bottom` when it covers whole columns of the body `body`; null when it does not. */
function followed(ref: string, body: Rect, bottom: number): string | null {
  if (!RANGE.test(ref)) return null;
  const r = decodeRect(ref.replace(/\$/g, ''));
  const covers = r.top === body.top && r.bottom >= body.bottom && r.left >= body.left && r.right <= body.right;
  return covers && r.bottom < bottom ? `${encodeAddress(r.top, r.left)}:${encodeAddress(bottom, r.right)}` : null;
}

/** Each range of a space-separated list followed; null when none changes. */
function followedList(sqref: string, body: Rect, bottom: number): string | null {
  const parts = sqref.trim().split(/\s+/);
  const next = parts.map((p) => followed(p, body, bottom) ?? p);
  return next.some((p, i) => p !== parts[i]) ? next.join(' ') : null;
}

/** After rows were appended to a table whose body was `body` (1-based, inclusive), now ending at `bottom`. */
export function followTableBody(ws: ExcelJS.Worksheet, body: Rect, bottom: number): void {
  if (bottom <= body.bottom) return;
  const validations = (ws as unknown as { dataValidations?: { model: Record<string, unknown> } }).dataValidations?.model;
  for (const key of Object.keys(validations ?? {})) {
    const next = followed(key, body, bottom);
    if (!next || !validations![key]) continue;
    validations![next] = validations![key];
    delete validations![key];
  }
  const formattings = (ws as unknown as { conditionalFormattings?: { ref: string }[] }).conditionalFormattings ?? [];
  for (const f of formattings) f.ref = followedList(f.ref, body, bottom) ?? f.ref;
}
