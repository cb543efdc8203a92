import { authorityProblem, stepActorProblems, stepAuthority } from '../../src/core/authority';
import { checkWorkbook } from '../../src/core/check';
import { planSubmit } from '../../src/core/actions';
import { routeFor } from '../../src/core/workflow';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { writeRegisterDocument } from '../../src/spec/writeRegister';
import { settingsContext } from '../../src/spec/parseSettings';
import type { SettingsSpec } from '../../src/spec/schema';
import { SEAL_DOC, fixtureCatalog, registerDoc, spec } from './fixtures';
import { office } from './helpers';

const catalog = fixtureCatalog();
const settings = catalog.settings;
const seal = spec(catalog, 'seal_use');
const SEAL = { 用印编号: 'YY-202603-001', 用印日期: '2026-03-02', 用印部门: '综合办公室', 经办人: '孙晓燕', 用印类型: '日常事务', 文件名称: '客户回函', 用印份数: 1 };
const record = (values: Record<string, unknown>, submittedBy = '孙晓燕') => ({ values: values as never, submittedBy });
const step = (text: string) => routeFor(seal, SEAL)!.steps.find((s) => s.text === text)!;
const without = (role: string, department?: string): SettingsSpec => ({
  ...settings,
  people: settings.people.map((p) => (!department || p.department === department ? { ...p, roles: p.roles.filter((r) => r !== role) } : p)),
});

describe('who may act on a step', () => {
  it('部门领导审核 of a 综合办公室 record is 综合办公室’s head only, never another department’s (郑芳 of 财务部)', () => {
    const authority = stepAuthority(seal, settings, record(SEAL), step('部门领导审核'));
    expect(authority).toEqual({ ok: true, names: ['赵敏'], role: '部门领导' });
    const zheng = authorityProblem(seal, settings, record(SEAL), step('部门领导审核'), '郑芳');
    expect(zheng?.rule).toBe('workflow.role');
    expect(zheng?.message).toContain('郑芳无权办理');
    expect(stepAuthority(seal, settings, record({ ...SEAL, 用印部门: '技术部' }), step('部门领导审核'))).toMatchObject({ names: ['何静'] });
  });

  it('a department without a 部门领导 is refused, naming the role, the department and what to add in 设置', () => {
    const authority = stepAuthority(seal, without('部门领导', '综合办公室'), record(SEAL), step('部门领导审核'));
    expect(authority.ok).toBe(false);
    if (authority.ok) return;
    expect(authority.error.rule).toBe('workflow.noActor');
    expect(authority.error.message).toBe('“部门领导审核”无人可办理:“设置”中综合办公室没有部门领导:请在人员表中给综合办公室的负责人加上角色“部门领导”');
    expect(authority.error.messageEn).toContain("Nobody of 综合办公室 holds 部门领导 in 设置");
    // and nobody else may act in its place
    for (const p of settings.people) expect(authorityProblem(seal, without('部门领导', '综合办公室'), record(SEAL), step('部门领导审核'), p.name)).not.toBeNull();
  });

  it('a role nobody holds is refused, not open to everyone', () => {
    const none = without('公司领导');
    const v = { ...SEAL, 用印类型: '正式文件', 领导书面批示: '同意' };
    const leader = routeFor(seal, v)!.steps.find((s) => s.role === '公司领导')!;
    const authority = stepAuthority(seal, none, record(v), leader);
    expect(!authority.ok && authority.error.message).toContain('“设置”中没有人担任公司领导:请在人员表中给相应人员加上角色“公司领导”');
    expect(authorityProblem(seal, none, record(v), leader, '王建国')?.rule).toBe('workflow.noActor');
  });

  it('经办人/申请人 and person or department fields are resolved from the record', () => {
    const doc = registerDoc({
      title: '测试登记',
      id: 'test_roles',
      formCode: 'GL/YJ-BG-90',
      from: '日期',
      chain: '办公室文员登记——主持人审核——经办人确认——承办部门办理',
      fields: `
| 日期 | 日期 | 是 |  |  |  |
| 主持人 | 人员 | 否 |  |  |  |
| 承办部门 | 部门 | 否 |  |  |  |`,
    });
    const parsed = parseRegisterDocument(doc, 'test.md', settingsContext(settings));
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    const s = parsed.value;
    const [, host, applicant, dept] = s.chain[0].steps;
    const r = record({ 日期: '2026-03-02', 主持人: '王建国', 承办部门: '技术部' }, '周婷');
    expect(stepAuthority(s, settings, r, host)).toMatchObject({ ok: true, names: ['王建国'] });
    expect(stepAuthority(s, settings, r, applicant)).toMatchObject({ ok: true, names: ['周婷'] });
    expect(stepAuthority(s, settings, r, dept)).toMatchObject({ ok: true, names: ['何静'] });
    const blank = stepAuthority(s, settings, record({ 日期: '2026-03-02' }, '周婷'), dept);
    expect(!blank.ok && blank.error.message).toContain('记录的“承办部门”尚未填写');
  });

  it('escalates only where the document says so: 部门领导(无则办公室主任)审核', () => {
    const doc = SEAL_DOC.replace(/经办人申请——部门领导审核/g, '经办人申请——部门领导(无则办公室主任)审核');
    const parsed = parseRegisterDocument(doc, '用印登记.md', settingsContext(settings));
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    const s = parsed.value;
    const head = s.chain[0].steps[1];
    expect(head).toEqual({ text: '部门领导审核', role: '部门领导', action: '审核', fallback: ['办公室主任'] });
    const lacking = without('部门领导', '技术部');
    const tech = record({ ...SEAL, 用印部门: '技术部' });
    expect(stepAuthority(s, lacking, tech, head)).toEqual({ ok: true, names: ['赵敏'], role: '办公室主任' });
    expect(authorityProblem(s, lacking, tech, head, '郑芳')?.message).toContain('须由办公室主任(部门领导无人时)办理');
    // with a head present, the escalation is not used
    expect(stepAuthority(s, settings, tech, head)).toMatchObject({ names: ['何静'], role: '部门领导' });
    // the same chain without the escalation refuses
    expect(stepAuthority(seal, lacking, tech, step('部门领导审核')).ok).toBe(false);
  });

  it('writes the escalation back as the document had it, and lint names an unknown escalation role', () => {
    const doc = SEAL_DOC.replace('其他:经办人申请——部门领导审核', '其他:经办人申请——部门领导(无则办公室主任、总经理)审核');
    const parsed = parseRegisterDocument(doc, '用印登记.md', settingsContext(settings));
    if (!parsed.ok) throw new Error(parsed.errors[0].message);
    const written = writeRegisterDocument(parsed.value);
    expect(written).toContain('经办人申请——部门领导(无则办公室主任、总经理)审核——办公室主任审批');
    const again = parseRegisterDocument(written, '用印登记.md', settingsContext(settings));
    expect(again.ok && again.value).toEqual(parsed.value);
    const bad = parseRegisterDocument(SEAL_DOC.replace('其他:经办人申请——部门领导审核', '其他:经办人申请——部门领导(无则校长)审核'), '用印登记.md', settingsContext(settings));
    expect(!bad.ok && bad.errors[0].message).toContain('“无则”后的角色“校长”不是已知角色');
  });

  it('submit is refused with the 设置 gap named, before anyone waits on a step nobody can do', async () => {
    const o = await office();
    const ctx = { ...o.ctx('seal_use', '2026-03-02T09:00'), settings: without('部门领导', '综合办公室') };
    const r = await planSubmit(ctx, SEAL, '孙晓燕');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toContain('“部门领导审核”无人可办理:“设置”中综合办公室没有部门领导:请在人员表中给综合办公室的负责人加上角色“部门领导”');
  });
});

describe('taizhang check: steps acted on by someone not permitted', () => {
  it('reports a step column edited by hand to the wrong person, with sheet!cell', async () => {
    const o = await office();
    await o.submit('seal_use', '2026-03-02T09:00', SEAL, '孙晓燕');
    await o.act('seal_use', '2026-03-02T10:00', 0, { kind: 'approve' }, '赵敏');
    expect(checkWorkbook(o.content(), Date.parse('2026-03-03')).findings.filter((f) => f.rule === 'workflow.actor')).toEqual([]);
    const table = o.book.table('tz_seal_use');
    const col = table.headers.indexOf('部门领导审核');
    table.rows[0][col] = '郑芳';
    const findings = checkWorkbook(o.content(), Date.parse('2026-03-03')).findings.filter((f) => f.rule === 'workflow.actor');
    expect(findings).toHaveLength(1);
    expect(findings[0].cell).toMatch(new RegExp(`^[A-Z]+${findings[0].row}$`));
    expect(findings[0].sheet).toBe('用印登记');
    expect(findings[0].message).toContain('“部门领导审核”由郑芳办理,但郑芳无权办理');
  });

  it('reports an approval that 设置 no longer allows (the head changed since)', async () => {
    const o = await office();
    await o.submit('seal_use', '2026-03-02T09:00', { ...SEAL, 用印部门: '技术部', 经办人: '何静' }, '孙晓燕');
    await o.act('seal_use', '2026-03-02T10:00', 0, { kind: 'approve' }, '何静');
    const rec = { values: { ...SEAL, 用印部门: '技术部' } as never, submittedBy: '孙晓燕', steps: { 部门领导审核: { actor: '何静', time: '2026-03-02T10:00', opinion: '同意' } } };
    expect(stepActorProblems(seal, settings, rec)).toEqual([]);
    expect(stepActorProblems(seal, without('部门领导', '技术部'), rec).map((p) => p.field)).toEqual(['部门领导审核']);
  });
});
