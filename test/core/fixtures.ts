/**
 * Registers for core tests: the settled 收文登记 and _设置 documents from templates/, plus inline documents for
 * the rules that 收文登记 does not have (so tests never depend on documents still being written).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog, type Catalog } from '../../src/spec/catalog';
import { registerMeta, type RegisterMeta } from '../../src/core/metadata';
import type { RegisterSpec } from '../../src/spec/schema';

const ROOT = path.join(__dirname, '..', '..');
export const SETTINGS_DOC = readFileSync(path.join(ROOT, 'templates', '_设置.md'), 'utf8');
export const INCOMING_DOC = readFileSync(path.join(ROOT, 'templates', '收文登记.md'), 'utf8');

const OUTLINE = ['流程名称', '目的', '范围', '主要步骤', '关键决策点', '输入和输出', '流程监控和控制', '异常处理', '相关文档和记录', '培训和沟通', '审核和更新'];

export function registerDoc(o: { title: string; id: string; formCode: string; retention?: string; from: string; chain: string; fields: string; deadlines?: string; rules?: string }): string {
  return [
    `# ${o.title}`,
    '',
    '| 项目 | 内容 |',
    '| --- | --- |',
    `| 标识 | ${o.id} |`,
    `| 表单编号 | ${o.formCode} |`,
    '| 版本 | 1 |',
    '| 类别 | 测试 |',
    `| 保存期限 | ${o.retention ?? '二年'} |`,
    '| 销毁责任人 | 办公室主任 |',
    `| 保存起算 | ${o.from} |`,
    '',
    ...OUTLINE.flatMap((s, i) => [`## ${i + 1}. ${s}`, '', `${s}的内容。`, '']),
    '## 审批流程',
    '',
    o.chain,
    '',
    '## 字段',
    '',
    '| 字段 | 类型 | 必填 | 规则 | 选项 | 说明 |',
    '| --- | --- | --- | --- | --- | --- |',
    o.fields.trim(),
    '',
    '## 期限',
    '',
    o.deadlines?.trim() ?? '无',
    '',
    '## 校验规则',
    '',
    o.rules?.trim() ?? '无',
    '',
  ].join('\n');
}

export const PURCHASE_DOC = registerDoc({
  title: '采购申请',
  id: 'purchase_requests',
  formCode: 'GL/YJ-BG-30',
  from: '申请日期',
  chain: [
    '- 当 采购类别 为 大宗物品:部门提出——部门负责人审核——办公室主任审核——总经理批准——物资部门采购',
    '- 其他:部门提出——部门负责人审核——办公室主任审批——物资部门采购',
  ].join('\n'),
  fields: `
| 申请单号 | 编号 | 是 | 格式 CG-{yyyy}{mm}-{n:3} |  |  |
| 申请日期 | 日期 | 是 | 默认 今天 |  |  |
| 需用日期 | 日期 | 是 |  |  |  |
| 申请部门 | 部门 | 是 |  |  |  |
| 申请人 | 人员 | 是 |  |  |  |
| 采购类别 | 选项 | 是 |  | 一般物品、大宗物品 |  |
| 物品编码 | 文本 | 是 | 最多 20 字 |  |  |
| 申购数量 | 整数 | 是 | ≥ 1 |  |  |
| 预算金额 | 金额 | 是 | ≥ 0 |  |  |
| 供应商一报价 | 金额 | 否 | ≥ 0 |  |  |
| 供应商二报价 | 金额 | 否 | ≥ 0 |  |  |
| 供应商三报价 | 金额 | 否 | ≥ 0 |  |  |
| 到货日期 | 日期 | 否 |  |  |  |`,
  deadlines: `
| 事项 | 起算 | 时限 | 完成 |
| --- | --- | --- | --- |
| 采购到货 | 需用日期 | 当天 | 到货日期 |`,
  rules: `
- 需用日期 不早于 申请日期 加 3 天
- 申购数量 不超过 半年用量(物品编码)
- 至少填写 3 项:供应商一报价、供应商二报价、供应商三报价`,
});

export const ISSUE_DOC = registerDoc({
  title: '办公用品领用',
  id: 'supplies_issue',
  formCode: 'GL/YJ-BG-28',
  from: '领用日期',
  chain: '无',
  fields: `
| 领用单号 | 编号 | 是 | 格式 LY-{yyyy}{mm}-{n:3} |  |  |
| 领用日期 | 日期 | 是 | 默认 今天 |  |  |
| 领用部门 | 部门 | 是 |  |  |  |
| 物品编码 | 文本 | 是 | 最多 20 字 |  |  |
| 申领数量 | 整数 | 是 | ≥ 1 |  |  |
| 实发数量 | 整数 | 是 | ≥ 0 |  |  |
| 领用人 | 人员 | 是 |  |  |  |`,
  rules: '- 实发数量 不大于 申领数量',
});

export const SEAL_DOC = registerDoc({
  title: '用印登记',
  id: 'seal_use',
  formCode: 'GL/YJ-BG-15',
  from: '用印日期',
  chain: [
    '- 当 用印类型 为 经济合同、正式文件:经办人申请——部门领导审核——公司领导审批——综合办公室盖章',
    '- 其他:经办人申请——部门领导审核——办公室主任审批——综合办公室盖章',
  ].join('\n'),
  fields: `
| 用印编号 | 编号 | 是 | 格式 YY-{yyyy}{mm}-{n:3} |  |  |
| 用印日期 | 日期 | 是 | 默认 今天 |  |  |
| 用印部门 | 部门 | 是 |  |  |  |
| 经办人 | 人员 | 是 |  |  |  |
| 用印类型 | 选项 | 是 |  | 经济合同、正式文件、日常事务 |  |
| 文件名称 | 文本 | 是 | 最多 120 字 |  |  |
| 用印份数 | 份数 | 是 | 1~999;单位 份 |  |  |
| 领导书面批示 | 长文本 | 否 | 最多 300 字 |  |  |
| 联系电话 | 电话 | 否 |  |  |  |
| 是否加急 | 是否 | 否 |  |  |  |
| 开始时间 | 日期时间 | 否 |  |  |  |
| 结束时间 | 日期时间 | 否 |  |  |  |`,
  rules: `
- 当 用印类型 为 经济合同、正式文件 时 必填 领导书面批示
- 结束时间 不早于 开始时间`,
});

export function fixtureCatalog(): Catalog {
  const result = buildCatalog([
    { file: 'templates/_设置.md', source: SETTINGS_DOC },
    { file: 'templates/收文登记.md', source: INCOMING_DOC },
    { file: 'fixture/采购申请.md', source: PURCHASE_DOC },
    { file: 'fixture/办公用品领用.md', source: ISSUE_DOC },
    { file: 'fixture/用印登记.md', source: SEAL_DOC },
  ]);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
  return result.value;
}

export function spec(catalog: Catalog, id: string): RegisterSpec {
  const s = catalog.registers.find((r) => r.id === id);
  if (!s) throw new Error(`no register ${id}`);
  return s;
}

export function metasOf(catalog: Catalog): Promise<RegisterMeta[]> {
  return Promise.all(catalog.registers.map((s) => registerMeta(s, s.name)));
}

export { settingsToRows as settingsRows } from '../../src/core/settings';
