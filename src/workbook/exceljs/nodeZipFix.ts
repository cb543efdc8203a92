/**
 * Makes exceljs (4.4, Node build) write every string exactly as it is in the workbook. Found by the contract
 * suite (test/contract), three ways a saved .xlsx differed from what was typed:
 * - exceljs hands each XML part to JSZip as a JS string, and JSZip encodes strings in 16K-character slices: an
 *   emoji (a surrogate pair) on a slice boundary became two U+FFFD. Parts are now encoded whole, as exceljs's own
 *   browser build already does (TextEncoder on the whole string).
 * - text containing "_x0041_" was written raw, and every reader (exceljs, Excel) decodes it as an escape ("A");
 * - a carriage return was written raw, and XML readers turn "\r\n" into "\n".
 *   Both are written the way Excel writes them: "_x005F_" for the underscore of a literal "_xHHHH_", "_x000D_"
 *   for "\r" (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).
 * Node only: the standalone page's browser build of exceljs is a separate bundle (see the report of issue 4).
 */
interface ZipWriterClass {
  prototype: { append(data: unknown, options: { name: string; base64?: boolean }): void };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ZipWriter } = require('exceljs/lib/utils/zip-stream') as { ZipWriter: ZipWriterClass };

const PATCHED = Symbol.for('taizhang.exceljs.zipUtf8');

/** The text of every <t> element with literal escapes and carriage returns escaped as Excel does. */
export function escapeXmlText(xml: string): string {
  return xml.replace(/<t(\s[^>]*)?>([^<]*)<\/t>/g, (_m, attrs: string | undefined, text: string) => {
    const escaped = text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_').replace(/\r/g, '_x000D_');
    return `<t${attrs ?? ''}>${escaped}</t>`;
  });
}

const proto = ZipWriter.prototype as ZipWriterClass['prototype'] & { [PATCHED]?: boolean };
if (!proto[PATCHED]) {
  const append = proto.append;
  proto.append = function (data, options) {
    if (typeof data === 'string' && !options.base64) {
      const text = /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(options.name) ? escapeXmlText(data) : data;
      return append.call(this, Buffer.from(text, 'utf8'), options);
    }
    return append.call(this, data, options);
  };
  proto[PATCHED] = true;
}
