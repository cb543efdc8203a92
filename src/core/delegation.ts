/**
 * Delegation (委托): while a delegation is active, the delegate may act on the delegator's steps, and the step
 * records `受托人(代 委托人)`.
 */
import type { CellValue } from './cells';
import type { Delegation } from '../spec/schema';

const ON_BEHALF = /^(.+?)\s*[((]\s*代\s*(.+?)\s*[))]$/;

/** `受托人(代 委托人)` as written in a step column. */
export function onBehalfText(delegate: string, delegator: string): string {
  return `${delegate}(代 ${delegator})`;
}

/** Who acted and for whom, from a step column's text. */
export function parseActor(text: string | null): { actor: string; onBehalfOf: string | null } {
  const t = (text ?? '').trim();
  const m = ON_BEHALF.exec(t);
  return m ? { actor: m[1], onBehalfOf: m[2] } : { actor: t, onBehalfOf: null };
}

/** The person who actually acted. */
export function actorOf(text: string | null): string {
  return parseActor(text).actor;
}

/** The 委托 block's headers on the 设置 sheet, after the lists and a blank column. */
export const DELEGATION_HEADERS = ['委托人', '受托人', '委托开始', '委托结束', '委托范围'] as const;

const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** 委托 rows of the 设置 sheet, from the column holding 委托人. */
export function delegationsFromRows(body: CellValue[][], col: number): Delegation[] {
  const out: Delegation[] = [];
  for (const row of body) {
    const [delegator, delegate, from, to, scope] = [0, 1, 2, 3, 4].map((i) => cellText(row[col + i]));
    if (!delegator && !delegate) continue;
    out.push({ delegator, delegate, from: dateText(from), to: dateText(to), scope: scope.split(/\s*[、,,;;]\s*/).filter(Boolean) });
  }
  return out;
}

/** Dates as the sheet may hold them (2026-03-02, 2026/3/2, an Excel serial) → YYYY-MM-DD, or the text as it was. */
function dateText(text: string): string {
  if (/^\d{5}(\.\d+)?$/.test(text)) return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(text)) * 86_400_000).toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/** Rows for the 委托 block (header first), for settingsToRows and the template writer. */
export function delegationRows(delegations: readonly Delegation[]): CellValue[][] {
  return [[...DELEGATION_HEADERS], ...delegations.map((d) => [d.delegator, d.delegate, d.from, d.to, d.scope.join('、') || null])];
}

/** A delegation covers a moment (naive local time) when its day falls within 开始..结束, both inclusive. */
export function isActive(d: Delegation, at: string): boolean {
  const day = at.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(d.from) && /^\d{4}-\d{2}-\d{2}$/.test(d.to) && d.from <= day && day <= d.to;
}

/** Whether a delegation's 范围 (register names or ids, step texts; empty = everything) covers a step. */
export function covers(d: Delegation, register: { id: string; name: string }, step: string): boolean {
  return d.scope.length === 0 || d.scope.some((s) => s === register.id || s === register.name || s === step);
}

/**
 * The delegator `delegate` may act for on this step at `at`: one of `permitted` (never via another delegation:
 * chains are not followed), with an active delegation covering the step, and never for a record the delegate
 * applied for themself. Null when there is none.
 */
export function delegatorFor(delegations: readonly Delegation[], permitted: readonly string[], delegate: string, register: { id: string; name: string }, step: string, at: string, applicant: string | null): string | null {
  if (delegate === applicant) return null;
  const found = delegations.find((d) => d.delegate === delegate && d.delegator !== delegate && permitted.includes(d.delegator) && isActive(d, at) && covers(d, register, step));
  return found?.delegator ?? null;
}
