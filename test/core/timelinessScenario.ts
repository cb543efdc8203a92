/** A small 用印登记 history for the 时效 tests, acted through the real action pipeline (audit log included). */
import { isAuditHeader, rowToEntry } from '../../src/core/audit';
import { tableRecords } from '../../src/core/records';
import { timelinessReport, type TimelinessReport } from '../../src/core/timeliness';
import { office } from './helpers';

// 日常事务 route: 部门领导审核 (何静 for 技术部) → 办公室主任审批 (赵敏) → 综合办公室盖章.
// 经济合同 route: 部门领导审核 → 公司领导审批 (王建国, 李志华) → 综合办公室盖章 — no 办公室主任审批.
export const DAILY = { 用印日期: '2026-03-02', 用印部门: '技术部', 经办人: '周婷', 用印类型: '日常事务', 文件名称: '客户回函', 用印份数: 1 };
export const CONTRACT = { ...DAILY, 用印类型: '经济合同', 文件名称: '采购合同', 领导书面批示: '同意用印' };

export type Office = Awaited<ReturnType<typeof office>>;

export function report(o: Office, asOf: string, month: string | null = null): TimelinessReport {
  const meta = o.meta('seal_use');
  const table = o.book.table(meta.table);
  const audit = o.book.audit.filter((r) => !isAuditHeader(r)).map(rowToEntry);
  return timelinessReport({ settings: o.catalog.settings, registers: [{ spec: meta.spec, name: meta.name, records: tableRecords(meta.spec, table.rows, table.firstRow) }], audit, asOf, month });
}
export const stepOf = (r: TimelinessReport, step: string) => r.steps.find((s) => s.step === step)!;
export const personOf = (r: TimelinessReport, person: string) => r.people.find((p) => p.person === person);

export async function sealOffice(): Promise<Office> {
  const o = await office();
  o.catalog.settings.delegations = [{ delegator: '何静', delegate: '冯磊', from: '2026-03-02', to: '2026-03-06', scope: [] }];
  // Record 0 (日常事务): 部门领导 2 h; 办公室主任 returns after 2 h (lunch skipped); resubmitted;
  // 部门领导 1 h; 办公室主任 30 h (Tue 10:00 → Fri 17:00); 盖章 2 h (over the weekend).
  await o.submit('seal_use', '2026-03-02T09:00', DAILY, '周婷');
  await o.act('seal_use', '2026-03-02T11:00', 0, { kind: 'approve' }, '何静');
  await o.act('seal_use', '2026-03-02T14:00', 0, { kind: 'return', opinion: '请附合同文本' }, '赵敏');
  await o.act('seal_use', '2026-03-03T09:00', 0, { kind: 'resubmit', values: {} }, '周婷');
  await o.act('seal_use', '2026-03-03T10:00', 0, { kind: 'approve' }, '何静');
  await o.act('seal_use', '2026-03-06T17:00', 0, { kind: 'approve' }, '赵敏');
  await o.act('seal_use', '2026-03-09T10:00', 0, { kind: 'approve' }, '孙晓燕');
  // Record 1 (经济合同): 冯磊 acts for 何静 after 1.5 h; 公司领导审批 waits from Mon 10:30.
  await o.submit('seal_use', '2026-03-02T09:00', CONTRACT, '周婷');
  await o.act('seal_use', '2026-03-02T10:30', 1, { kind: 'approve' }, '冯磊');
  return o;
}
