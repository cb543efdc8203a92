import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { formatDocError } from '../../src/spec/errors';
import { fixtureContext, fixtureDocument } from '../support/docs';

describe('parseRegisterDocument on a well-formed document', () => {
  const result = parseRegisterDocument(fixtureDocument(), '收文登记.md', fixtureContext());
  const spec = result.ok ? result.value : null;

  it('reads the info table', () => {
    expect(result.ok).toBe(true);
    expect(spec).toMatchObject({ id: 'incoming_docs', name: '收文登记', formCode: 'GL/YJ-BG-01', version: 1, retention: '二年', destroyedBy: '办公室主任', retentionFrom: '收文日期' });
  });

  it('keeps all eleven outline sections as written', () => {
    expect(Object.keys(spec!.outline)).toHaveLength(11);
    expect(spec!.outline['主要步骤']).toContain('步骤 1:办公室文员签收来文');
  });

  it('reads fields with types, rules and choices', () => {
    const byName = Object.fromEntries(spec!.fields.map((f) => [f.name, f]));
    expect(byName['收文编号']).toMatchObject({ type: 'serial', required: true, rules: { pattern: 'SW-{yyyy}-{n:4}' } });
    expect(byName['文件类别']).toMatchObject({ type: 'choice', choices: ['重要文件', '一般文件'] });
    expect(byName['紧急程度']).toMatchObject({ type: 'list', list: '紧急程度' });
    expect(byName['份数']).toMatchObject({ type: 'copies', rules: { min: 1, max: 999, unit: '份' } });
    expect(byName['来文单位'].rules.maxLength).toBe(60);
  });

  it('reads conditional approval routes with a role for every step', () => {
    expect(spec!.chain).toHaveLength(2);
    expect(spec!.chain[0].when).toEqual({ op: 'in', field: '文件类别', values: ['重要文件'] });
    expect(spec!.chain[1].label).toBe('其他');
    expect(spec!.chain[0].steps.map((s) => s.role)).toEqual(['办公室文员', '办公室主任', '总经理', '承办部门', '办公室文员']);
    expect(spec!.chain[0].steps[2]).toEqual({ text: '总经理批示', role: '总经理', action: '批示' });
  });

  it('reads deadlines and cross-field rules', () => {
    expect(spec!.deadlines[0]).toEqual({ name: '呈批', from: '收文日期', amount: 1, unit: 'day', doneField: '阅批日期' });
    expect(spec!.rules.map((r) => r.kind)).toEqual(['notBefore', 'notBefore', 'requiredWhen']);
  });
});

describe('chain notation as the seeds write it', () => {
  const doc = (chain: string) => fixtureDocument().replace(/## 审批流程\n\n[\s\S]*?\n\n## 字段/, `## 审批流程\n\n${chain}\n\n## 字段`);
  const steps = (chain: string) => {
    const r = parseRegisterDocument(doc(chain), 'x.md', fixtureContext());
    if (!r.ok) throw new Error(r.errors.map((e) => formatDocError(e)).join('\n'));
    return r.value.chain[0].steps.map((s) => s.text);
  };
  it.each([
    ['经办人申请——公司领导审批——综合办公室盖章'],
    ['经办人申请――公司领导审批――――综合办公室盖章'],
    ['经办人申请-——公司领导审批——综合办公室盖章'],
    ['经办人申请→公司领导审批→综合办公室盖章'],
    ['经办人申请 -> 公司领导审批 -> 综合办公室盖章'],
  ])('splits %s into three steps', (chain) => {
    expect(steps(chain)).toEqual(['经办人申请', '公司领导审批', '综合办公室盖章']);
  });

  it('takes the longest role that starts a step (综合办公室 before 办公室)', () => {
    const r = parseRegisterDocument(doc('经办人申请——综合办公室登记'), 'x.md', fixtureContext());
    expect(r.ok && r.value.chain[0].steps[1].role).toBe('综合办公室');
  });

  it('accepts 无 for a register without approval', () => {
    const r = parseRegisterDocument(doc('无').replace(/\n- 当 文件类别 为 重要文件 时 必填 承办部门/, ''), 'x.md', fixtureContext());
    expect(r.ok && r.value.chain).toEqual([]);
  });

  it('reads a numeric condition (大宗物品 by amount)', () => {
    const r = parseRegisterDocument(doc('- 当 份数 ≥ 50:经办人申请——总经理审批\n- 其他:经办人申请——办公室主任审批'), 'x.md', fixtureContext());
    expect(r.ok && r.value.chain[0].when).toEqual({ op: '>=', field: '份数', value: 50 });
  });
});

describe('typing habits', () => {
  it('accepts CRLF line ends, a BOM and full-width punctuation in structure', () => {
    const source = '\ufeff' + fixtureDocument().replace('| 份数 | 份数 | 是 | 1~999;单位 份 |', '｜ 份数 ｜ 份数 ｜ 是 ｜ １～９９９；单位 份 ｜').replace(/\n/g, '\r\n');
    const r = parseRegisterDocument(source, 'x.md', fixtureContext());
    if (!r.ok) throw new Error(r.errors.map((e) => formatDocError(e)).join('\n'));
    expect(r.value.fields.find((f) => f.name === '份数')!.rules).toEqual({ min: 1, max: 999, unit: '份' });
  });

  it('accepts old Mac CR line ends', () => {
    const r = parseRegisterDocument(fixtureDocument().replace(/\n/g, '\r'), 'x.md', fixtureContext());
    expect(r.ok).toBe(true);
  });
});

describe('cross-field rule phrases', () => {
  const { readRule } = jest.requireActual('../../src/spec/parseRegister') as typeof import('../../src/spec/parseRegister');
  it.each([
    ['归还日期 不早于 借出日期', { kind: 'notBefore', field: '归还日期', other: '借出日期', offsetDays: 0 }],
    ['需用日期 不早于 申请日期 加 3 天', { kind: 'notBefore', field: '需用日期', other: '申请日期', offsetDays: 3 }],
    ['开始时间 不晚于 结束时间', { kind: 'notBefore', field: '结束时间', other: '开始时间', offsetDays: 0 }],
    ['申请日期 不晚于 需用日期 减 3 天', { kind: 'notBefore', field: '需用日期', other: '申请日期', offsetDays: 3 }],
    ['应还日期 不晚于 借出日期 加 30 天', { kind: 'notBefore', field: '借出日期', other: '应还日期', offsetDays: -30 }],
    ['实发数量 不大于 申领数量', { kind: 'notMoreThan', field: '实发数量', other: '申领数量' }],
    ['申购数量 不超过 半年用量(物品编码)', { kind: 'halfYearCap', field: '申购数量', itemField: '物品编码' }],
    ['至少填写 3 项:甲、乙、丙', { kind: 'atLeast', count: 3, fields: ['甲', '乙', '丙'] }],
  ])('%s', (text, expected) => {
    const r = readRule(text);
    expect(r.ok && r.value).toMatchObject(expected);
  });

  it('refuses 至少填写 N 项 with fewer than N fields listed', () => {
    expect(readRule('至少填写 3 项:甲、乙').ok).toBe(false);
  });
});

describe('conditions on deadlines and on 至少填写', () => {
  const withDeadlines = (table: string) =>
    fixtureDocument().replace(/## 期限\n\n[\s\S]*?\n\n## 校验规则/, `## 期限\n\n${table}\n\n## 校验规则`);

  it('reads a 条件 column on the deadline table, and writes it back', () => {
    const doc = withDeadlines('| 事项 | 起算 | 时限 | 完成 | 条件 |\n| --- | --- | --- | --- | --- |\n| 呈批 | 收文日期 | 1 天 | 阅批日期 | 文件类别 为 重要文件 |\n| 办结 | 阅批日期 | 5 天 | 办结日期 |  |');
    const r = parseRegisterDocument(doc, 'x.md', fixtureContext());
    if (!r.ok) throw new Error(r.errors.map((e) => formatDocError(e)).join('\n'));
    expect(r.value.deadlines[0].when).toEqual({ op: 'in', field: '文件类别', values: ['重要文件'] });
    expect(r.value.deadlines[1].when).toBeUndefined();
    const { writeRegisterDocument } = jest.requireActual('../../src/spec/writeRegister') as typeof import('../../src/spec/writeRegister');
    const again = parseRegisterDocument(writeRegisterDocument(r.value), 'x.md', fixtureContext());
    expect(again.ok && again.value).toEqual(r.value);
  });

  it('locates a condition naming a field that does not exist', () => {
    const doc = withDeadlines('| 事项 | 起算 | 时限 | 完成 | 条件 |\n| --- | --- | --- | --- | --- |\n| 呈批 | 收文日期 | 1 天 | 阅批日期 | 文件级别 为 重要文件 |');
    const r = parseRegisterDocument(doc, 'x.md', fixtureContext());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatDocError(r.errors[0])).toMatch(/x\.md:\d+:\d+: 条件中的字段“文件级别”不在字段表中/);
  });

  it('reads 当 … 时 至少填写 N 项', () => {
    const { readRule } = jest.requireActual('../../src/spec/parseRegister') as typeof import('../../src/spec/parseRegister');
    const r = readRule('当 采购类别 为 一般物品、大宗物品 时 至少填写 3 项:甲、乙、丙');
    expect(r.ok && r.value).toMatchObject({ kind: 'atLeast', count: 3, fields: ['甲', '乙', '丙'], when: { op: 'in', field: '采购类别', values: ['一般物品', '大宗物品'] } });
  });
});

describe('the optional 别名 column (other headers hand-made ledgers use)', () => {
  it('reads aliases split on 、 and writes them back; fields without aliases have none', () => {
    const doc = fixtureDocument()
      .replace('| 字段 | 类型 | 必填 | 规则 | 选项 | 说明 |', '| 字段 | 类型 | 必填 | 规则 | 选项 | 说明 | 别名 |')
      .replace(/(\| 字段 \| 类型[^\n]*\n\| --- \| --- \| --- \| --- \| --- \| --- \|)/, '$1 --- |')
      .replace(/(\| 来文单位 \|[^\n]*\|)\n/, '$1 来文机关、发文机关 |\n');
    const r = parseRegisterDocument(doc, 'x.md', fixtureContext());
    if (!r.ok) throw new Error(r.errors.map((e) => formatDocError(e)).join('\n'));
    const byName = Object.fromEntries(r.value.fields.map((f) => [f.name, f]));
    expect(byName['来文单位'].aliases).toEqual(['来文机关', '发文机关']);
    expect(byName['收文日期'].aliases).toBeUndefined();
    const { writeRegisterDocument } = jest.requireActual('../../src/spec/writeRegister') as typeof import('../../src/spec/writeRegister');
    const written = writeRegisterDocument(r.value);
    expect(written).toContain('| 别名 |');
    const again = parseRegisterDocument(written, 'x.md', fixtureContext());
    expect(again.ok && again.value).toEqual(r.value);
  });

  it('a document without the column writes back without it', () => {
    const r = parseRegisterDocument(fixtureDocument(), 'x.md', fixtureContext());
    const { writeRegisterDocument } = jest.requireActual('../../src/spec/writeRegister') as typeof import('../../src/spec/writeRegister');
    expect(r.ok && writeRegisterDocument(r.value)).not.toContain('别名');
  });
});
