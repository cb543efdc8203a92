import fc from 'fast-check';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { parseSettingsDocument } from '../../src/spec/parseSettings';
import { fixtureContext, fixtureDocument } from '../support/docs';

const context = fixtureContext();

function expectLocated(source: string) {
  const result = parseRegisterDocument(source, 'x.md', context);
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(e.file).toBe('x.md');
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.column).toBeGreaterThanOrEqual(1);
      expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      expect(e.messageEn.length).toBeGreaterThan(0);
    }
  }
  return result;
}

describe('the parser never throws and always locates its errors', () => {
  it('empty and whitespace-only files', () => {
    for (const s of ['', '   ', '\n\n\n', '\ufeff']) {
      const r = expectLocated(s);
      expect(r.ok).toBe(false);
    }
  });

  it('binary garbage', () => {
    const bytes = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const r = expectLocated(bytes);
    expect(r.ok).toBe(false);
  });

  it('10 MB of text', () => {
    const big = '# 巨大\n\n' + '这是一行很长的说明文字。'.repeat(20).concat('\n').repeat(45_000);
    expect(big.length).toBeGreaterThan(10_000_000);
    const r = expectLocated(big);
    expect(r.ok).toBe(false);
  });

  it('a document cut off at every line still gives located errors', () => {
    const lines = fixtureDocument().split('\n');
    for (let n = 0; n < lines.length; n += 3) expectLocated(lines.slice(0, n).join('\n'));
  });

  it('an unclosed table (row with missing cells, no separator)', () => {
    const r = expectLocated(fixtureDocument().replace('| --- | --- | --- | --- | --- | --- |\n', ''));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toContain('分隔行');
  });

  it('random text never crashes the parser (fast-check)', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('# ', '## ', '| ', ' | ', '\n', '——', '→', '当 ', '其他:', '是', '否', '日期', '编号', '格式 {n}', '{yyyy}', '设置:', '、', ';', '～', '｜', '\r\n', '```'),
      fc.constantFrom(...fixtureDocument().split('\n')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        expectLocated(pieces.join(''));
      }),
      { numRuns: 400 },
    );
  });

  it('random line-level edits of a real document never crash it (fast-check)', () => {
    const lines = fixtureDocument().split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(lines.length - 1), fc.oneof(fc.string(), fc.constantFrom('', '|', '| a |', '## 字段', '- 当 x 为 y:a——b'))), { maxLength: 8 }),
        (edits) => {
          const copy = [...lines];
          for (const [i, text] of edits) copy[i] = text;
          expectLocated(copy.join('\n'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the settings parser never throws either', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseSettingsDocument(s, '_设置.md');
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
