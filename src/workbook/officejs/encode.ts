/**
 * Cell values on their way into Excel through Range.values, which treats a string as if a user had typed it:
 * = + - @ start formulas, digits become numbers, dates and percentages are recognised. What a user typed must
 * come back exactly, so:
 * - a column formatted as Text ("@") keeps strings as written (the adapter also sets "@" on every text cell it
 *   writes, so a column whose format was changed by hand cannot turn typed text into a formula);
 * - anywhere else a string that Excel could read as something else gets the quote prefix (a leading
 *   apostrophe), which makes the cell text and is not part of its value;
 * - a leading apostrophe that is part of the text itself is protected by a second one, in every format.
 * Numbers (dates are serial numbers) and booleans go in as they are, with the column's number format.
 */
import type { CellValue } from '../../core/cells';

export const TEXT_FORMAT = '@';

/** Text that Excel would not keep as text if it were typed into a cell formatted General (or as a date…). */
export function needsQuotePrefix(text: string): boolean {
  return /^[=+\-@'#\uFF0B\uFF0D\uFF20]/.test(text) || /[0-9\uFF10-\uFF19]/.test(text) || /^\s*(true|false)\s*$/i.test(text);
}

/** One cell as it goes into Range.values; `textCell` when the cell is formatted "@". */
export function encodeCell(value: CellValue, textCell: boolean): string | number | boolean {
  if (value === null || value === '') return '';
  if (typeof value !== 'string') return value;
  if (textCell) return value.startsWith("'") ? `'${value}` : value;
  return needsQuotePrefix(value) ? `'${value}` : value;
}

/** One cell as Range.values returns it: empty cells are "" there and null in the port. */
export function decodeCell(value: unknown): CellValue {
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** Bytes of the UTF-8 JSON text of a value: how big a request or response part is. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The A1 references in a RangeAreas address ("Sheet1!A2:B2,'My sheet'!C5"), without sheet names. */
export function areaRefs(address: string): string[] {
  return [...address.matchAll(/!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)/g)].map((m) => m[1].replace(/\$/g, ''));
}
