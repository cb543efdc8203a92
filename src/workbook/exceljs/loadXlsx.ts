/**
 * The one way Taizhang opens an .xlsx, in Node (every CLI command) and in the browser (the standalone page):
 * recognise what the bytes are, put the package into the shape exceljs reads (xlsxPackage.ts), load it, and turn
 * every failure into a message that says what is wrong and with which part of the file — never exceljs's own
 * exception text.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { keepValidationRanges } from './validationRanges';
import { MissingPart, NotAWorkbook, normalizeXlsxPackage, type NormalizedPackage, type PartInfo } from './xlsxPackage';

export type XlsxProblem = 'empty' | 'encrypted' | 'xls' | 'notXlsx' | 'otherOffice' | 'damaged';

/** A file that cannot be opened as a workbook, in zh-CN and en-US, without the file's name (the caller adds it). */
export class XlsxReadError extends Error {
  constructor(
    readonly problem: XlsxProblem,
    readonly message: string,
    readonly messageEn: string,
    /** The part of the package that failed, as named in the user's file. */
    readonly part?: string,
  ) {
    super(message);
  }
}

const ZIP = [0x50, 0x4b];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

function includesUtf16(buf: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= buf.length; i++) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const SAVE_AGAIN = '请用 Excel 或 WPS 打开并另存一份后再试';
const SAVE_AGAIN_EN = 'open it in Excel or WPS and save a copy, then try again';

/** What the bytes are, before any zip is read: an encrypted workbook and an old .xls are both compound files. */
function sniff(buf: Uint8Array): void {
  if (buf.length === 0) throw new XlsxReadError('empty', '文件是空的', 'the file is empty');
  if (startsWith(buf, CFB)) {
    // An encrypted OOXML file is a compound file holding an EncryptedPackage stream (names are UTF-16LE).
    if (includesUtf16(buf, 'EncryptedPackage') || includesUtf16(buf, 'EncryptionInfo'))
      throw new XlsxReadError('encrypted', '工作簿有打开密码,台账无法读取;请在 Excel 中“文件→信息→保护工作簿→用密码进行加密”清除密码后另存一份再检查', 'the workbook is password-protected; remove the password in Excel and save a copy');
    throw new XlsxReadError('xls', '这是旧版 .xls 文件;请在 Excel 中另存为 .xlsx', 'this is an old .xls file; save it as .xlsx in Excel');
  }
  if (!startsWith(buf, ZIP)) throw new XlsxReadError('notXlsx', '不是 Excel 工作簿(.xlsx)', 'not an Excel workbook (.xlsx)');
}

const PART_WORDS: Record<PartInfo['kind'], [string, string]> = {
  workbook: ['工作簿结构', 'the workbook structure'],
  worksheet: ['工作表', 'the worksheet'],
  sharedStrings: ['共享文本', 'the shared strings'],
  styles: ['样式', 'the styles'],
  theme: ['主题', 'the theme'],
  comments: ['批注', 'the notes (comments)'],
  vmlDrawing: ['批注框', 'the note shapes (VML)'],
  table: ['表格', 'the table'],
  drawing: ['绘图', 'the drawing'],
  image: ['图片', 'the image'],
  properties: ['文档属性', 'the document properties'],
  relationships: ['部件关系', 'the relationships'],
};

function describe(info: PartInfo | undefined, fallback: string): [string, string] {
  if (!info) return [fallback, fallback];
  const [zh, en] = PART_WORDS[info.kind];
  const sheet = info.sheet ? [`工作表“${info.sheet}”的`, ` of sheet "${info.sheet}"`] : ['', ''];
  return [`${sheet[0]}${zh}(${info.original})`, `${en}${sheet[1]} (${info.original})`];
}

function damaged(info: PartInfo | undefined, fallback: string): XlsxReadError {
  const [zh, en] = describe(info, fallback);
  return new XlsxReadError('damaged', `工作簿中${zh}无法读取,文件可能已损坏;${SAVE_AGAIN}`, `${en} cannot be read; the file may be damaged: ${SAVE_AGAIN_EN}`, info?.original ?? fallback);
}

/** Parts exceljs reads inline in load(), in the order it meets them, without a method we can watch. */
const INLINE = new Set(['xl/sharedStrings.xml', 'xl/styles.xml', 'docProps/app.xml', 'docProps/core.xml']);

type Method = (...args: unknown[]) => Promise<unknown> | unknown;

/**
 * Names each part as exceljs starts and finishes it, by wrapping the per-part methods of this one reader object
 * (they exist under these names in the Node and the browser build alike), so a failure can be put on its part.
 */
function watchParts(xlsx: object): { current: () => string | null; last: () => string | null } {
  let current: string | null = null;
  let last: string | null = null;
  const name: Record<string, (args: unknown[]) => string> = {
    parseWorkbook: () => 'xl/workbook.xml',
    parseRels: () => 'xl/_rels/workbook.xml.rels',
    _processWorksheetEntry: (a) => String(a[4]),
    _processWorksheetRelsEntry: (a) => `xl/worksheets/_rels/sheet${a[2]}.xml.rels`,
    _processCommentEntry: (a) => `xl/${a[2]}.xml`,
    _processTableEntry: (a) => `xl/tables/${a[2]}.xml`,
    _processDrawingEntry: (a) => `xl/drawings/${a[2]}.xml`,
    _processDrawingRelsEntry: (a) => `xl/drawings/_rels/${a[2]}.xml.rels`,
    _processVmlDrawingEntry: (a) => `xl/drawings/${a[2]}.vml`,
    _processThemeEntry: (a) => `xl/theme/${a[2]}.xml`,
    _processMediaEntry: (a) => `xl/media/${a[2]}`,
    reconcile: () => 'reconcile',
  };
  const target = xlsx as Record<string, Method>;
  for (const [method, partOf] of Object.entries(name)) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    // reconcile is synchronous and its caller does not await: the wrapper keeps each method's own kind.
    target[method] = function (this: unknown, ...args: unknown[]) {
      current = partOf(args);
      const done = (result: unknown) => {
        last = current;
        current = null;
        return result;
      };
      const result = original.apply(this, args);
      return result instanceof Promise ? result.then(done) : done(result);
    };
  }
  return { current: () => current, last: () => last };
}

const ROOTS: Partial<Record<PartInfo['kind'], string>> = { workbook: 'workbook', styles: 'styleSheet', sharedStrings: 'sst' };

/**
 * exceljs's XML parser stops quietly at the end of a cut-off part and the failure only shows when the parts are
 * linked: the first workbook, styles or strings part whose root element is not closed is the one to name.
 */
async function truncatedPart(pkg: NormalizedPackage): Promise<string | null> {
  const zip = await JSZip.loadAsync(pkg.bytes);
  for (const [name, info] of pkg.parts) {
    const root = ROOTS[info.kind];
    const entry = root && zip.file(name);
    if (entry && !new RegExp(`</(?:\\w+:)?${root}>\\s*$`).test(await entry.async('string'))) return name;
  }
  return null;
}

/** The part exceljs was reading when it failed: the watched one, or the next inline part after the last watched. */
async function failedPart(pkg: NormalizedPackage, watched: { current: () => string | null; last: () => string | null }): Promise<{ info?: PartInfo; fallback: string }> {
  const current = watched.current();
  const cut = current === 'reconcile' || !current ? await truncatedPart(pkg).catch(() => null) : null;
  if (cut) return { info: pkg.parts.get(cut), fallback: cut };
  if (current === 'reconcile') return { fallback: 'xl/_rels/*.rels' };
  if (current) return { info: pkg.parts.get(current), fallback: current };
  const last = watched.last();
  const from = last ? pkg.order.indexOf(last) + 1 : 0;
  const inline = pkg.order.slice(from).find((n) => INLINE.has(n)) ?? pkg.order.find((n) => INLINE.has(n));
  return inline ? { info: pkg.parts.get(inline), fallback: inline } : { fallback: 'xl/workbook.xml' };
}

/** The package in exceljs's shape (see xlsxPackage.ts); throws XlsxReadError for anything that is not a workbook. */
export async function openPackage(bytes: Uint8Array): Promise<NormalizedPackage> {
  sniff(bytes);
  try {
    return await normalizeXlsxPackage(bytes);
  } catch (error) {
    if (error instanceof NotAWorkbook) {
      if (error.what === 'word') throw new XlsxReadError('otherOffice', '这是 Word 文档,不是 Excel 工作簿', 'this is a Word document, not an Excel workbook');
      if (error.what === 'powerpoint') throw new XlsxReadError('otherOffice', '这是 PowerPoint 演示文稿,不是 Excel 工作簿', 'this is a PowerPoint presentation, not an Excel workbook');
      if (error.what === 'zip') throw new XlsxReadError('notXlsx', '是一个 zip 压缩包,其中没有 Excel 工作簿', 'a zip archive with no Excel workbook in it');
      throw new XlsxReadError('damaged', `工作簿已损坏(压缩包结构不完整),无法读取;${SAVE_AGAIN}`, `the workbook is damaged (its zip structure is incomplete): ${SAVE_AGAIN_EN}`);
    }
    if (error instanceof MissingPart) {
      const where = error.sheet ? `工作表“${error.sheet}”` : '一个工作表';
      throw new XlsxReadError('damaged', `工作簿已损坏:${where}的内容(${error.part})不在文件中;${SAVE_AGAIN}`, `the workbook is damaged: ${error.sheet ? `sheet "${error.sheet}"` : 'a sheet'} (${error.part}) is missing from the file: ${SAVE_AGAIN_EN}`, error.part);
    }
    throw damaged(undefined, '[Content_Types].xml');
  }
}

/** Opens the bytes of an .xlsx as an exceljs workbook; throws XlsxReadError for anything that is not one. */
export async function loadXlsx(input: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const pkg = await openPackage(input instanceof Uint8Array ? input : new Uint8Array(input));
  const workbook = new ExcelJS.Workbook();
  keepValidationRanges(workbook.xlsx);
  const watched = watchParts(workbook.xlsx);
  try {
    await workbook.xlsx.load(pkg.bytes as unknown as ArrayBuffer);
  } catch {
    const { info, fallback } = await failedPart(pkg, watched);
    throw damaged(info, fallback);
  }
  return workbook;
}
