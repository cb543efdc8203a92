import { recordPasses } from '../../src/core/stepPasses';
import { percentile, stepLimitHours, type TimelinessReport } from '../../src/core/timeliness';
import type { RecordValue } from '../../src/core/cells';
import { spec } from './fixtures';
import { office } from './helpers';
import { DAILY, personOf, report, sealOffice, stepOf, type Office } from './timelinessScenario';

describe('时效: time per approval step in working hours, from the audit log', () => {
  let o: Office;
  beforeAll(async () => {
    o = await sealOffice();
  });

  it('counts each pass of a step, a return and the resubmission’s pass both', () => {
    const r = report(o, '2026-03-10T09:00');
    expect(r.steps.map((s) => s.step)).toEqual(['部门领导审核', '公司领导审批', '综合办公室盖章', '办公室主任审批']);
    // 部门领导审核: 2, 1 and 1.5 h
    expect(stepOf(r, '部门领导审核')).toMatchObject({ passed: 3, medianHours: 1.5, onTimeShare: 1, waiting: 0, oldestWaitingHours: null });
    expect(stepOf(r, '部门领导审核').p90Hours).toBeCloseTo(1.9, 10);
    // 办公室主任审批: 2 h (the return) and 30 h; the 8-hour limit was missed once
    expect(stepOf(r, '办公室主任审批')).toMatchObject({ passed: 2, medianHours: 16, onTimeShare: 0.5, waiting: 0, late: 1, limitHours: 8 });
    expect(stepOf(r, '办公室主任审批').p90Hours).toBeCloseTo(27.2, 10);
    expect(stepOf(r, '综合办公室盖章')).toMatchObject({ passed: 1, medianHours: 2, onTimeShare: 1 });
  });

  it('counts a pending item with its age so far, and the people who may act on it as waiting', () => {
    const r = report(o, '2026-03-10T09:00');
    // Mon 10:30-18:00 (6.5 h), Tue-Fri (32 h), Mon 9th (8 h), Tue 10th before 09:00 (0)
    expect(stepOf(r, '公司领导审批')).toMatchObject({ passed: 0, medianHours: 46.5, p90Hours: 46.5, onTimeShare: 0, waiting: 1, oldestWaitingHours: 46.5 });
    expect(personOf(r, '王建国')).toMatchObject({ acted: 0, waiting: 1, medianHours: null });
    expect(personOf(r, '李志华')).toMatchObject({ acted: 0, waiting: 1 });
  });

  it('credits a delegated step to the delegate who acted', () => {
    const r = report(o, '2026-03-10T09:00');
    expect(personOf(r, '冯磊')).toMatchObject({ acted: 1, medianHours: 1.5, waiting: 0 });
    expect(personOf(r, '何静')).toMatchObject({ acted: 2, medianHours: 1.5 });
    expect(personOf(r, '赵敏')).toMatchObject({ acted: 2, medianHours: 16, late: 1 });
  });

  it('does not count a step the record’s conditional route skips', () => {
    const r = report(o, '2026-03-10T09:00');
    // the contract never passes 办公室主任审批, the daily record never 公司领导审批
    expect(stepOf(r, '办公室主任审批').passed + stepOf(r, '办公室主任审批').waiting).toBe(2);
    expect(stepOf(r, '公司领导审批').passed).toBe(0);
  });

  it('filters by month: acted passes that ended in it, pending ones that arrived by its end', () => {
    expect(report(o, '2026-04-10T09:00', '2026-02').steps).toEqual([]);
    const march = report(o, '2026-04-10T09:00', '2026-03');
    expect(stepOf(march, '部门领导审核').passed).toBe(3);
    expect(stepOf(march, '公司领导审批').waiting).toBe(1);
    const april = report(o, '2026-04-10T09:00', '2026-04');
    expect(stepOf(april, '部门领导审核').passed).toBe(0);
    expect(stepOf(april, '公司领导审批').waiting).toBe(1);
    expect(march.months).toEqual([{ registerId: 'seal_use', register: '用印登记', month: '2026-03', passed: 6, onTimeShare: 5 / 6 }, { registerId: 'seal_use', register: '用印登记', month: '2026-04', passed: 0, onTimeShare: 0 }]);
  });
});

describe('step columns when the audit log has nothing on a record', () => {
  it('times each step from the one before, credits the delegate, and leaves the waiting step pending', async () => {
    const o = await office();
    const seal = spec(o.catalog, 'seal_use');
    const entry = (actor: string | null, time: string | null, opinion: string | null = null) => ({ actor, time, opinion });
    const record = {
      values: { ...DAILY, 用印编号: 'YY-202603-009' } as Record<string, RecordValue>,
      submittedBy: '周婷',
      submittedAt: '2026-03-06T16:00',
      steps: { 部门领导审核: entry('冯磊(代 何静)', '2026-03-09T10:00', '同意'), 办公室主任审批: entry(null, null), 公司领导审批: entry(null, null), 综合办公室盖章: entry(null, null) },
    };
    const passes = recordPasses(seal, o.catalog.settings, record, []);
    expect(passes.map((p) => [p.step, p.start, p.end, p.actor, p.onBehalfOf, p.outcome])).toEqual([
      ['部门领导审核', '2026-03-06T16:00', '2026-03-09T10:00', '冯磊', '何静', 'approved'],
      ['办公室主任审批', '2026-03-09T10:00', null, null, null, null],
    ]);
    expect(passes[1].holders).toEqual(['赵敏']);
    const returned = { ...record, steps: { ...record.steps, 办公室主任审批: entry('赵敏', '2026-03-09T11:00', '【退回】请补充') } };
    expect(recordPasses(seal, o.catalog.settings, returned, []).map((p) => [p.step, p.outcome])).toEqual([
      ['部门领导审核', 'approved'],
      ['办公室主任审批', 'returned'],
    ]);
  });
});

describe('figures', () => {
  it('percentile is Excel’s PERCENTILE.INC', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 1, 4], 0.9)).toBeCloseTo(8.8, 10);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('审批时限: register and step > step > register > all > 8 hours', () => {
    const reg = { id: 'seal_use', name: '用印登记' };
    expect(stepLimitHours(undefined, reg, '部门领导审核')).toBe(8);
    const limits = [
      { register: '', step: '', hours: 16 },
      { register: '用印登记', step: '', hours: 4 },
      { register: '', step: '部门领导审核', hours: 2 },
      { register: '用印登记', step: '部门领导审核', hours: 1 },
    ];
    expect(stepLimitHours(limits, reg, '部门领导审核')).toBe(1);
    expect(stepLimitHours(limits, { id: 'x', name: '收文登记' }, '部门领导审核')).toBe(2);
    expect(stepLimitHours(limits, reg, '办公室主任审批')).toBe(4);
    expect(stepLimitHours(limits, { id: 'x', name: '收文登记' }, '拟办')).toBe(16);
  });
});
