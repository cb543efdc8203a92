import { FOLD_STABLE, KEY_STABLE, foldText, valueKey } from '../../../src/core/import/text';

// What the fast paths skip must be exactly what the full fold would leave as it is.
const fullFold = (t: string) => t.normalize('NFKC').replace(/\s+/g, ' ').trim();
const fullKey = (t: string) => fullFold(t).replace(/\s+/g, '').toLowerCase();

describe('folding ledger text', () => {
  it('takes the fast path only for characters the full fold leaves unchanged', () => {
    const changed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (FOLD_STABLE.test(ch) && fullFold(ch) !== ch) changed.push(`fold U+${c.toString(16)}`);
      if (KEY_STABLE.test(ch) && fullKey(ch) !== ch) changed.push(`key U+${c.toString(16)}`);
    }
    expect(changed).toEqual([]);
  });

  it.each([
    ['长政发〔2025〕12号', '长政发〔2025〕12号', '长政发〔2025〕12号'],
    ['  来文 单位：', '来文 单位:', '来文单位:'],
    ['ＡＢＣ　１２３', 'ABC 123', 'abc123'],
    ['Office  Supplies', 'Office Supplies', 'officesupplies'],
    ['カ\u3099', 'ガ', 'ガ'],
    ['ｶﾞ', 'ガ', 'ガ'],
  ])('%s folds to %s and keys as %s', (text, folded, key) => {
    expect(foldText(text)).toBe(folded);
    expect(valueKey(text)).toBe(key);
    expect(foldText(text)).toBe(fullFold(text));
    expect(valueKey(text)).toBe(fullKey(text));
  });
});
