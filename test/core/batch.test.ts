import { auditTail } from '../../src/core/audit';
import { planBatch, readsForBatch, type BatchItem } from '../../src/core/batch';
import { checkWorkbook } from '../../src/core/check';
import { verifyWorkbook } from '../../src/core/verify';
import type { TableSnapshot } from '../../src/workbook/port';
import { INCOMING, office } from './helpers';

const SEAL = { 用印日期: '2026-03-02', 用印部门: '综合办公室', 经办人: '周婷', 用印类型: '日常事务', 文件名称: '客户回函', 用印份数: 1 };
const copy = (t: TableSnapshot): TableSnapshot => ({ ...t, rows: t.rows.map((r) => [...r]) });

async function officeWithWork() {
  const o = await office();
  for (let i = 0; i < 3; i++) await o.submit('incoming_docs', `2026-03-02T09:0${i}`, INCOMING, '孙晓燕');
  for (let i = 0; i < 3; i++) await o.submit('seal_use', `2026-03-02T10:0${i}`, { ...SEAL, 文件名称: `回函${i}` }, '周婷');
  // 赵敏 is 办公室主任 (收文 拟办) and 综合办公室's 部门领导 (用印 部门领导审核)
  const items = (): BatchItem[] =>
    o.metas.filter((m) => ['incoming_docs', 'seal_use'].includes(m.id)).flatMap((m) => {
      const t = o.book.table(m.table);
      return t.rows.map((row, i) => ({ registerId: m.id, row: i, number: String(row[0]), status: String(row[t.headers.indexOf('状态')]) }));
    });
  const read = () => ({ meta: null, tables: Object.fromEntries(o.metas.map((m) => [m.table, copy(o.book.table(m.table))])), sheets: {} });
  const batch = (selection: BatchItem[], action: Parameters<typeof planBatch>[2], actor: string, now = '2026-03-03T09:00') =>
    planBatch({ metas: o.metas, read: read(), settings: o.catalog.settings, audit: auditTail(o.book.audit), now }, selection, action, actor);
  return { o, items, batch };
}

describe('批量同意 / 批量退回', () => {
  it('approves records of two registers in one write, each with its own step values and audit entry', async () => {
    const { o, items, batch } = await officeWithWork();
    const selection = items();
    const plan = await batch(selection, { kind: 'approve', opinion: '同意' }, '赵敏');
    expect(plan.skipped).toEqual([]);
    expect(plan.done.map((d) => d.status)).toEqual(['待分管领导批示', '待分管领导批示', '待分管领导批示', '待办公室主任审批', '待办公室主任审批', '待办公室主任审批']);
    expect(plan.batch.sheetAppends![0].rows).toHaveLength(6);
    o.book.apply(plan.batch);
    expect(o.book.audit.slice(-6).map((r) => [r[0], r[4], r[5]])).toEqual([7, 8, 9, 10, 11, 12].map((seq) => [seq, '审批', '赵敏']));
    expect(checkWorkbook(o.content(), Date.parse('2026-03-04')).findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((await verifyWorkbook(o.content())).breaks).toEqual([]);
  });

  it('skips and lists a record a co-author acted on first, and one the user may not act on; the rest go through', async () => {
    const { o, items, batch } = await officeWithWork();
    const selection = items();
    await o.act('seal_use', '2026-03-02T11:00', 1, { kind: 'approve' }, '赵敏'); // co-author was quicker
    const plan = await batch(selection, { kind: 'return', opinion: '请补充附件' }, '赵敏');
    expect(plan.skipped.map((s) => [s.item.registerId, s.item.row, s.errors[0].rule])).toEqual([['seal_use', 1, 'batch.changed']]);
    expect(plan.skipped[0].errors[0].message).toContain('已被他人办理');
    expect(plan.done).toHaveLength(5);
    expect(plan.done.every((d) => d.status === '已退回')).toBe(true);
    // the skipped record is not touched at all
    const sealTable = o.book.table('tz_seal_use');
    expect(plan.batch.updates!.filter((u) => u.table === 'tz_seal_use' && u.row === 1)).toEqual([]);
    o.book.apply(plan.batch);
    expect(sealTable.rows[1][sealTable.headers.indexOf('状态')]).toBe('待办公室主任审批');
    expect((await verifyWorkbook(o.content())).breaks).toEqual([]);
    const other = await batch(items().filter((i) => i.registerId === 'seal_use' && i.row === 1), { kind: 'approve', opinion: '' }, '郑芳');
    expect(other.skipped[0].errors[0].rule).toBe('workflow.role');
    expect(other.batch.updates).toEqual([]);
  });

  it('reads only the selected rows of each register, in one request', async () => {
    const { o } = await officeWithWork();
    const reads = readsForBatch(o.metas, [{ registerId: 'seal_use', row: 2, number: 'x', status: null }, { registerId: 'incoming_docs', row: 0, number: 'y', status: null }]);
    expect(reads.tables).toEqual(expect.arrayContaining([{ table: 'tz_seal_use', rowsAt: [2] }, { table: 'tz_incoming_docs', rowsAt: [0] }]));
    expect(reads.tables).toHaveLength(2);
  });
});
