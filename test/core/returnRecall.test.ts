import fc from 'fast-check';
import { authorityProblem } from '../../src/core/authority';
import { checkWorkbook } from '../../src/core/check';
import { registerColumns } from '../../src/core/layout';
import { transition, type WorkflowAction, type WorkflowRecord } from '../../src/core/transitions';
import { verifyWorkbook } from '../../src/core/verify';
import { STATUS_RETURNED, approvalStepsOf, deriveState, stepProblems } from '../../src/core/workflow';
import { fixtureCatalog, spec } from './fixtures';
import { office } from './helpers';

const catalog = fixtureCatalog();
const settings = catalog.settings;
const seal = spec(catalog, 'seal_use');
// 其他 route: 部门领导审核 (赵敏 for 综合办公室) → 办公室主任审批 (赵敏) → 综合办公室盖章 (赵敏, 孙晓燕, 周婷)
const SEAL = { 用印编号: 'YY-202603-001', 用印日期: '2026-03-02', 用印部门: '技术部', 经办人: '周婷', 用印类型: '日常事务', 文件名称: '客户回函', 用印份数: 1 };

function submitted(by = '周婷'): WorkflowRecord {
  const steps = Object.fromEntries(registerColumns(seal).filter((c) => c.kind === 'stepActor').map((c) => [c.step!, { actor: null, time: null, opinion: null }]));
  const record: WorkflowRecord = { values: SEAL as never, submittedBy: by, submittedAt: '2026-03-02T09:00', status: null, steps };
  return { ...record, status: deriveState(seal, record).status };
}
function run(record: WorkflowRecord, action: WorkflowAction, actor: string, now = '2026-03-03T10:00') {
  const r = transition(seal, settings, record, action, actor, now);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.record;
}

describe('退回 to a chosen step, 取回', () => {
  it('退回 to an earlier step clears it and the steps after it; the record resumes there', () => {
    let r = run(submitted(), { kind: 'approve' }, '何静');
    r = run(r, { kind: 'approve' }, '赵敏');
    expect(r.status).toBe('待综合办公室盖章');
    r = run(r, { kind: 'return', opinion: '附件不全', toStep: '部门领导审核' }, '孙晓燕');
    expect(r.status).toBe('待部门领导审核');
    expect(r.steps['部门领导审核']).toEqual({ actor: null, time: null, opinion: '【退回】孙晓燕:附件不全' });
    expect(r.steps['办公室主任审批'].actor).toBeNull();
    expect(stepProblems(seal, r)).toEqual([]);
    // the step acts again and the record goes on
    r = run(r, { kind: 'approve', opinion: '已补齐' }, '何静');
    expect(r.steps['部门领导审核'].opinion).toBe('已补齐');
    expect(r.status).toBe('待办公室主任审批');
  });

  it('refuses 退回 to a step not yet passed, to an unknown step, by someone not permitted, or without an opinion', () => {
    const r = run(submitted(), { kind: 'approve' }, '何静');
    const ahead = transition(seal, settings, r, { kind: 'return', opinion: 'x', toStep: '综合办公室盖章' }, '赵敏', '2026-03-03T10:00');
    expect(!ahead.ok && ahead.errors[0].rule).toBe('workflow.returnTo');
    const self = transition(seal, settings, r, { kind: 'return', opinion: 'x', toStep: '办公室主任审批' }, '赵敏', '2026-03-03T10:00');
    expect(!self.ok && self.errors[0].rule).toBe('workflow.returnTo');
    const wrong = transition(seal, settings, r, { kind: 'return', opinion: 'x', toStep: '部门领导审核' }, '郑芳', '2026-03-03T10:00');
    expect(!wrong.ok && wrong.errors[0].rule).toBe('workflow.role');
    const silent = transition(seal, settings, r, { kind: 'return', opinion: ' ', toStep: '部门领导审核' }, '赵敏', '2026-03-03T10:00');
    expect(!silent.ok && silent.errors[0].rule).toBe('workflow.opinion');
  });

  it('退回 without a step still goes to the applicant, who resubmits', () => {
    const r = run(run(submitted(), { kind: 'approve' }, '何静'), { kind: 'return', opinion: '请改' }, '赵敏');
    expect(r.status).toBe(STATUS_RETURNED);
    expect(run(r, { kind: 'resubmit', values: {} }, '周婷').status).toBe('待部门领导审核');
  });

  it('取回 by the last approver only, and only while the next step has not acted', () => {
    const r = run(submitted(), { kind: 'approve' }, '何静');
    const other = transition(seal, settings, r, { kind: 'recall' }, '赵敏', '2026-03-03T10:00');
    expect(!other.ok && other.errors[0].rule).toBe('workflow.notLastApprover');
    const back = run(r, { kind: 'recall' }, '何静');
    expect(back.status).toBe('待部门领导审核');
    expect(back.steps['部门领导审核']).toEqual({ actor: null, time: null, opinion: null });
    const later = run(r, { kind: 'approve' }, '赵敏');
    const late = transition(seal, settings, later, { kind: 'recall' }, '何静', '2026-03-03T11:00');
    expect(!late.ok && late.errors[0].rule).toBe('workflow.notLastApprover');
    const none = transition(seal, settings, submitted(), { kind: 'recall' }, '何静', '2026-03-03T11:00');
    expect(!none.ok && none.errors[0].rule).toBe('workflow.recallLate');
  });

  it('the audit log names the step returned to and the 取回; check and verify pass', async () => {
    const o = await office();
    await o.submit('seal_use', '2026-03-02T09:00', SEAL, '周婷');
    await o.act('seal_use', '2026-03-02T10:00', 0, { kind: 'approve' }, '何静');
    await o.act('seal_use', '2026-03-02T10:30', 0, { kind: 'approve' }, '赵敏');
    await o.act('seal_use', '2026-03-02T11:00', 0, { kind: 'return', opinion: '附件不全', toStep: '部门领导审核' }, '孙晓燕');
    await o.act('seal_use', '2026-03-02T12:00', 0, { kind: 'approve' }, '何静');
    await o.act('seal_use', '2026-03-02T12:05', 0, { kind: 'recall' }, '何静');
    expect(o.book.audit.slice(1).map((r) => r[4])).toEqual(['提交', '审批', '审批', '退回至部门领导审核', '审批', '取回']);
    expect(checkWorkbook(o.content(), Date.parse('2026-03-03')).findings).toEqual([]);
    expect((await verifyWorkbook(o.content())).breaks).toEqual([]);
  });
});

describe('approval properties: random actions by random people', () => {
  const people = settings.people.map((p) => p.name).concat(['无名氏']);
  const action = fc.oneof(
    fc.record({ kind: fc.constant('approve' as const), opinion: fc.constantFrom('同意', '') }),
    fc.record({ kind: fc.constant('return' as const), opinion: fc.constantFrom('请补充', ''), toStep: fc.constantFrom(undefined, '部门领导审核', '办公室主任审批', '综合办公室盖章', '不存在') }),
    fc.record({ kind: fc.constant('reject' as const), opinion: fc.constant('不予办理') }),
    fc.record({ kind: fc.constant('withdraw' as const), opinion: fc.constant('撤回') }),
    fc.record({ kind: fc.constant('recall' as const) }),
    fc.record({ kind: fc.constant('resubmit' as const), values: fc.constant({}) }),
  );

  it('never let a non-permitted person act, and never leave a status that disagrees with the step columns', () => {
    fc.assert(
      fc.property(fc.constantFrom('技术部', '综合办公室', '财务部'), fc.array(fc.tuple(action, fc.constantFrom(...people)), { maxLength: 30 }), (department, sequence) => {
        let record: WorkflowRecord = { ...submitted(), values: { ...SEAL, 用印部门: department } as never };
        let minute = 0;
        for (const [a, actor] of sequence) {
          const before = deriveState(seal, record);
          const now = `2026-03-03T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          minute += 3;
          const result = transition(seal, settings, record, a as WorkflowAction, actor, now);
          if (!result.ok) continue;
          const after = deriveState(seal, result.record);
          expect(result.record.status).toBe(after.status);
          expect(stepProblems(seal, result.record)).toEqual([]);
          if (a.kind === 'approve' || a.kind === 'return' || a.kind === 'reject')
            expect(authorityProblem(seal, settings, record, before.pending!, actor)).toBeNull();
          if (a.kind === 'recall') {
            const steps = approvalStepsOf(before.route!);
            const last = steps[steps.findIndex((s) => s.text === before.pending!.text) - 1];
            expect(record.steps[last.text].actor).toBe(actor);
          }
          if (a.kind === 'withdraw' || a.kind === 'resubmit') expect(actor).toBe(record.submittedBy);
          record = result.record;
        }
      }),
      { numRuns: 300 },
    );
  });
});
