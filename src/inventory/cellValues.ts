/**
 * Reading ledger cells leniently but never silently: a value is either usable, blank, or bad (reported by the
 * caller with its row). Numbers typed as text ("12", full-width "１２", "1,200") are numbers; "12个" is not.
 */
import type { CellValue } from '../core/cells';
import { isValidDate } from '../core/cells';
import { ymdToSerial } from './months';

/** Returned for a cell that holds something that is not what the column needs. */
export const BAD = Number.NaN;

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const FULL_WIDTH = /[０-９．，－＋]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A number, null when blank, NaN when not a number. */
export function cellNumber(cell: CellValue): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : BAD;
  if (cell === null) return null;
  if (typeof cell === 'boolean') return BAD;
  let text = cell.trim();
  if (text === '') return null;
  text = halfWidth(text).replace(/,/g, '').replace(/^[¥￥]/, '');
  return NUMBER_RE.test(text) ? Number(text) : BAD;
}

export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  return String(cell);
}

const DATE_TEXT_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** A day as an Excel serial (time of day dropped), null when blank, NaN when not a date. */
export function cellDay(cell: CellValue): number | null {
  if (typeof cell === 'number') return cell >= 1 && cell < 2958466 ? Math.floor(cell) : BAD;
  if (cell === null) return null;
  if (typeof cell === 'boolean') return BAD;
  const text = cell.trim();
  if (text === '') return null;
  const m = DATE_TEXT_RE.exec(halfWidth(text));
  if (!m) return BAD;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? ymdToSerial(y, mo, d) : BAD;
}

/** 是/否 cells (also TRUE/FALSE); null when blank or anything else. */
export function cellYesNo(cell: CellValue): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  if (text === '是' || text.toUpperCase() === 'TRUE' || text.toUpperCase() === 'Y') return true;
  if (text === '否' || text.toUpperCase() === 'FALSE' || text.toUpperCase() === 'N') return false;
  return null;
}

/** 90% / 0.9 / 90 → 0.9, or null. */
export function cellPercent(cell: CellValue): number | null {
  if (typeof cell === 'number') return cell > 1 ? cell / 100 : cell;
  if (typeof cell !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*[%％]?\s*$/.exec(halfWidth(cell));
  if (!m) return null;
  const n = Number(m[1]);
  return n > 1 ? n / 100 : n;
}
