import fc from 'fast-check';
import { transition, type WorkflowAction, type WorkflowRecord } from '../../src/core/transitions';
import {
  STATUS_DONE,
  STATUS_REJECTED,
  STATUS_RETURNED,
  STATUS_WITHDRAWN,
  deriveState,
  routeFor,
  stepProblems,
} from '../../src/core/workflow';
import { registerColumns } from '../../src/core/layout';
import { authorityProblem } from '../../src/core/authority';
import type { RegisterSpec } from '../../src/spec/schema';
import { fixtureCatalog, spec } from './fixtures';
import { INCOMING } from './helpers';

const catalog = fixtureCatalog();
const settings = catalog.settings;
const incoming = spec(catalog, 'incoming_docs');
const seal = spec(catalog, 'seal_use');

const values = { 收文编号: 'SW-2026-0001', ...INCOMING };

function submitted(s: RegisterSpec, v: Record<string, unknown>, by = '孙晓燕'): WorkflowRecord {
  const steps = Object.fromEntries(registerColumns(s).filter((c) => c.kind === 'stepActor').map((c) => [c.step!, { actor: null, time: null, opinion: null }]));
  const record: WorkflowRecord = { values: v as WorkflowRecord['values'], submittedBy: by, submittedAt: '2026-03-02T09:00', status: null, steps };
  return { ...record, status: deriveState(s, record).status };
}

function run(s: RegisterSpec, record: WorkflowRecord, action: WorkflowAction, actor: string, now = '2026-03-03T10:00') {
  const r = transition(s, settings, record, action, actor, now);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.record;
}

describe('the approval chain as a state machine', () => {
  it('routes by field values (重要文件 → 总经理, 一般文件 → 分管领导)', () => {
    expect(routeFor(incoming, { ...values, 文件类别: '重要文件' })!.steps.map((s) => s.text)).toContain('总经理批示');
    expect(routeFor(incoming, values)!.steps.map((s) => s.text)).toContain('分管领导批示');
    expect(submitted(incoming, values).status).toBe('待办公室主任拟办');
  });

  it('walks 待<step> … 已办结, recording actor, time and opinion in the step columns', () => {
    let r = submitted(incoming, values);
    r = run(incoming, r, { kind: 'approve', opinion: '拟请分管领导阅示', values: { 承办部门: '综合办公室' } }, '赵敏', '2026-03-02T10:00');
    expect(r.status).toBe('待分管领导批示');
    expect(r.steps['办公室主任拟办']).toEqual({ actor: '赵敏', time: '2026-03-02T10:00', opinion: '拟请分管领导阅示' });
    r = run(incoming, r, { kind: 'approve' }, '李志华');
    expect(r.steps['分管领导批示'].opinion).toBe('同意');
    r = run(incoming, r, { kind: 'approve' }, '孙晓燕');
    r = run(incoming, r, { kind: 'approve', opinion: '已归档' }, '周婷');
    expect(r.status).toBe(STATUS_DONE);
    expect(stepProblems(incoming, r)).toEqual([]);
  });

  it('refuses the wrong role, out-of-order steps, and closed records, with a message', () => {
    const r = submitted(incoming, values);
    const wrong = transition(incoming, settings, r, { kind: 'approve' }, '李志华', '2026-03-02T10:00');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.errors[0].rule).toBe('workflow.role');
      expect(wrong.errors[0].message).toContain('办公室主任拟办');
      expect(wrong.errors[0].messageEn).toContain('may not');
    }
    const stranger = transition(incoming, settings, r, { kind: 'approve' }, '无名氏', '2026-03-02T10:00');
    expect(!stranger.ok && stranger.errors[0].rule).toBe('workflow.unknownActor');
    const rejected = run(incoming, r, { kind: 'reject', opinion: '不属于本公司办理范围' }, '赵敏');
    expect(rejected.status).toBe(STATUS_REJECTED);
    const after = transition(incoming, settings, rejected, { kind: 'approve' }, '李志华', '2026-03-04T10:00');
    expect(!after.ok && after.errors[0].rule).toBe('workflow.closed');
  });

  it('退回 goes back to the applicant with an opinion; the applicant resubmits and the chain starts again', () => {
    let r = run(incoming, submitted(incoming, values), { kind: 'approve' }, '赵敏');
    const noOpinion = transition(incoming, settings, r, { kind: 'return', opinion: ' ' }, '李志华', '2026-03-03T11:00');
    expect(!noOpinion.ok && noOpinion.errors[0].rule).toBe('workflow.opinion');
    r = run(incoming, r, { kind: 'return', opinion: '请补充来文附件' }, '李志华');
    expect(r.status).toBe(STATUS_RETURNED);
    expect(r.steps['分管领导批示'].opinion).toBe('【退回】请补充来文附件');
    const notApplicant = transition(incoming, settings, r, { kind: 'resubmit', values: {} }, '周婷', '2026-03-04T09:00');
    expect(!notApplicant.ok && notApplicant.errors[0].rule).toBe('workflow.notApplicant');
    r = run(incoming, r, { kind: 'resubmit', values: { 备注: '附件已补齐' } }, '孙晓燕');
    expect(r.status).toBe('待办公室主任拟办');
    expect(r.values['备注']).toBe('附件已补齐');
    expect(Object.values(r.steps).every((e) => e.actor === null)).toBe(true);
  });

  it('撤回 only by the applicant, only before the first approval', () => {
    const r = submitted(incoming, values);
    const other = transition(incoming, settings, r, { kind: 'withdraw' }, '周婷', '2026-03-02T09:30');
    expect(!other.ok && other.errors[0].rule).toBe('workflow.notApplicant');
    const withdrawn = run(incoming, r, { kind: 'withdraw', opinion: '登记有误' }, '孙晓燕');
    expect(withdrawn.status).toBe(STATUS_WITHDRAWN);
    const late = transition(incoming, settings, run(incoming, r, { kind: 'approve' }, '赵敏'), { kind: 'withdraw' }, '孙晓燕', '2026-03-04T09:00');
    expect(!late.ok && late.errors[0].rule).toBe('workflow.withdrawLate');
  });

  it('a change that would alter the route is refused once approval has started', () => {
    const r = run(incoming, submitted(incoming, values), { kind: 'approve' }, '赵敏');
    const change = transition(incoming, settings, r, { kind: 'update', values: { 文件类别: '重要文件', 承办部门: '技术部' } }, '孙晓燕', '2026-03-03T09:00');
    expect(!change.ok && change.errors[0].rule).toBe('workflow.routeChange');
    const number = transition(incoming, settings, r, { kind: 'update', values: { 收文编号: 'SW-2026-0099' } }, '孙晓燕', '2026-03-03T09:00');
    expect(!number.ok && number.errors[0].rule).toBe('workflow.number');
    const invalid = transition(incoming, settings, r, { kind: 'update', values: { 阅批日期: '2026-03-01' } }, '孙晓燕', '2026-03-03T09:00');
    expect(!invalid.ok && invalid.errors[0].rule).toBe('rule.notBefore');
  });

  it('asks for 承办部门 on the approval before 承办部门办理: that step’s people come from it, and nobody could act without it', () => {
    const blank = run(incoming, submitted(incoming, { ...values, 承办部门: null }), { kind: 'approve', opinion: '拟请分管领导阅示' }, '赵敏', '2026-03-02T10:00');
    expect(blank.status).toBe('待分管领导批示');
    const refused = transition(incoming, settings, blank, { kind: 'approve' }, '李志华', '2026-03-02T11:00');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors[0].rule).toBe('workflow.nextNobody');
      expect(refused.errors[0].message).toBe('同意后下一步“承办部门办理”无人可办理:记录的“承办部门”尚未填写:填写后由承办部门办理;请先补充再同意');
      expect(refused.errors[0].messageEn).toContain('"承办部门" is blank');
      expect(refused.errors[0].field).toBe('承办部门');
    }
    const filled = run(incoming, blank, { kind: 'approve', values: { 承办部门: '综合办公室' } }, '李志华', '2026-03-02T11:00');
    expect(filled.status).toBe('待承办部门办理');
  });

  it('derives the status from the step columns and reports steps that contradict it', () => {
    const r = submitted(incoming, values);
    const skipped = { ...r, steps: { ...r.steps, 分管领导批示: { actor: '李志华', time: '2026-03-03T10:00', opinion: '同意' } } };
    expect(deriveState(incoming, skipped).status).toBe('待办公室主任拟办');
    expect(stepProblems(incoming, skipped).map((p) => p.rule)).toEqual(['status.order']);
    const offRoute = { ...r, steps: { ...r.steps, 总经理批示: { actor: '王建国', time: '2026-03-03T10:00', opinion: '同意' } } };
    expect(stepProblems(incoming, offRoute).map((p) => p.rule)).toContain('status.route');
  });
});

describe('workflow properties', () => {
  const people = ['孙晓燕', '周婷', '赵敏', '王建国', '李志华', '刘洋', '何静', '无名氏'];
  const action = fc.oneof(
    fc.record({ kind: fc.constant('approve' as const), opinion: fc.option(fc.constantFrom('同意', '【退回】x', ''), { nil: undefined }) }),
    fc.record({ kind: fc.constant('return' as const), opinion: fc.constantFrom('请补充', '') }),
    fc.record({ kind: fc.constant('reject' as const), opinion: fc.constantFrom('不予办理', '') }),
    fc.record({ kind: fc.constant('withdraw' as const), opinion: fc.constant('撤回') }),
    fc.record({ kind: fc.constant('resubmit' as const), values: fc.constantFrom({}, { 备注: '已修改' }, { 文件类别: '重要文件', 承办部门: '技术部' }) }),
    fc.record({ kind: fc.constant('update' as const), values: fc.constantFrom({ 办结日期: '2026-03-09' }, { 文件类别: '重要文件', 承办部门: '技术部' }, { 份数: -1 }) }),
  );
  const steps = fc.array(fc.tuple(action, fc.constantFrom(...people)), { maxLength: 25 });

  it('any sequence of actions keeps status, step columns and role rules consistent', () => {
    fc.assert(
      fc.property(fc.constantFrom('一般文件', '重要文件'), steps, (kind, sequence) => {
        let record = submitted(incoming, { ...values, 文件类别: kind, 承办部门: '技术部' });
        let minute = 0;
        for (const [a, actor] of sequence) {
          const before = deriveState(incoming, record);
          const now = `2026-03-03T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          minute += 7;
          const result = transition(incoming, settings, record, a as WorkflowAction, actor, now);
          const closed = before.status === STATUS_REJECTED || before.status === STATUS_WITHDRAWN;
          if (closed || (before.status === STATUS_DONE && a.kind !== 'update')) expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const e of result.errors) {
              expect(e.message).toMatch(/[\u4e00-\u9fff]/);
              expect(e.messageEn).toMatch(/[A-Za-z]/);
            }
            continue;
          }
          const after = deriveState(incoming, result.record);
          expect(result.record.status).toBe(after.status);
          expect(stepProblems(incoming, result.record)).toEqual([]);
          if (a.kind === 'approve' || a.kind === 'return' || a.kind === 'reject') {
            expect(before.pending).not.toBeNull();
            expect(authorityProblem(incoming, settings, record, before.pending!, actor)).toBeNull();
            expect(result.record.steps[before.pending!.text]).toMatchObject({ actor, time: now });
          }
          if (a.kind === 'approve') expect(after.approvals).toBe(before.approvals + 1);
          if (a.kind === 'resubmit') expect(after.approvals).toBe(0);
          if (a.kind === 'withdraw') expect([before.approvals, actor]).toEqual([0, record.submittedBy]);
          record = result.record;
        }
      }),
      { numRuns: 400 },
    );
  });
});
