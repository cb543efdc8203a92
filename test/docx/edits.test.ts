/**
 * A register maintained in Word: the exported 收文登记.docx, edited as Word stores each ordinary edit, reads to the
 * same spec as the Markdown document with the same edit; what Word users do besides (full-width punctuation,
 * headings numbered by hand or by Word, merged header cells, empty rows, comments, tracked changes) reads as meant.
 */
import type { Document as XmlDocument } from '@xmldom/xmldom';
import { readDocx } from '../../src/docx/readDocx';
import { wordToMarkdown } from '../../src/docx/toMarkdown';
import { formatDocError } from '../../src/spec/errors';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import type { RegisterSpec } from '../../src/spec/schema';
import { runCli } from '../support/cli';
import { fixtureContext } from '../support/docs';
import {
  W,
  addPart,
  cells,
  childElements,
  docxOf,
  editDocx,
  elements,
  fixtureMarkdown,
  folderWithDocx,
  paragraph,
  rows,
  run,
  setCellText,
  setParagraphText,
  tableAfter,
  textOf,
  tracked,
} from '../support/docx';

const context = fixtureContext();
const markdown = fixtureMarkdown();

function specOfMarkdown(source: string): RegisterSpec {
  const r = parseRegisterDocument(source, '收文登记.md', context);
  if (!r.ok) throw new Error(r.errors.map((e) => formatDocError(e)).join('\n'));
  return r.value;
}

async function specOfDocx(buf: Buffer): Promise<RegisterSpec> {
  return specOfMarkdown(wordToMarkdown(await readDocx(buf)).markdown);
}

async function edited(edit: (doc: XmlDocument) => void): Promise<Buffer> {
  return editDocx(await docxOf(markdown), edit);
}

/** The same edit made to the Markdown source, for the spec the Word edit must give. */
function mdEdit(find: string, replace: string): string {
  if (!markdown.includes(find)) throw new Error(`fixture lacks ${find}`);
  return markdown.replace(find, replace);
}

describe('ordinary edits made in Word read back as the same edit made to the Markdown', () => {
  it('the untouched export reads to exactly the Markdown spec', async () => {
    expect(await specOfDocx(await docxOf(markdown))).toEqual(specOfMarkdown(markdown));
  });

  it('a field row added to the 字段 table (a row inserted above 备注, typed into)', async () => {
    const buf = await edited((doc) => {
      const table = tableAfter(doc, '字段');
      const last = rows(table)[rows(table).length - 1];
      const copy = last.cloneNode(true) as typeof last;
      const [name, type, required, rules, choices, note] = cells(copy);
      setCellText(name, '经办', '人');
      setCellText(type, '人员');
      setCellText(required, '否');
      setCellText(rules, '');
      setCellText(choices, '');
      setCellText(note, '经办此文的人');
      table.insertBefore(copy, last);
    });
    const expected = specOfMarkdown(mdEdit('| 备注 |', '| 经办人 | 人员 | 否 |  |  | 经办此文的人 |\n| 备注 |'));
    const spec = await specOfDocx(buf);
    expect(spec).toEqual(expected);
    expect(spec.fields.map((f) => f.name)).toContain('经办人');
  });

  it('a choice added to a list (typed at the end of the 选项 cell, in a run of its own)', async () => {
    const buf = await edited((doc) => {
      const row = rows(tableAfter(doc, '字段')).find((r) => textOf(cells(r)[0]) === '来文类别')!;
      elements(cells(row)[4], 'p')[0].appendChild(run(doc, '、其他来文'));
    });
    const spec = await specOfDocx(buf);
    expect(spec).toEqual(specOfMarkdown(mdEdit('| 上级来文、平级来文、下级来文 |', '| 上级来文、平级来文、下级来文、其他来文 |')));
    expect(spec.fields.find((f) => f.name === '来文类别')!.choices).toEqual(['上级来文', '平级来文', '下级来文', '其他来文']);
  });

  it('a step added to the approval chain', async () => {
    const buf = await edited((doc) => {
      const p = paragraph(doc, /^其他:/);
      setParagraphText(p, '其他:办公室文员登记——办公室主任拟办——分管领导批示——', '承办部门办理——办公室主任复核——办公室文员归档');
    });
    const spec = await specOfDocx(buf);
    expect(spec).toEqual(specOfMarkdown(mdEdit('分管领导批示——承办部门办理——办公室文员归档', '分管领导批示——承办部门办理——办公室主任复核——办公室文员归档')));
    expect(spec.chain[1].steps.map((s) => s.text)).toContain('办公室主任复核');
  });

  it('text in a section changed, and a paragraph added to it', async () => {
    const buf = await edited((doc) => {
      const p = paragraph(doc, /^对外部来文进行登记/);
      setParagraphText(p, '对外部来文进行登记和呈批,', '保障公文流转可追溯。');
      const added = p.cloneNode(true) as typeof p;
      setParagraphText(added, '电子公文同样登记。');
      p.parentNode!.insertBefore(added, p.nextSibling);
    });
    const spec = await specOfDocx(buf);
    expect(spec.outline['目的']).toBe('对外部来文进行登记和呈批,保障公文流转可追溯。\n\n电子公文同样登记。');
    expect({ ...spec, outline: { ...spec.outline, 目的: '' } }).toEqual({ ...specOfMarkdown(markdown), outline: { ...specOfMarkdown(markdown).outline, 目的: '' } });
  });
});

describe('what Word users do besides', () => {
  const original = specOfMarkdown(markdown);

  it('full-width punctuation typed by a Chinese input method', async () => {
    const buf = await edited((doc) => {
      // ： ～ ； as a Chinese input method types them (U+FF1A, U+FF5E, U+FF1B).
      setParagraphText(paragraph(doc, /^其他:/), '其他\uff1a办公室文员登记——办公室主任拟办——分管领导批示——承办部门办理——办公室文员归档');
      const row = rows(tableAfter(doc, '字段')).find((r) => textOf(cells(r)[0]) === '份数')!;
      setCellText(cells(row)[3], '1\uff5e999\uff1b单位 份');
      const list = rows(tableAfter(doc, '字段')).find((r) => textOf(cells(r)[0]) === '密级')!;
      setCellText(cells(list)[4], '设置\uff1a密级');
      setParagraphText(paragraph(doc, '二、目的'), '２．目的');
    });
    expect(wordToMarkdown(await readDocx(buf)).markdown).toContain('| 1\uff5e999\uff1b单位 份 |');
    expect(await specOfDocx(buf)).toEqual(original);
  });

  it('section headings typed by hand as 一、目的 in plain bold paragraphs, and the title as a plain paragraph', async () => {
    const buf = await edited((doc) => {
      for (const p of elements(doc, 'p')) {
        const style = elements(p, 'pStyle')[0];
        if (!style) continue;
        const pPr = style.parentNode!;
        pPr.removeChild(style);
        for (const r of elements(p, 'r')) {
          const rPr = doc.createElementNS(W, 'w:rPr');
          rPr.appendChild(doc.createElementNS(W, 'w:b'));
          r.insertBefore(rPr, r.firstChild);
        }
      }
    });
    const converted = wordToMarkdown(await readDocx(buf)).markdown;
    expect(converted).toContain('## 2. 目的');
    expect(await specOfDocx(buf)).toEqual(original);
  });

  it('headings numbered by Word (numbering.xml) instead of typed numbers', async () => {
    const buf = await edited((doc) => {
      for (const p of elements(doc, 'p')) {
        const style = elements(p, 'pStyle')[0];
        if (style?.getAttributeNS(W, 'val') !== 'Heading1') continue;
        const text = textOf(p).replace(/^[一二三四五六七八九十]+、/, '');
        setParagraphText(p, text);
        const numPr = doc.createElementNS(W, 'w:numPr');
        const ilvl = doc.createElementNS(W, 'w:ilvl');
        ilvl.setAttributeNS(W, 'w:val', '0');
        const numId = doc.createElementNS(W, 'w:numId');
        numId.setAttributeNS(W, 'w:val', '1');
        numPr.appendChild(ilvl);
        numPr.appendChild(numId);
        style.parentNode!.insertBefore(numPr, style.nextSibling);
      }
    });
    expect(wordToMarkdown(await readDocx(buf)).markdown).toContain('## 目的');
    expect(await specOfDocx(buf)).toEqual(original);
  });

  it('a header row split in two with merged cells (gridSpan / vMerge), and empty rows left at the end', async () => {
    const buf = await edited((doc) => {
      const table = tableAfter(doc, '字段');
      const header = rows(table)[0];
      const top = header.cloneNode(true) as typeof header;
      const topCells = cells(top);
      const bottomCells = cells(header);
      // Top row: 字段 类型 必填 span vertically; 规则 + 选项 sit under one merged 约束 cell; 说明 spans vertically.
      const vMerge = (tc: (typeof topCells)[0], restart: boolean) => {
        const m = doc.createElementNS(W, 'w:vMerge');
        if (restart) m.setAttributeNS(W, 'w:val', 'restart');
        elements(tc, 'tcPr')[0].appendChild(m);
      };
      for (const i of [0, 1, 2, 5]) {
        vMerge(topCells[i], true);
        vMerge(bottomCells[i], false);
        setCellText(bottomCells[i], '');
      }
      setCellText(topCells[3], '约束');
      const span = doc.createElementNS(W, 'w:gridSpan');
      span.setAttributeNS(W, 'w:val', '2');
      elements(topCells[3], 'tcPr')[0].appendChild(span);
      top.removeChild(topCells[4]);
      table.insertBefore(top, header);
      const last = rows(table)[rows(table).length - 1];
      for (let i = 0; i < 3; i++) {
        const empty = last.cloneNode(true) as typeof last;
        for (const tc of cells(empty)) setCellText(tc, '');
        table.appendChild(empty);
      }
    });
    expect(await specOfDocx(buf)).toEqual(original);
  });

  it('comments are ignored', async () => {
    let buf = await edited((doc) => {
      const p = paragraph(doc, /^对外部来文进行登记/);
      const start = doc.createElementNS(W, 'w:commentRangeStart');
      start.setAttributeNS(W, 'w:id', '0');
      p.insertBefore(start, childElements(p)[0]);
      const end = doc.createElementNS(W, 'w:commentRangeEnd');
      end.setAttributeNS(W, 'w:id', '0');
      p.appendChild(end);
      const ref = doc.createElementNS(W, 'w:r');
      const mark = doc.createElementNS(W, 'w:commentReference');
      mark.setAttributeNS(W, 'w:id', '0');
      ref.appendChild(mark);
      p.appendChild(ref);
    });
    buf = await addPart(
      buf,
      'word/comments.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W}"><w:comment w:id="0" w:author="李四"><w:p><w:r><w:t>这句要改吗?</w:t></w:r></w:p></w:comment></w:comments>`,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml',
      'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
    );
    expect(await specOfDocx(buf)).toEqual(original);
  });

  it('tracked changes read as accepted, and lint warns naming each one', async () => {
    const buf = await edited((doc) => {
      const row = rows(tableAfter(doc, '字段')).find((r) => textOf(cells(r)[0]) === '来文类别')!;
      elements(cells(row)[4], 'p')[0].appendChild(tracked(doc, 'ins', '、其他来文'));
      const p = paragraph(doc, /^对外部来文进行登记/);
      p.appendChild(tracked(doc, 'del', '(已废止的说法)', '王五'));
    });
    const spec = await specOfDocx(buf);
    expect(spec.fields.find((f) => f.name === '来文类别')!.choices).toContain('其他来文');
    expect(spec.outline['目的']).toBe(original.outline['目的']);

    const dir = folderWithDocx({ '收文登记.docx': buf });
    const lint = await runCli(['lint', dir]);
    expect(lint.code).toBe(0);
    expect(lint.stderr).toContain('收文登记.docx: 提醒:有 2 处未接受的修订');
    expect(lint.stderr).toContain('字段表 第 5 行 插入“、其他来文”(张三)');
    expect(lint.stderr).toContain('“目的” 第 1 段 删除“(已废止的说法)”(王五)');
  });

  it('a field row deleted with Track Changes on is gone, and the warning names it', async () => {
    const buf = await edited((doc) => {
      const row = rows(tableAfter(doc, '字段')).find((r) => textOf(cells(r)[0]) === '来文字号')!;
      const trPr = elements(row, 'trPr')[0];
      const del = doc.createElementNS(W, 'w:del');
      del.setAttributeNS(W, 'w:author', '张三');
      trPr.appendChild(del);
      for (const tc of cells(row)) {
        const p = elements(tc, 'p')[0];
        const text = textOf(p);
        for (const r of elements(p, 'r')) p.removeChild(r);
        if (text) p.appendChild(tracked(doc, 'del', text));
      }
    });
    const spec = await specOfDocx(buf);
    expect(spec).toEqual(specOfMarkdown(mdEdit('| 来文字号 | 文本 | 否 | 最多 40 字 |  | 如 湘政发〔2026〕12号 |\n', '')));
    const lint = await runCli(['lint', folderWithDocx({ '收文登记.docx': buf })]);
    expect(lint.code).toBe(0);
    expect(lint.stderr).toContain('字段表 第 6 行 删除“来文字号”(张三)');
  });
});
