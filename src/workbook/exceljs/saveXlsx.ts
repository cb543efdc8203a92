/**
 * The one way Taizhang serialises a workbook, in Node (templates, demo, analyze, retention) and in the browser
 * (the standalone page's saves, the Office.js set-up file): exceljs writes it, then the parts exceljs gets wrong
 * are put right so that every reader opens the file without repair or warning:
 * - a table column with a style gets a `dxfId` attribute SpreadsheetML does not have (exceljs #1630): openpyxl
 *   refuses the file, Excel repairs it and drops the tables' formatting. The schema's attribute for a column's
 *   body format is `dataDxfId` (ECMA-376 Part 1, §18.5.1.3), which is what it was meant to be.
 * - a data bar gets an extension list pointing at an x14 data bar that exceljs never writes (an empty
 *   <x14:id/>): Excel ignores it, openpyxl warns. The data bar itself is the schema's own (§18.3.1.28).
 * - rows appended to the log sheets (_审计, _导入) and kept as values (pendingRows.ts) are written into their
 *   sheets' XML after exceljs has written the rest.
 * The exceljs model is not touched, so writing twice gives the same file.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { type PendingRows, keepingPendingRows, pendingRowsOf, settlePendingRows } from './pendingRows';
import { SharedStrings, startOf, withRowsAppended } from './sheetRowsXml';

const TABLE_PART = /^xl\/tables\/[^/]+\.xml$/;
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/** A table part with only the schema's attributes. */
export function cleanTablePart(xml: string): string {
  return xml.replace(/<tableColumn\b[^>]*>/g, (tag) => tag.replace(/\sdxfId=/, ' dataDxfId='));
}

/** A worksheet part without the dangling x14 reference of exceljs's data bars. */
export function cleanWorksheetPart(xml: string): string {
  return xml.replace(/<extLst><ext uri="\{B025F937-C7B1-47D3-B67F-A62EFF666E3E\}"[^>]*><x14:id\s*\/><\/ext><\/extLst>/g, '');
}

function hasDataBars(ws: ExcelJS.Worksheet): boolean {
  const formattings = (ws as unknown as { conditionalFormattings?: { rules: { type: string }[] }[] }).conditionalFormattings ?? [];
  return formattings.some((f) => f.rules.some((r) => r.type === 'dataBar'));
}

/** The worksheet part exceljs writes a sheet to (its writer names parts by sheet id). */
const partOf = (ws: ExcelJS.Worksheet) => `xl/worksheets/sheet${ws.id}.xml`;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

/**
 * The log rows written into their sheets' parts and their text into the shared strings part; the sheets whose
 * parts are not as exceljs writes them are returned, nothing written for them.
 */
async function writeLogRows(zip: JSZip, logs: { ws: ExcelJS.Worksheet; pending: PendingRows }[], withBars: boolean): Promise<ExcelJS.Worksheet[]> {
  const sharedStrings = await zip.file(SHARED_STRINGS)?.async('string');
  const first = sharedStrings === undefined ? null : startOf(sharedStrings);
  if (sharedStrings === undefined || first === null) return logs.map(({ ws }) => ws);
  const strings = new SharedStrings(first);
  const parts = new Map<string, string>();
  for (const { ws, pending } of logs) {
    const file = zip.file(partOf(ws));
    const appended = file && withRowsAppended(await file.async('string'), pending.firstRow, pending.rows, strings);
    if (!appended) return [ws];
    parts.set(partOf(ws), withBars ? cleanWorksheetPart(appended) : appended);
  }
  parts.set(SHARED_STRINGS, strings.appendTo(sharedStrings)!);
  for (const [name, xml] of parts) zip.file(name, new TextEncoder().encode(xml));
  return [];
}

export async function saveXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  // Log rows that would land on a row exceljs now writes itself (something wrote cells after them) become cells.
  const logs: { ws: ExcelJS.Worksheet; pending: PendingRows }[] = [];
  for (const ws of workbook.worksheets) {
    const pending = pendingRowsOf(ws);
    if (!pending) continue;
    if (pending.firstRow <= ws.rowCount) settlePendingRows(ws);
    else logs.push({ ws, pending });
  }
  const written = new Uint8Array(await keepingPendingRows(workbook, () => workbook.xlsx.writeBuffer()));
  // Only the sheets with data bars are inflated again: a year of registers is many MB of worksheets.
  const withBars = workbook.worksheets.some(hasDataBars);
  const zip = await JSZip.loadAsync(written);
  let changed = false;
  if (logs.length) {
    const refused = await writeLogRows(zip, logs, withBars);
    if (refused.length) {
      // Not the parts exceljs writes today: let exceljs write those rows as cells.
      for (const ws of refused) settlePendingRows(ws);
      return saveXlsx(workbook);
    }
    changed = true;
  }
  const done = new Set(logs.map(({ ws }) => partOf(ws)));
  for (const name of Object.keys(zip.files)) {
    const isTable = TABLE_PART.test(name);
    if (done.has(name) || (!isTable && !(withBars && WORKSHEET_PART.test(name)))) continue;
    const xml = await zip.files[name].async('string');
    const clean = isTable ? cleanTablePart(xml) : cleanWorksheetPart(xml);
    if (clean === xml) continue;
    // Bytes, not a string: JSZip encodes strings in slices that can split an emoji (see nodeZipFix.ts).
    zip.file(name, new TextEncoder().encode(clean));
    changed = true;
  }
  if (!changed) return written;
  // Parts left alone keep their compressed bytes: JSZip reuses them when the method is the same.
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
