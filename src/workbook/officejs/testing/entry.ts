/**
 * What Excel does with a value written to Range.values, cell by cell: the same as with a value typed into the
 * cell. Modelled pessimistically (where Excel versions or locales differ, the fake coerces more, so an adapter
 * that passes here does not depend on the lenient case):
 *
 * - A string starting with = is a formula; one starting with + - or @ followed by more than a number is one too
 *   ("If the returned value starts with a plus, minus, or equal sign, Excel interprets this value as a formula",
 *   Range.values, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 *   Formulas are not evaluated here: their value reads back as #NAME?.
 * - A string that looks like a number (also with full-width digits, as an East Asian input locale converts them),
 *   a percentage, a date or time, or TRUE/FALSE becomes that number, date serial or boolean and the cell gets
 *   a number format to match ("Stop automatically changing numbers to dates",
 *   https://support.microsoft.com/office/stop-automatically-changing-numbers-to-dates-452bd2db-cc96-47d1-81e4-72cec11c4ed8).
 * - In a cell formatted as Text (number format "@") a string is kept exactly as written; a leading apostrophe is
 *   the quote prefix in any format: it is not part of the value and makes the rest text
 *   ("Format numbers as text", https://support.microsoft.com/office/format-numbers-as-text-583160db-9fb7-4758-8d7b-b8e5f45ea930).
 * - A cell holds at most 32,767 characters and numbers keep 15 significant digits
 *   ("Excel specifications and limits", https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 * - "" clears the cell. null is refused: whether Excel skips or clears a null cell is not documented, so an
 *   adapter must say which it means.
 */
import { FakeOfficeError } from './errors';

export type Scalar = string | number | boolean;

export interface Entered {
  /** undefined: the cell is empty. */
  value: Scalar | undefined;
  formula?: string;
  quotePrefix?: boolean;
  /** Number format Excel gives the cell because of what was typed (a date typed into a General cell). */
  impliedFormat?: string;
}

export const MAX_CELL_TEXT = 32_767;
const NAME_ERROR = '#NAME?';

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E\uFF0C\uFF05]/g;
const toHalfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function asNumber(text: string): { value: number; format?: string } | null {
  const t = toHalfWidth(text).trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(%?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  return m[2] ? { value: n / 100, format: '0%' } : { value: n };
}

function serialOf(y: number, mo: number, d: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 9999) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const dt = new Date(ms);
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function asDateOrTime(text: string): { value: number; format: string } | null {
  const t = toHalfWidth(text).trim();
  let m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) {
    const day = serialOf(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day === null) return null;
    if (m[4] === undefined) return { value: day, format: 'yyyy-mm-dd' };
    const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return null;
    return { value: day + (h * 3600 + mi * 60 + s) / 86400, format: 'yyyy-mm-dd hh:mm' };
  }
  m = /^(\d{1,2})[/月](\d{1,2})日?$/.exec(t);
  if (m) {
    const day = serialOf(new Date().getFullYear(), Number(m[1]), Number(m[2]));
    return day === null ? null : { value: day, format: 'm/d' };
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return null;
    return { value: (h * 3600 + mi * 60 + s) / 86400, format: 'h:mm' };
  }
  return null;
}

export function roundTo15(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(15));
}

/** The cell a value becomes when written to Range.values of a cell whose number format is `format`. */
export function enter(input: unknown, format: string, where: string): Entered {
  if (input === null || input === undefined)
    throw new FakeOfficeError('InvalidArgument', `null in Range.values at ${where}: write "" to clear a cell`, where);
  if (typeof input === 'boolean') return { value: input };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new FakeOfficeError('InvalidArgument', `Number ${input} cannot be stored (${where})`, where);
    return { value: roundTo15(input) };
  }
  if (typeof input !== 'string') throw new FakeOfficeError('InvalidArgument', `Values must be strings, numbers or booleans (${where})`, where);
  if (input.length > MAX_CELL_TEXT)
    throw new FakeOfficeError('InvalidArgument', `Text of ${input.length} characters at ${where}: a cell holds at most ${MAX_CELL_TEXT}`, where);
  if (input === '') return { value: undefined };
  if (input.startsWith("'")) return input.length === 1 ? { value: undefined, quotePrefix: true } : { value: input.slice(1), quotePrefix: true };
  if (format === '@') return { value: input };
  const first = input[0];
  if (first === '=' && input.length > 1) return { value: NAME_ERROR, formula: input };
  if ((first === '+' || first === '-' || first === '\uFF0B' || first === '\uFF0D') && input.length > 1) {
    const n = asNumber(input);
    if (n) return { value: roundTo15(n.value), impliedFormat: n.format };
    return { value: NAME_ERROR, formula: `=${input}` };
  }
  if (first === '@' && input.length > 1) return { value: NAME_ERROR, formula: `=${input.slice(1)}` };
  const n = asNumber(input);
  if (n) return { value: roundTo15(n.value), impliedFormat: n.format };
  const d = asDateOrTime(input);
  if (d) return { value: roundTo15(d.value), impliedFormat: format === 'General' ? d.format : undefined };
  if (/^(true|false)$/i.test(input.trim())) return { value: input.trim().toLowerCase() === 'true' };
  return { value: input };
}
