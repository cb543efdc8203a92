/**
 * The fast way through an .xlsx ledger's worksheet parts: a hand-made ledger is plain values — shared or inline
 * text, numbers, dates, yes/no — and reading those straight from the part's XML is several times quicker than a
 * general XML parser building exceljs rows (a 100,000-row ledger: about a second instead of five).
 *
 * A formula is read as the result it last computed (a number without a style, text or yes/no; none is empty), as
 * exceljs gives a formula's result. Whatever this reader does not know for certain it reads as exceljs's streaming
 * reader does — a date-styled formula result, errors, rich or phonetic text, escaped characters, 1904 dates, styles inherited from a row or column, a missing part —
 * makes it answer null, and the caller reads the file with that reader instead. Its values are exactly that
 * reader's (the tests compare both on files from exceljs, openpyxl and LibreOffice). Node only; no exceljs
 * objects, only two of its helpers, so that a date is recognised by exactly the same format rule.
 */
import type { CellValue } from '../core/cells';
import { xmlDecode } from '../workbook/exceljs/opc';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isDateFmt } = require('exceljs/lib/utils/utils') as { isDateFmt: (format: string | undefined) => boolean };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const NumFmtXform = require('exceljs/lib/xlsx/xform/style/numfmt-xform') as { getDefaultFmtCode: (id: number) => string | undefined };

/** What exceljs's second decoding of inline and "str" text would change (it knows these five entities only). */
const DECODED_TWICE = /&(?:lt|gt|amp|apos|quot);/;

const MS_PER_DAY = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

/** Text whose reading differs between exceljs's readers or that a general parser normalises: left to the general one. */
const UNSURE_TEXT = /_x[0-9A-Fa-f]{4}_|\r|&(?!(?:lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);)/;

function plainText(raw: string): string | null {
  if (UNSURE_TEXT.test(raw)) return null;
  return raw.indexOf('&') < 0 ? raw : xmlDecode(raw);
}

const PLAIN_SI = /^<t(?:\s[^>]*)?>([^<]+)<\/t>$/;
/** Runs of formatted text (LibreOffice writes a title in two fonts so): their texts joined, as plainValue joins them. */
const RICH_SI = /^(?:<r>(?:<rPr>(?:(?!<\/rPr>)[^])*<\/rPr>)?<t(?:\s[^>]*)?>[^<]+<\/t><\/r>)+$/;
const RUN_TEXT = /<t(?:\s[^>]*)?>([^<]+)<\/t>/g;

function sharedString(si: string): string | null {
  const plain = PLAIN_SI.exec(si);
  if (plain) return plainText(plain[1]);
  if (!RICH_SI.test(si)) return null;
  let joined = '';
  for (const run of si.matchAll(RUN_TEXT)) {
    const text = plainText(run[1]);
    if (text === null) return null;
    joined += text;
  }
  return joined;
}

/** The shared strings, when each is plain text or plain runs; null otherwise (phonetic runs, escapes …). */
export function plainSharedStrings(xml: string): string[] | null {
  const strings: string[] = [];
  const SI = /<si>([\s\S]*?)<\/si>/g;
  for (let m = SI.exec(xml); m; m = SI.exec(xml)) {
    const text = sharedString(m[1]);
    if (text === null) return null;
    strings.push(text);
  }
  // Every <si> must have been one of those (an <si> with attributes or a self-closing one was not).
  if ((xml.match(/<si[\s>/]/g) ?? []).length !== strings.length) return null;
  return strings;
}

/** For each cell style (cellXfs index), whether its number format is a date format, as exceljs decides it. */
export function dateStyles(xml: string): boolean[] | null {
  const formats = new Map<number, string>();
  for (const tag of xml.match(/<numFmt\b[^>]*>/g) ?? []) {
    const id = /\snumFmtId="(\d+)"/.exec(tag);
    const code = /\sformatCode="([^"]*)"/.exec(tag);
    if (!id || !code) return null;
    formats.set(parseInt(id[1], 10), xmlDecode(code[1]).replace(/[\\](.)/g, '$1'));
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml);
  if (!cellXfs) return null;
  return (cellXfs[1].match(/<xf\b[^>]*>/g) ?? []).map((tag) => {
    const id = parseInt(/\snumFmtId="([^"]*)"/.exec(tag)?.[1] ?? '', 10);
    return id ? isDateFmt(formats.get(id) || NumFmtXform.getDefaultFmtCode(id)) : false;
  });
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const isEmpty = (v: CellValue | undefined) => v === null || v === undefined || v === '';

/**
 * The rows of a worksheet part (index = row number - 1; a row the part does not have is absent), each from
 * column A with trailing empty cells dropped; null when a cell is not plain.
 */
export function plainSheetRows(xml: string, strings: string[] | null, dates: boolean[] | null): CellValue[][] | null {
  const start = xml.indexOf('<sheetData');
  if (start < 0) return null;
  const open = xml.indexOf('>', start);
  if (xml[open - 1] === '/') return [];
  const end = xml.indexOf('</sheetData>', open);
  if (end < 0) return null;
  // Styles given to whole rows or columns reach unstyled cells in exceljs's streaming reader: left to it.
  const styledColumns = /<col\b[^>]*\sstyle="[1-9]/.test(xml.slice(0, start));
  const rows: CellValue[][] = [];
  const TOKEN = /<row\b([^>]*?)(\/?)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)|<\/row>|<(?!\/?(?:row|c)\b)/g;
  TOKEN.lastIndex = open + 1;
  let row: CellValue[] | null = null;
  let styledRow = false;
  for (let m = TOKEN.exec(xml); m && m.index < end; m = TOKEN.exec(xml)) {
    if (m[1] !== undefined) {
      const r = /\sr="(\d+)"/.exec(m[1]);
      if (!r || row) return null;
      const cells: CellValue[] = [];
      rows[parseInt(r[1], 10) - 1] = cells;
      styledRow = /\ss="/.test(m[1]);
      row = m[2] ? null : cells;
      continue;
    }
    if (m[3] !== undefined) {
      if (!row) return null;
      const attrs = m[3];
      const ref = /\sr="([A-Z]{1,3})\d+"/.exec(attrs);
      if (!ref) return null;
      const type = /\st="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      const style = parseInt(/\ss="(\d+)"/.exec(attrs)?.[1] ?? '0', 10);
      const content = m[4] ?? '';
      let value: CellValue;
      if (content === '') value = null;
      else if (type === 'inlineStr') {
        const t = /^<is><t(?:\s[^>]*)?>([^<]*)<\/t><\/is>$/.exec(content);
        const text = t ? plainText(t[1]) : null;
        // exceljs's readers decode inline text twice: text the second time would change is left to them.
        if (text === null || DECODED_TWICE.test(text)) return null;
        value = text;
      } else {
        // A formula's cell holds what it last computed after the formula; none (as openpyxl saves it) is empty.
        const formula = content.startsWith('<f');
        const v = formula ? /^<f\b[^>]*(?:\/>|>[^<]*<\/f>)(?:<v>([^<]*)<\/v>|<v\/>)?$/.exec(content) : /^<v>([^<]*)<\/v>$/.exec(content);
        if (!v) return null;
        if (formula && !v[1]) value = null;
        // A formula's styled result (a date?) or error is left to exceljs.
        else if (formula && type !== 'str' && type !== 'b' && (type !== 'n' || style)) return null;
        else if (type === 'str') {
          // A formula's text, or a string without its formula (what exceljs writes without shared strings): decoded twice, like inline text.
          const text = plainText(v[1]);
          if (text === null || DECODED_TWICE.test(text)) return null;
          value = text;
        } else if (type === 's') {
          const text = strings?.[parseInt(v[1], 10)];
          if (text === undefined) return null;
          value = text;
        } else if (type === 'b') value = parseInt(v[1], 10) !== 0;
        else if (type === 'n') {
          const n = parseFloat(v[1]);
          if (Number.isNaN(n)) return null;
          if (style) {
            const isDate = dates?.[style];
            if (isDate === undefined) return null;
            // The streaming reader's Date (rounded to the millisecond), back to a serial as plainValue makes it.
            value = isDate ? (new Date(Math.round((n - 25569 + 0) * 24 * 3600 * 1000)).getTime() - EPOCH_MS) / MS_PER_DAY : n;
          } else if (styledRow || styledColumns) return null;
          else value = n;
        } else return null;
      }
      row[columnNumber(ref[1]) - 1] = value;
      continue;
    }
    if (m[0] === '</row>') {
      if (!row) return null;
      row = null;
      continue;
    }
    // Any other element inside sheetData (a formula cell's parts are inside <c>, so this is something unknown).
    return null;
  }
  if (row) return null;
  for (const cells of rows) {
    if (!cells) continue;
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    while (cells.length && isEmpty(cells[cells.length - 1])) cells.pop();
  }
  return rows;
}
