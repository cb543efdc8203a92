/**
 * A process document (Markdown source) → a Word document that looks like an office procedure: title, numbered
 * sections, real tables with a repeated header row, 宋体 body and 黑体 headings (eastAsia fonts), A4, the form code
 * and retention in the header, page numbers in the footer. It writes from the same structure the parser reads
 * (parseMarkdown), block by block, so any section or table a document has is carried over without knowing it.
 * The `docx` package writes the file: maintained, typed, and it produces the styles, numbering and header parts
 * Word and LibreOffice expect.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { parseMarkdown, splitLines } from '../spec/markdown';
import { chineseNumeral } from './chineseNumerals';

export interface DocxHeading {
  /** Left of the page header, e.g. the form code. */
  left: string;
  /** Right of the page header, e.g. the retention period. */
  right: string;
}

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '宋体' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '黑体' };
/** A4 in twentieths of a point, with the 2.54 cm / 3.17 cm margins of Chinese office documents. */
const PAGE = { width: 11906, height: 16838, top: 1440, bottom: 1440, left: 1800, right: 1800 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const SEPARATOR = /^\s*[|｜]?\s*:?-{2,}:?\s*([|｜]\s*:?-{2,}:?\s*)*[|｜]?\s*$/;
const LIST_ITEM = /^\s*[-*]\s+/;
const SUB_HEADING = /^(#{3,6})\s*(.*?)\s*#*\s*$/;

/** Cells of a pipe-table line as written (not width-folded: the text goes into Word as the author typed it). */
export function splitCells(raw: string): string[] {
  const cells: string[] = [];
  const t = raw.trim().replace(/^[|｜]/, '');
  let buf = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\' && (t[i + 1] === '|' || t[i + 1] === '｜')) {
      buf += t[++i];
      continue;
    }
    if (t[i] === '|' || t[i] === '｜') {
      cells.push(buf.trim());
      buf = '';
      continue;
    }
    buf += t[i];
  }
  if (buf.trim() !== '') cells.push(buf.trim());
  return cells;
}

type Block = { kind: 'text'; lines: string[] } | { kind: 'item'; text: string } | { kind: 'sub'; level: number; text: string } | { kind: 'table'; rows: string[][] };

function blocksOf(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (/^\s*[|｜]/.test(line)) {
      const rows: string[][] = [];
      while (i < lines.length && /^\s*[|｜]/.test(lines[i])) {
        if (!SEPARATOR.test(lines[i])) rows.push(splitCells(lines[i]));
        i++;
      }
      blocks.push({ kind: 'table', rows });
      continue;
    }
    const sub = SUB_HEADING.exec(line);
    if (sub) blocks.push({ kind: 'sub', level: sub[1].length, text: sub[2] });
    else if (LIST_ITEM.test(line)) blocks.push({ kind: 'item', text: line.replace(LIST_ITEM, '').trim() });
    else {
      const last = blocks[blocks.length - 1];
      const previous = lines[i - 1] ?? '';
      if (last?.kind === 'text' && previous.trim() !== '') last.lines.push(line.trim());
      else blocks.push({ kind: 'text', lines: [line.trim()] });
    }
    i++;
  }
  return blocks;
}

function runs(lines: string[], options: { bold?: boolean } = {}): TextRun[] {
  return lines.map((text, k) => new TextRun({ text, break: k > 0 ? 1 : undefined, bold: options.bold }));
}

/** Table text in 五号 (10.5 pt) with single spacing, as a style so that each cell stays small in the file. */
const TABLE_TEXT = 'TableText';

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

/** Column widths: short columns (字段, 类型, 必填) get what their text needs, the long ones share the rest. */
function columnWidths(rows: string[][], count: number): number[] {
  const CHAR = 210; // one CJK character at 10.5 pt
  const PADDING = 216;
  const natural = Array.from({ length: count }, (_, c) => Math.min(40, Math.max(2, ...rows.map((r) => [...(r[c] ?? '')].length))) * CHAR + PADDING);
  const base = natural.map((n) => Math.min(n, 4 * CHAR + PADDING));
  const extra = natural.map((n, c) => n - base[c]);
  const room = TEXT_WIDTH - base.reduce((a, b) => a + b, 0);
  const wanted = extra.reduce((a, b) => a + b, 0);
  if (room <= 0 || wanted === 0) {
    const total = natural.reduce((a, b) => a + b, 0);
    return natural.map((n) => Math.floor((TEXT_WIDTH * n) / total));
  }
  return base.map((b, c) => b + Math.floor((room * extra[c]) / wanted));
}

function table(rows: string[][]): Table {
  const count = Math.max(...rows.map((r) => r.length));
  const widths = columnWidths(rows, count);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0 || undefined,
          cantSplit: true,
          children: Array.from({ length: count }, (_, c) =>
            new TableCell({
              width: { size: widths[c], type: WidthType.DXA },
              shading: r === 0 ? { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } : undefined,
              children: [new Paragraph({ style: TABLE_TEXT, alignment: r === 0 ? AlignmentType.CENTER : undefined, children: runs([cells[c] ?? ''], { bold: r === 0 || undefined }) })],
            }),
          ),
        }),
    ),
  });
}

function blockElements(blocks: Block[]): (Paragraph | Table)[] {
  return blocks.map((b) => {
    switch (b.kind) {
      case 'text':
        return new Paragraph({ children: runs(b.lines), indent: { firstLine: 480 } });
      case 'item':
        return new Paragraph({ children: runs([b.text]), numbering: { reference: 'items', level: 0 } });
      case 'sub':
        return new Paragraph({ heading: b.level === 3 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: runs([b.text]) });
      case 'table':
        return table(b.rows);
    }
  });
}

/** Markdown process document → .docx bytes. */
export async function markdownToDocx(source: string, heading: DocxHeading): Promise<Buffer> {
  const doc = parseMarkdown(source);
  const raw = splitLines(source);
  const children: (Paragraph | Table)[] = [];
  if (doc.title) children.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: runs([doc.title.text]) }));
  children.push(...blockElements(blocksOf(doc.preamble.map((p) => p.text))));
  for (const section of doc.sections) {
    const number = /^#{1,2}\s*(\d+)\s*[.、)．]/.exec(raw[section.line - 1] ?? '');
    const text = number ? `${chineseNumeral(Number(number[1]))}、${section.title}` : section.title;
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs([text]) }));
    children.push(...blockElements(blocksOf(section.body.map((b) => b.text))));
  }
  const document = new Document({
    creator: 'Taizhang 台账',
    title: doc.title?.text ?? '',
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 24 }, paragraph: { spacing: { line: 360 } } },
        title: { run: { font: HEADING_FONT, size: 44, bold: false, color: '000000' }, paragraph: { spacing: { before: 240, after: 360 }, alignment: AlignmentType.CENTER } },
        heading1: { run: { font: HEADING_FONT, size: 30, bold: false, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: HEADING_FONT, size: 28, bold: false, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading3: { run: { font: HEADING_FONT, size: 24, bold: false, color: '000000' }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true } },
      },
      paragraphStyles: [{ id: TABLE_TEXT, name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: 21 }, paragraph: { spacing: { line: 276, before: 0, after: 0 } } }],
    },
    numbering: {
      config: [
        {
          reference: 'items',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '●', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 480, hanging: 360 } }, run: { size: 16 } } }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: 851, footer: 992 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                tabStops: [{ type: 'right', position: TEXT_WIDTH }],
                border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
                children: [new TextRun({ text: heading.left, size: 18 }), new TextRun({ text: `\t${heading.right}`, size: 18 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'] })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
