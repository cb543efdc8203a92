/**
 * Data validations keep their ranges when exceljs loads a workbook. exceljs (4.4) turns every range of a
 * <dataValidation sqref="B2:B1001"> into one entry per cell: a register's ten validated columns cost 10,000
 * entries on every load, and a register that grew to 100,000 records a million — which is why validations
 * could not follow a register past its first 1,000 rows. Its writer takes range entries as they are, so only
 * the reading is changed: the ranges of each worksheet's <dataValidations> reach exceljs's parser with their
 * colon masked (a single "cell" to it, kept whole) and are unmasked in the model it returns.
 *
 * Done by wrapping the per-worksheet method of this one reader object (it exists under this name in the Node
 * and the browser build alike, as loadXlsx's part names rely on); the parser it feeds reads any async iterable
 * of text.
 */
const MASK = '~';
const VALIDATIONS = /<((?:\w+:)?)dataValidations\b[\s\S]*?<\/\1dataValidations>/;
const CHUNK = 16 * 1024;

/** A worksheet's XML with the ranges of its data validations masked. */
export function maskValidationRanges(xml: string): string {
  // The element sits after the rows: found by a plain search, not by a pattern tried at every tag of 30 MB.
  const at = xml.indexOf('dataValidations');
  if (at < 0) return xml;
  const start = xml.lastIndexOf('<', at);
  const rest = xml.slice(start).replace(VALIDATIONS, (block) => block.replace(/\ssqref="([^"]*)"/g, (attr, sqref: string) => attr.replace(sqref, sqref.replace(/:/g, MASK))));
  return xml.slice(0, start) + rest;
}

/** The model's entries under their real ranges again. */
export function unmaskValidationRanges(model: Record<string, unknown> | undefined): void {
  if (!model) return;
  for (const key of Object.keys(model)) {
    if (!key.includes(MASK)) continue;
    model[key.split(MASK).join(':')] = model[key];
    delete model[key];
  }
}

async function* chunks(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += CHUNK) yield text.substring(i, i + CHUNK);
}

type EntryStream = Partial<AsyncIterable<unknown>> & { on?: (event: string, listener: (arg?: unknown) => void) => unknown };

/** The whole text of a part's stream (object-mode chunks of text), whether or not the build's streams iterate. */
async function textOf(stream: EntryStream): Promise<string> {
  let text = '';
  if (stream[Symbol.asyncIterator]) {
    for await (const chunk of stream as AsyncIterable<unknown>) text += String(chunk);
    return text;
  }
  return new Promise((resolve, reject) => {
    stream.on?.('data', (chunk) => (text += String(chunk)));
    stream.on?.('end', () => resolve(text));
    stream.on?.('error', reject);
  });
}

type WorksheetEntry = (stream: EntryStream, model: { worksheetHash: Record<string, { dataValidations?: Record<string, unknown> }> }, sheetNo: unknown, options: unknown, path: string) => Promise<unknown>;

/** Makes this reader (workbook.xlsx) keep validation ranges whole; call before load. */
export function keepValidationRanges(xlsx: object): void {
  const reader = xlsx as { _processWorksheetEntry?: WorksheetEntry };
  const original = reader._processWorksheetEntry;
  if (typeof original !== 'function') return;
  reader._processWorksheetEntry = async function (this: unknown, stream, model, sheetNo, options, path) {
    const xml = await textOf(stream);
    const result = await original.call(this, chunks(maskValidationRanges(xml)) as EntryStream, model, sheetNo, options, path);
    unmaskValidationRanges(model.worksheetHash[path]?.dataValidations);
    return result;
  };
}
