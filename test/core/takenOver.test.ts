/** Records taken over from a hand-made ledger: closed by status, no step acted on in Taizhang (core/takenOver). */
import { planAction } from '../../src/core/actions';
import { checkWorkbook } from '../../src/core/check';
import { parseAsOf } from '../../src/core/dates';
import { IMPORT_LOG_HEADER, importedRow } from '../../src/core/import/importLog';
import { STATUS_HEADER } from '../../src/core/layout';
import { tableRecords } from '../../src/core/records';
import { isTakenOver, takenOverCandidates, takenOverColumns } from '../../src/core/takenOver';
import { timelinessInput } from '../../src/core/timelinessRead';
import { timelinessReport } from '../../src/core/timeliness';
import { INCOMING, office } from './helpers';

const asOf = parseAsOf('2026-11-30')!;
const located = (r: ReturnType<typeof checkWorkbook>) => r.findings.map((f) => `${f.severity} ${f.sheet}!${f.cell ?? f.row} ${f.rule}`);
/** Closed records of an old ledger: received in 2025, never read or finished on paper as far as the ledger says. */
const OLD = { ...INCOMING, 收文日期: '2025-03-05' };

async function ledgerOffice() {
  const o = await office();
  const spec = o.meta('incoming_docs').spec;
  // 0: imported 已办结, 1: imported 已驳回, 2: native, still waiting (overdue), 3: native, completed in Taizhang
  // without a 办结日期 (overdue), 4: native, its status typed over to 已办结 before anyone approved it.
  await o.import('incoming_docs', '2026-11-30T09:00', OLD, '孙晓燕', { status: '已办结' });
  await o.import('incoming_docs', '2026-11-30T09:00', { ...OLD, 文件标题: '另一份' }, '孙晓燕', { status: '已驳回' });
  await o.submit('incoming_docs', '2026-11-02T09:00', { ...INCOMING, 收文日期: '2026-11-02' }, '孙晓燕');
  await o.submit('incoming_docs', '2026-11-02T09:10', { ...INCOMING, 收文日期: '2026-11-02', 承办部门: '财务部' }, '孙晓燕');
  const approvals: [string, string][] = [['赵敏', '请李总阅'], ['李志华', '阅'], ['郑芳', '已办'], ['周婷', '归档']];
  for (const [who, opinion] of approvals) await o.act('incoming_docs', '2026-11-02T10:00', 3, { kind: 'approve', opinion, values: who === '赵敏' ? { 阅批日期: '2026-11-02' } : {} }, who);
  await o.submit('incoming_docs', '2026-11-02T09:20', { ...INCOMING, 收文日期: '2026-11-02' }, '孙晓燕');
  const table = o.book.table('tz_incoming_docs');
  table.rows[4][table.headers.indexOf(STATUS_HEADER)] = '已办结';
  const numbers = tableRecords(spec, table.rows, table.firstRow).map((r) => String(r.values['收文编号']));
  const importLogRows = [IMPORT_LOG_HEADER, importedRow('incoming_docs', 'a'.repeat(64), numbers[0], '2026-11-30T09:00'), importedRow('incoming_docs', 'b'.repeat(64), numbers[1], '2026-11-30T09:00')];
  return { o, spec, table, records: tableRecords(spec, table.rows, table.firstRow), importLogRows };
}

describe('taken over from a ledger', () => {
  it('is a closed status over a blank first approval step, and nothing else', async () => {
    const { spec, records } = await ledgerOffice();
    expect(records.map((r) => [r.status, isTakenOver(spec, r)])).toEqual([
      ['已办结', true],
      ['已驳回', true],
      ['待办公室主任拟办', false],
      ['已办结', false],
      ['已办结', true],
    ]);
    expect(isTakenOver({ chain: [] }, { status: '已办结', steps: {} })).toBe(false);
    // What it looks at besides the status: the step both routes of 收文登记 start their approvals with, which
    // Taizhang fills before it can close a record whichever way.
    expect(takenOverColumns(spec)).toEqual(['办公室主任拟办']);
    expect(takenOverColumns({ chain: [{ when: null, label: '', steps: [{ text: 'a' }, { text: 'b' }] }, { when: null, label: '', steps: [{ text: 'a' }, { text: 'c' }, { text: 'b' }] }] } as never)).toEqual(['b', 'c']);
  });

  it('has its candidates found without the step columns: closed by status with a deadline open', async () => {
    const { spec, table, records } = await ledgerOffice();
    const narrow = tableRecords(spec, table.rows.map((row) => row.map((v, i) => (table.headers[i] === STATUS_HEADER || !spec.chain.some((r) => r.steps.some((s) => table.headers[i].startsWith(s.text))) ? v : null))), table.firstRow);
    // 0 is closed with 呈批 long past; 1 was rejected (no deadlines); 2 is open; 3 completed in Taizhang and 4 typed over
    // are closed with 办结 past: all three need their steps read, which tell 0 and 4 from 3.
    expect(takenOverCandidates(spec, narrow, asOf, 0)).toEqual([0, 3, 4]);
    expect(takenOverCandidates(spec, records, asOf, 0).filter((i) => isTakenOver(spec, records[i]))).toEqual([0, 4]);
  });

  it('check: an imported closed record is neither overdue nor a status disagreement; the same look on a record submitted here is reported', async () => {
    const { o, importLogRows } = await ledgerOffice();
    const report = checkWorkbook({ ...o.content(), importLogRows }, asOf);
    expect(located(report)).toEqual([
      'error 收文登记!R6 status.mismatch',
      'overdue 收文登记!L4 deadline.overdue',
      'overdue 收文登记!N5 deadline.overdue',
    ]);
    // Without _导入 the imported ones' statuses are unexplained too, but still nothing of theirs is overdue.
    expect(located(checkWorkbook(o.content(), asOf)).filter((l) => l.includes('overdue'))).toEqual(['overdue 收文登记!L4 deadline.overdue', 'overdue 收文登记!N5 deadline.overdue']);
  });

  it('cannot be approved, returned or rejected in Taizhang; completing a field keeps the ledger’s status', async () => {
    const { o, table } = await ledgerOffice();
    const refused = await planAction(o.ctx('incoming_docs', '2026-11-30T10:00'), { row: 0 }, { kind: 'approve', opinion: '同意' }, '赵敏');
    expect(refused.ok ? [] : refused.errors.map((e) => [e.rule, e.message])).toEqual([['workflow.takenOver', '记录从手工台账接收,状态为“已办结”,未在台账中审批,不能再办理']]);
    await o.act('incoming_docs', '2026-11-30T10:00', 0, { kind: 'update', values: { 阅批日期: '2025-03-05', 办结日期: '2025-03-10' } }, '孙晓燕');
    expect(table.rows[0][table.headers.indexOf(STATUS_HEADER)]).toBe('已办结');
    expect(table.rows[0][table.headers.indexOf('办结日期')]).not.toBeNull();
    // A record submitted here and closed by approvals is acted on as before (here: nothing left to approve).
    const done = await planAction(o.ctx('incoming_docs', '2026-11-30T10:00'), { row: 3 }, { kind: 'approve', opinion: '同意' }, '赵敏');
    expect(done.ok ? [] : done.errors.map((e) => e.rule)).toEqual(['workflow.closed']);
  });

  it('is left out of 时效 and 催办: it passed no step here, so it is neither fast nor waiting', async () => {
    const { o } = await ledgerOffice();
    const { input } = timelinessInput(o.content(), '2026-11-30T10:00');
    const numbers = input.registers.flatMap((r) => r.records.map((x) => String(x.values['收文编号'])));
    // Rows 2 and 3 are the office's own; the ledger's rows and the one typed over to 已办结 (row 4) look alike here.
    expect(numbers).toHaveLength(2);
    const report = timelinessReport(input);
    expect(report.waiting.map((w) => w.number)).toEqual([numbers[0]]);
  });
});
