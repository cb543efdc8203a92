import { defaultValues, withDefaults } from '../../src/core/defaults';
import { buildCatalog } from '../../src/spec/catalog';
import { SETTINGS_DOC, fixtureCatalog, registerDoc, spec } from './fixtures';

it('fills 默认 今天 / 否 / a literal choice at the given instant, and only for fields left out', () => {
  const doc = registerDoc({
    title: '默认值测试',
    id: 'defaults_test',
    formCode: 'GL/YJ-BG-99',
    from: '日期',
    chain: '无',
    fields: `
| 日期 | 日期 | 是 | 默认 今天 |  |  |
| 时刻 | 日期时间 | 否 | 默认 现在 |  |  |
| 停用 | 是否 | 是 | 默认 否 |  |  |
| 类型 | 选项 | 是 | 默认 月度需求 | 月度需求、临时需求 |  |
| 数量 | 整数 | 否 | 默认 1 |  |  |`,
  });
  const result = buildCatalog([{ file: '_设置.md', source: SETTINGS_DOC }, { file: 'x.md', source: doc }]);
  if (!result.ok) throw new Error(result.errors[0].message);
  const s = result.value.registers[0];
  expect(defaultValues(s, '2026-04-07T15:20')).toEqual({ 日期: '2026-04-07', 时刻: '2026-04-07T15:20', 停用: false, 类型: '月度需求', 数量: 1 });
  expect(withDefaults(s, { 日期: null, 类型: '临时需求' }, '2026-04-07T15:20')).toMatchObject({ 日期: null, 类型: '临时需求', 停用: false });
  expect(defaultValues(spec(fixtureCatalog(), 'incoming_docs'), '2026-12-31T08:00')).toEqual({ 收文日期: '2026-12-31' });
});
