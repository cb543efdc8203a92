/**
 * Consumption group-by: month × department × item, summing quantity and cost, over dictionary-encoded typed
 * columns. The cost of a group-by is in keying rows; with every dimension already a small integer the key is
 * arithmetic, so the sums go straight into typed accumulators: dense when the key space is small enough to
 * allocate, an open-addressing hash table on the integer key otherwise.
 */

export interface GroupInput {
  n: number;
  /** Month offset from the first month (0-based), department id, item id. */
  month: Int32Array;
  dept: Int32Array;
  item: Int32Array;
  qty: Float64Array;
  cost: Float64Array;
  months: number;
  depts: number;
  items: number;
}

export interface GroupOutput {
  n: number;
  month: Int32Array;
  dept: Int32Array;
  item: Int32Array;
  qty: Float64Array;
  cost: Float64Array;
  rows: Int32Array;
}

/** Dense accumulators while the key space is at most this many slots, or twice the row count if larger. */
const DENSE_LIMIT = 1 << 16;

/** Groups sorted by month, then department, then item. */
export function groupConsumption(input: GroupInput): GroupOutput {
  const space = input.months * input.depts * input.items;
  return space <= Math.max(DENSE_LIMIT, 2 * input.n) ? dense(input, space) : hashed(input);
}

function dense(input: GroupInput, space: number): GroupOutput {
  const { n, month, dept, item, qty, cost, depts, items } = input;
  const sumQ = new Float64Array(space);
  const sumC = new Float64Array(space);
  const count = new Int32Array(space);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const key = (month[i] * depts + dept[i]) * items + item[i];
    if (count[key]++ === 0) groups++;
    sumQ[key] += qty[i];
    sumC[key] += cost[i];
  }
  const out = emptyOutput(groups);
  let g = 0;
  for (let key = 0; g < groups; key++) {
    if (count[key] === 0) continue;
    const it = key % items;
    const md = (key - it) / items;
    const d = md % depts;
    out.month[g] = (md - d) / depts;
    out.dept[g] = d;
    out.item[g] = it;
    out.qty[g] = sumQ[key];
    out.cost[g] = sumC[key];
    out.rows[g] = count[key];
    g++;
  }
  return out;
}

function hashed(input: GroupInput): GroupOutput {
  const { n, month, dept, item, qty, cost, depts, items } = input;
  let capacity = 1024;
  while (capacity < n * 2) capacity *= 2;
  const mask = capacity - 1;
  // Keys can exceed 2^32 (many months × departments × items): stored as doubles, exact below 2^53.
  const keys = new Float64Array(capacity).fill(-1);
  const sumQ = new Float64Array(capacity);
  const sumC = new Float64Array(capacity);
  const count = new Int32Array(capacity);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const key = (month[i] * depts + dept[i]) * items + item[i];
    let slot = hashKey(key) & mask;
    while (keys[slot] !== key && keys[slot] !== -1) slot = (slot + 1) & mask;
    if (keys[slot] === -1) {
      keys[slot] = key;
      groups++;
    }
    count[slot]++;
    sumQ[slot] += qty[i];
    sumC[slot] += cost[i];
  }
  const slots = new Int32Array(groups);
  let g = 0;
  for (let s = 0; s < capacity; s++) if (keys[s] !== -1) slots[g++] = s;
  slots.sort((a, b) => keys[a] - keys[b]);
  const out = emptyOutput(groups);
  for (let j = 0; j < groups; j++) {
    const s = slots[j];
    const key = keys[s];
    const it = key % items;
    const md = (key - it) / items;
    const d = md % depts;
    out.month[j] = (md - d) / depts;
    out.dept[j] = d;
    out.item[j] = it;
    out.qty[j] = sumQ[s];
    out.cost[j] = sumC[s];
    out.rows[j] = count[s];
  }
  return out;
}

function hashKey(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) ^ (lo >>> 15);
}

function emptyOutput(n: number): GroupOutput {
  return {
    n,
    month: new Int32Array(n),
    dept: new Int32Array(n),
    item: new Int32Array(n),
    qty: new Float64Array(n),
    cost: new Float64Array(n),
    rows: new Int32Array(n),
  };
}
