/** Which records the 待办 queue reads in full (src/taskpane/queueRows.ts). */
import { parseInstant } from '../../src/core/dates';
import type { RegisterRecord } from '../../src/core/records';
import { buildCatalog } from '../../src/spec/catalog';
import { likelyMine, queueRows } from '../../src/taskpane/queueRows';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const spec = catalog.value.registers[0];
const asOf = parseInstant('2026-03-10T09:00')!;
const DAY = 86_400_000;

const record = (index: number, status: string | null, values: Record<string, string | null>): RegisterRecord => ({
  index,
  sheetRow: index + 2,
  values: { 收文日期: '2026-03-01', 阅批日期: '2026-03-01', 办结日期: '2026-03-02', ...values },
  submittedBy: '孙晓燕',
  submittedAt: '2026-03-01T09:00',
  status,
  steps: {},
});

describe('queueRows', () => {
  it('open statuses (a blank or unknown one too) are read; closed ones only when a deadline is due', () => {
    const records = [
      record(0, '已办结', {}),
      record(1, '待办公室主任拟办', {}),
      record(2, '已退回', {}),
      record(3, null, {}),
      record(4, '已驳回', { 阅批日期: null }),
      record(5, '已办结', { 办结日期: null, 阅批日期: '2026-03-09' }),
      record(6, '已办结', { 办结日期: null, 阅批日期: '2026-03-10' }),
      record(7, '已撤回', {}),
    ];
    // 5: 办结 within 5 days of 阅批 (3-14) is due within 7 days; 6 (3-15) is not. 4: rejected records have no deadlines.
    expect(queueRows(spec, records, asOf, 3 * DAY)).toEqual([1, 2, 3]);
    expect(queueRows(spec, records, asOf, 5 * DAY)).toEqual([1, 2, 3, 5]);
  });

  it('a register without an approval chain: only records with a deadline passed or due', () => {
    const plain = { ...spec, chain: [] };
    const records = [record(0, null, {}), record(1, null, { 阅批日期: null, 收文日期: '2026-03-01' }), record(2, null, { 阅批日期: null, 收文日期: '2026-03-20' })];
    expect(queueRows(plain, records, asOf, 3 * DAY)).toEqual([1]);
  });
});

describe('likelyMine: the rows the queue reads first for a user, from their status alone', () => {
  const { settings } = catalog.value;
  const records = [
    record(0, '待办公室主任拟办', {}),
    record(1, '待分管领导批示', {}),
    record(2, '待承办部门办理', {}),
    record(3, '已退回', {}),
    record(4, null, {}),
  ];
  const rows = records.map((r) => r.index);

  it('a role the user holds, a role resolved from the record (承办部门), and any status that names no step', () => {
    expect([...likelyMine(spec, settings, records, rows, '赵敏', '2026-03-10T09:00')].sort()).toEqual([0, 2, 3, 4]);
    expect([...likelyMine(spec, settings, records, rows, '李志华', '2026-03-10T09:00')].sort()).toEqual([1, 2, 3, 4]);
  });

  it('an active delegate: every open row is read first (whose steps they take is decided once read), only while the 委托 is active', () => {
    const delegated = { ...settings, delegations: [{ delegator: '李志华', delegate: '周婷', from: '2026-03-09', to: '2026-03-11', scope: [] }] };
    expect([...likelyMine(spec, delegated, records, rows, '周婷', '2026-03-10T09:00')].sort()).toEqual([0, 1, 2, 3, 4]);
    expect([...likelyMine(spec, delegated, records, rows, '周婷', '2026-03-12T09:00')].sort()).toEqual([2, 3, 4]);
  });
});
