import { checkWorkbook } from '../../src/core/check';
import { heldFor, holdingOf, parseReminder, planReminders, type RemindItem } from '../../src/core/reminders';
import { rowToEntry } from '../../src/core/audit';
import { auditTail } from '../../src/core/audit';
import { verifyWorkbook } from '../../src/core/verify';
import type { ReadResult } from '../../src/workbook/port';
import { INCOMING, office } from './helpers';

const DAY = 86_400_000;
const SEAL = { 用印日期: '2026-03-02', 用印部门: '技术部', 经办人: '周婷', 用印类型: '日常事务', 文件名称: '设备采购询价函', 用印份数: 2 };

async function chase(o: Awaited<ReturnType<typeof office>>, items: RemindItem[], actor: string, now: string, settings = o.catalog.settings) {
  const tables = Object.fromEntries(o.metas.map((m) => [m.table, o.book.table(m.table)]));
  const read: ReadResult = { meta: null, tables, sheets: {} };
  const plan = await planReminders({ metas: o.metas, read, settings, audit: auditTail(o.book.audit), now, soonMs: 3 * DAY }, items, actor);
  o.book.apply(plan.batch);
  return plan;
}

describe('催办', () => {
  it('chases the step holder with a message naming the record, the step, the wait and the lateness, and logs who chased whom', async () => {
    const o = await office();
    await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
    const plan = await chase(o, [{ registerId: 'incoming_docs', row: 0, number: o.book.table('tz_incoming_docs').rows[0][0] as string }], '孙晓燕', '2026-03-05T10:30');
    expect(plan.skipped).toEqual([]);
    const [r] = plan.reminders;
    expect(r.holding).toMatchObject({ step: '办公室主任拟办', holders: ['赵敏'], since: '2026-03-02T09:00' });
    // 呈批 is due by the end of 3 March (收文日期 + 1 day): late by one whole day and some hours on the 5th at 10:30.
    expect(r.deadline).toEqual({ name: '呈批', due: '2026-03-03', late: { zh: '逾期 1 天', en: '1 day(s) overdue' } });
    expect(r.message).toContain('【催办】赵敏:');
    expect(r.message).toContain('收文登记');
    expect(r.message).toContain('《关于做好防汛工作的通知》待“办公室主任拟办”办理,已等待 3 天 1 小时。');
    expect(r.message).toContain('“呈批”应于 2026-03-03 前完成(阅批日期),逾期 1 天。');
    expect(r.message).toContain('孙晓燕 2026-03-05 10:30');
    expect(r.messageEn).toContain('waiting for 3 d 1 h');
    expect(r.mailto).toMatch(/^mailto:zhaomin@example\.com\?subject=/);
    expect(decodeURIComponent(r.mailto!.split('body=')[1])).toBe(r.message);
    const entry = rowToEntry(o.book.audit.at(-1)!);
    expect(entry).toMatchObject({ action: '催办→赵敏(呈批)', actor: '孙晓燕', time: '2026-03-05T10:30', register: 'incoming_docs' });
    expect(parseReminder(entry)).toEqual({ time: '2026-03-05T10:30', by: '孙晓燕', to: ['赵敏'], about: '呈批' });
  });

  it('keeps the audit chain whole, and a record edited before it was chased is still caught by verify', async () => {
    const o = await office();
    await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
    const number = o.book.table('tz_incoming_docs').rows[0][0] as string;
    await chase(o, [{ registerId: 'incoming_docs', row: 0, number }], '孙晓燕', '2026-03-05T10:30');
    expect((await verifyWorkbook(o.content())).breaks).toEqual([]);
    const table = o.book.table('tz_incoming_docs');
    const title = table.headers.indexOf('文件标题');
    table.rows[0][title] = '关于做好抗旱工作的通知';
    await chase(o, [{ registerId: 'incoming_docs', row: 0, number }], '周婷', '2026-03-05T11:00');
    const breaks = (await verifyWorkbook(o.content())).breaks;
    expect(breaks.map((b) => b.kind)).toEqual(['recordEdited']);
  });

  it('refuses to chase someone on their own behalf, and what waits on nothing', async () => {
    const o = await office();
    await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
    const number = o.book.table('tz_incoming_docs').rows[0][0] as string;
    const logged = o.book.audit.length;
    const self = await chase(o, [{ registerId: 'incoming_docs', row: 0, number }], '赵敏', '2026-03-05T10:30');
    expect(self.reminders).toEqual([]);
    expect(self.skipped[0].errors[0].rule).toBe('remind.self');
    const wrong = await chase(o, [{ registerId: 'incoming_docs', row: 0, number: 'SW-不存在' }], '孙晓燕', '2026-03-05T10:30');
    expect(wrong.skipped[0].errors[0].rule).toBe('remind.changed');
    expect(o.book.audit.length).toBe(logged);
  });

  it('finds the department head of the record’s own department, and an active delegate beside them', async () => {
    const o = await office();
    await o.submit('seal_use', '2026-03-02T09:00', SEAL, '周婷');
    const record = { values: o.book.table('tz_seal_use').rows[0].length ? Object.fromEntries(o.book.table('tz_seal_use').headers.map((h, i) => [h, o.book.table('tz_seal_use').rows[0][i]])) : {}, submittedBy: '周婷', submittedAt: '2026-03-02T09:00', status: null, steps: {} };
    const meta = o.meta('seal_use');
    expect(holdingOf(meta.spec, meta, o.catalog.settings, record, '2026-03-03T09:00')).toMatchObject({ step: '部门领导审核', holders: ['何静'], delegates: [] });
    const delegated = { ...o.catalog.settings, delegations: [{ delegator: '何静', delegate: '冯磊', from: '2026-03-01', to: '2026-03-10', scope: [] }] };
    expect(holdingOf(meta.spec, meta, delegated, record, '2026-03-03T09:00').delegates).toEqual(['冯磊']);
    expect(holdingOf(meta.spec, meta, delegated, record, '2026-03-11T09:00').delegates).toEqual([]);
  });

  it('a returned record waits on its applicant since the return', async () => {
    const o = await office();
    await o.submit('seal_use', '2026-03-02T09:00', SEAL, '周婷');
    await o.act('seal_use', '2026-03-02T10:00', 0, { kind: 'return', opinion: '附件不全' }, '何静');
    const tables = { tz_seal_use: o.book.table('tz_seal_use') };
    const plan = await planReminders({ metas: o.metas, read: { meta: null, tables, sheets: {} }, settings: o.catalog.settings, audit: auditTail(o.book.audit), now: '2026-03-04T10:00', soonMs: 3 * DAY }, [{ registerId: 'seal_use', row: 0, number: tables.tz_seal_use.rows[0][0] as string }], '何静');
    // Nothing is due and no step waits: a returned record is its applicant's to resubmit, and it has no deadline here.
    expect(plan.skipped[0].errors[0].rule).toBe('remind.notDue');
  });

  it('says how long in days and hours, and nothing for an unknown start', () => {
    expect(heldFor('2026-03-02T09:00', '2026-03-02T09:40')).toEqual({ zh: '不到 1 小时', en: 'under 1 h' });
    expect(heldFor('2026-03-02T09:00', '2026-03-02T14:10')).toEqual({ zh: '5 小时', en: '5 h' });
    expect(heldFor('2026-03-02T09:00', '2026-03-04T09:00')).toEqual({ zh: '2 天', en: '2 d' });
    expect(heldFor(null, '2026-03-04T09:00')).toBeNull();
  });

  it('check lists records chased and still late, with how many times and when last', async () => {
    const o = await office();
    await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
    const number = o.book.table('tz_incoming_docs').rows[0][0] as string;
    await chase(o, [{ registerId: 'incoming_docs', row: 0, number }], '孙晓燕', '2026-03-05T10:30');
    await chase(o, [{ registerId: 'incoming_docs', row: 0, number }], '周婷', '2026-03-06T09:00');
    const report = checkWorkbook(o.content(), Date.parse('2026-03-07T00:00:00Z'));
    const chased = report.findings.filter((f) => f.rule === 'deadline.chased');
    expect(chased).toHaveLength(1);
    expect(chased[0].message).toBe('已催办 2 次仍未办理(最近一次 2026-03-06 09:00 周婷 催 赵敏)');
  });
});
