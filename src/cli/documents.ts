import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildCatalog, type Catalog, type SourceFile } from '../spec/catalog';
import { formatDocError, sortErrors, type DocError } from '../spec/errors';
import type { Io } from './io';
import { placeOf, type ConvertedDocument } from '../docx/toMarkdown';

/** A process document as the parser reads it; a Word document keeps where each line of its text came from. */
export interface DocumentFile extends SourceFile {
  word?: ConvertedDocument;
}

export interface DocumentSet {
  files: DocumentFile[];
  /** Documents that are wrong before any parsing (no table at all, the same register twice): exit 1. */
  problems: DocError[];
  /** Files that cannot be read as Word documents at all (not Word, encrypted, damaged): exit 2. */
  unreadable: { file: string; message: string; messageEn: string }[];
  /** Read anyway, but the user should know (unaccepted tracked changes). */
  warnings: { file: string; message: string; messageEn: string }[];
}

const isDocument = (n: string) => /\.(md|docx)$/i.test(n) && n.toLowerCase() !== 'readme.md' && !n.startsWith('~$');

/** Reads every *.md (except README.md) and *.docx in DIR, in a stable order; Word documents are converted. */
export async function loadDocuments(dir: string): Promise<DocumentSet> {
  const entries = await fs.readdir(dir);
  const names = entries.filter(isDocument).sort();
  const set: DocumentSet = { files: [], problems: [], unreadable: [], warnings: [] };
  const hasWord = names.some((n) => /\.docx$/i.test(n));
  // Only a folder with Word documents loads the Word reader: Markdown-only runs start as fast as before.
  const word = hasWord ? await import('./wordDocuments') : null;
  for (const name of names) {
    const file = path.join(dir, name);
    if (!/\.docx$/i.test(name)) {
      set.files.push({ file, source: await fs.readFile(file, 'utf8') });
      continue;
    }
    const twin = name.replace(/\.docx$/i, '.md');
    if (names.includes(twin)) {
      set.problems.push({
        file,
        line: 1,
        column: 1,
        place: DOCUMENT,
        message: `与 ${twin} 是同一个登记表的两份文件:请只保留一份(把另一份移出此目录)`,
        messageEn: `${name} and ${twin} are two copies of one register: keep one of them in the folder`,
      });
      continue;
    }
    await word!.loadWordDocument(file, await fs.readFile(file), set);
  }
  return set;
}

/** Every document of DIR as parser input; a file that cannot be read as a Word document stops with its message. */
export async function readDocuments(dir: string): Promise<DocumentFile[]> {
  const set = await loadDocuments(dir);
  if (set.unreadable.length) throw new DocumentsUnreadable(set.unreadable);
  return set.files;
}

export class DocumentsUnreadable extends Error {
  constructor(readonly files: { file: string; message: string; messageEn: string }[]) {
    super(files.map((f) => `${f.file}: ${f.message}`).join('\n'));
  }
}

/** Parser errors in Word documents, placed where a Word user finds them. */
export function locateErrors(errors: DocError[], files: DocumentFile[]): DocError[] {
  const byFile = new Map(files.filter((f) => f.word).map((f) => [f.file, f.word!]));
  return errors.map((error) => {
    const word = byFile.get(error.file);
    if (!word || error.place) return error;
    return locateWordError(error, word);
  });
}

const START = { zh: '文档开头', en: 'start of the document' };
const DOCUMENT = { zh: '文档', en: 'document' };

function lastContentLine(word: ConvertedDocument): number {
  const lines = word.markdown.split('\n');
  let last = lines.length;
  while (last > 1 && lines[last - 1].trim() === '') last--;
  return last;
}

function locateWordError(error: DocError, word: ConvertedDocument): DocError {
  const lineRef = (n: string) => placeOf(word.origins, Number(n), 1);
  // The parser writes Markdown headings ("## 字段") and line numbers into some messages: say them as Word shows them.
  if (error.message.startsWith('缺少一级标题'))
    return {
      ...error,
      message: '缺少标题:文档的第一段写登记表名称(Word 的“标题”样式),如“收文登记”',
      messageEn: 'Missing title: the first paragraph of the document is the register name (Word style Title)',
      place: START,
    };
  const message = error.message
    .replace(/“## /g, '“')
    .replace(/第 (\d+) 行/g, (_, n) => lineRef(n).zh)
    .replace(/\|((?: [^|\n]+ \|)+)/g, (_, inner: string) => `表头为“${inner.split('|').map((c) => c.trim()).filter(Boolean).join('、')}”的表格`);
  const messageEn = error.messageEn.replace(/"## /g, '"').replace(/\bline (\d+)/g, (_, n) => lineRef(n).en);
  // What is missing from the whole document is reported at its last line; in Word it belongs to the document.
  const missing = error.message.startsWith('缺少') && error.line >= lastContentLine(word);
  return { ...error, message, messageEn, place: missing ? DOCUMENT : placeOf(word.origins, error.line, error.column) };
}

/**
 * The catalog of DIR for a command, with every problem reported on io: unreadable files (exit 2), document errors
 * (exit 1, `what` says what was not written), warnings that do not stop the command.
 */
export async function openCatalog(dir: string, io: Io, what: { zh: string; en: string }): Promise<{ ok: true; catalog: Catalog; files: DocumentFile[] } | { ok: false; code: number }> {
  const set = await loadDocuments(dir);
  for (const w of set.warnings) io.err(`${w.file}: 提醒:${w.message}`);
  for (const u of set.unreadable) io.err(`${u.file}: ${u.message}`);
  const catalog = buildCatalog(set.files);
  const withheld = set.problems.length + set.unreadable.length > 0;
  // A folder whose only register document could not be read has no registers: that follows, it is not news.
  const parsed = catalog.ok ? [] : catalog.errors.filter((e) => !(withheld && e.message.startsWith('目录中没有任何登记表')));
  const errors = sortErrors([...set.problems, ...locateErrors(parsed, set.files)]);
  for (const e of errors) io.err(formatDocError(e));
  if (set.unreadable.length) {
    io.err(`\n${set.unreadable.length} 个文件无法读取,${what.zh} (${set.unreadable.length} unreadable file(s), ${what.en})`);
    return { ok: false, code: 2 };
  }
  if (errors.length || !catalog.ok) {
    io.err(`\n${errors.length} 处错误,${what.zh} (${errors.length} error(s), ${what.en})`);
    return { ok: false, code: 1 };
  }
  return { ok: true, catalog: catalog.value, files: set.files };
}
