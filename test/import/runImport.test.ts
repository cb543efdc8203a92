/**
 * The pane's import through the Office.js adapter on the fake Excel (syncs and request sizes counted): chunks of
 * 5,000 rows, each one read and one write with no request over 5 MB, the audit chain continuous across chunks, and
 * a second import of the same rows adding nothing.
 */
import type { CellValue } from '../../src/core/cells';
import { AUDIT_SHEET } from '../../src/core/layout';
import { prepareImport } from '../../src/core/import/prepare';
import { runImport } from '../../src/import/runImport';
import { OfficeJsWorkbook } from '../../src/workbook/officejs/adapter';
import { fakeWorkbook } from '../../src/workbook/officejs/testing/fixtures';
import { shippedCatalog } from '../core/import/shipped';

const ROWS = 6000;

function ledger(): CellValue[][] {
  const rows: CellValue[][] = [['收文登记簿'], ['序号', '收文日期', '来文机关', '来文类型', '标题', '重要程度', '缓急', '密级', '份数']];
  for (let i = 1; i <= ROWS; i++) rows.push([i, `2025.${1 + (i % 12)}.${1 + (i % 28)}`, '市政府', '上级来文', `通知 ${i}`, '一般文件', '平件', '内部', `${1 + (i % 3)}份`]);
  return rows;
}

/** A blank shipped 收文登记 in the fake Excel, through the Office.js adapter. */
async function blankIncoming() {
  const catalog = shippedCatalog();
  const spec = catalog.registers.find((r) => r.name === '收文登记')!;
  const excel = await fakeWorkbook([spec], catalog.settings);
  const port = new OfficeJsWorkbook({ run: excel.run, undoGroups: true });
  const meta = (await port.read({ meta: true })).meta;
  if (!meta?.ok) throw new Error('no metadata');
  return { catalog, spec, excel, port, register: meta.meta.registers[0] };
}

it('imports 6,000 rows in two chunks, the second chunk read in the first chunk\'s write, and nothing twice', async () => {
  const { catalog, spec, excel, port, register } = await blankIncoming();
  const prepared = prepareImport({ name: '收文登记簿', rows: ledger(), merges: [] }, spec, catalog.settings);
  if (!prepared.ok) throw new Error(prepared.message);
  const reads: number[] = [];
  const read = port.read.bind(port);
  port.read = (request) => (reads.push(excel.syncCount), read(request));
  excel.resetStats();
  const first = await runImport(port, register, prepared, { actor: '孙晓燕', now: '2026-03-15T10:00', logExists: false });
  expect(first.ok && first.outcome.imported.length).toBe(ROWS);
  expect(first.ok && first.writes).toBe(2);
  // One read of its own (a single sync: the missing _导入 sheet is not asked for); chunk 2's read rides in chunk 1's
  // last write sync (writeThenRead), so 6,000 rows cost the read, chunk 1's write (two requests under 5 MB) and
  // chunk 2's write. The audit chain below continuing 1…6000 shows that read saw chunk 1's rows.
  expect(reads).toHaveLength(1);
  expect(excel.syncCount).toBeLessThanOrEqual(4);
  expect(excel.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  const audit = (await port.read({ sheets: [AUDIT_SHEET] })).sheets[AUDIT_SHEET]!;
  const seqs = audit.slice(1).map((r) => Number(r[0]));
  expect(seqs).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
  const again = await runImport(port, register, prepared, { actor: '孙晓燕', now: '2026-03-16T10:00' });
  expect(again.ok && again.outcome.alreadyImported.length).toBe(ROWS);
  expect(again.ok && again.writes).toBe(0);
}, 240_000);

it('numbers the rows without a number after the highest of the year; a rejected row gives its number to the next; an old number keeps its place', async () => {
  const { catalog, spec, port, register } = await blankIncoming();
  const row = (number: string | null, date: string, title: string): CellValue[] => [number, date, '市政府', '上级来文', title, '一般文件', '平件', '内部', '1份'];
  const rows: CellValue[][] = [
    ['收文编号', '收文日期', '来文机关', '来文类型', '标题', '重要程度', '缓急', '密级', '份数'],
    row('SW-2026-0007', '2026.1.5', '原有编号'),
    row(null, '2026.1.6', '无编号甲'),
    row(null, '不是日期', '被拒'),
    row(null, '2026.1.7', '无编号乙'),
    row('SW-2025-0300', '2025.12.30', '去年的编号'),
    row('SW-2026-0050', '2026.2.1', '较大的编号'),
    row(null, '2026.2.2', '无编号丙'),
  ];
  const prepared = prepareImport({ name: '旧台账', rows, merges: [] }, spec, catalog.settings);
  if (!prepared.ok) throw new Error(prepared.message);
  const result = await runImport(port, register, prepared, { actor: '孙晓燕', now: '2026-03-15T10:00', logExists: false });
  if (!result.ok) throw new Error('import failed');
  expect(result.outcome.rejected.map((r) => r.where)).toEqual(['旧台账!4']);
  expect(result.outcome.imported.map((r) => [r.sourceRow, r.number])).toEqual([
    [2, 'SW-2026-0007'],
    [3, 'SW-2026-0008'],
    [5, 'SW-2026-0009'],
    [6, 'SW-2025-0300'],
    [7, 'SW-2026-0050'],
    [8, 'SW-2026-0051'],
  ]);
});

it('a ledger row waiting at a later step starts at the first step, flagged; one waiting at the first step or closed comes in as it says', async () => {
  const { catalog, spec, port, register } = await blankIncoming();
  const rows: CellValue[][] = [
    ['收文日期', '来文机关', '来文类型', '标题', '重要程度', '缓急', '密级', '份数', '状态'],
    ['2026.3.2', '市政府', '上级来文', '在领导处', '一般文件', '平件', '内部', 1, '待分管领导批示'],
    ['2026.3.3', '市政府', '上级来文', '在主任处', '一般文件', '平件', '内部', 1, '待办公室主任拟办'],
    ['2026.3.4', '市政府', '上级来文', '已办完', '一般文件', '平件', '内部', 1, '办结'],
  ];
  const prepared = prepareImport({ name: '旧台账', rows, merges: [] }, spec, catalog.settings);
  if (!prepared.ok) throw new Error(prepared.message);
  const result = await runImport(port, register, prepared, { actor: '孙晓燕', now: '2026-03-15T10:00', logExists: false });
  if (!result.ok) throw new Error('import failed');
  expect(result.outcome.imported).toHaveLength(3);
  expect(result.outcome.flagged.map((f) => f.sourceRow)).toEqual([2]);
  expect(result.outcome.flagged[0].message).toContain('旧台账!2:原状态“待分管领导批示”');
  expect(result.outcome.flagged[0].message).toContain('第一步“办公室主任拟办”');
  const table = (await port.read({ tables: [{ table: register.table }] })).tables[register.table]!;
  const status = table.headers.indexOf('状态');
  expect(table.rows.filter((r) => r.some((c) => c !== null && c !== '')).map((r) => r[status])).toEqual(['待办公室主任拟办', '待办公室主任拟办', '已办结']);
});
