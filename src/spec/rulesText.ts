/**
 * The small Chinese phrases a document uses for field rules, chains, deadlines and cross-field rules:
 * one reader and one writer for each, so that spec → document → spec is the identity.
 */
import { foldWidth } from './markdown';
import type { ChainStep, Condition, Deadline, FieldRules, FieldType } from './schema';
import { FIELD_TYPE_WORDS } from './schema';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; messageEn: string };
const fail = (message: string, messageEn: string): { ok: false; message: string; messageEn: string } => ({
  ok: false,
  message,
  messageEn,
});

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;

export function fieldTypeFromWord(word: string): FieldType | null {
  const w = foldWidth(word).trim();
  for (const [type, words] of Object.entries(FIELD_TYPE_WORDS)) {
    if (words.includes(w)) return type as FieldType;
  }
  return null;
}

export function fieldTypeWord(type: FieldType): string {
  return FIELD_TYPE_WORDS[type][0];
}

export const KNOWN_TYPE_WORDS = Object.values(FIELD_TYPE_WORDS)
  .map((w) => w[0])
  .join('、');

export function parseRequired(text: string): boolean | null {
  const t = foldWidth(text).trim();
  if (['是', '必填', 'Y', 'y', '√', '✓'].includes(t)) return true;
  if (['否', '选填', 'N', 'n', '×', '✗', ''].includes(t)) return t === '' ? null : false;
  return null;
}

/** Numbering patterns: literal text plus {yyyy}, {yy}, {mm} and {n} or {n:WIDTH}. */
export function checkSerialPattern(pattern: string): string | null {
  const tokens = pattern.match(/\{[^}]*\}/g) ?? [];
  const bad = tokens.filter((t) => !/^\{(yyyy|yy|mm|n|n:[1-9])\}$/.test(t));
  if (bad.length) return `未知的占位符 ${bad.join(' ')}`;
  if (!tokens.some((t) => t.startsWith('{n'))) return '缺少流水号占位符 {n} 或 {n:4}';
  if (pattern.includes('{mm}') && !pattern.includes('{yy')) return '{mm} 需要与 {yyyy} 或 {yy} 一起使用';
  return null;
}

export function parseFieldRules(text: string, type: FieldType): Outcome<FieldRules> {
  const rules: FieldRules = {};
  const folded = foldWidth(text).trim();
  const parts = folded === '' || folded === '-' || folded === '无' ? [] : folded.split(/\s*;\s*/);
  for (const rawPart of parts) {
    const part = rawPart.trim();
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^最多\s*(\d+)\s*字$/.exec(part))) rules.maxLength = Number(m[1]);
    else if ((m = /^至少\s*(\d+)\s*字$/.exec(part))) rules.minLength = Number(m[1]);
    else if ((m = new RegExp(`^(${NUMBER})\\s*[~至]\\s*(${NUMBER})$`).exec(part))) {
      rules.min = Number(m[1]);
      rules.max = Number(m[2]);
    } else if ((m = new RegExp(`^(?:≥|>=)\\s*(${NUMBER})$`).exec(part))) rules.min = Number(m[1]);
    else if ((m = new RegExp(`^(?:≤|<=)\\s*(${NUMBER})$`).exec(part))) rules.max = Number(m[1]);
    else if ((m = /^单位\s+(\S.*)$/.exec(part))) rules.unit = m[1].trim();
    else if ((m = /^格式\s+(\S.*)$/.exec(part))) rules.pattern = m[1].trim();
    else if ((m = /^默认\s+(\S.*)$/.exec(part))) rules.defaultValue = m[1].trim();
    else
      return fail(
        `看不懂规则“${part}”。可写:最多 50 字;至少 2 字;1~99;≥ 0;≤ 100;单位 份;格式 SW-{yyyy}-{n:4};默认 今天(多条用分号隔开)`,
        `Unknown rule "${part}". Write one of: 最多 50 字; 至少 2 字; 1~99; ≥ 0; ≤ 100; 单位 份; 格式 SW-{yyyy}-{n:4}; 默认 今天 (separate rules with ;)`,
      );
  }
  if (rules.min !== undefined && rules.max !== undefined && rules.min > rules.max)
    return fail(`下限 ${rules.min} 大于上限 ${rules.max}`, `Lower bound ${rules.min} is above upper bound ${rules.max}`);
  if (rules.minLength !== undefined && rules.maxLength !== undefined && rules.minLength > rules.maxLength)
    return fail('“至少 N 字”大于“最多 N 字”', 'Minimum length is above maximum length');
  if (rules.maxLength !== undefined && rules.maxLength > 32767)
    return fail('Excel 单元格最多 32767 字,请写更小的“最多 N 字”', 'An Excel cell holds at most 32767 characters');
  const numeric = ['integer', 'decimal', 'money', 'copies'].includes(type);
  if ((rules.min !== undefined || rules.max !== undefined) && !numeric)
    return fail('数值范围只适用于 整数、小数、金额、份数 字段', 'Numeric ranges only apply to integer, decimal, money and copies fields');
  const textual = ['text', 'longText'].includes(type);
  if ((rules.minLength !== undefined || rules.maxLength !== undefined) && !textual)
    return fail('“最多/至少 N 字”只适用于 文本、长文本 字段', 'Length rules only apply to text fields');
  if (rules.pattern !== undefined) {
    if (type !== 'serial') return fail('“格式”只适用于 编号 字段', '"格式" only applies to serial fields');
    const problem = checkSerialPattern(rules.pattern);
    if (problem) return fail(`编号格式有误:${problem}。例:综办发〔{yyyy}〕{n}号`, `Bad numbering pattern: ${problem}`);
  }
  if (type === 'serial' && rules.pattern === undefined)
    return fail('编号字段需要“格式 …”,例:格式 SW-{yyyy}-{n:4}', 'A serial field needs a pattern, e.g. 格式 SW-{yyyy}-{n:4}');
  return { ok: true, value: rules };
}

export function formatFieldRules(rules: FieldRules): string {
  const parts: string[] = [];
  if (rules.pattern !== undefined) parts.push(`格式 ${rules.pattern}`);
  if (rules.minLength !== undefined) parts.push(`至少 ${rules.minLength} 字`);
  if (rules.maxLength !== undefined) parts.push(`最多 ${rules.maxLength} 字`);
  if (rules.min !== undefined && rules.max !== undefined) parts.push(`${rules.min}~${rules.max}`);
  else if (rules.min !== undefined) parts.push(`≥ ${rules.min}`);
  else if (rules.max !== undefined) parts.push(`≤ ${rules.max}`);
  if (rules.unit !== undefined) parts.push(`单位 ${rules.unit}`);
  if (rules.defaultValue !== undefined) parts.push(`默认 ${rules.defaultValue}`);
  return parts.join(';');
}

/** Values separated by 、 , / or ，. */
export function splitValues(text: string): string[] {
  return foldWidth(text)
    .split(/\s*[、,/]\s*/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** `字段 为 A、B` or `字段 ≥ 5000`. */
export function parseCondition(text: string): Outcome<Condition> {
  const t = foldWidth(text).trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\S+?)\s*(?:为|是|=)\s*(\S.*)$/.exec(t))) {
    const values = splitValues(m[2]);
    if (values.length) return { ok: true, value: { op: 'in', field: m[1], values } };
  }
  if ((m = new RegExp(`^(\\S+?)\\s*(≥|>=|≤|<=|>|<)\\s*(${NUMBER})$`).exec(t))) {
    const op = ({ '≥': '>=', '>=': '>=', '≤': '<=', '<=': '<=', '>': '>', '<': '<' } as const)[
      m[2] as '≥' | '>=' | '≤' | '<=' | '>' | '<'
    ];
    return { ok: true, value: { op, field: m[1], value: Number(m[3]) } };
  }
  return fail(
    `看不懂条件“${t}”,写成“字段 为 值1、值2”或“字段 ≥ 数字”`,
    `Cannot read condition "${t}"; write "字段 为 值1、值2" or "字段 ≥ number"`,
  );
}

export function formatCondition(c: Condition): string {
  if (c.op === 'in') return `${c.field} 为 ${c.values.join('、')}`;
  const op = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' }[c.op];
  return `${c.field} ${op} ${c.value}`;
}

/** The separators the seeds use between steps: —— ―― -—— → -> and friends. */
const STEP_SEPARATOR = /\s*(?:-+>|→|⟶|➝|⇒|[—―－\-–─]+)\s*/;

export function splitChain(text: string): string[] {
  return foldWidth(text)
    .split(STEP_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Role is the longest known role name that starts the step; the rest is the action. */
export function parseStep(written: string, roles: readonly string[]): Outcome<ChainStep> {
  const byLength = [...roles].sort((a, b) => b.length - a.length);
  // An explicit escalation, 部门领导(无则办公室主任)审核: the step is 部门领导审核, escalating to 办公室主任.
  const escalation = ESCALATION.exec(written);
  const text = escalation ? (written.slice(0, escalation.index) + written.slice(escalation.index + escalation[0].length)).trim() : written;
  const fallback = escalation ? escalation[1].split(/\s*[、,]\s*/).filter(Boolean) : [];
  const unknown = fallback.filter((r) => !roles.includes(r));
  if (unknown.length)
    return fail(
      `步骤“${written}”中“无则”后的角色“${unknown.join('、')}”不是已知角色:${roles.join('、')}(在 _设置.md 的“角色”表中添加新角色)`,
      `Step "${written}" escalates to unknown role(s) ${unknown.join(', ')} (add roles in _设置.md)`,
    );
  if (escalation && !fallback.length) return fail(`步骤“${written}”的“(无则…)”中没有写角色,如“部门领导(无则办公室主任)审核”`, `Step "${written}": write a role after 无则, e.g. 部门领导(无则办公室主任)审核`);
  const role = byLength.find((r) => text.startsWith(r));
  if (!role)
    return fail(
      `步骤“${text}”没有写明由谁办理:写成“角色+动作”,如“办公室主任审批”。已知角色:${roles.join('、')}(在 _设置.md 的“角色”表中添加新角色)`,
      `Step "${text}" names no role: write role + action, e.g. "办公室主任审批". Known roles: ${roles.join(', ')} (add roles in _设置.md)`,
    );
  return { ok: true, value: { text, role, action: text.slice(role.length), ...(fallback.length ? { fallback } : {}) } };
}

const ESCALATION = /\(\s*无则\s*([^)]*?)\s*\)/;

/** The step as a document writes it: the escalation, if any, right after the role. */
export function formatStep(step: ChainStep): string {
  return step.fallback?.length ? `${step.role}(无则${step.fallback.join('、')})${step.action}` : step.text;
}

const UNIT_WORDS: Record<string, Deadline['unit']> = {
  小时: 'hour',
  天: 'day',
  日: 'day',
  个工作日: 'day',
  个月: 'month',
  月: 'month',
  年: 'year',
};

/** `48 小时`, `3 天`, `提前 3 天`, `当天`, `1 个月`, `1 年`. */
export function parseDuration(text: string): Outcome<{ amount: number; unit: Deadline['unit'] }> {
  const t = foldWidth(text).trim();
  if (t === '当天' || t === '当日') return { ok: true, value: { amount: 0, unit: 'day' } };
  const m = /^(提前)?\s*(\d+)\s*(小时|个工作日|天|日|个月|月|年)(?:内)?$/.exec(t);
  if (!m)
    return fail(
      `看不懂时限“${t}”,写成“48 小时”“3 天”“提前 3 天”“1 个月”“1 年”或“当天”`,
      `Cannot read time limit "${t}"; write e.g. 48 小时, 3 天, 提前 3 天, 1 个月, 1 年, 当天`,
    );
  const amount = Number(m[2]) * (m[1] ? -1 : 1);
  return { ok: true, value: { amount, unit: UNIT_WORDS[m[3]] } };
}

export function formatDuration(d: { amount: number; unit: Deadline['unit'] }): string {
  if (d.amount === 0 && d.unit === 'day') return '当天';
  const word = { hour: '小时', day: '天', month: '个月', year: '年' }[d.unit];
  return `${d.amount < 0 ? '提前 ' : ''}${Math.abs(d.amount)} ${word}`;
}
