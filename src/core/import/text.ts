/**
 * The same words however a hand-made ledger typed them: full-width and half-width forms, spaces, bracketed units
 * (`数量(个)`, `金额（元）`), a trailing colon or asterisk. Headers, list values, people and departments are all
 * compared through these folds, so `来文 单位`, `来文单位：` and `来文单位(全称)` are the same header.
 */
export function foldText(text: string): string {
  if (FOLD_STABLE.test(text)) return text;
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** A value compared with 设置 lists, choices, people and departments: folded, no spaces, lower case. */
export function valueKey(text: string): string {
  if (KEY_STABLE.test(text)) return text;
  return foldText(text).replace(/\s+/g, '').toLowerCase();
}

/*
 * Most ledger text is plain ASCII, kana and ideographs, which NFKC leaves alone: such text skips normalising (a
 * 100,000-row ledger folds a million cells). The classes hold no character NFKC changes, no combining mark (it
 * could compose with its neighbour) and no whitespace but single inner spaces; test/core/import/text.test.ts checks
 * every character of them against the slow path.
 */
const STABLE_WITHOUT_LATIN_CAPITALS = '!-@\\[-~\u3001-\u3029\u3030-\u3035\u303b-\u303f\u3041-\u3096\u309d\u309e\u30a0-\u30fe\u3400-\u4dbf\u4e00-\u9fff';
export const FOLD_STABLE = new RegExp(`^[A-Z${STABLE_WITHOUT_LATIN_CAPITALS}]+(?: [A-Z${STABLE_WITHOUT_LATIN_CAPITALS}]+)*$`);
export const KEY_STABLE = new RegExp(`^[${STABLE_WITHOUT_LATIN_CAPITALS}]+$`);

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
