import { verifyWorkbook } from '../../src/core/verify';
import { INCOMING, office } from './helpers';

async function busyOffice() {
  const o = await office();
  await o.submit('incoming_docs', '2026-03-02T09:00', INCOMING, '孙晓燕');
  await o.act('incoming_docs', '2026-03-02T10:00', 0, { kind: 'approve' }, '赵敏');
  await o.act('incoming_docs', '2026-03-02T11:00', 0, { kind: 'approve', values: { 承办部门: '综合办公室' } }, '李志华');
  await o.submit('incoming_docs', '2026-03-03T09:00', INCOMING, '周婷');
  await o.submit('supplies_issue', '2026-03-03T10:00', { 领用日期: '2026-03-03', 领用部门: '销售部', 物品编码: 'BG-001', 申领数量: 5, 实发数量: 5, 领用人: '刘洋' }, '孙晓燕');
  await o.act('incoming_docs', '2026-03-03T11:00', 1, { kind: 'approve' }, '赵敏');
  return o;
}

describe('verify: the audit chain and the records it vouches for', () => {
  it('passes on records made through the actions', async () => {
    const o = await busyOffice();
    const report = await verifyWorkbook(o.content());
    expect(report).toMatchObject({ ok: true, entries: 6, records: 3, breaks: [] });
  });

  it('names the entry after which an approved record was edited', async () => {
    const o = await busyOffice();
    const t = o.book.table('tz_incoming_docs');
    t.rows[0][t.headers.indexOf('文件标题')] = '关于做好防汛工作的通知(修改)';
    const report = await verifyWorkbook(o.content());
    expect(report.ok).toBe(false);
    expect(report.breaks.map((b) => [b.kind, b.seq, b.row])).toEqual([['recordEdited', 3, 2]]);
    expect(report.breaks[0].message).toContain('第 3 条');
  });

  it('finds a deleted entry, swapped entries and an edited entry', async () => {
    const deleted = await busyOffice();
    deleted.book.audit.splice(3, 1);
    const d = await verifyWorkbook(deleted.content());
    expect(d.breaks[0]).toMatchObject({ kind: 'entryMissing', row: 4, seq: 4 });
    expect(d.breaks[0].message).toContain('缺少第 3 条');

    const swapped = await busyOffice();
    const a = swapped.book.audit;
    [a[2], a[3]] = [a[3], a[2]];
    const s = await verifyWorkbook(swapped.content());
    expect(s.breaks[0]).toMatchObject({ kind: 'orderChanged', row: 3, seq: 3 });

    const edited = await busyOffice();
    edited.book.audit[2][5] = '王建国';
    const e = await verifyWorkbook(edited.content());
    expect(e.breaks[0]).toMatchObject({ kind: 'entryEdited', row: 3, seq: 2 });
  });

  it('finds a deleted record and an approval typed in by hand; counts plain hand-typed rows', async () => {
    const o = await busyOffice();
    const t = o.book.table('tz_incoming_docs');
    t.rows.splice(1, 1);
    const blank = t.headers.map(() => null as string | number | null);
    blank[t.headers.indexOf('收文编号')] = 'SW-2026-0009';
    blank[t.headers.indexOf('办公室主任拟办')] = '赵敏';
    t.rows.push(blank);
    const typed = t.headers.map(() => null as string | number | null);
    typed[t.headers.indexOf('收文编号')] = 'SW-2026-0010';
    t.rows.push(typed);
    const report = await verifyWorkbook(o.content());
    expect(report.breaks.map((b) => [b.kind, b.number])).toEqual([
      ['notAudited', 'SW-2026-0009'],
      ['recordDeleted', 'SW-2026-0002'],
    ]);
    expect(report.unaudited).toEqual({ 收文登记: 1 });
  });

  it('accepts two entries written at once by two people (co-authoring), but not a pasted duplicate', async () => {
    const o = await busyOffice();
    // Two people submit at the same moment: both plans read the same tail and write entry 7.
    const { planSubmit } = await import('../../src/core/actions');
    const ctx = o.ctx('incoming_docs', '2026-03-04T09:00');
    const a = await planSubmit(ctx, INCOMING, '孙晓燕');
    const b = await planSubmit({ ...ctx, table: { ...ctx.table, rows: [...ctx.table.rows] } }, { ...INCOMING, 文件标题: '另一份来文' }, '周婷');
    if (!a.ok || !b.ok) throw new Error('plans refused');
    expect([a.entry.seq, a.entry.prevHash]).toEqual([b.entry.seq, b.entry.prevHash]);
    o.book.apply(a.batch);
    o.book.apply(b.batch);
    await o.act('incoming_docs', '2026-03-04T10:00', 2, { kind: 'approve' }, '赵敏');
    const report = await verifyWorkbook(o.content());
    expect(report.breaks).toEqual([]);
    expect(report.concurrent).toBe(1);
    const pasted = await busyOffice();
    pasted.book.audit.splice(4, 0, [...pasted.book.audit[3]]);
    expect((await verifyWorkbook(pasted.content())).breaks[0]).toMatchObject({ kind: 'entryDuplicated', row: 5 });
  });

  it('fails when the audit sheet is gone', async () => {
    const o = await busyOffice();
    const report = await verifyWorkbook({ ...o.content(), auditRows: null });
    expect(report.breaks.map((b) => b.kind)).toEqual(['auditMissing']);
  });
});
