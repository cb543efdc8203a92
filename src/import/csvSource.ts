/**
 * A CSV export as a source sheet. Offices' CSV files come from Excel/WPS "另存为 CSV" in GB18030 (GBK) or from
 * systems in UTF-8, with or without a BOM. The encoding is decided from the bytes: a BOM says it; otherwise bytes
 * that are valid UTF-8 are UTF-8 and anything else is GB18030 (a superset of GBK and GB2312). Decoding uses the
 * platform's TextDecoder (full ICU in Node 20 and every browser), parsing uses papaparse (quotes, embedded line
 * breaks and commas inside fields, CRLF).
 */
import Papa from 'papaparse';
import type { CellValue } from '../core/cells';
import type { SourceSheet } from '../core/import/prepare';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function detectEncoding(bytes: Uint8Array): { encoding: CsvEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const { encoding, bom } = detectEncoding(bytes);
  return { text: new TextDecoder(encoding).decode(bytes.subarray(bom)), encoding };
}

export function csvSource(bytes: Uint8Array, name: string): SourceSheet & { encoding: CsvEncoding } {
  const { text, encoding } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows: CellValue[][] = parsed.data.map((r) => r.map((c) => (c === '' ? null : c)));
  while (rows.length && rows[rows.length - 1].every((c) => c === null)) rows.pop();
  return { name, rows, merges: [], encoding };
}

/** The rows back as CSV text (the --report copy of a CSV source), written as UTF-8 with a BOM so Excel reads it right. */
export function toCsv(rows: CellValue[][]): string {
  return '\ufeff' + Papa.unparse(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))), { newline: '\r\n' });
}
