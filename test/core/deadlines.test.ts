import { deadlineMessage, deadlineView, dueAt } from '../../src/core/deadlines';
import { displayInstant, parseAsOf, parseInstant } from '../../src/core/dates';
import type { RegisterRecord } from '../../src/core/records';
import type { Deadline } from '../../src/spec/schema';
import { fixtureCatalog, spec } from './fixtures';

const d = (amount: number, unit: Deadline['unit'], from = '开始', doneField = '完成'): Deadline => ({ name: '事项', from, amount, unit, doneField });
const at = (ms: number | null) => (ms === null ? null : displayInstant(ms));

describe('deadlines from the documents', () => {
  it('hours are exact: minutes due 48 h after a meeting, visitors confirmed within 1 h', () => {
    expect(at(dueAt(d(48, 'hour'), '2026-03-02T16:30'))).toBe('2026-03-04 16:30');
    expect(at(dueAt(d(1, 'hour'), '2026-03-02T09:05'))).toBe('2026-03-02 10:05');
    expect(at(dueAt(d(24, 'hour'), '2026-03-02'))).toBe('2026-03-03 00:00');
  });

  it('days run to the end of the due day; 当天 is the same day; 提前 counts back', () => {
    expect(at(dueAt(d(3, 'day'), '2026-03-02'))).toBe('2026-03-05 23:59:59');
    expect(at(dueAt(d(0, 'day'), '2026-03-02T15:00'))).toBe('2026-03-02 23:59:59');
    expect(at(dueAt(d(-1, 'day'), '2026-03-10T09:00'))).toBe('2026-03-09 23:59:59');
    expect(at(dueAt(d(-30, 'day'), '2027-01-15'))).toBe('2026-12-16 23:59:59');
  });

  it('months and years keep the calendar day, clamped to the month end (annual inspections)', () => {
    expect(at(dueAt(d(1, 'month'), '2026-01-31'))).toBe('2026-02-28 23:59:59');
    expect(at(dueAt(d(1, 'year'), '2028-02-29'))).toBe('2029-02-28 23:59:59');
    expect(dueAt(d(1, 'day'), null)).toBeNull();
    expect(dueAt(d(1, 'day'), '下周一')).toBeNull();
  });

  it('lists what is overdue and what is due soon as of an instant; done and rejected records are not', () => {
    const incoming = spec(fixtureCatalog(), 'incoming_docs');
    const record = (values: Record<string, string | null>, status: string | null = '待办公室主任拟办'): RegisterRecord => ({ index: 0, sheetRow: 2, values, submittedBy: '孙晓燕', submittedAt: '2026-03-02T09:00', status, steps: {} });
    const records = [
      record({ 收文日期: '2026-03-02' }),
      record({ 收文日期: '2026-03-02', 阅批日期: '2026-03-03', 办结日期: null }),
      record({ 收文日期: '2026-03-02', 阅批日期: '2026-03-03', 办结日期: '2026-03-05' }),
      record({ 收文日期: '2026-03-01' }, '已驳回'),
      record({ 收文日期: '2026-03-09' }),
    ];
    const view = deadlineView(incoming, records, parseAsOf('2026-03-09')!);
    expect(view.overdue.map((i) => `${i.record.values['收文日期']}:${i.deadline.name}`)).toEqual(['2026-03-02:呈批', '2026-03-02:办结']);
    expect(view.dueSoon.map((i) => i.deadline.name)).toEqual(['呈批']);
    const m = deadlineMessage(view.overdue[0]);
    expect(m.message).toContain('2026-03-03');
    expect(m.message).toContain('逾期 6 天');
    expect(m.messageEn).toContain('6 day(s) overdue');
    expect(deadlineView(incoming, records, parseInstant('2026-03-03T23:00')!).overdue).toHaveLength(0);
  });
});

describe('a deadline with a 条件 applies only where it holds', () => {
  it('is open for a 离职 record and not for an 入职 one', () => {
    const { openDeadlines } = jest.requireActual('../../src/core/deadlines') as typeof import('../../src/core/deadlines');
    const spec = {
      deadlines: [{ name: '物品回收', from: '日期', amount: 0, unit: 'day', doneField: '回收确认', when: { op: 'in', field: '事项类型', values: ['离职'] } }],
    } as unknown as import('../../src/spec/schema').RegisterSpec;
    const record = (type: string) => ({ index: 0, sheetRow: 2, values: { 日期: '2026-03-01', 回收确认: null, 事项类型: type }, submittedBy: null, submittedAt: null, status: null, steps: {} });
    const asOf = Date.UTC(2026, 2, 5);
    expect(openDeadlines(spec, record('离职'), asOf)).toHaveLength(1);
    expect(openDeadlines(spec, record('入职'), asOf)).toHaveLength(0);
  });
});
