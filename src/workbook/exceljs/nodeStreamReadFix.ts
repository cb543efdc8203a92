/**
 * Makes exceljs's streaming reader (4.4, Node) read non-ASCII text right. It decodes each chunk of a zip entry
 * on its own (TextDecoder without `stream`), so a Chinese character whose UTF-8 bytes straddle two chunks became
 * two U+FFFD: about one row in a thousand of a Chinese ledger lost a character. Every part it parses is now
 * decoded as one stream (StringDecoder keeps a split character for the next chunk). Node only.
 */
import { StringDecoder } from 'node:string_decoder';

type Parse = (this: unknown, input: unknown, ...rest: unknown[]) => unknown;
interface ReaderPrototype {
  [method: string]: Parse;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proto = (require('exceljs/lib/stream/xlsx/workbook-reader') as { prototype: ReaderPrototype }).prototype;
const PATCHED = Symbol.for('taizhang.exceljs.streamUtf8');

async function* decoded(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const marked = proto as ReaderPrototype & { [PATCHED]?: boolean };
if (!marked[PATCHED]) {
  // These take the zip entry itself: a Readable decodes across chunks once it has an encoding.
  for (const method of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    const original = proto[method];
    proto[method] = function (entry, ...rest) {
      (entry as { setEncoding?: (encoding: string) => void }).setEncoding?.('utf8');
      return original.call(this, entry, ...rest);
    };
  }
  // These take an async iterable of the entry's (or its temp file's) chunks.
  for (const method of ['_parseWorksheet', '_parseHyperlinks']) {
    const original = proto[method];
    proto[method] = function (chunks, ...rest) {
      return original.call(this, decoded(chunks as AsyncIterable<Buffer | string>), ...rest);
    };
  }
  marked[PATCHED] = true;
}
