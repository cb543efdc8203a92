import iconv from 'iconv-lite';
import { csvSource, detectEncoding, toCsv } from '../../src/import/csvSource';

const text = '收文日期,来文单位\r\n2025.3.5,"长沙市,人民政府"\r\n';

describe('CSV sources in the encodings offices have', () => {
  it('GB18030 without a BOM (另存为 CSV in Chinese Excel and WPS)', () => {
    const sheet = csvSource(iconv.encode(text, 'gb18030'), 'a.csv');
    expect(sheet.encoding).toBe('gb18030');
    expect(sheet.rows).toEqual([['收文日期', '来文单位'], ['2025.3.5', '长沙市,人民政府']]);
  });

  it('UTF-8 with and without a BOM, and UTF-16 with one', () => {
    expect(csvSource(Buffer.from(text, 'utf8'), 'a.csv').rows[1][1]).toBe('长沙市,人民政府');
    expect(detectEncoding(Buffer.from('\ufeff' + text, 'utf8'))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(csvSource(Buffer.from('\ufeff' + text, 'utf8'), 'a.csv').rows[0][0]).toBe('收文日期');
    expect(csvSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'a.csv').rows[0][1]).toBe('来文单位');
  });

  it('writes the report copy back as UTF-8 with a BOM, quoting what needs it', () => {
    expect(toCsv([['问题', null], ['a,b', '多行\n文字']])).toBe('\ufeff问题,\r\n"a,b","多行\n文字"');
  });
});
