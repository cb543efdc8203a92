/**
 * The same words however a hand-made ledger typed them: full-width and half-width forms, spaces, bracketed units
 * (`数量(个)`, `金额（元）`), a trailing colon or asterisk. Headers, list values, people and departments are all
 * compared through these folds, so `来文 单位`, `来文单位：` and `来文单位(全称)` are the same header.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** A value compared with 设置 lists, choices, people and departments: folded, no spaces, lower case. */
export function valueKey(text: string): string {
  return foldText(text).replace(/\s+/g, '').toLowerCase();
}

const BRACKETED = /[([{【〔〖][^)\]}】〕〗]*[)\]}】〕〗]/g;

/** A header as compared with field names and aliases. */
export function headerKey(text: string): string {
  return valueKey(text)
    .replace(BRACKETED, '')
    .replace(/\/[^/]{1,2}$/, '')
    .replace(/[:*#]+$/, '')
    .replace(/^[*#]+/, '');
}

/** Characters that differ between two keys of the same length (收文日期 / 发文日期 → 1); Infinity otherwise. */
export function sameLengthDistance(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** Share of character bigrams two keys have in common (Dice), for suggestions only. */
export function bigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  return total === 0 ? 0 : (2 * common) / total;
}
