import fc from 'fast-check';
import { canonicalJson, sha256Hex } from '../../src/core/hash';
import { GENESIS_HASH, auditTail, canonicalRow, canonicalRowJson, entryHash, entryPayload, entryToRow, recordHash, rowToEntry, sealEntry } from '../../src/core/audit';
import { specColumns } from '../../src/core/layout';
import { shippedCatalog } from './import/shipped';
import { AUDIT_HEADER } from '../../src/core/auditLayout';
import { createHash } from 'node:crypto';
import { fixtureCatalog, spec } from './fixtures';

/** Rebuilds an object with its keys in another order, recursively. */
function reorder(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, pick));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const shuffled: [string, unknown][] = [];
    while (entries.length) shuffled.push(entries.splice(pick(entries.length), 1)[0]);
    return Object.fromEntries(shuffled.map(([k, v]) => [k, reorder(v, pick)]));
  }
  return value;
}

/** Every string (and key) in NFD: how a name pasted from some macOS apps arrives. */
function decompose(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFD');
  if (Array.isArray(value)) return value.map(decompose);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.normalize('NFD'), decompose(v)]));
  return value;
}

const text = fc.string({ unit: fc.constantFrom('a', 'é', 'e\u0301', '한', '台', '账', 'Å', 'A\u030a', ' ', '1', '"', '\\') });
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  // Keys that differ only in normalisation are one key (column names are unique after NFC).
  object: fc.dictionary(text, tie('value'), { maxKeys: 5 }).filter((o) => new Set(Object.keys(o).map((k) => k.normalize('NFC'))).size === Object.keys(o).length),
})).value;

describe('canonical hashing', () => {
  it('does not depend on property order', () => {
    fc.assert(
      fc.property(json, fc.array(fc.nat(), { minLength: 50, maxLength: 50 }), (value, seeds) => {
        let i = 0;
        const other = reorder(value, (n) => seeds[i++ % seeds.length] % n);
        expect(canonicalJson(other)).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on composed or decomposed Unicode (NFC is the canonical form)', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(decompose(value))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
    expect(canonicalJson({ 名称: 'Cafe\u0301' })).toBe(canonicalJson({ 名称: 'Café' }));
  });

  it('gives the same text as String.normalize("NFC") for any mix of CJK, kana, tone marks and accents', () => {
    const mixed = fc.string({ unit: fc.constantFrom('台', '账', '〔', '〕', '\u302a', '\u302b', '\u302e', 'か', '\u3099', 'e', '\u0301', 'Ａ', '\ufa10', '\u212b', '\u1100', '\u1161', ' ') });
    fc.assert(fc.property(mixed, (s) => expect(canonicalJson(s)).toBe(JSON.stringify(s.normalize('NFC')))), { numRuns: 500 });
  });

  it('keeps everything else: width, case and spaces are content', () => {
    expect(canonicalJson('ＡＢ')).not.toBe(canonicalJson('AB'));
    expect(canonicalJson('ab')).not.toBe(canonicalJson('AB'));
    expect(canonicalJson('a b')).not.toBe(canonicalJson('ab'));
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('is real SHA-256 through WebCrypto', async () => {
    for (const s of ['', 'abc', '台账 Taizhang 📒']) expect(await sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });

  it('hashes a record as the sheet will hold it', async () => {
    const s = spec(fixtureCatalog(), 'incoming_docs');
    const base = { values: { 收文编号: 'SW-2026-0001', 收文日期: '2026-03-02', 份数: 2, 来文单位: 'Café' }, submittedBy: '孙晓燕', submittedAt: '2026-03-02T09:00', status: '待办公室主任拟办', steps: {} };
    const h = await recordHash(s, base);
    expect(await recordHash(s, { ...base, values: { ...base.values, 来文单位: 'Cafe\u0301', 备注: '' } })).toBe(h);
    expect(await recordHash(s, { ...base, submittedAt: '2026-03-02 09:00' })).toBe(h);
    expect(await recordHash(s, { ...base, values: { ...base.values, 份数: 3 } })).not.toBe(h);
    expect(await recordHash(s, { ...base, status: '已办结' })).not.toBe(h);
  });
});

describe('the audit chain', () => {
  it('chains each entry to the one before with SHA-256(previous hash + entry)', async () => {
    const first = await sealEntry({ seq: 0, hash: GENESIS_HASH }, { time: '2026-03-02T09:00', register: 'incoming_docs', number: 'SW-2026-0001', action: '提交', actor: '孙晓燕', contentHash: 'a'.repeat(64) });
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(createHash('sha256').update(GENESIS_HASH + canonicalJson({ seq: 1, time: '2026-03-02T09:00', register: 'incoming_docs', number: 'SW-2026-0001', action: '提交', actor: '孙晓燕', contentHash: 'a'.repeat(64) })).digest('hex'));
    const second = await sealEntry(first, { time: '2026-03-02T10:00', register: 'incoming_docs', number: 'SW-2026-0001', action: '审批', actor: '赵敏', contentHash: 'b'.repeat(64) });
    expect(second.prevHash).toBe(first.hash);
    const rows = [[...AUDIT_HEADER], entryToRow(first), entryToRow(second)];
    expect(auditTail(rows)).toEqual({ seq: 2, hash: second.hash });
    expect(auditTail([[...AUDIT_HEADER]])).toEqual({ seq: 0, hash: GENESIS_HASH });
    const back = rowToEntry(entryToRow(second));
    expect(back).toEqual(second);
    expect(await entryHash(back.prevHash, back)).toBe(second.hash);
  });

  it('hashes an entry as the canonical JSON of its members, whatever text they hold (chains written before stay valid)', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('e\u0301', 'Å', '退回至部门领导审核', '周婷(代 赵敏)', '"\\\n'));
    fc.assert(
      fc.property(fc.record({ action: text, actor: text, contentHash: text, number: text, register: text, seq: fc.integer(), time: text }), (e) => {
        expect(entryPayload(e)).toBe(canonicalJson({ ...e }));
      }),
    );
  });
});

describe('a record’s canonical content written straight from its row', () => {
  const registers = shippedCatalog().registers;
  const cell = fc.oneof(fc.constant(null), fc.constant(''), fc.integer({ min: -5, max: 60000 }), fc.double({ min: 0, max: 50000, noNaN: true }), fc.boolean(), text, fc.constantFrom('2025-03-05', '2026-03-15T10:00', '已办结', '长政发〔2025〕12号', 'Cafe\u0301'));

  it('gives the bytes the general canonical form gives, on every shipped register', () => {
    for (const register of registers) {
      const width = specColumns(register).length;
      fc.assert(
        fc.property(fc.array(cell, { minLength: width, maxLength: width }), (row) => canonicalRowJson(register, row) === canonicalJson(canonicalRow(register, row))),
        { numRuns: 60 },
      );
    }
  });

  it('falls back to the general form when a field name needs normalising', () => {
    const shipped = registers.find((r) => r.name === '收文登记')!;
    const decomposed = { ...shipped, fields: shipped.fields.map((f, i) => (i === 1 ? { ...f, name: 'Cafe\u0301' } : f)) };
    const row = specColumns(decomposed).map((_, i) => (i % 2 ? `值${i}` : null));
    expect(canonicalRowJson(decomposed, row)).toBe(canonicalJson(canonicalRow(decomposed, row)));
    expect(canonicalRowJson(decomposed, row)).toContain('"Café"');
  });
});
