/**
 * Numbering from a document's pattern (综办发〔{yyyy}〕{n}号, SW-{yyyy}-{n:4}, CG-{yyyy}{mm}-{n:3}).
 * The next number comes from the numbers already in the register, never from a counter stored elsewhere:
 * rows may be out of order, hand-typed, pasted or co-authored. A period ({yyyy}, {yyyy}{mm}) restarts at 1.
 * The next number is one above the highest in its period, so a deleted or skipped number is reported as a gap
 * and never handed out again.
 *
 * Hand-typed numbers are read leniently: full-width digits and letters, spaces, any of 〔〕[]【】()（）〖〗 for the
 * brackets, missing zero padding and letter case are accepted as the same number (and reported as a format slip).
 */
import { parseInstant } from './dates';

export interface SerialPattern {
  pattern: string;
  regex: RegExp;
  /** Placeholders in order of their capture groups. */
  groups: ('yyyy' | 'yy' | 'mm' | 'n')[];
  width: number | null;
  byYear: boolean;
  byMonth: boolean;
}

export interface ParsedNumber {
  /** '' (never resets), '2026' or '2026-03'. */
  period: string;
  n: number;
  /** The number as the pattern writes it. */
  canonical: string;
}

const OPEN = /[〔\[【(（〖［]/g;
const CLOSE = /[〕\]】)）〗］]/g;

const PLAIN_NUMBER = /^[0-9A-Za-z\-_./]*$/;

/** The same number however it was typed: NFKC, no spaces, one kind of bracket, upper case. */
export function normaliseNumberText(text: string): string {
  // Letters, digits and dashes are all most numbers are (SW-2026-0001): NFKC, spaces and brackets leave them as they are.
  if (PLAIN_NUMBER.test(text)) return text.toUpperCase();
  return text.normalize('NFKC').replace(/\s+/g, '').replace(OPEN, '〔').replace(CLOSE, '〕').toUpperCase();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** n beyond this cannot be incremented exactly; such a "number" is treated as malformed. */
const MAX_DIGITS = 12;

const compiled = new Map<string, SerialPattern>();
const parsedCache = new WeakMap<SerialPattern, Map<string, ParsedNumber | null>>();

/** Compiled once per pattern text: next-number and check run over every row of a register. */
export function compilePattern(pattern: string): SerialPattern {
  let p = compiled.get(pattern);
  if (!p) compiled.set(pattern, (p = compileUncached(pattern)));
  return p;
}

function compileUncached(pattern: string): SerialPattern {
  const groups: SerialPattern['groups'] = [];
  let width: number | null = null;
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{(yyyy|yy|mm|n(?::(\d))?)\}/g)) {
    source += escape(normaliseNumberText(pattern.slice(last, m.index)));
    const token = m[1];
    if (token === 'yyyy') source += '(\\d{4})';
    else if (token === 'yy') source += '(\\d{2})';
    else if (token === 'mm') source += '(\\d{1,2})';
    else {
      source += `(\\d{1,${MAX_DIGITS}})`;
      width = m[2] ? Number(m[2]) : null;
    }
    groups.push(token.startsWith('n') ? 'n' : (token as 'yyyy' | 'yy' | 'mm'));
    last = m.index + m[0].length;
  }
  source += escape(normaliseNumberText(pattern.slice(last)));
  return {
    pattern,
    regex: new RegExp(`^${source}$`),
    groups,
    width,
    byYear: groups.includes('yyyy') || groups.includes('yy'),
    byMonth: groups.includes('mm'),
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function periodKey(p: SerialPattern, year: number, month: number): string {
  if (!p.byYear) return '';
  return p.byMonth ? `${year}-${pad(month, 2)}` : String(year);
}

export function formatNumber(p: SerialPattern, year: number, month: number, n: number): string {
  return p.pattern.replace(/\{(yyyy|yy|mm|n(?::(\d))?)\}/g, (_, token: string, w?: string) => {
    if (token === 'yyyy') return pad(year, 4);
    if (token === 'yy') return pad(year % 100, 2);
    if (token === 'mm') return pad(month, 2);
    return w ? pad(n, Number(w)) : String(n);
  });
}

export function parseNumber(p: SerialPattern, value: string): ParsedNumber | null {
  let cache = parsedCache.get(p);
  if (!cache) parsedCache.set(p, (cache = new Map()));
  if (cache.has(value)) return cache.get(value)!;
  const parsed = parseUncached(p, value);
  if (cache.size > 50_000) cache.clear();
  cache.set(value, parsed);
  return parsed;
}

function parseUncached(p: SerialPattern, value: string): ParsedNumber | null {
  const m = p.regex.exec(normaliseNumberText(value));
  if (!m) return null;
  let year = 0;
  let month = 1;
  let n = 0;
  p.groups.forEach((g, i) => {
    const v = Number(m[i + 1]);
    if (g === 'yyyy') year = v;
    else if (g === 'yy') year = 2000 + v;
    else if (g === 'mm') month = v;
    else n = v;
  });
  if (month < 1 || month > 12 || n < 1) return null;
  return { period: periodKey(p, year, month), n, canonical: formatNumber(p, year, month, n) };
}

/** The period a number given at `now` belongs to. */
export function periodAt(p: SerialPattern, now: string): { year: number; month: number; key: string } {
  const ms = parseInstant(now);
  if (ms === null) throw new Error(`now must be YYYY-MM-DD[THH:mm], got ${now}`);
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return { year, month, key: periodKey(p, year, month) };
}

/** One above the highest number of the period; existing values may be in any order, blank or malformed. */
export function nextNumber(p: SerialPattern, existing: readonly (string | null | undefined)[], now: string): { number: string; n: number; period: string } {
  const { year, month, key } = periodAt(p, now);
  let max = 0;
  for (const v of existing) {
    if (typeof v !== 'string' || v === '') continue;
    const parsed = parseNumber(p, v);
    if (parsed && parsed.period === key && parsed.n > max) max = parsed.n;
  }
  const n = max + 1;
  return { number: formatNumber(p, year, month, n), n, period: key };
}

export interface NumberedRow {
  /** 1-based sheet row. */
  row: number;
  value: string | null;
}

export type NumberingProblem =
  | { kind: 'missing'; row: number }
  | { kind: 'malformed'; row: number; value: string }
  | { kind: 'format'; row: number; value: string; canonical: string }
  | { kind: 'duplicate'; row: number; value: string; firstRow: number }
  | { kind: 'gap'; row: number; period: string; from: string; to: string; count: number };

/** Blank, unreadable, sloppily typed, duplicate numbers and gaps within a period. */
export function numberingProblems(p: SerialPattern, rows: readonly NumberedRow[]): NumberingProblem[] {
  const problems: NumberingProblem[] = [];
  const seen = new Map<string, number>();
  const byPeriod = new Map<string, { n: number; row: number; parsed: ParsedNumber }[]>();
  for (const { row, value } of rows) {
    if (value === null || value.trim() === '') {
      problems.push({ kind: 'missing', row });
      continue;
    }
    const parsed = parseNumber(p, value);
    if (!parsed) {
      problems.push({ kind: 'malformed', row, value });
      continue;
    }
    if (parsed.canonical !== value) problems.push({ kind: 'format', row, value, canonical: parsed.canonical });
    const key = `${parsed.period}#${parsed.n}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ kind: 'duplicate', row, value, firstRow: first });
    else seen.set(key, row);
    const list = byPeriod.get(parsed.period) ?? [];
    list.push({ n: parsed.n, row, parsed });
    byPeriod.set(parsed.period, list);
  }
  for (const [period, list] of byPeriod) {
    list.sort((a, b) => a.n - b.n);
    let expected = 1;
    for (const item of list) {
      if (item.n > expected) {
        const [year, month] = period ? [Number(period.slice(0, 4)), Number(period.slice(5, 7) || 1)] : [0, 1];
        problems.push({
          kind: 'gap',
          row: item.row,
          period,
          from: formatNumber(p, year, month, expected),
          to: formatNumber(p, year, month, item.n - 1),
          count: item.n - expected,
        });
      }
      expected = Math.max(expected, item.n + 1);
    }
  }
  return problems.sort((a, b) => a.row - b.row);
}
