/**
 * .docx bytes → WordDocument. JSZip opens the package (the same library exceljs uses for .xlsx) and each part
 * becomes a small element tree (xmlTree, saxes): a tree is the plainest way to follow Word's nesting of runs in
 * insertions, hyperlinks, fields, content controls and table cells. Every way a file can be unreadable is a DocxInputError
 * with a message for the person who sent it; nothing else escapes.
 */
import JSZip from 'jszip';
import { parseXmlTree, type XmlEl } from './xmlTree';
import type { TrackedChange, WordBlock, WordCell, WordDocument, WordParagraph, WordRow, WordTable } from './wordModel';

export class DocxInputError extends Error {
  constructor(readonly message: string, readonly messageEn: string) {
    super(message);
  }
}

const ZIP = [0x50, 0x4b];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MAX_PART_BYTES = 50 * 1024 * 1024;

const startsWith = (buf: Uint8Array, magic: number[]) => magic.every((b, i) => buf[i] === b);

/** An encrypted OOXML file is a compound file holding an EncryptedPackage stream (names are UTF-16LE). */
function isEncryptedPackage(buf: Buffer): boolean {
  return buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) || buf.includes(Buffer.from('EncryptionInfo', 'utf16le'));
}

type El = XmlEl;

const children = (node: El | null | undefined): El[] => node?.children ?? [];

function descendants(node: El, match: (el: El) => boolean, out: El[] = []): El[] {
  for (const c of children(node)) {
    if (match(c)) out.push(c);
    else descendants(c, match, out);
  }
  return out;
}

const child = (node: El | null | undefined, name: string): El | undefined => children(node).find((c) => c.localName === name);

/** Rows of a table or cells of a row, also when content controls or custom XML wrap them. */
function wrapped(node: El, name: string): El[] {
  return children(node).flatMap((c) =>
    c.localName === name ? [c] : c.localName === 'sdt' ? wrapped(child(c, 'sdtContent') ?? c, name) : c.localName === 'customXml' ? wrapped(c, name) : [],
  );
}

const attr = (el: El | undefined, name: string): string | null => el?.attrs[name] ?? null;

/** w:b, w:tblHeader …: present and not switched off. */
function isOn(el: El | undefined): boolean {
  if (!el) return false;
  const v = attr(el, 'val');
  return v === null || !['0', 'false', 'off'].includes(v);
}

function parseXml(text: string, part: string): El {
  try {
    return parseXmlTree(text);
  } catch {
    throw new DocxInputError(`Word 文档已损坏(${part} 无法解析);请用 Word 打开并另存一份`, `The Word document is damaged (${part} cannot be parsed); open it in Word and save a copy`);
  }
}

interface StyleInfo {
  name: string;
  basedOn: string | null;
  outlineLevel: number | null;
  numId: string | null;
}

function readStyles(root: El | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!root) return styles;
  for (const style of children(root).filter((c) => c.localName === 'style')) {
    const id = attr(style, 'styleId');
    if (!id) continue;
    const pPr = child(style, 'pPr');
    const outline = attr(child(pPr, 'outlineLvl'), 'val');
    styles.set(id, {
      name: (attr(child(style, 'name'), 'val') ?? '').toLowerCase(),
      basedOn: attr(child(style, 'basedOn'), 'val'),
      outlineLevel: outline === null ? null : Number(outline),
      numId: attr(child(child(pPr, 'numPr'), 'numId'), 'val'),
    });
  }
  return styles;
}

/** numId → whether level 0…8 is a bullet or a number, from numbering.xml. */
function readNumbering(root: El | null): Map<string, ('bullet' | 'number')[]> {
  const result = new Map<string, ('bullet' | 'number')[]>();
  if (!root) return result;
  const abstract = new Map<string, ('bullet' | 'number')[]>();
  for (const a of children(root).filter((c) => c.localName === 'abstractNum')) {
    const levels: ('bullet' | 'number')[] = [];
    for (const lvl of children(a).filter((c) => c.localName === 'lvl')) {
      const format = attr(child(lvl, 'numFmt'), 'val');
      levels[Number(attr(lvl, 'ilvl') ?? 0)] = format === 'bullet' || format === 'none' ? 'bullet' : 'number';
    }
    abstract.set(attr(a, 'abstractNumId') ?? '', levels);
  }
  for (const num of children(root).filter((c) => c.localName === 'num')) {
    result.set(attr(num, 'numId') ?? '', abstract.get(attr(child(num, 'abstractNumId'), 'val') ?? '') ?? []);
  }
  return result;
}

const HEADING_NAME = /^(?:heading|标题)\s*([1-9])$/;
const TITLE_NAME = /^(?:title|标题)$/;

class BodyReader {
  constructor(
    private styles: Map<string, StyleInfo>,
    private numbering: Map<string, ('bullet' | 'number')[]>,
  ) {}

  blocks(container: El, out: WordBlock[] = []): WordBlock[] {
    for (const el of children(container)) {
      switch (el.localName) {
        case 'p':
          out.push(this.paragraph(el));
          break;
        case 'tbl':
          out.push(this.table(el));
          break;
        case 'sdt':
          this.blocks(child(el, 'sdtContent') ?? el, out);
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
          this.blocks(el, out);
          break;
        default:
          break; // sectPr, bookmarks, deleted blocks (w:del, w:moveFrom) and the like carry no text to read
      }
    }
    return out;
  }

  private styleChain(id: string | null): StyleInfo[] {
    const chain: StyleInfo[] = [];
    const seen = new Set<string>();
    while (id && !seen.has(id) && this.styles.has(id)) {
      seen.add(id);
      const s = this.styles.get(id)!;
      chain.push(s);
      id = s.basedOn;
    }
    return chain;
  }

  paragraph(p: El): WordParagraph {
    const pPr = child(p, 'pPr');
    const styleId = attr(child(pPr, 'pStyle'), 'val');
    const chain = this.styleChain(styleId);
    let heading: WordParagraph['heading'] = null;
    const styleId0 = (styleId ?? '').toLowerCase();
    if (chain.some((s) => TITLE_NAME.test(s.name)) || styleId0 === 'title') heading = 'title';
    else {
      const direct = attr(child(pPr, 'outlineLvl'), 'val');
      const named = chain.map((s) => HEADING_NAME.exec(s.name)).find(Boolean) ?? /^heading([1-9])$/.exec(styleId0);
      const outline = direct !== null ? Number(direct) : chain.find((s) => s.outlineLevel !== null)?.outlineLevel ?? null;
      if (named) heading = Number(named[1]);
      else if (outline !== null && outline >= 0 && outline < 9) heading = outline + 1;
    }
    const numPr = child(pPr, 'numPr');
    const numId = attr(child(numPr, 'numId'), 'val') ?? chain.find((s) => s.numId)?.numId ?? null;
    const level = Number(attr(child(numPr, 'ilvl'), 'val') ?? 0);
    const list = numId && numId !== '0' ? this.numbering.get(numId)?.[level] ?? 'number' : null;
    const state = { text: '', runs: 0, boldRuns: 0, changes: [] as TrackedChange[] };
    this.inline(p, state, null);
    return { kind: 'paragraph', text: state.text, heading, list, bold: state.runs > 0 && state.boldRuns === state.runs, changes: state.changes };
  }

  private inline(node: El, state: { text: string; runs: number; boldRuns: number; changes: TrackedChange[] }, inserted: TrackedChange | null): void {
    for (const el of children(node)) {
      switch (el.localName) {
        case 'r': {
          const rPr = child(el, 'rPr');
          if (isOn(child(rPr, 'vanish'))) break; // hidden text is not what the reader sees
          let text = '';
          for (const part of children(el)) {
            if (part.localName === 't') text += part.textContent ?? '';
            else if (part.localName === 'tab' || part.localName === 'ptab') text += ' ';
            else if ((part.localName === 'br' && (attr(part, 'type') ?? 'textWrapping') === 'textWrapping') || part.localName === 'cr') text += '\n';
            else if (part.localName === 'noBreakHyphen' || part.localName === 'softHyphen') text += part.localName === 'noBreakHyphen' ? '-' : '';
          }
          if (text.trim() !== '') {
            state.runs++;
            if (isOn(child(rPr, 'b')) || isOn(child(rPr, 'bCs'))) state.boldRuns++;
          }
          state.text += text;
          if (inserted) inserted.text += text;
          break;
        }
        case 'ins':
        case 'moveTo': {
          const change: TrackedChange = { kind: 'insert', text: '', author: attr(el, 'author') ?? '' };
          this.inline(el, state, change);
          if (change.text.trim() !== '') state.changes.push(change);
          break;
        }
        case 'del':
        case 'moveFrom': {
          const text = descendants(el, (d) => d.localName === 'delText' || d.localName === 't').map((t) => t.textContent ?? '').join('');
          if (text.trim() !== '') state.changes.push({ kind: 'delete', text, author: attr(el, 'author') ?? '' });
          break;
        }
        case 'hyperlink':
        case 'smartTag':
        case 'fldSimple':
        case 'customXml':
        case 'bdo':
        case 'dir':
          this.inline(el, state, inserted);
          break;
        case 'sdt':
          this.inline(child(el, 'sdtContent') ?? el, state, inserted);
          break;
        default:
          break; // pPr, bookmarks, comment marks, proofing marks, drawings: no text of the document
      }
    }
  }

  table(tbl: El): WordTable {
    const rows: WordRow[] = [];
    for (const tr of wrapped(tbl, 'tr')) {
      const trPr = child(tr, 'trPr');
      // A row deleted with Track Changes on keeps its text in w:del runs: read as accepted it is an empty row,
      // which is dropped, while its deletion is still listed among the changes to warn about.
      const cells: WordCell[] = wrapped(tr, 'tc').map((tc) => {
        const tcPr = child(tc, 'tcPr');
        const vMergeEl = child(tcPr, 'vMerge');
        const vMerge = vMergeEl ? (attr(vMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : null;
        const blocks = this.blocks(tc);
        const paragraphs: WordParagraph[] = [];
        const flatten = (bs: WordBlock[]) => {
          for (const b of bs) {
            if (b.kind === 'paragraph') paragraphs.push(b);
            else for (const r of b.rows) for (const c of r.cells) paragraphs.push({ kind: 'paragraph', text: c.text, heading: null, list: null, bold: false, changes: c.changes });
          }
        };
        flatten(blocks);
        return {
          text: paragraphs.map((q) => q.text.replace(/\s+/g, ' ').trim()).filter((t) => t !== '').join(' '),
          span: Math.max(1, Number(attr(child(tcPr, 'gridSpan'), 'val') ?? 1) || 1),
          vMerge,
          changes: paragraphs.flatMap((q) => q.changes),
        };
      });
      rows.push({ cells, header: isOn(child(trPr, 'tblHeader')), gridBefore: Number(attr(child(trPr, 'gridBefore'), 'val') ?? 0) || 0 });
    }
    return { kind: 'table', rows };
  }
}

/** Target of the package relationship of the given type, as a path inside the zip. */
async function relationshipTarget(zip: JSZip, relsPath: string, type: string, base: string): Promise<string | null> {
  const rels = zip.file(relsPath);
  if (!rels) return null;
  const doc = parseXml(await rels.async('string'), relsPath);
  for (const rel of children(doc)) {
    if ((attr(rel, 'Type') ?? '').endsWith(`/${type}`)) {
      const target = attr(rel, 'Target') ?? '';
      if (target.startsWith('/')) return target.slice(1);
      const parts = (base + target).split('/');
      const resolved: string[] = [];
      for (const part of parts) {
        if (part === '..') resolved.pop();
        else if (part !== '.' && part !== '') resolved.push(part);
      }
      return resolved.join('/');
    }
  }
  return null;
}

async function partText(zip: JSZip, path: string | null): Promise<string | null> {
  if (!path) return null;
  const file = zip.file(path);
  if (!file) return null;
  const data = await file.async('uint8array');
  if (data.length > MAX_PART_BYTES)
    throw new DocxInputError(`Word 文档过大(${path} 超过 50 MB):流程文件不应这么大`, `The Word document is too large (${path} over 50 MB)`);
  return Buffer.from(data).toString('utf8');
}

export async function readDocx(buf: Buffer): Promise<WordDocument> {
  if (buf.length === 0) throw new DocxInputError('文件是空的(0 字节):请重新从 Word 保存', 'The file is empty (0 bytes)');
  if (startsWith(buf, CFB)) {
    if (isEncryptedPackage(buf))
      throw new DocxInputError(
        '文档有打开密码(已加密),台账无法读取;请在 Word 中“文件 → 信息 → 保护文档 → 用密码进行加密”清除密码后保存',
        'The document is password-protected (encrypted); remove the password in Word (File → Info → Protect Document) and save it',
      );
    throw new DocxInputError('这是旧版 Word 97-2003 文档(.doc 格式);请在 Word 中“另存为 → Word 文档(*.docx)”', 'This is an old Word 97-2003 document; save it as .docx in Word');
  }
  if (!startsWith(buf, ZIP)) throw new DocxInputError('不是 Word 文档(.docx):文件内容不是 Office 文档格式;请在 Word 中另存为 .docx', 'Not a Word document (.docx); save it as .docx in Word');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch {
    throw new DocxInputError('Word 文档已损坏,无法打开压缩包;请用 Word 打开并另存一份', 'The Word document is damaged (not a readable package); open it in Word and save a copy');
  }
  const main = (await relationshipTarget(zip, '_rels/.rels', 'officeDocument', '')) ?? (zip.file('word/document.xml') ? 'word/document.xml' : null);
  if (!main || !zip.file(main) || !/document[^/]*\.xml$/.test(main)) {
    const what = zip.file('xl/workbook.xml') ? '这是 Excel 工作簿' : zip.file('ppt/presentation.xml') ? '这是 PowerPoint 演示文稿' : '这不是 Word 文档';
    throw new DocxInputError(`${what},不是 Word 文档(.docx);流程文件请用 Word 编写`, 'Not a Word document (.docx); write process documents in Word');
  }
  const dir = main.replace(/[^/]*$/, '');
  const rels = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const [documentText, stylesText, numberingText] = await Promise.all([
    partText(zip, main),
    relationshipTarget(zip, rels, 'styles', dir).then((p) => partText(zip, p)),
    relationshipTarget(zip, rels, 'numbering', dir).then((p) => partText(zip, p)),
  ]);
  const document = parseXml(documentText ?? '', main);
  const body = child(document, 'body');
  if (!body) throw new DocxInputError('Word 文档没有正文(document.xml 中缺少 body);请用 Word 打开并另存一份', 'The Word document has no body');
  const reader = new BodyReader(
    readStyles(stylesText ? parseXml(stylesText, 'styles.xml') : null),
    readNumbering(numberingText ? parseXml(numberingText, 'numbering.xml') : null),
  );
  return { blocks: reader.blocks(body) };
}
