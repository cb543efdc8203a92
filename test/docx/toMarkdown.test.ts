/**
 * The Word front end of the parser on documents built block by block: headings however Word users make them,
 * tables of any shape carried through column by column, and parser errors placed as a Word user sees them, in
 * both languages.
 */
import { placeOf, splitHeadingNumber, wordToMarkdown } from '../../src/docx/toMarkdown';
import type { WordBlock, WordCell, WordParagraph, WordTable } from '../../src/docx/wordModel';
import { formatDocError } from '../../src/spec/errors';
import { locateErrors } from '../../src/cli/documents';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { fixtureContext, fixtureDocument } from '../support/docs';
import { docxOf, editDocx, elements, W } from '../support/docx';
import { readDocx } from '../../src/docx/readDocx';

const p = (text: string, extra: Partial<WordParagraph> = {}): WordParagraph => ({ kind: 'paragraph', text, heading: null, list: null, bold: false, changes: [], ...extra });
const cell = (text: string, extra: Partial<WordCell> = {}): WordCell => ({ text, span: 1, vMerge: null, changes: [], ...extra });
const table = (...rows: WordCell[][]): WordTable => ({ kind: 'table', rows: rows.map((cells, i) => ({ cells, header: i === 0, gridBefore: 0 })) });
const md = (...blocks: WordBlock[]) => wordToMarkdown({ blocks }).markdown;

describe('headings as Word users make them', () => {
  it.each([
    ['一、目的', 1, '目的'],
    ['十一、审核和更新', 11, '审核和更新'],
    ['（三）范围', 3, '范围'],
    ['第二章 目的', 2, '目的'],
    ['4. 主要步骤', 4, '主要步骤'],
    ['４．主要步骤', 4, '主要步骤'],
    ['审批流程', null, '审批流程'],
    ['字段：', null, '字段'],
  ])('%s → number %s, title %s', (text, number, title) => {
    const split = splitHeadingNumber(text);
    expect(split.number).toBe(number);
    expect(split.title).toBe(title);
  });

  it('Title + Heading 1 sections, Heading 1 title + Heading 2 sections, and typed headings give the same Markdown', () => {
    const body = [table([cell('项目'), cell('内容')], [cell('标识'), cell('x_docs')]), p('一、目的', { heading: 1 }), p('说明文字。'), p('审批流程', { heading: 1 }), p('无')];
    const expected = '# 收文登记\n\n| 项目 | 内容 |\n| --- | --- |\n| 标识 | x_docs |\n\n## 1. 目的\n\n说明文字。\n\n## 审批流程\n\n无\n';
    expect(md(p('收文登记', { heading: 'title' }), ...body)).toBe(expected);
    const shifted = body.map((b) => (b.kind === 'paragraph' && b.heading === 1 ? { ...b, heading: 2 } : b));
    expect(md(p('收文登记', { heading: 1 }), ...shifted)).toBe(expected);
    const typed = body.map((b) => (b.kind === 'paragraph' && b.heading === 1 ? { ...b, heading: null, bold: true } : b));
    expect(md(p('收文登记', { bold: true }), ...typed)).toBe(expected);
    // Numbered by Word in a plain paragraph: the number is not in the text, the section is.
    const numbered = body.map((b) => (b.kind === 'paragraph' && b.heading === 1 ? { ...b, heading: null, list: 'number' as const, text: b.text.replace('一、', '') } : b));
    expect(md(p('收文登记', { heading: 'title' }), ...numbered)).toBe(expected.replace('## 1. 目的', '## 目的'));
  });

  it('a sub-heading inside a section stays inside it; bullets typed by hand are list items', () => {
    expect(md(p('T', { heading: 'title' }), p('主要步骤', { heading: 1 }), p('准备', { heading: 2 }), p('• 第一步'), p('第二步', { list: 'bullet' }))).toBe(
      '# T\n\n## 主要步骤\n\n### 准备\n\n- 第一步\n- 第二步\n',
    );
  });
});

describe('tables are carried through column by column, whatever their columns', () => {
  it('a column the parser may learn later (别名) and a new section with its own table come through as written', () => {
    const out = md(
      p('T', { heading: 'title' }),
      p('字段', { heading: 1 }),
      table([cell('字段'), cell('别名'), cell('类型')], [cell('收文日期'), cell('date_in'), cell('日期')]),
      p('英文名称', { heading: 1 }),
      table([cell('项目'), cell('内容')], [cell('名称'), cell('Incoming | documents')]),
    );
    expect(out).toContain('## 字段\n\n| 字段 | 别名 | 类型 |\n| --- | --- | --- |\n| 收文日期 | date_in | 日期 |\n');
    expect(out).toContain('## 英文名称\n\n| 项目 | 内容 |\n| --- | --- |\n| 名称 | Incoming \\| documents |\n');
  });

  it('merged data cells: a horizontal span leaves the covered columns empty, a vertical merge repeats the text', () => {
    const out = md(
      p('字段', { heading: 1 }),
      table([cell('字段'), cell('类型'), cell('必填')], [cell('甲'), cell('日期', { vMerge: 'restart' }), cell('是')], [cell('乙'), cell('', { vMerge: 'continue' }), cell('否')], [cell('丙 说明', { span: 2 }), cell('否')], [cell(''), cell(''), cell('')]),
    );
    expect(out).toContain('| 甲 | 日期 | 是 |\n| 乙 | 日期 | 否 |\n| 丙 说明 |  | 否 |\n');
    expect(out.match(/\n\|/g)).toHaveLength(5); // header, separator, three rows: the empty row is dropped
  });
});

describe('errors placed as a Word user sees them', () => {
  it('maps a parser line and column to the table, row (header = 第 1 行) and column header, in zh-CN and en-US', async () => {
    const buf = await editDocx(await docxOf(fixtureDocument()), (doc) => {
      const t = elements(doc, 't').find((x) => x.textContent === '日期')!; // 收文日期's type
      t.textContent = '日起';
      t.firstChild!.nodeValue = '日起';
    });
    const converted = wordToMarkdown(await readDocx(buf));
    const result = parseRegisterDocument(converted.markdown, '收文登记.docx', fixtureContext());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [error] = locateErrors(result.errors, [{ file: '收文登记.docx', source: converted.markdown, word: converted }]);
    expect(formatDocError(error)).toMatch(/^收文登记\.docx: 字段表 第 3 行 “类型”: 字段“收文日期”的类型“日起”未知,应为:文本、/);
    expect(formatDocError(error, 'en-US')).toBe('收文登记.docx: 字段 table row 3 "类型": Unknown type "日起" for "收文日期"');
  });

  it('places headings, paragraphs and the start of the document', () => {
    const converted = wordToMarkdown({ blocks: [p('T', { heading: 'title' }), p('目的', { heading: 1 }), p('一'), p('二')] });
    const lineOf = (text: string) => converted.markdown.split('\n').indexOf(text) + 1;
    expect(placeOf(converted.origins, lineOf('# T'), 1).zh).toBe('标题');
    expect(placeOf(converted.origins, lineOf('## 目的'), 1)).toEqual({ zh: '“目的”标题', en: 'heading "目的"' });
    expect(placeOf(converted.origins, lineOf('二'), 1)).toEqual({ zh: '“目的” 第 2 段', en: '"目的" paragraph 2' });
  });
});

describe('style names Word writes in other languages and tools', () => {
  it('a heading style with a localized id (WPS / Chinese Word: styleId "2", name "heading 1") is still a heading', async () => {
    let buf = await docxOf(fixtureDocument());
    buf = await editDocx(buf, (doc) => {
      for (const s of elements(doc, 'style')) if (s.getAttributeNS(W, 'styleId') === 'Heading1') s.setAttributeNS(W, 'w:styleId', '2');
    }, 'word/styles.xml');
    buf = await editDocx(buf, (doc) => {
      for (const s of elements(doc, 'pStyle')) if (s.getAttributeNS(W, 'val') === 'Heading1') s.setAttributeNS(W, 'w:val', '2');
    });
    const converted = wordToMarkdown(await readDocx(buf));
    expect(converted.markdown).toBe(fixtureDocument());
  });
});
