/**
 * The adapter's cell encoding against the fake's model of Excel's typed entry: whatever string a user typed, what
 * the adapter sends makes Excel store exactly that string, in a Text-formatted cell and in any other.
 */
import fc from 'fast-check';
import { areaRefs, decodeCell, encodeCell, jsonBytes, needsQuotePrefix } from '../../../src/workbook/officejs/encode';
import { enter } from '../../../src/workbook/officejs/testing/entry';

const typed = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))),
  fc.tuple(fc.constantFrom('=', '+', '-', '@', "'", '#', '＋', '－', ' '), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
  fc.constantFrom('TRUE', 'false', '１２３', '2026-03-15', '2026年3月15日', '3/15', '09:30', '50%', '1,234', '1e5', '-5', '0012'),
);

describe('encodeCell', () => {
  it('property: any non-empty string comes back as that string, as text, from a General cell', () => {
    fc.assert(
      fc.property(typed.filter((s) => s.length > 0), (s) => {
        const cell = enter(encodeCell(s, false), 'General', 'A1');
        expect(cell.formula).toBeUndefined();
        expect(cell.value).toBe(s);
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  it('property: … and from a Text (@) cell, where only a leading apostrophe needs protecting', () => {
    fc.assert(
      fc.property(typed.filter((s) => s.length > 0), (s) => {
        const sent = encodeCell(s, true);
        expect(sent).toBe(s.startsWith("'") ? `'${s}` : s);
        expect(enter(sent, '@', 'A1').value).toBe(s);
      }),
      { numRuns: 2000, seed: 2 },
    );
  });

  it('numbers and booleans go in as they are; empty is ""; plain words need no prefix', () => {
    expect([encodeCell(46096.5, false), encodeCell(true, false), encodeCell(null, true), encodeCell('', false)]).toEqual([46096.5, true, '', '']);
    expect(['收文登记', 'abc', ''].map(needsQuotePrefix)).toEqual([false, false, false]);
    expect(['=a', '1号', '＋', 'TRUE', '#REF!'].map(needsQuotePrefix)).toEqual([true, true, true, true, true]);
  });

  it('decodes empty cells to null and measures UTF-8 JSON bytes', () => {
    expect([decodeCell(''), decodeCell(0), decodeCell('x'), decodeCell(false)]).toEqual([null, 0, 'x', false]);
    expect(jsonBytes([['台', '😀', 'a']])).toBe(Buffer.byteLength(JSON.stringify([['台', '😀', 'a']]), 'utf8'));
    expect(areaRefs("收文登记!A2:B2,'My sheet'!$C$5")).toEqual(['A2:B2', 'C5']);
  });
});
