import { centuryOf, convertCell, parseDateText, parseNumberText } from '../../../src/core/import/values';
import type { FieldSpec } from '../../../src/spec/schema';
import { shippedCatalog } from './shipped';

const field = (type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({ name: '字段', type, required: false, rules: {}, ...extra });
const value = (f: FieldSpec, cell: Parameters<typeof convertCell>[1]) => {
  const r = convertCell(f, cell, shippedCatalog().settings);
  return r.ok ? r.value : `✗ ${r.message}`;
};

describe('dates as offices type them', () => {
  it.each([
    ['2025-3-5', '2025-03-05'],
    ['2025/3/5', '2025-03-05'],
    ['2025.3.5', '2025-03-05'],
    ['2025年3月5日', '2025-03-05'],
    ['2025 年 3 月 5 号', '2025-03-05'],
    ['２０２５．３．５', '2025-03-05'],
    ['20250305', '2025-03-05'],
    ['25.3.5', '2025-03-05'],
    ['29.12.31', '2029-12-31'],
    ['30.1.1', '1930-01-01'],
    ['2025-03-05 09:30', '2025-03-05'],
  ])('%s → %s', (text, iso) => expect(value(field('date'), text)).toBe(iso));

  it('an Excel serial, and 20250305 typed into a number cell', () => {
    expect(value(field('date'), 45721)).toBe('2025-03-05');
    expect(value(field('date'), 20250305)).toBe('2025-03-05');
  });

  it('states its century rule: 00–29 are 20xx, 30–99 are 19xx (as Excel)', () => {
    expect(centuryOf(0)).toBe(2000);
    expect(centuryOf(29)).toBe(2029);
    expect(centuryOf(30)).toBe(1930);
  });

  it('refuses dates that do not exist, saying what to write', () => {
    expect(value(field('date'), '2025.13.2')).toMatch(/^✗ “字段”的“2025.13.2”不是有效日期/);
    expect(value(field('date'), '2025年2月30日')).toMatch(/^✗/);
    expect(parseDateText('三月五日')).toBeNull();
  });

  it('date-times and times', () => {
    expect(value(field('dateTime'), '2025.3.5 9:30')).toBe('2025-03-05T09:30');
    expect(value(field('dateTime'), '2025年3月5日 14时05分')).toBe('2025-03-05T14:05');
    expect(value(field('time'), '9：30')).toBe('09:30');
    expect(value(field('time'), '下午3点')).toBe('15:00');
    expect(value(field('time'), 0.5)).toBe('12:00');
  });
});

describe('numbers with separators, units and ¥', () => {
  it.each([
    ['¥1,200.00', 1200],
    ['￥1,200.50元', 1200.5],
    ['3份', 3],
    ['12 个', 12],
    ['1 200', 1200],
  ])('%s → %s', (text, n) => expect(parseNumberText(text)).toBe(n));

  it('the field’s own unit, and a refusal for words', () => {
    expect(value(field('copies', { rules: { unit: '份' } }), '2份')).toBe(2);
    expect(value(field('money'), '约一千元')).toMatch(/^✗ “字段”的“约一千元”不是数字/);
  });
});

describe('yes and no', () => {
  it.each(['是', '√', '✓', '✔', 'Y', 'y', '有', 'yes'])('%s is yes', (t) => expect(value(field('yesNo'), t)).toBe(true));
  it.each(['否', '×', 'N', '无', 'no'])('%s is no', (t) => expect(value(field('yesNo'), t)).toBe(false));
  it('anything else is refused', () => expect(value(field('yesNo'), '待定')).toMatch(/^✗/));
});

describe('lists, people and departments through 设置, folded', () => {
  it('gives the 设置 spelling back for a value typed with other widths or spaces', () => {
    expect(value(field('list', { list: '密级' }), ' 内 部 ')).toBe('内部');
    expect(value(field('department'), '综合办公室 ')).toBe('综合办公室');
    expect(value(field('person'), '赵 敏')).toBe('赵敏');
    expect(value(field('choice', { choices: ['重要文件', '一般文件'] }), '一般文件')).toBe('一般文件');
  });
  it('leaves an unknown value as typed, for validation to name', () => {
    expect(value(field('list', { list: '密级' }), '绝密')).toBe('绝密');
  });
});
