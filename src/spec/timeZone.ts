/**
 * The office's time zone as 设置 declares it (`## 时区` in _设置.md, the 时区 column of the 设置 sheet): an IANA
 * name the runtime's Intl knows. Asia/Shanghai when none is declared.
 */
import { foldWidth, nonBlank, type Section } from './markdown';
import type { DocError } from './errors';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name.trim() });
    return true;
  } catch {
    return false;
  }
}

/** The `## 时区` section: its first non-blank line is the zone (a list dash or backticks around it are fine). */
export function readTimeZoneSection(section: Section, file: string): { timeZone?: string; errors: DocError[] } {
  const first = nonBlank(section.body)[0];
  if (!first) return { errors: [{ file, line: section.line, column: 1, message: `“时区”下没有内容:写时区名,如 ${DEFAULT_TIME_ZONE}`, messageEn: `"时区" is empty: write a zone name such as ${DEFAULT_TIME_ZONE}` }] };
  const name = foldWidth(first.text).trim().replace(/^[-*]\s*/, '').replace(/^`(.*)`$/, '$1').trim();
  if (!isTimeZone(name)) {
    const column = first.text.indexOf(name) + 1 || 1;
    return {
      errors: [{ file, line: first.line, column, message: `时区“${name}”不是有效的时区名:写 IANA 时区名,如 ${DEFAULT_TIME_ZONE}、Asia/Hong_Kong、UTC`, messageEn: `"${name}" is not a time zone name: write an IANA name such as ${DEFAULT_TIME_ZONE}, Asia/Hong_Kong, UTC` }],
    };
  }
  return { timeZone: name, errors: [] };
}
