/**
 * When a register's number is given (编号时机), written as a line of the 审批流程 section:
 * `编号时机:提交` (the default: numbered on submission) or `编号时机:综合办公室编号` (numbered when that step is
 * approved; until then the record shows 待编号). The step must be an approval step of every route.
 */
import { foldWidth, nonBlank, type Section } from './markdown';
import type { ChainRoute, FieldSpec } from './schema';

const NUMBER_AT = /^[-*]?\s*编号时机\s*:\s*(.*)$/;
export const NUMBER_ON_SUBMIT = '提交';

export function isNumberAtLine(text: string): boolean {
  return NUMBER_AT.test(foldWidth(text).trim());
}

type Add = (line: number, column: number, message: string, messageEn: string) => void;

/** The step text, or undefined for 提交; errors go to `add`. */
export function readNumberAt(section: Section, chain: ChainRoute[], fields: FieldSpec[], add: Add): string | undefined {
  const lines = nonBlank(section.body).filter((l) => isNumberAtLine(l.text));
  if (lines.length > 1) add(lines[1].line, 1, '“编号时机”只能写一行', '编号时机 may be written once only');
  const first = lines[0];
  if (!first) return undefined;
  const step = NUMBER_AT.exec(foldWidth(first.text).trim())![1].trim();
  if (step === NUMBER_ON_SUBMIT) return undefined;
  if (!fields.some((f) => f.type === 'serial')) {
    add(first.line, 1, '写了“编号时机”,但字段表中没有“编号”类型的字段', '编号时机 is given but no field has the type 编号');
    return undefined;
  }
  const missing = chain.filter((r) => !r.steps.slice(1).some((s) => s.text === step));
  if (!step || !chain.length || missing.length) {
    const steps = [...new Set(chain.flatMap((r) => r.steps.slice(1).map((s) => s.text)))];
    add(
      first.line,
      1,
      `“编号时机”应写“提交”或每条审批路线上都有的一个审批步骤,“${step}”不是${steps.length ? `(可写:${steps.join('、')})` : ''}`,
      `编号时机 must be 提交 or an approval step on every route; "${step}" is not`,
    );
    return undefined;
  }
  return step;
}
