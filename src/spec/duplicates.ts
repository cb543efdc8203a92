/**
 * What makes two entries of a document "the same" — a deadline, a cross-field rule, an approval route — so that a
 * document listing one twice is refused where the second one is written, as a duplicated field is.
 */
import type { ChainRoute, Condition, CrossRule, Deadline } from './schema';

/** Remembers the line each key was first written on. */
export class FirstSeen {
  private lines = new Map<string, number>();

  /** The line `key` was first seen on, or null when this is the first time (and this line is remembered). */
  seenBefore(key: string, line: number): number | null {
    const first = this.lines.get(key);
    if (first !== undefined) return first;
    this.lines.set(key, line);
    return null;
  }
}

/** Order-free lists: "为 A、B" and "为 B、A" are one condition; "必填 X、Y" and "必填 Y、X" one rule. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? [...value].sort() : value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  return value;
}

function key(value: unknown): string {
  return JSON.stringify(canonical(value));
}

/** A deadline's meaning without its name: the same clock, limit, completion field and condition. */
export function deadlineKey(deadline: Deadline): string {
  const { name: _name, ...meaning } = deadline;
  return key(meaning);
}

/** A rule's meaning without its wording: `A 不晚于 B` and `B 不早于 A` are one rule. */
export function ruleKey(rule: CrossRule): string {
  const { text: _text, ...meaning } = rule;
  return key(meaning);
}

/** Which records a route takes: its condition, or none for the 其他 / only route. */
export function routeKey(when: Condition | null): string {
  return when === null ? 'default' : key(when);
}

/** The first step of a route written twice in it, by index, or -1. */
export function repeatedStep(steps: ChainRoute['steps']): number {
  const seen = new Set<string>();
  return steps.findIndex((s) => (seen.has(s.text) ? true : (seen.add(s.text), false)));
}
