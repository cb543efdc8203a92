/** The 汇总 sheet: counts by register and status, the overdue list, and chart ranges that cover that data. */
import { registerColumns } from '../../src/core/layout';
import { metaFromRows, metaToRows, registerMeta } from '../../src/core/metadata';
import { recordToRow } from '../../src/core/records';
import { buildCatalog } from '../../src/spec/catalog';
import { registerData } from '../../src/taskpane/session';
import { STATUS_COLUMNS, summaryBatch } from '../../src/taskpane/summary';
import type { TableSnapshot } from '../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error('fixtures do not parse');
const spec = catalog.value.registers[0];

function snapshot(rows: ReturnType<typeof recordToRow>[]): TableSnapshot {
  const headers = registerColumns(spec).map((c) => c.header);
  return { table: 'tz_incoming_docs', sheet: spec.name, headers, rows, rowCount: rows.length, rowStart: 0, readColumns: null, firstRow: 2, firstColumn: 1, mergedInBody: [], rowsBelow: 0 };
}

const rec = (n: number, status: string | null, date: string, read: string | null) =>
  recordToRow(spec, { values: { 收文编号: `SW-2026-000${n}`, 收文日期: date, 来文单位: '某单位', 阅批日期: read, 办结日期: status === '已办结' ? read : null }, submittedBy: '孙晓燕', submittedAt: `${date}T09:00`, status, steps: {} });

describe('summary', () => {
  it('counts records by status, lists what is overdue and draws charts over exactly that data', async () => {
    const meta = metaFromRows(metaToRows({ formatVersion: 1, registers: [await registerMeta(spec, spec.name)] }));
    if (!meta.ok) throw new Error(meta.message);
    const rows = [rec(1, '已办结', '2026-03-01', '2026-03-01'), rec(2, '待办公室主任拟办', '2026-03-01', null), rec(3, '已驳回', '2026-03-01', null), rec(4, '待办公室主任拟办', '2026-03-09', null)];
    const data = registerData(meta.meta.registers[0], snapshot([...rows, rows[0].map(() => null)]));
    const { summary, batch } = summaryBatch([data], '2026-03-09T10:00');
    expect(summary.registers[0].total).toBe(4);
    expect(STATUS_COLUMNS.map((s) => summary.registers[0].byStatus[s])).toEqual([2, 1, 0, 1, 0, 0]);
    // Rejected records have no deadlines; 0004 was received today.
    expect(summary.overdue.map((o) => [o.number, o.deadline, o.late.zh])).toEqual([['SW-2026-0002', '呈批', '逾期 6 天']]);
    const write = batch.sheetWrites![0];
    expect(write.sheet).toBe('汇总');
    const cell = (a1: string) => {
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      return write.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65] ?? null;
    };
    const [bar, pie] = write.charts!;
    expect(bar.source).toBe('B4:C5');
    expect([cell('B4'), cell('C4'), cell('B5'), cell('C5')]).toEqual(['登记表', '记录数', '收文登记', 4]);
    expect(pie.source).toBe('L4:M7');
    expect([cell('L5'), cell('M5'), cell('L7'), cell('M7')]).toEqual(['审批中', 2, '已驳回', 1]);
  });

  it('does not count the rows of a register whose table was edited by hand, and says so', async () => {
    const meta = await registerMeta(spec, spec.name);
    const tampered = snapshot([rec(1, '已办结', '2026-03-01', '2026-03-01')]);
    tampered.headers = tampered.headers.map((h) => (h === '来文单位' ? '发文单位' : h));
    const { summary, batch } = summaryBatch([registerData(meta, tampered)], '2026-03-09T10:00');
    expect(summary.registers[0]).toMatchObject({ total: 0, broken: true });
    expect(String(batch.sheetWrites![0].rows[4][1])).toContain('表格被改动');
  });

  it('names who holds each overdue and due-soon record and for how long, from its full row, else from its status', async () => {
    const meta = await registerMeta(spec, spec.name);
    const rows = [rec(2, '待办公室主任拟办', '2026-03-01', null), rec(4, '待办公室主任拟办', '2026-03-09', null)];
    const data = registerData(meta, snapshot(rows));
    const settings = catalog.value.settings;
    const full = new Map(data.records.filter((r) => r.index === 0).map((r) => [r.index, r]));
    const { summary, batch } = summaryBatch([data], '2026-03-09T10:00', { settings, recent: new Map([[meta.id, full]]) });
    // Received 1 March, registered at 09:00: 赵敏 has held it 8 days and 1 hour.
    expect(summary.overdue.map((o) => [o.number, o.step, o.holders, o.held])).toEqual([['SW-2026-0002', '办公室主任拟办', '赵敏', '8 天 1 小时']]);
    // Received today: 呈批 is due by the end of tomorrow. Its row was not in the window: the holder comes from its status.
    expect(summary.soon.map((o) => [o.number, o.late.zh, o.step, o.holders, o.held])).toEqual([['SW-2026-0004', '1 天后到期', '办公室主任拟办', '赵敏', '']]);
    const sheet = batch.sheetWrites![0].rows;
    const soonHeading = sheet.findIndex((r) => String(r[0] ?? '').startsWith('即将到期清单'));
    expect(sheet[soonHeading + 1]).toEqual(['登记表', '编号', '事项', '应完成', '到期情况', '当前环节', '办理人', '已等待']);
    expect(sheet[soonHeading + 2].slice(4, 7)).toEqual(['1 天后到期', '办公室主任拟办', '赵敏']);
    // The number of a due-soon line is copied from its row too, at the line's own place on the sheet.
    expect(batch.sheetWrites![0].copies).toContainEqual({ cell: `B${soonHeading + 3}`, table: 'tz_incoming_docs', row: 1, column: '收文编号' });
  });
});
