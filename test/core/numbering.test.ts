import fc from 'fast-check';
import { compilePattern, formatNumber, nextNumber, numberingProblems, parseNumber } from '../../src/core/numbering';

const DOC = compilePattern('综办发〔{yyyy}〕{n}号');
const YEARLY = compilePattern('SW-{yyyy}-{n:4}');
const MONTHLY = compilePattern('CG-{yyyy}{mm}-{n:3}');
const CODE = compilePattern('GL/YJ-BG-{n:2}');

describe('numbering patterns from the documents', () => {
  it('formats 发文字号, yearly and monthly serials with zero padding', () => {
    expect(formatNumber(DOC, 2026, 1, 15)).toBe('综办发〔2026〕15号');
    expect(formatNumber(YEARLY, 2026, 5, 7)).toBe('SW-2026-0007');
    expect(formatNumber(MONTHLY, 2026, 3, 4)).toBe('CG-202603-004');
    expect(formatNumber(CODE, 2026, 1, 1)).toBe('GL/YJ-BG-01');
  });

  it('gives the first number of a period, then one above the highest', () => {
    expect(nextNumber(YEARLY, [], '2026-01-05T09:00').number).toBe('SW-2026-0001');
    expect(nextNumber(YEARLY, ['SW-2026-0001', 'SW-2026-0002'], '2026-01-05').number).toBe('SW-2026-0003');
    expect(nextNumber(DOC, ['综办发〔2026〕14号'], '2026-06-01').number).toBe('综办发〔2026〕15号');
  });

  it('restarts each year or month as the pattern says', () => {
    expect(nextNumber(YEARLY, ['SW-2025-0310'], '2026-01-04').number).toBe('SW-2026-0001');
    expect(nextNumber(MONTHLY, ['CG-202602-017', 'CG-202603-002'], '2026-03-20').number).toBe('CG-202603-003');
    expect(nextNumber(MONTHLY, ['CG-202602-017', 'CG-202603-002'], '2026-04-01').number).toBe('CG-202604-001');
    expect(nextNumber(CODE, ['GL/YJ-BG-09'], '2030-01-01').number).toBe('GL/YJ-BG-10');
  });

  it('works with rows out of order, blank rows and hand-typed numbers', () => {
    const rows = ['SW-2026-0004', null, '', 'SW-2026-0001', 'ｓｗ－２０２６－１２', 'SW-2026-0003', '见附件'];
    expect(nextNumber(YEARLY, rows, '2026-08-08').number).toBe('SW-2026-0013');
    expect(nextNumber(DOC, ['综办发[2026]8号', '综办发（2026）9号', '综办发 【2026】 10 号'], '2026-09-01').number).toBe('综办发〔2026〕11号');
  });

  it('reads a hand-typed number as the same number and says how to write it', () => {
    expect(parseNumber(DOC, '综办发[2026]8号')).toEqual({ period: '2026', n: 8, canonical: '综办发〔2026〕8号' });
    expect(parseNumber(YEARLY, 'sw-2026-12')?.canonical).toBe('SW-2026-0012');
    expect(parseNumber(YEARLY, 'SW-2026-0000')).toBeNull();
    expect(parseNumber(MONTHLY, 'CG-202613-001')).toBeNull();
  });

  it('reports duplicates, gaps, blanks, malformed and sloppy numbers — never fixes them', () => {
    const problems = numberingProblems(YEARLY, [
      { row: 2, value: 'SW-2026-0001' },
      { row: 3, value: 'SW-2026-0002' },
      { row: 4, value: 'SW-2026-0002' },
      { row: 5, value: 'SW-2026-0006' },
      { row: 6, value: null },
      { row: 7, value: '待编' },
      { row: 8, value: 'sw-2026-7' },
      { row: 9, value: 'SW-2025-0002' },
    ]);
    expect(problems).toEqual([
      { kind: 'duplicate', row: 4, value: 'SW-2026-0002', firstRow: 3 },
      { kind: 'gap', row: 5, period: '2026', from: 'SW-2026-0003', to: 'SW-2026-0005', count: 3 },
      { kind: 'missing', row: 6 },
      { kind: 'malformed', row: 7, value: '待编' },
      { kind: 'format', row: 8, value: 'sw-2026-7', canonical: 'SW-2026-0007' },
      { kind: 'gap', row: 9, period: '2025', from: 'SW-2025-0001', to: 'SW-2025-0001', count: 1 },
    ]);
  });
});

describe('numbering properties', () => {
  const patterns = [DOC, YEARLY, MONTHLY, CODE];
  const now = fc.record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}-15T10:00`);
  const existingFor = (p: ReturnType<typeof compilePattern>) =>
    fc.array(
      fc.oneof(
        fc.record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 5000 }) }).map(({ y, m, n }) => formatNumber(p, y, m, n)),
        fc.record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 5000 }) }).map(({ y, m, n }) => formatNumber(p, y, m, n).replace(/〔/g, '[').replace(/〕/g, ']').replace(/-0+/g, '-').toLowerCase()),
        fc.string(),
        fc.constant(null),
      ),
      { maxLength: 60 },
    );

  it('never returns a number already in the register, however the register was typed', () => {
    for (const p of patterns) {
      fc.assert(
        fc.property(existingFor(p), now, (existing, at) => {
          const next = nextNumber(p, existing, at);
          const taken = new Set(existing.flatMap((v) => (typeof v === 'string' ? [v, parseNumber(p, v)?.canonical] : [])));
          expect(taken.has(next.number)).toBe(false);
          expect(parseNumber(p, next.number)?.canonical).toBe(next.number);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('numbers handed out one after another are consecutive and have no gaps or duplicates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), now, (count, at) => {
        const rows: string[] = [];
        for (let i = 0; i < count; i++) rows.push(nextNumber(MONTHLY, rows, at).number);
        expect(numberingProblems(MONTHLY, rows.map((value, i) => ({ row: i + 2, value })))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
