/**
 * WordDocument → the Markdown text the one process-document parser reads, with the place in Word of every line.
 * Nothing here knows a register's columns or sections: every heading becomes a `##` section, every table a pipe
 * table, every paragraph a line, so whatever the parser learns to read (a new column, a new section) is read from
 * Word too. Errors the parser locates at line:column are translated back to what a Word user sees with `placeOf`.
 */
import { foldWidth } from '../spec/markdown';
import { EXTRA_SECTIONS } from '../spec/parseRegister';
import { OUTLINE_SECTIONS } from '../spec/schema';
import { chineseNumber } from './chineseNumerals';
import type { TrackedChange, WordCell, WordDocument, WordParagraph, WordTable } from './wordModel';

/** Where a line of the converted text came from. */
export type Origin =
  | { kind: 'start' }
  | { kind: 'title' }
  | { kind: 'heading'; section: string }
  | { kind: 'paragraph'; section: string | null; paragraph: number }
  | { kind: 'row'; table: TableName; row: number; header: boolean; cells: { header: string; from: number; to: number }[] };

export interface TableName {
  zh: string;
  en: string;
}

export interface Place {
  zh: string;
  en: string;
}

export interface LocatedChange {
  place: Place;
  change: TrackedChange;
}

export interface ConvertedDocument {
  markdown: string;
  /** origins[line - 1] for every line of markdown. */
  origins: Origin[];
  /** Tracked changes that were still in the document (read as accepted). */
  changes: LocatedChange[];
  tableCount: number;
}

/** Section names a hand-typed heading (一、目的) is recognised by; headings in a heading style need no list. */
const KNOWN_SECTIONS = new Set<string>([...OUTLINE_SECTIONS, ...EXTRA_SECTIONS, '基本信息', '部门', '角色', '人员', '列表']);

const NUMBER_PREFIX = /^\s*(?:第\s*([一二三四五六七八九十\d]+)\s*[章节部分条]|[(]\s*([一二三四五六七八九十\d]+)\s*[)]|([一二三四五六七八九十]+)\s*[、.]|(\d+)(?:\.\d+)*\s*[、.)]?(?=\s|[^\d.]))\s*/;

/** "一、目的" → { number: 1, title: "目的" }; the number is kept so that Markdown written back reads "## 1. 目的". */
export function splitHeadingNumber(text: string): { number: number | null; title: string; numbered: boolean } {
  const folded = foldWidth(text).trim();
  const m = NUMBER_PREFIX.exec(folded);
  if (!m || m[0].length === folded.length) return { number: null, title: folded.replace(/[:]\s*$/, '').trim(), numbered: false };
  const digits = m[1] ?? m[2] ?? m[3] ?? m[4];
  return { number: chineseNumber(digits), title: folded.slice(m[0].length).replace(/[:]\s*$/, '').trim(), numbered: true };
}

const BULLET_TYPED = /^\s*[-•·●○▪■◆\u2013*]\s*/;

interface Classified {
  kind: 'title' | 'section' | 'sub' | 'body';
  number: number | null;
  title: string;
  depth: number;
}

function classify(blocks: WordDocument['blocks']): Classified[] {
  const split = blocks.map((b) => (b.kind === 'paragraph' ? splitHeadingNumber(b.text) : null));
  const known = (i: number) => split[i] !== null && KNOWN_SECTIONS.has(split[i]!.title);
  const levels = blocks.map((b, i) => (b.kind === 'paragraph' && typeof b.heading === 'number' ? b.heading : null));
  const knownLevels = levels.filter((l, i) => l !== null && known(i)) as number[];
  const titleIndex = blocks.findIndex((b) => b.kind === 'paragraph' && b.heading === 'title');
  const headingLevels = levels.filter((l, i) => l !== null && i !== titleIndex) as number[];
  let sectionLevel = knownLevels.length ? Math.min(...knownLevels) : headingLevels.length ? Math.min(...headingLevels) : 2;
  // A document whose only level-1 heading is its first one uses Heading 1 as the title.
  const levelOnes = levels.filter((l) => l === sectionLevel).length;
  const firstHeading = levels.findIndex((l) => l !== null);
  let titleAt = titleIndex;
  if (titleAt < 0 && firstHeading >= 0 && levels[firstHeading] === sectionLevel && levelOnes === 1 && !known(firstHeading) && headingLevels.some((l) => l > sectionLevel)) {
    titleAt = firstHeading;
    sectionLevel = Math.min(...headingLevels.filter((l) => l > sectionLevel));
  }
  if (titleAt < 0 && firstHeading >= 0 && levels[firstHeading]! < sectionLevel) titleAt = firstHeading;

  const result: Classified[] = blocks.map((b, i) => {
    if (b.kind !== 'paragraph') return { kind: 'body', number: null, title: '', depth: 0 };
    const s = split[i]!;
    if (i === titleAt) return { kind: 'title', number: null, title: b.text.trim(), depth: 0 };
    if (b.text.includes('\n') || s.title === '') return { kind: 'body', number: null, title: '', depth: 0 };
    const level = levels[i];
    if (level !== null && level <= sectionLevel) return { kind: 'section', number: s.number, title: s.title, depth: 0 };
    if (level !== null) return { kind: 'sub', number: null, title: b.text.trim(), depth: level - sectionLevel };
    // Hand-made headings: a known section name alone or numbered, or a short numbered line in bold.
    const handNumbered = s.numbered || (b.list === 'number' && b.heading === null);
    if (KNOWN_SECTIONS.has(s.title) && (handNumbered || s.title === foldWidth(b.text).trim().replace(/[:]\s*$/, '') || b.bold))
      return { kind: 'section', number: s.number, title: s.title, depth: 0 };
    if (s.numbered && b.bold && s.title.length <= 20 && !/[,。;,;]/.test(s.title))
      return { kind: 'section', number: s.number, title: s.title, depth: 0 };
    return { kind: 'body', number: null, title: '', depth: 0 };
  });
  if (titleAt < 0) {
    // No title style: the first paragraph ahead of every table and section is the title, as a reader takes it.
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.kind === 'table' || result[i].kind === 'section') break;
      if (b.text.trim() === '') continue;
      if (!b.text.includes('\n')) result[i] = { kind: 'title', number: null, title: b.text.trim(), depth: 0 };
      break;
    }
  }
  return result;
}

/** Rows of a table on its column grid: merged cells spread out, vertical merges filled from above. */
function gridRows(table: WordTable): { cells: string[]; starts: boolean[]; changes: TrackedChange[] }[] {
  const width = Math.max(0, ...table.rows.map((r) => r.gridBefore + r.cells.reduce((n, c) => n + c.span, 0)));
  const above: string[] = [];
  return table.rows.map((row) => {
    const cells = new Array<string>(width).fill('');
    const starts = new Array<boolean>(width).fill(false);
    let at = row.gridBefore;
    for (const cell of row.cells as WordCell[]) {
      const text = cell.vMerge === 'continue' ? above[at] ?? '' : cell.text;
      if (at < width) {
        cells[at] = text;
        starts[at] = cell.vMerge !== 'continue';
      }
      for (let k = 0; k < cell.span && at + k < width; k++) above[at + k] = k === 0 ? text : '';
      at += cell.span;
    }
    return { cells, starts, changes: row.cells.flatMap((c) => c.changes) };
  });
}

/** How many leading rows form the header: rows marked as repeated headers, and rows merged into them. */
function headerRowCount(table: WordTable): number {
  let count = 0;
  while (count < table.rows.length && table.rows[count].header) count++;
  count = Math.max(1, count);
  while (count < table.rows.length && table.rows[count].cells.some((c) => c.vMerge === 'continue') && table.rows[count - 1].cells.some((c) => c.vMerge !== null)) count++;
  return Math.min(count, table.rows.length);
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

export function wordToMarkdown(word: WordDocument): ConvertedDocument {
  const lines: string[] = [];
  const origins: Origin[] = [];
  const changes: LocatedChange[] = [];
  const classified = classify(word.blocks);
  let section: string | null = null;
  let paragraphs = 0;
  let tables = 0;
  let tableCount = 0;
  let lastWasList = false;
  let started = false;
  const push = (text: string, origin: Origin) => {
    lines.push(text);
    origins.push(origin);
  };
  const gap = (isList: boolean) => {
    if (started && !(isList && lastWasList)) push('', origins[origins.length - 1] ?? { kind: 'start' });
    started = true;
    lastWasList = isList;
  };
  const paragraphPlace = (n: number): Place =>
    section === null ? { zh: `标题下 第 ${n} 段`, en: `paragraph ${n} under the title` } : { zh: `“${section}” 第 ${n} 段`, en: `"${section}" paragraph ${n}` };

  word.blocks.forEach((block, i) => {
    const c = classified[i];
    if (block.kind === 'paragraph') {
      const text = block.text.replace(/[ \t\u3000]+$/gm, '').replace(/^[ \t\u3000]+/gm, '');
      if (text.trim() === '') return;
      if (c.kind === 'title') {
        gap(false);
        push(`# ${text.replace(/\n/g, ' ')}`, { kind: 'title' });
        noteChanges(block, { zh: '标题', en: 'title' });
        return;
      }
      if (c.kind === 'section') {
        gap(false);
        section = c.title;
        paragraphs = 0;
        tables = 0;
        push(`## ${c.number !== null ? `${c.number}. ` : ''}${c.title}`, { kind: 'heading', section: c.title });
        noteChanges(block, { zh: `“${c.title}”标题`, en: `heading "${c.title}"` });
        return;
      }
      paragraphs++;
      const origin: Origin = { kind: 'paragraph', section, paragraph: paragraphs };
      noteChanges(block, paragraphPlace(paragraphs));
      if (c.kind === 'sub') {
        gap(false);
        push(`${'#'.repeat(Math.min(6, 2 + c.depth))} ${text.replace(/\n/g, ' ')}`, origin);
        return;
      }
      const isList = block.list !== null || BULLET_TYPED.test(text);
      gap(isList);
      text.split('\n').forEach((line, k) => {
        if (k === 0 && isList) push(`- ${line.replace(BULLET_TYPED, '')}`, origin);
        else push(line, origin);
      });
      return;
    }
    const grid = gridRows(block);
    if (grid.length === 0 || grid[0].cells.length === 0) return;
    tables++;
    tableCount++;
    const name: TableName =
      section === null
        ? { zh: '基本信息表', en: 'info table' }
        : tables === 1
          ? { zh: `${section}表`, en: `${section} table` }
          : { zh: `${section}表(第 ${tables} 个)`, en: `${section} table ${tables}` };
    const headerRows = headerRowCount(block);
    const header = grid[0].cells.map((_, col) => {
      for (let r = headerRows - 1; r >= 0; r--) if (grid[r].starts[col] && grid[r].cells[col].trim() !== '') return grid[r].cells[col].trim();
      return '';
    });
    gap(false);
    const emitRow = (cells: string[], origin: (ranges: { header: string; from: number; to: number }[]) => Origin) => {
      let line = '|';
      const ranges: { header: string; from: number; to: number }[] = [];
      cells.forEach((cell, col) => {
        const from = line.length + 1;
        line += ` ${escapeCell(cell)} |`;
        ranges.push({ header: header[col], from, to: line.length });
      });
      push(line, origin(ranges));
    };
    emitRow(header, (cells) => ({ kind: 'row', table: name, row: 1, header: true, cells }));
    push(`|${header.map(() => ' --- |').join('')}`, origins[origins.length - 1]);
    for (let r = 0; r < headerRows; r++) noteRowChanges(grid[r].changes, name, r + 1);
    for (let r = headerRows; r < grid.length; r++) {
      const cells = grid[r].cells.map((t) => t.trim());
      noteRowChanges(grid[r].changes, name, r + 1);
      if (cells.every((t) => t === '')) continue; // extra empty rows left at the end of a table
      emitRow(cells, (ranges) => ({ kind: 'row', table: name, row: r + 1, header: false, cells: ranges }));
    }
  });
  if (lines.length === 0) push('', { kind: 'start' });
  return { markdown: lines.join('\n') + '\n', origins, changes, tableCount };

  function noteChanges(block: WordParagraph, place: Place): void {
    for (const change of block.changes) changes.push({ place, change });
  }
  function noteRowChanges(rowChanges: TrackedChange[], table: TableName, row: number): void {
    for (const change of rowChanges) changes.push({ place: { zh: `${table.zh} 第 ${row} 行`, en: `${table.en} row ${row}` }, change });
  }
}

/** The place in Word of a parser error at line:column of the converted text. */
export function placeOf(origins: Origin[], line: number, column: number): Place {
  const origin = origins[Math.min(Math.max(line, 1), origins.length) - 1] ?? { kind: 'start' };
  switch (origin.kind) {
    case 'start':
      return { zh: '文档开头', en: 'start of the document' };
    case 'title':
      return { zh: '标题', en: 'title' };
    case 'heading':
      return { zh: `“${origin.section}”标题`, en: `heading "${origin.section}"` };
    case 'paragraph':
      return origin.section === null
        ? { zh: `标题下 第 ${origin.paragraph} 段`, en: `paragraph ${origin.paragraph} under the title` }
        : { zh: `“${origin.section}” 第 ${origin.paragraph} 段`, en: `"${origin.section}" paragraph ${origin.paragraph}` };
    case 'row': {
      const cell = origin.cells.find((c) => column >= c.from && column <= c.to && column > 1);
      const row = origin.header ? { zh: `第 1 行(表头)`, en: 'row 1 (header)' } : { zh: `第 ${origin.row} 行`, en: `row ${origin.row}` };
      const head = cell && cell.header !== '' && !origin.header ? { zh: ` “${cell.header}”`, en: ` "${cell.header}"` } : { zh: '', en: '' };
      return { zh: `${origin.table.zh} ${row.zh}${head.zh}`, en: `${origin.table.en} ${row.en}${head.en}` };
    }
  }
}
