import { mapColumns, confirmedMapping } from '../../../src/core/import/mapping';
import { headerKey } from '../../../src/core/import/text';
import { shippedSpec } from './shipped';

const spec = shippedSpec('收文登记');
const map = (headers: string[], saved: Record<string, string | null> | null = null) => mapColumns(headers, headers.map((h) => [h]), spec, saved);
const targetOf = (r: ReturnType<typeof map>, header: string) => r.columns.find((c) => c.header === header)!;

describe('column mapping', () => {
  it('exact, normalised (width, spaces, bracketed units) and alias matches', () => {
    const r = map(['收文日期', '来文 单位（全称）', '份数(份)', '文号', '缓急']);
    expect(r.columns.map((c) => [c.target, c.kind])).toEqual([
      ['收文日期', 'exact'],
      ['来文单位', 'normalised'],
      ['份数', 'normalised'],
      ['来文字号', 'alias'],
      ['紧急程度', 'alias'],
    ]);
    expect(headerKey('数量(个)')).toBe('数量');
  });

  it('来文机关 and 发文机关 are aliases of 来文单位 declared by the document', () => {
    expect(targetOf(map(['来文机关']), '来文机关').target).toBe('来文单位');
    expect(targetOf(map(['发文机关']), '发文机关').target).toBe('来文单位');
  });

  it('never matches headers one character apart automatically: 发文日期 is only a suggestion for 收文日期', () => {
    const c = targetOf(map(['发文日期', '来文单位']), '发文日期');
    expect(c.target).toBeNull();
    expect(c.kind).toBeNull();
    expect(c.suggestion).toBe('收文日期');
  });

  it('names every source column that maps to nothing, and the required fields still missing', () => {
    const r = map(['序号', '收文日期', '经手人签名', '来文单位']);
    expect(r.unmapped.map((c) => c.header)).toEqual(['经手人签名']);
    expect(targetOf(r, '序号').skipped).toBe('index');
    expect(r.missing).toEqual(['来文类别', '文件标题', '文件类别', '紧急程度', '密级', '份数']);
  });

  it('a field taken by its exact name is not given to an alias column too', () => {
    const r = map(['标题', '文件标题']);
    expect(targetOf(r, '文件标题').target).toBe('文件标题');
    expect(targetOf(r, '标题').duplicateOf).toBe(1);
  });

  it('a confirmed mapping wins and is given back as confirmed', () => {
    const r = map(['发文日期', '备注栏'], { 发文日期: '收文日期', 备注栏: null });
    expect(targetOf(r, '发文日期')).toMatchObject({ target: '收文日期', kind: 'confirmed' });
    expect(r.unmapped).toEqual([]);
    expect(confirmedMapping(r)).toEqual({ 发文日期: '收文日期', 备注栏: null });
  });
});
