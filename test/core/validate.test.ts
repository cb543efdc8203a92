import { validateValues, normaliseValues } from '../../src/core/validate';
import { recordSchema } from '../../src/core/fieldSchema';
import { parseInstant } from '../../src/core/dates';
import type { ConsumptionEvent } from '../../src/core/consumption';
import { fixtureCatalog, spec } from './fixtures';
import { INCOMING } from './helpers';

const catalog = fixtureCatalog();
const settings = catalog.settings;
const incoming = spec(catalog, 'incoming_docs');
const purchase = spec(catalog, 'purchase_requests');
const seal = spec(catalog, 'seal_use');

const goodIncoming = INCOMING;

const goodSeal = { 用印日期: '2026-03-02', 用印部门: '销售部', 经办人: '刘洋', 用印类型: '日常事务', 文件名称: '客户回函', 用印份数: 1 };

const goodPurchase = {
  申请日期: '2026-03-02',
  需用日期: '2026-03-05',
  申请部门: '物资部',
  申请人: '马超',
  采购类别: '一般物品',
  物品编码: 'BG-001',
  申购数量: 10,
  预算金额: 235,
  供应商一报价: 230,
  供应商二报价: 240.5,
  供应商三报价: 238,
};

const rules = (errors: { rule: string; field: string | null }[]) => errors.map((e) => `${e.rule}:${e.field}`);

describe('field rules from the spec', () => {
  it('accepts a complete, valid record', () => {
    expect(validateValues(incoming, goodIncoming, { settings })).toEqual([]);
  });

  it('reports a missing required field in both languages', () => {
    const errors = validateValues(incoming, { ...goodIncoming, 来文单位: '   ' }, { settings });
    expect(rules(errors)).toEqual(['field.required:来文单位']);
    expect(errors[0].message).toContain('来文单位');
    expect(errors[0].messageEn).toMatch(/required/);
  });

  it('checks lengths, ranges, whole numbers and cents', () => {
    expect(rules(validateValues(incoming, { ...goodIncoming, 来文单位: '单'.repeat(61) }, { settings }))).toEqual(['field.length:来文单位']);
    expect(rules(validateValues(incoming, { ...goodIncoming, 份数: 0 }, { settings }))).toEqual(['field.range:份数']);
    expect(rules(validateValues(incoming, { ...goodIncoming, 份数: 1000 }, { settings }))).toEqual(['field.range:份数']);
    expect(rules(validateValues(incoming, { ...goodIncoming, 份数: 2.5 }, { settings }))).toEqual(['field.type:份数']);
    expect(rules(validateValues(incoming, { ...goodIncoming, 份数: '两份' }, { settings }))).toEqual(['field.type:份数']);
    expect(rules(validateValues(purchase, { ...goodPurchase, 预算金额: 12.345 }, { settings }))).toEqual(['field.cents:预算金额']);
    expect(rules(validateValues(purchase, { ...goodPurchase, 预算金额: -1 }, { settings }))).toEqual(['field.range:预算金额']);
  });

  it('checks dates, date-times, choices and yes/no', () => {
    expect(rules(validateValues(incoming, { ...goodIncoming, 收文日期: '2026年3月2日' }, { settings }))).toEqual(['field.date:收文日期']);
    expect(rules(validateValues(incoming, { ...goodIncoming, 收文日期: '2026-02-30' }, { settings }))).toEqual(['field.date:收文日期']);
    expect(rules(validateValues(seal, { ...goodSeal, 开始时间: '2026-03-02 25:00' }, { settings }))).toEqual(['field.dateTime:开始时间']);
    expect(validateValues(seal, { ...goodSeal, 开始时间: '2026-03-02T09:30', 结束时间: '2026-03-02 10:00' }, { settings })).toEqual([]);
    expect(rules(validateValues(incoming, { ...goodIncoming, 来文类别: '外部来文' }, { settings }))).toEqual(['field.choice:来文类别']);
    expect(rules(validateValues(seal, { ...goodSeal, 是否加急: '是的' }, { settings }))).toEqual(['field.type:是否加急']);
    expect(validateValues(seal, { ...goodSeal, 是否加急: true }, { settings })).toEqual([]);
  });

  it('takes people, departments and list values from the 设置 sheet, not from the document', () => {
    expect(rules(validateValues(incoming, { ...goodIncoming, 密级: '绝密' }, { settings }))).toEqual(['field.list:密级']);
    expect(rules(validateValues(incoming, { ...goodIncoming, 承办部门: '后勤部' }, { settings }))).toEqual(['field.department:承办部门']);
    expect(rules(validateValues(seal, { ...goodSeal, 经办人: '张三丰' }, { settings }))).toEqual(['field.person:经办人']);
    const extended = { ...settings, people: [...settings.people, { name: '张三丰', department: '销售部', roles: [] }], lists: settings.lists.map((l) => (l.name === '密级' ? { ...l, values: [...l.values, '绝密'] } : l)) };
    expect(validateValues(seal, { ...goodSeal, 经办人: '张三丰' }, { settings: extended })).toEqual([]);
    expect(validateValues(incoming, { ...goodIncoming, 密级: '绝密' }, { settings: extended })).toEqual([]);
    // Without a 设置 sheet those values cannot be checked, and are not refused.
    expect(validateValues(incoming, { ...goodIncoming, 密级: '绝密' }, { settings: null })).toEqual([]);
  });

  it('checks phone numbers', () => {
    expect(validateValues(seal, { ...goodSeal, 联系电话: '0731-88886666转123' }, { settings })).toEqual([]);
    expect(validateValues(seal, { ...goodSeal, 联系电话: '13800138000' }, { settings })).toEqual([]);
    expect(rules(validateValues(seal, { ...goodSeal, 联系电话: '找前台' }, { settings }))).toEqual(['field.phone:联系电话']);
  });

  it('builds one zod schema per register that parses a normalised record', () => {
    const schema = recordSchema(incoming, settings);
    expect(schema.safeParse(normaliseValues(incoming, goodIncoming)).success).toBe(true);
    expect(schema.safeParse(normaliseValues(incoming, { ...goodIncoming, 份数: 'x' })).success).toBe(false);
  });
});

describe('cross-field rules written in the documents', () => {
  it('end not before start, by day when either side is a date', () => {
    expect(rules(validateValues(incoming, { ...goodIncoming, 阅批日期: '2026-03-01' }, { settings }))).toEqual(['rule.notBefore:阅批日期']);
    expect(validateValues(incoming, { ...goodIncoming, 阅批日期: '2026-03-02' }, { settings })).toEqual([]);
    expect(rules(validateValues(seal, { ...goodSeal, 开始时间: '2026-03-02T10:00', 结束时间: '2026-03-02T09:59' }, { settings }))).toEqual(['rule.notBefore:结束时间']);
  });

  it('a purchase at least three days before the date needed (提前三天)', () => {
    expect(validateValues(purchase, goodPurchase, { settings })).toEqual([]);
    const errors = validateValues(purchase, { ...goodPurchase, 需用日期: '2026-03-04' }, { settings });
    expect(rules(errors)).toEqual(['rule.notBefore:需用日期']);
    expect(errors[0].message).toContain('2026-03-05');
  });

  it('required when a condition holds (经济合同/正式文件 用印 needs written approval)', () => {
    expect(rules(validateValues(seal, { ...goodSeal, 用印类型: '经济合同' }, { settings }))).toEqual(['rule.requiredWhen:领导书面批示']);
    expect(validateValues(seal, { ...goodSeal, 用印类型: '经济合同', 领导书面批示: '同意。王建国' }, { settings })).toEqual([]);
    expect(rules(validateValues(incoming, { ...goodIncoming, 文件类别: '重要文件' }, { settings }))).toEqual(['rule.requiredWhen:承办部门']);
  });

  it('at least three supplier quotes (三家以上供应商比价)', () => {
    const errors = validateValues(purchase, { ...goodPurchase, 供应商三报价: null }, { settings });
    expect(rules(errors)).toEqual(['rule.atLeast:供应商三报价']);
    expect(errors[0].message).toContain('2');
  });

  it('a quantity at most six months of use, from the issue history when there is one', () => {
    const day = (d: string) => parseInstant(d)!;
    const history: ConsumptionEvent[] = [
      { item: 'BG-002', date: day('2026-01-05'), quantity: 1 },
      { item: 'BG-001', date: day('2026-03-01'), quantity: 500 },
      { item: 'BG-001', date: day('2026-03-15'), quantity: 1000 },
      { item: 'BG-001', date: day('2026-04-15'), quantity: 10 },
      { item: 'BG-001', date: day('2026-06-15'), quantity: 20 },
      { item: 'BG-001', date: day('2026-09-01'), quantity: 5 },
      { item: 'BG-002', date: day('2026-09-01'), quantity: 999 },
    ];
    // History spans more than six months; only March 10 … September 9 counts: 1000 + 10 + 20 + 5 = 1035.
    expect(validateValues(purchase, { ...goodPurchase, 申请日期: '2026-09-10', 需用日期: '2026-09-15', 申购数量: 1035 }, { settings, consumption: history })).toEqual([]);
    const over = validateValues(purchase, { ...goodPurchase, 申请日期: '2026-09-10', 需用日期: '2026-09-15', 申购数量: 1036 }, { settings, consumption: history });
    expect(rules(over)).toEqual(['rule.halfYearCap:申购数量']);
    expect(over[0].message).toContain('1035');
    // No history for the item, or no history at all: the rule does not apply.
    expect(validateValues(purchase, { ...goodPurchase, 物品编码: 'BG-009', 申购数量: 99999 }, { settings, consumption: history })).toEqual([]);
    expect(validateValues(purchase, { ...goodPurchase, 申购数量: 99999 }, { settings })).toEqual([]);
  });

  it('scales a short history up to six months', () => {
    const history: ConsumptionEvent[] = [{ item: 'BG-001', date: parseInstant('2026-01-20')!, quantity: 30 }];
    // History began 2026-01-20; on 2026-03-21 it spans two months, so six months of use is 30 × 6 / 2 ≈ 90.
    const on = { ...goodPurchase, 申请日期: '2026-03-21', 需用日期: '2026-03-25' };
    expect(validateValues(purchase, { ...on, 申购数量: 88 }, { settings, consumption: history })).toEqual([]);
    expect(rules(validateValues(purchase, { ...on, 申购数量: 100 }, { settings, consumption: history }))).toEqual(['rule.halfYearCap:申购数量']);
  });

  it('not more than another field', () => {
    const issue = spec(catalog, 'supplies_issue');
    const base = { 领用日期: '2026-03-02', 领用部门: '销售部', 物品编码: 'BG-001', 申领数量: 5, 实发数量: 5, 领用人: '刘洋' };
    expect(validateValues(issue, base, { settings })).toEqual([]);
    expect(rules(validateValues(issue, { ...base, 实发数量: 6 }, { settings }))).toEqual(['rule.notMoreThan:实发数量']);
  });

  it('does not compare a field that already failed its own type check', () => {
    expect(rules(validateValues(incoming, { ...goodIncoming, 阅批日期: 'yesterday' }, { settings }))).toEqual(['field.date:阅批日期']);
  });
});
