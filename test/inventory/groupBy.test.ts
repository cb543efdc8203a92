import fc from 'fast-check';
import { groupConsumption, type GroupInput } from '../../src/inventory/groupBy';

function naive(input: GroupInput) {
  const map = new Map<string, { month: number; dept: number; item: number; qty: number; cost: number; rows: number }>();
  for (let i = 0; i < input.n; i++) {
    const key = `${input.month[i]}|${input.dept[i]}|${input.item[i]}`;
    const g = map.get(key) ?? { month: input.month[i], dept: input.dept[i], item: input.item[i], qty: 0, cost: 0, rows: 0 };
    g.qty += input.qty[i];
    g.cost += input.cost[i];
    g.rows++;
    map.set(key, g);
  }
  return [...map.values()].sort((a, b) => a.month - b.month || a.dept - b.dept || a.item - b.item);
}

const inputArb = (maxDims: { months: number; depts: number; items: number }) =>
  fc
    .record({
      months: fc.integer({ min: 1, max: maxDims.months }),
      depts: fc.integer({ min: 1, max: maxDims.depts }),
      items: fc.integer({ min: 1, max: maxDims.items }),
      n: fc.integer({ min: 0, max: 300 }),
      seed: fc.integer(),
    })
    .map(({ months, depts, items, n, seed }) => {
      let s = seed >>> 0;
      const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s);
      const input: GroupInput = { n, months, depts, items, month: new Int32Array(n), dept: new Int32Array(n), item: new Int32Array(n), qty: new Float64Array(n), cost: new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        input.month[i] = next() % months;
        input.dept[i] = next() % depts;
        input.item[i] = next() % items;
        input.qty[i] = next() % 20;
        input.cost[i] = next() % 100000;
      }
      return input;
    });

function asRows(out: ReturnType<typeof groupConsumption>) {
  return Array.from({ length: out.n }, (_, g) => ({ month: out.month[g], dept: out.dept[g], item: out.item[g], qty: out.qty[g], cost: out.cost[g], rows: out.rows[g] }));
}

describe('consumption group-by over typed columns', () => {
  it('matches a plain Map group-by, sorted by month, department, item (dense key space)', () => {
    fc.assert(fc.property(inputArb({ months: 24, depts: 10, items: 50 }), (input) => expect(asRows(groupConsumption(input))).toEqual(naive(input))));
  });

  it('matches it too when the key space is too large to allocate densely (hash table)', () => {
    fc.assert(
      fc.property(inputArb({ months: 600, depts: 400, items: 5000 }), (input) => {
        input.months = Math.max(input.months, 500);
        input.depts = Math.max(input.depts, 300);
        input.items = Math.max(input.items, 4000);
        expect(input.months * input.depts * input.items).toBeGreaterThan(1 << 16);
        expect(asRows(groupConsumption(input))).toEqual(naive(input));
      }),
    );
  });

  it('sums integer fen exactly', () => {
    const n = 100_000;
    const input: GroupInput = { n, months: 1, depts: 1, items: 1, month: new Int32Array(n), dept: new Int32Array(n), item: new Int32Array(n), qty: new Float64Array(n).fill(1), cost: new Float64Array(n).fill(10) };
    const out = groupConsumption(input);
    expect(out.cost[0]).toBe(1_000_000);
    expect(out.qty[0]).toBe(n);
  });
});
