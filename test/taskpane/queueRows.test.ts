/** Which records the 待办 queue reads in full (src/taskpane/queueRows.ts). */
import { parseInstant } from '../../src/core/dates';
import type { RegisterRecord } from '../../src/core/records';
import { buildCatalog } from '../../src/spec/catalog';
import { queueRows } from '../../src/taskpane/queueRows';
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
