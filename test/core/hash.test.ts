/**
 * canonicalJson is what every audit hash covers: its bytes must never change. The fast path for objects whose keys
 * NFC leaves alone must write exactly what the general definition writes (keys NFC-normalised and sorted by UTF-16
 * code unit, strings NFC, undefined members dropped).
 */
import fc from 'fast-check';
import { canonicalJson } from '../../src/core/hash';

function reference(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .map((k) => [k.normalize('NFC'), k] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map(([n, k]) => `${JSON.stringify(n)}:${reference(obj[k])}`).join(',')}}`;
  }
  return 'null';
}

const key = fc.oneof(fc.constantFrom('收文编号', '登记人', 'steps', 'a', 'B', 'e\u0301', 'é', '办结日期', 'Z9', '\u{1F600}'), fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }));
const leaf = fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double({ noNaN: true }), fc.integer(), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom('长沙市人民政府办公厅', 'Cafe\u0301'));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 6 })),
}));

describe('canonicalJson', () => {
  it('writes exactly the canonical form for any record-like value', () => {
    fc.assert(fc.property(fc.dictionary(key, tree, { maxKeys: 8 }), (value) => canonicalJson(value) === reference(value)), { numRuns: 2000 });
  });

  it('sorts keys by code unit and drops undefined members', () => {
    expect(canonicalJson({ 登记人: '孙晓燕', b: undefined, B: 1, a: [undefined, 'e\u0301'] })).toBe('{"B":1,"a":[null,"é"],"登记人":"孙晓燕"}');
  });
});
