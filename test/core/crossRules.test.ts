import { checkRule, type RuleContext } from '../../src/core/crossRules';
import type { CrossRule } from '../../src/spec/schema';

const quotes: CrossRule = {
  kind: 'atLeast',
  count: 3,
  fields: ['报价一', '报价二', '报价三'],
  when: { op: 'in', field: '采购类别', values: ['一般物品', '大宗物品'] },
  text: '当 采购类别 为 一般物品、大宗物品 时 至少填写 3 项:报价一、报价二、报价三',
};
const ctx = { fields: new Map(), consumption: [] } as unknown as RuleContext;

describe('至少填写 N 项 with a condition', () => {
  it('asks for three quotes on an ordinary purchase', () => {
    const errors = checkRule(quotes, { 采购类别: '一般物品', 报价一: 120, 报价二: null, 报价三: null }, ctx);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: '报价二', rule: 'rule.atLeast' });
  });

  it('lets a 零星采购 through with one quote', () => {
    expect(checkRule(quotes, { 采购类别: '零星采购', 报价一: 12, 报价二: null, 报价三: null }, ctx)).toEqual([]);
  });
});
