import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/core/hash';
import { rowHash } from '../../../src/core/import/plan';
import type { PreparedRow } from '../../../src/core/import/prepare';
import { shippedSpec } from './shipped';

// What _导入 stores for every imported row: re-importing a file made with an earlier version must still find it.
const digest = async (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const general = (register: string, row: PreparedRow) => digest(canonicalJson({ register, values: row.values, status: row.status }));

describe('an imported row’s hash', () => {
  const spec = shippedSpec('收文登记');
  const names = [...spec.fields.map((f) => f.name), '不是字段', 'Cafe\u0301'];
  const value = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.boolean(), fc.string({ unit: fc.constantFrom('a', 'e\u0301', '台', '"', ' ') }), fc.constantFrom('2025-03-05', '长沙市人民政府办公厅'));

  it('is the hash of the general canonical form, whatever fields the ledger mapped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length }), fc.option(fc.constantFrom('已办结', '待 审核', 'e\u0301')), async (values, status) => {
        const row = { sourceRow: 3, kind: 'data', values, status, problems: [] } as PreparedRow;
        expect(await rowHash(spec, row, digest)).toBe(await general(spec.id, row));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order the ledger’s columns came in', async () => {
    const a = { sourceRow: 3, kind: 'data' as const, values: { 收文日期: '2025-03-05', 文件标题: '通知' }, status: null, problems: [] };
    const b = { ...a, values: { 文件标题: '通知', 收文日期: '2025-03-05' } };
    expect(await rowHash(spec, a, digest)).toBe(await rowHash(spec, b, digest));
  });
});
