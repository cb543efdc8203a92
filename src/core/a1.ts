/**
 * A1 notation, 1-based like the sheet: "B3" is row 3, column 2. Shared by every adapter and the fake Excel so
 * that an address means the same thing everywhere.
 */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnName(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function encodeAddress(row: number, col: number): string {
  return `${columnName(col)}${row}`;
}

export function encodeRect(rect: Rect): string {
  const a = encodeAddress(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? a : `${a}:${encodeAddress(rect.bottom, rect.right)}`;
}

/** "B3" → {row: 3, col: 2}. */
export function decodeAddress(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) throw new Error(`Bad cell address ${address}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** "A1:C9" or "B2" (an optional "Sheet!" or "'Sheet'!" prefix is dropped). */
export function decodeRect(ref: string): Rect {
  const bare = ref.includes('!') ? ref.slice(ref.lastIndexOf('!') + 1) : ref;
  const [a, b = a] = bare.split(':');
  const tl = decodeAddress(a);
  const br = decodeAddress(b);
  return { top: Math.min(tl.row, br.row), left: Math.min(tl.col, br.col), bottom: Math.max(tl.row, br.row), right: Math.max(tl.col, br.col) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}
