/**
 * The part of a field's rules that Excel's own data validation can express, as a host-neutral description.
 * The exceljs template writer and the Office.js adapter both turn this into Excel data validation, and core's
 * record validation checks the same rules (plus what Excel cannot express) before any write.
 */
import type { FieldSpec } from '../spec/schema';
import { dateToSerial } from './cells';

export interface ExcelValidation {
  type: 'list' | 'whole' | 'decimal' | 'date' | 'time' | 'textLength' | 'custom';
  operator?: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  /** Formulas without the leading '='; for list: a quoted comma list or a range formula. */
  formulae: (string | number)[];
  allowBlank: boolean;
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

/** Where the 设置 sheet keeps each list; the writer of 设置 decides these ranges. */
export interface ListRanges {
  departments: string;
  people: string;
  lists: Record<string, string>;
}

/** Excel's limit for an inline list formula (the whole "a,b,c" string). */
const INLINE_LIST_LIMIT = 255;

function quoteList(values: string[]): string | null {
  if (values.some((v) => v.includes(',') || v.includes('"'))) return null;
  const joined = `"${values.join(',')}"`;
  return joined.length <= INLINE_LIST_LIMIT ? joined : null;
}

function bounds(field: FieldSpec): Pick<ExcelValidation, 'operator' | 'formulae'> | null {
  const { min, max } = field.rules;
  if (min !== undefined && max !== undefined) return { operator: 'between', formulae: [min, max] };
  if (min !== undefined) return { operator: 'greaterThanOrEqual', formulae: [min] };
  if (max !== undefined) return { operator: 'lessThanOrEqual', formulae: [max] };
  return null;
}

function describeBounds(field: FieldSpec): string {
  const { min, max, unit } = field.rules;
  const u = unit ?? '';
  if (min !== undefined && max !== undefined) return `${min}~${max}${u}`;
  if (min !== undefined) return `不小于 ${min}${u}`;
  if (max !== undefined) return `不大于 ${max}${u}`;
  return '';
}

export function excelValidation(field: FieldSpec, ranges: ListRanges): ExcelValidation | null {
  const required = field.required ? '(必填)' : '';
  const base = {
    allowBlank: true,
    promptTitle: field.name.slice(0, 32),
    errorTitle: `${field.name}填写有误`.slice(0, 32),
  };
  const note = field.note ? `;${field.note}` : '';
  switch (field.type) {
    case 'choice': {
      const inline = quoteList(field.choices ?? []);
      if (!inline) return null;
      return { ...base, type: 'list', formulae: [inline], prompt: `请从下拉列表中选择${required}${note}`, error: `只能选择:${(field.choices ?? []).join('、')}` };
    }
    case 'list':
    case 'department':
    case 'person': {
      const range =
        field.type === 'department' ? ranges.departments : field.type === 'person' ? ranges.people : ranges.lists[field.list ?? ''];
      if (!range) return null;
      const what = field.type === 'department' ? '部门' : field.type === 'person' ? '人员' : `“${field.list}”`;
      return { ...base, type: 'list', formulae: [range], prompt: `请从下拉列表中选择${what}${required}${note}`, error: `请选择“设置”工作表中的${what};新增请先在“设置”中添加` };
    }
    case 'yesNo':
      return { ...base, type: 'list', formulae: ['"是,否"'], prompt: `请选择 是 或 否${required}${note}`, error: '只能填“是”或“否”' };
    case 'integer':
    case 'copies': {
      const b = bounds(field) ?? { operator: 'greaterThanOrEqual' as const, formulae: [field.type === 'copies' ? 1 : -999999999] };
      return { ...base, type: 'whole', ...b, prompt: `请填写整数${describeBounds(field) ? ',' + describeBounds(field) : ''}${required}${note}`, error: `请填写整数${describeBounds(field) ? ',' + describeBounds(field) : ''}` };
    }
    case 'decimal':
    case 'money': {
      const b = bounds(field) ?? { operator: 'greaterThanOrEqual' as const, formulae: [field.type === 'money' ? -999999999 : -999999999] };
      const what = field.type === 'money' ? '金额(元)' : '数字';
      return { ...base, type: 'decimal', ...b, prompt: `请填写${what}${describeBounds(field) ? ',' + describeBounds(field) : ''}${required}${note}`, error: `请填写${what}${describeBounds(field) ? ',' + describeBounds(field) : ''}` };
    }
    case 'date':
    case 'dateTime':
      return {
        ...base,
        type: 'date',
        operator: 'between',
        formulae: [dateToSerial('2000-01-01')!, dateToSerial('2099-12-31')!],
        prompt: `请填写日期,如 2026-03-15${field.type === 'dateTime' ? ' 09:30' : ''}${required}${note}`,
        error: '请填写有效日期(格式 2026-03-15)',
      };
    case 'time':
      return { ...base, type: 'time', operator: 'between', formulae: [0, 0.999988], prompt: `请填写时间,如 09:30${required}${note}`, error: '请填写有效时间(格式 09:30)' };
    case 'text':
    case 'longText':
    case 'phone': {
      const max = field.type === 'phone' ? 20 : field.rules.maxLength;
      const min = field.rules.minLength;
      if (max === undefined && min === undefined) {
        return field.required || note ? { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [32767], prompt: `${required}${note}`.trim() || field.name, error: '文字过长' } : null;
      }
      const b: Pick<ExcelValidation, 'operator' | 'formulae'> =
        min !== undefined && max !== undefined ? { operator: 'between', formulae: [min, max] } : min !== undefined ? { operator: 'greaterThanOrEqual', formulae: [min] } : { operator: 'lessThanOrEqual', formulae: [max!] };
      const words = min !== undefined && max !== undefined ? `${min}~${max} 字` : min !== undefined ? `至少 ${min} 字` : `最多 ${max} 字`;
      return { ...base, type: 'textLength', ...b, prompt: `${field.type === 'phone' ? '电话号码,' : ''}${words}${required}${note}`, error: `长度应为${words}` };
    }
    case 'serial':
      return null;
  }
}
