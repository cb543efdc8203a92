/** How the pane reads what tells a ledger's record (core/takenOver): which cells, and how it judges them. */
import { registerColumns } from '../../src/core/layout';
import { recordToRow, tableRecords } from '../../src/core/records';
import { buildCatalog } from '../../src/spec/catalog';
import { takenOverIn, takenOverRead } from '../../src/taskpane/takenOverReads';
import type { TableSnapshot } from '../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error('fixtures do not parse');
const spec = catalog.value.registers.find((r) => r.id === 'incoming_docs')!;
const headers = registerColumns(spec).map((c) => c.header);

const row = (status: string, actor: string | null) =>
  recordToRow(spec, { values: { 收文编号: 'SW-2026-0001', 收文日期: '2025-03-05' }, submittedBy: '孙晓燕', submittedAt: '2026-03-01T09:00', status, steps: { 办公室主任拟办: { actor, time: actor ? '2026-03-01T10:00' : null, opinion: actor ? '同意' : null } } });

function snapshot(rows: ReturnType<typeof row>[], rowStart = 0): TableSnapshot {
  return { table: 'tz_incoming_docs', sheet: '收文登记', headers, rows, rowCount: rows.length, rowStart, readColumns: null, firstRow: 2 + rowStart, firstColumn: 1, mergedInBody: [], rowsBelow: 0 };
}

describe('reading what tells a ledger’s record', () => {
  it('reads the first approval step’s actor by row when the rows are few or gathered, as a whole column when many are scattered', () => {
    expect(takenOverRead(spec, 'tz_incoming_docs', [3, 4, 5, 90], 1000)).toEqual({ table: 'tz_incoming_docs', columns: ['办公室主任拟办'], rowsAt: [3, 4, 5, 90] });
    const scattered = Array.from({ length: 300 }, (_, i) => i * 3);
    expect(takenOverRead(spec, 'tz_incoming_docs', scattered, 1000, 'k')).toEqual({ table: 'tz_incoming_docs', key: 'k', columns: ['办公室主任拟办'] });
  });

  it('judges each row by the status the narrow read had and the actor this read found', () => {
    const full = snapshot([row('已办结', null), row('已办结', '赵敏'), row('待办公室主任拟办', null), row('已驳回', null)]);
    const records = tableRecords(spec, full.rows, 2);
    expect([...takenOverIn(spec, records, [0, 1, 2, 3], full)]).toEqual([0, 3]);
    // A read of some rows only (rowStart) is placed by body index.
    const window = snapshot(full.rows.slice(1), 1);
    expect([...takenOverIn(spec, records, [1, 3], window)]).toEqual([3]);
  });

  it('marks nothing when the table is gone or its step column renamed since the narrow read: the records stay open', () => {
    const full = snapshot([row('已办结', null)]);
    const records = tableRecords(spec, full.rows, 2);
    expect(takenOverIn(spec, records, [0], null).size).toBe(0);
    expect(takenOverIn(spec, records, [0], { ...full, headers: headers.map((h) => (h === '办公室主任拟办' ? '主任拟办' : h)) }).size).toBe(0);
  });
});
