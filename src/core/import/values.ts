/**
 * A hand-made ledger's cell → the value a register field holds, or why it cannot be one.
 *
 * Dates: Excel serial numbers, and text as offices type it — 2025-3-5, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305,
 * 25.3.5. Century rule for two-digit years, the same as Excel's: 00–29 are 2000–2029, 30–99 are 1930–1999.
 * Numbers: thousands separators, ¥/￥/元 and a trailing unit (3份, 12 个). Yes/no: 是 √ ✓ ✔ Y yes 有 对 1 and
 * 否 × ✗ ✘ N no 无 错 0. Choices, 设置 lists, people and departments: compared folded (width, spaces, case) and
 * given back spelt as the register spells them; a value not found is left for validation to name.
 */
import type { CellValue, RecordValue } from '../cells';
import { isValidDate, serialToDate, serialToDateTime, serialToTime } from '../cells';
import type { FieldSpec, SettingsSpec } from '../../spec/schema';
import { foldText, valueKey } from './text';

export type Converted = { ok: true; value: RecordValue } | { ok: false; message: string; messageEn: string };

const ok = (value: RecordValue): Converted => ({ ok: true, value });
const bad = (message: string, messageEn: string): Converted => ({ ok: false, message, messageEn });

const pad = (n: number) => String(n).padStart(2, '0');

/** Two-digit years as Excel reads them: 00–29 → 20xx, 30–99 → 19xx. */
export function centuryOf(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

const DATE_TEXT = /^(\d{2}|\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
const TIME_TEXT = /(\d{1,2})\s*[:时点]\s*(\d{1,2})?\s*(?:[:分]\s*(\d{1,2})\s*秒?)?/;

/** A date typed as text → YYYY-MM-DD and what follows it; null when it is not a date. */
export function parseDateText(text: string): { date: string; rest: string } | null {
  const t = foldText(text);
  const m = DATE_TEXT.exec(t) ?? COMPACT_DATE.exec(t);
  if (!m) return null;
  const y = m[1].length === 2 ? centuryOf(Number(m[1])) : Number(m[1]);
  const [mo, d] = [Number(m[2]), Number(m[3])];
  if (!isValidDate(y, mo, d)) return null;
  return { date: `${y}-${pad(mo)}-${pad(d)}`, rest: t.slice(m[0].length).trim() };
}

/** 9:30, 9：30, 9点30, 9时30分, 下午3点 → HH:mm[:ss]; null when not a time. */
export function parseTimeText(text: string): string | null {
  const t = foldText(text);
  const m = TIME_TEXT.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const mi = Number(m[2] ?? 0);
  const s = Number(m[3] ?? 0);
  if (/下午|晚上/.test(t) && h < 12) h += 12;
  if (h > 23 || mi > 59 || s > 59) return null;
  return s ? `${pad(h)}:${pad(mi)}:${pad(s)}` : `${pad(h)}:${pad(mi)}`;
}

const EXCEL_MAX_SERIAL = 2958465;

function dateValue(cell: CellValue): string | null {
  // 20250305 typed into a number cell is a date written without separators, not a serial.
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return parseDateText(String(cell))?.date ?? null;
  if (typeof cell === 'number') return cell >= 1 && cell <= EXCEL_MAX_SERIAL ? serialToDate(cell) : null;
  if (typeof cell !== 'string') return null;
  const parsed = parseDateText(cell);
  return parsed ? parsed.date : null;
}

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** ¥1,200.00, 3份, 12 个, 1 200 → number; null when not one. */
export function parseNumberText(text: string, unit?: string): number | null {
  let t = foldText(text).replace(/[¥￥$]/g, '').replace(/[,\s]/g, '');
  if (unit) t = t.split(unit).join('');
  t = t.replace(/(元|人民币|rmb)$/i, '').replace(/[\u4e00-\u9fff]{1,2}$/, '');
  if (!NUMBER_TEXT.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const YES = new Set(['是', '√', '✓', '✔', '☑', 'y', 'yes', '有', '对', '1', 'true', '已签', '已签字']);
const NO = new Set(['否', '×', '✗', '✘', 'x', 'n', 'no', '无', '没有', '错', '0', 'false', '未签', '未签字']);

/** Each list's values by key, built once per list (a ledger's column asks the same list for every row). */
const keyedLists = new WeakMap<object, Map<string, string>>();
function keyed(owner: object, values: () => readonly string[]): Map<string, string> {
  let map = keyedLists.get(owner);
  if (!map) {
    map = new Map();
    // The first value with a key wins, as a search from the top of the list would find it.
    for (const v of values()) if (!map.has(valueKey(v))) map.set(valueKey(v), v);
    keyedLists.set(owner, map);
  }
  return map;
}

function matchAmong(text: string, values: Map<string, string>): string | null {
  return values.get(valueKey(text)) ?? null;
}

const NO_VALUES: readonly string[] = [];

const shown = (cell: CellValue) => (typeof cell === 'string' ? cell : String(cell));

/** One cell for one field. Blank cells are null; validation decides whether the field may be blank. */
export function convertCell(field: FieldSpec, cell: CellValue, settings: SettingsSpec | null): Converted {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return ok(null);
  const name = field.name;
  const text = typeof cell === 'string' ? foldText(cell) : '';
  switch (field.type) {
    case 'date': {
      const date = dateValue(cell);
      return date ? ok(date) : bad(`“${name}”的“${shown(cell)}”不是有效日期(可写 2025-3-5、2025/3/5、2025.3.5、2025年3月5日)`, `"${name}": "${shown(cell)}" is not a valid date (write 2025-3-5, 2025/3/5, 2025.3.5 or 2025年3月5日)`);
    }
    case 'dateTime': {
      if (typeof cell === 'number') return cell >= 1 && cell <= EXCEL_MAX_SERIAL ? ok(serialToDateTime(cell)) : bad(`“${name}”的“${cell}”不是有效日期时间`, `"${name}": "${cell}" is not a valid date and time`);
      const parsed = typeof cell === 'string' ? parseDateText(cell) : null;
      if (!parsed) return bad(`“${name}”的“${shown(cell)}”不是有效日期时间(如 2025-3-5 9:30)`, `"${name}": "${shown(cell)}" is not a valid date and time (e.g. 2025-3-5 9:30)`);
      const time = parsed.rest ? parseTimeText(parsed.rest) : '00:00';
      return time ? ok(`${parsed.date}T${time}`) : bad(`“${name}”的“${shown(cell)}”中的时间无法识别`, `"${name}": the time in "${shown(cell)}" is not readable`);
    }
    case 'time': {
      if (typeof cell === 'number') return cell >= 0 && cell < 1 ? ok(serialToTime(cell)) : bad(`“${name}”的“${cell}”不是有效时间`, `"${name}": "${cell}" is not a valid time`);
      const time = parseTimeText(text);
      return time ? ok(time) : bad(`“${name}”的“${shown(cell)}”不是有效时间(如 9:30)`, `"${name}": "${shown(cell)}" is not a valid time (e.g. 9:30)`);
    }
    case 'integer':
    case 'copies':
    case 'decimal':
    case 'money': {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseNumberText(cell, field.rules.unit) : null;
      return n === null ? bad(`“${name}”的“${shown(cell)}”不是数字`, `"${name}": "${shown(cell)}" is not a number`) : ok(n);
    }
    case 'yesNo': {
      if (typeof cell === 'boolean') return ok(cell);
      const key = valueKey(String(cell));
      if (YES.has(key)) return ok(true);
      if (NO.has(key)) return ok(false);
      return bad(`“${name}”的“${shown(cell)}”应为 是/否(也可写 √、×、Y、N、有、无)`, `"${name}": "${shown(cell)}" must be yes or no (是/否, √/×, Y/N, 有/无)`);
    }
    case 'choice': {
      const choices = field.choices ?? NO_VALUES;
      return ok(matchAmong(String(cell), keyed(choices, () => choices)) ?? foldText(String(cell)));
    }
    case 'list': {
      const list = settings?.lists.find((l) => l.name === field.list);
      return ok((list ? matchAmong(String(cell), keyed(list, () => list.values)) : null) ?? foldText(String(cell)));
    }
    case 'person':
      return ok((settings ? matchAmong(String(cell), keyed(settings.people, () => settings.people.map((p) => p.name))) : null) ?? foldText(String(cell)));
    case 'department':
      return ok((settings ? matchAmong(String(cell), keyed(settings.departments, () => settings.departments.map((d) => d.name))) : null) ?? foldText(String(cell)));
    case 'serial':
    case 'phone':
      return ok(typeof cell === 'number' ? String(cell) : String(cell).trim());
    default:
      return ok(typeof cell === 'string' ? cell.trim() : String(cell));
  }
}
