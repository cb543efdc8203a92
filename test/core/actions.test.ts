import { planApprove, planSubmit, readsForRecord, readsForSubmit } from '../../src/core/actions';
import { AUDIT_SHEET } from '../../src/core/layout';
import { INCOMING, office } from './helpers';

describe('actions the task pane calls: one read, one pure plan, one write', () => {
  it('submit numbers the record from the register, derives its status and appends an audit entry in the same batch', async () => {
    const o = await office();
    const first = await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
    expect(first.ok && first.number).toBe('SW-2026-0001');
    if (!first.ok) return;
    expect(first.status).toBe('待办公室主任拟办');
    expect(first.batch.appends![0].rows[0]).toHaveLength(o.meta('incoming_docs').headers.length);
    expect(first.batch.sheetAppends).toEqual([{ sheet: AUDIT_SHEET, rows: [expect.arrayContaining([1, '2026-03-02T09:00', 'incoming_docs', 'SW-2026-0001', '提交', '孙晓燕'])] }]);
    expect(first.batch.expectHeaders).toEqual({ tz_incoming_docs: o.meta('incoming_docs').headers });
    const second = await o.submit('incoming_docs', '2026-03-02T09:30', INCOMING, '孙晓燕');
    expect(second.ok && second.number).toBe('SW-2026-0002');
    expect(second.ok && second.entry.prevHash).toBe(first.entry.hash);
  });

  it('applies 默认 values the caller left out', async () => {
    const o = await office();
    const { 收文日期: _, ...rest } = INCOMING;
    const r = await o.submit('incoming_docs', '2026-04-07T15:20', rest, '周婷');
    expect(r.ok && r.record.values['收文日期']).toBe('2026-04-07');
  });

  it('refuses invalid values, an unknown person and the wrong role, writing nothing', async () => {
    const o = await office();
    const bad = await planSubmit(o.ctx('incoming_docs', '2026-03-02T09:00'), { ...INCOMING, 份数: 0, 密级: '绝密' }, '孙晓燕');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => `${e.rule}:${e.field}`)).toEqual(['field.list:密级', 'field.range:份数']);
    const nobody = await planSubmit(o.ctx('incoming_docs', '2026-03-02T09:00'), INCOMING, '张三丰');
    expect(!nobody.ok && nobody.errors[0].rule).toBe('workflow.unknownActor');
    const role = await planSubmit(o.ctx('incoming_docs', '2026-03-02T09:00'), INCOMING, '刘洋');
    expect(!role.ok && role.errors[0].rule).toBe('workflow.role');
    expect(o.book.table('tz_incoming_docs').rows).toHaveLength(0);
    expect(o.book.audit).toHaveLength(1);
  });

  it('refuses to write into a table whose columns were renamed or moved', async () => {
    const o = await o_renamed();
    const r = await planSubmit(o.ctx('incoming_docs', '2026-03-02T09:00'), INCOMING, '孙晓燕');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].rule).toBe('structure.renamed');
      expect(r.errors[0].message).toContain('收文登记!C1');
    }
  });

  it('approve writes only the changed cells of that row, and checks the row still holds the record seen', async () => {
    const o = await office();
    await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
    const ctx = o.ctx('incoming_docs', '2026-03-02T10:00');
    const r = await planApprove(ctx, { row: 0, number: 'SW-2026-0001' }, '赵敏', '拟请分管领导阅示');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const headers = o.meta('incoming_docs').headers;
    expect(r.batch.updates!.map((u) => headers[u.column]).sort()).toEqual(['办公室主任拟办', '办公室主任拟办意见', '办公室主任拟办时间', '状态'].sort());
    expect(r.batch.appends).toBeUndefined();
    const moved = await planApprove(ctx, { row: 0, number: 'SW-2026-0009' }, '赵敏');
    expect(!moved.ok && moved.errors[0].rule).toBe('workflow.target');
  });

  it('asks the port for the number column only on submit, and for one row on an approval', async () => {
    const o = await office();
    const submit = readsForSubmit(o.meta('purchase_requests'), o.metas);
    expect(submit.tables).toEqual([
      { table: 'tz_purchase_requests', columns: ['申请单号'], rows: undefined },
      { table: 'tz_supplies_issue', columns: ['物品编码', '实发数量', '领用日期', '状态'] },
    ]);
    expect(submit.sheets).toEqual(['设置', { sheet: AUDIT_SHEET, lastRows: 1 }]);
    expect(readsForRecord(o.meta('incoming_docs'), 41).tables).toEqual([{ table: 'tz_incoming_docs', rows: { from: 41, count: 1 } }]);
  });

  it('import takes a record over as it is, numbered and audited, and returns its problems as warnings', async () => {
    const o = await office();
    const r = await o.import('incoming_docs', '2026-05-01T10:00', { ...INCOMING, 阅批日期: '2026-03-01' }, '周婷');
    expect(r.ok && r.number).toBe('SW-2026-0001');
    expect(r.ok && r.warnings.map((w) => w.rule)).toEqual(['rule.notBefore']);
    expect(o.book.audit[1][4]).toBe('导入');
  });
});

async function o_renamed() {
  const o = await office();
  const t = o.book.table('tz_incoming_docs');
  t.headers[2] = '来文机关';
  return o;
}
