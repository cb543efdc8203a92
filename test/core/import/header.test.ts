import { findHeader } from '../../../src/core/import/header';
import { prepareImport } from '../../../src/core/import/prepare';
import { shippedCatalog, shippedSpec } from './shipped';

const spec = shippedSpec('收文登记');

describe('finding the header of a hand-made ledger', () => {
  it('skips a merged title, a note line and blank rows, and a row of column numbers under the header', () => {
    const rows = [['收文登记簿'], ['填表人:周婷'], [], ['序号', '收文日期', '来文机关', '标题'], [1, 2, 3, 4], [1, '2025.3.5', '市政府', '通知']];
    const found = findHeader(rows, ['A1:D1'], spec)!;
    expect(found).toMatchObject({ row: 3, height: 1, dataStart: 5 });
    expect(found.headers).toEqual(['序号', '收文日期', '来文机关', '标题']);
  });

  it('joins a two-row header whose upper cells are merged across their columns', () => {
    const rows = [['收文日期', '来文', null, '标题'], [null, '单位', '字号', null], ['2025.3.5', '市政府', '长政发〔2025〕1号', '通知']];
    const found = findHeader(rows, ['B1:C1', 'A1:A2', 'D1:D2'], spec)!;
    expect(found).toMatchObject({ row: 0, height: 2, dataStart: 2 });
    expect(found.headers).toEqual(['收文日期', '来文单位', '来文字号', '标题']);
  });

  it('says so when no row within the first 30 names a field', () => {
    const r = prepareImport({ name: '工资表', rows: [['姓名', '基本工资', '绩效'], ['张三', 5000, 800]], merges: [] }, spec, shippedCatalog().settings);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('工资表:前 30 行中找不到表头');
  });
});

describe('preparing rows', () => {
  it('classifies blank, subtotal and data rows and locates a conversion problem at its cell', () => {
    const rows = [['收文日期', '来文单位', '份数'], ['2025.3.5', '市政府', '2份'], [null, '', null], ['2025.2.30', '省政府', '1'], ['合 计', null, '3份']];
    const r = prepareImport({ name: '旧', rows, merges: [] }, spec, shippedCatalog().settings);
    if (!r.ok) throw new Error(r.message);
    expect(r.rows.map((x) => [x.sourceRow, x.kind])).toEqual([[2, 'data'], [3, 'blank'], [4, 'data'], [5, 'subtotal']]);
    expect(r.rows[0].values).toEqual({ 收文日期: '2025-03-05', 来文单位: '市政府', 份数: 2 });
    expect(r.rows[2].problems).toEqual([expect.objectContaining({ field: '收文日期', cell: 'A4' })]);
  });
});
