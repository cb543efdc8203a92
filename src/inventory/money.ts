/**
 * Money is held as integer fen (分) everywhere in the analysis: sums of integers are exact, so totals never drift.
 * Yuan appear only at the edges (reading a cell, printing, writing a cell).
 */

/** A yuan amount as typed in a cell → integer fen, half away from zero on the decimal value the user typed. */
export function toFen(yuan: number): number {
  // 1.005 * 100 is 100.49999…; rounding the product to 6 decimals first recovers the decimal the user meant.
  const cents = Number((yuan * 100).toFixed(6));
  return Math.sign(cents) * Math.round(Math.abs(cents));
}

/** Integer fen → yuan as a number with at most two decimals (exact to the cent when printed with toFixed(2)). */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** Integer fen → "1234.50" (no grouping): exact, from the integer, never through a float. */
export function fenText(fen: number): string {
  const n = Math.round(fen);
  const abs = Math.abs(n);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${n < 0 ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Integer fen → "¥1,234.50" for people. */
export function fenDisplay(fen: number): string {
  const text = fenText(fen);
  const negative = text.startsWith('-');
  const [whole, cents] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * round(a × b / c) half away from zero, for integers a, b, c (c > 0): the cost of issuing a units out of
 * c units worth b fen. Exact in doubles while a × b stays below 2^53, BigInt beyond.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  const product = a * b;
  // A stock counted down to nothing is worth 0 fen, not −0 (0 × a negative value; toLocaleString prints it "-0").
  if (product === 0) return 0;
  if (Math.abs(product) < Number.MAX_SAFE_INTEGER / 4 && c < Number.MAX_SAFE_INTEGER / 4) {
    const sign = Math.sign(product);
    return sign * Math.floor((2 * Math.abs(product) + c) / (2 * c));
  }
  const p = BigInt(a) * BigInt(b);
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const q = (2n * abs + BigInt(c)) / (2n * BigInt(c));
  return Number(neg ? -q : q);
}
