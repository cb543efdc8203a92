/**
 * The Office.js adapter over the fake Excel: what it costs in syncs and bytes, how it degrades past Excel's
 * limits, and what it does when a co-author changes the table between an action's read and its write.
 */
import { planApprove, planSubmit, readsForRecord, readsForSubmit } from '../../../src/core/actions';
import ExcelJS from 'exceljs';
import { auditTail, isAuditHeader } from '../../../src/core/audit';
import { AUDIT_WHO_COLUMNS } from '../../../src/core/auditLayout';
import { AUDIT_SHEET, SETTINGS_SHEET, registerColumns, tableName } from '../../../src/core/layout';
import type { RegisterMeta } from '../../../src/core/metadata';
import { recordToRow } from '../../../src/core/records';
import { settingsFromSheet } from '../../../src/core/settings';
import { buildCatalog } from '../../../src/spec/catalog';
import { StructureGuardError } from '../../../src/workbook/guard';
import { OfficeJsWorkbook } from '../../../src/workbook/officejs/adapter';
import { ExcelJsWorkbook } from '../../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../../src/workbook/exceljs/templateWriter';
import { FakeExcel } from '../../../src/workbook/officejs/testing/fakeExcel';
import { modelFromExcelJs } from '../../../src/workbook/officejs/testing/fromExcelJs';
import { fakeWorkbook, fillRegister } from '../../../src/workbook/officejs/testing/fixtures';
import type { ReadResult, SheetRead } from '../../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error('fixture docs do not parse');
const spec = catalog.value.registers[0];
const settings = catalog.value.settings;
const TABLE = tableName(spec);
const HEADERS = registerColumns(spec).map((c) => c.header);

async function register(rows: number, options?: Parameters<typeof fakeWorkbook>[2]): Promise<FakeExcel> {
  const excel = await fakeWorkbook([spec], settings, options);
  fillRegister(excel.model, spec, settings, rows);
  return excel;
}

function metaOf(r: ReadResult): RegisterMeta {
  if (!r.meta?.ok) throw new Error('no meta');
  return r.meta.meta.registers[0];
}

const context = (r: ReadResult, meta: RegisterMeta) => ({
  meta,
  settings: settingsFromSheet(r.sheets[SETTINGS_SHEET]!),
  table: r.tables[meta.table]!,
  audit: auditTail(r.sheets[AUDIT_SHEET] ?? []),
  now: '2026-03-15T10:00',
});

const VALID = { 收文日期: '2026-03-15', 来文单位: '长沙市财政局', 来文类别: '上级来文', 文件标题: '关于预算的通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };

describe('Office.js adapter: syncs per user action', () => {
  it.each([10, 2_000])('submit and approve cost one read sync and one write sync each at %i rows', async (rows) => {
    const excel = await register(rows);
    const port = new OfficeJsWorkbook({ run: excel.run });
    const meta = metaOf(await port.read({ meta: true }));
    excel.resetStats();

    const r1 = await port.read(readsForSubmit(meta));
    const submit = await planSubmit(context(r1, meta), VALID, '孙晓燕');
    if (!submit.ok) throw new Error(JSON.stringify(submit.errors));
    await port.write(submit.batch);
    expect(excel.syncCount).toBe(2);
    expect(excel.stats.syncs.every((s) => !s.failed)).toBe(true);

    excel.resetStats();
    const row = rows; // the new record is the last row
    const r2 = await port.read(readsForRecord(meta, row));
    const approve = await planApprove(context(r2, meta), { row, number: submit.number }, '赵敏', '请分管领导阅示');
    if (!approve.ok) throw new Error(JSON.stringify(approve.errors));
    await port.write(approve.batch);
    expect(excel.syncCount).toBe(2);
    expect(excel.stats.undoSteps).toBe(1);
    expect(excel.stats.tableRowsAdd).toBe(0);

    const after = await port.read({ tables: [{ table: TABLE, rows: { from: -1 } }] });
    const last = after.tables[TABLE]!.rows[0];
    expect(last[HEADERS.indexOf('收文编号')]).toBe(submit.number);
    expect(last[HEADERS.indexOf('办公室主任拟办')]).toBe('赵敏');
  });

  it('a window from the end costs a second sync the first time only (the row count is remembered)', async () => {
    const excel = await register(300);
    const port = new OfficeJsWorkbook({ run: excel.run });
    const recent = { tables: [{ table: TABLE, rows: { from: -20 } }] };
    const first = await port.read(recent);
    expect(excel.syncCount).toBe(2);
    excel.resetStats();
    const again = await port.read(recent);
    expect(excel.syncCount).toBe(1);
    expect(again).toEqual(first);
    expect(first.tables[TABLE]!.rowStart).toBe(280);
  });

  it('a window placed with a stale row count is read again: a co-author appended meanwhile', async () => {
    const excel = await register(50);
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.read({ tables: [{ table: TABLE, rows: { from: -5 } }] });
    const coauthor = new OfficeJsWorkbook({ run: excel.run });
    await coauthor.read({ tables: [TABLE] });
    await coauthor.write({ appends: [{ table: TABLE, rows: [recordToRow(spec, { values: { 收文编号: 'SW-2099-0001' }, submittedBy: null, submittedAt: null, status: null, steps: {} })] }] });
    const r = await port.read({ tables: [{ table: TABLE, rows: { from: -5 } }] });
    const t = r.tables[TABLE]!;
    expect([t.rowCount, t.rowStart]).toEqual([51, 46]);
    expect(t.rows[4][0]).toBe('SW-2099-0001');
  });
});

describe('Office.js adapter: past the 5 MB and 5M-cell limits', () => {
  it('a read too large for one response is read in chunks, equal to the unchunked read, no sync over the limit', async () => {
    const excel = await register(3_000, { limits: { payloadBytes: 150_000 } });
    const roomy = await register(3_000);
    const expected = await new OfficeJsWorkbook({ run: roomy.run }).read({ meta: true, tables: [TABLE], sheets: [AUDIT_SHEET] });
    const port = new OfficeJsWorkbook({ run: excel.run, payloadBudget: 120_000 });
    const got = await port.read({ meta: true, tables: [TABLE], sheets: [AUDIT_SHEET] });
    expect(got).toEqual(expected);
    expect(port.stats.chunks).toBeGreaterThan(5);
    const ok = excel.stats.syncs.filter((s) => !s.failed);
    expect(Math.max(...ok.map((s) => s.responseBytes))).toBeLessThanOrEqual(150_000);

    // Columns of a table of unknown size are not asked for whole: the rows that fit at a pessimistic estimate come
    // with the structure, the rest in chunks, and Excel refuses nothing.
    excel.resetStats();
    const columns = { tables: [{ table: TABLE, columns: ['收文编号', '状态', '文件标题'] }] };
    const fresh = await new OfficeJsWorkbook({ run: excel.run, payloadBudget: 120_000 }).read(columns);
    expect(fresh).toEqual(await new OfficeJsWorkbook({ run: roomy.run }).read(columns));
    expect(excel.stats.syncs.filter((s) => s.failed)).toHaveLength(0);
    expect(excel.syncCount).toBeGreaterThan(1);

    // Having measured the table, the next read goes to chunks at once instead of failing first.
    excel.resetStats();
    expect(await port.read({ tables: [TABLE] })).toEqual({ meta: null, tables: { [TABLE]: expected.tables[TABLE] }, sheets: {} });
    expect(excel.stats.syncs.filter((s) => s.failed)).toHaveLength(0);
  });

  it('rows read by index: those that fit go with the first sync, the rest in chunks, equal to the unchunked read', async () => {
    const excel = await register(3_000, { limits: { payloadBytes: 150_000 } });
    const roomy = await register(3_000);
    const every7th = Array.from({ length: 430 }, (_, i) => i * 7);
    const request = { tables: [{ table: TABLE, columns: ['收文编号', '文件标题', '状态'], rowsAt: every7th }] };
    const expected = await new OfficeJsWorkbook({ run: roomy.run }).read(request);
    const port = new OfficeJsWorkbook({ run: excel.run, payloadBudget: 120_000 });
    await port.read({ tables: [{ table: TABLE, columns: ['状态'], rows: { from: -50 } }] });
    excel.resetStats();
    expect(await port.read(request)).toEqual(expected);
    const ok = excel.stats.syncs.filter((s) => !s.failed);
    expect(ok.length).toBeGreaterThan(1);
    expect(Math.max(...ok.map((s) => s.responseBytes))).toBeLessThanOrEqual(150_000);
    expect(excel.stats.syncs.filter((s) => s.failed)).toHaveLength(0);
    // Roomy: the rows come with the structure, one sync.
    const fast = new OfficeJsWorkbook({ run: roomy.run });
    await fast.read({ tables: [{ table: TABLE, columns: ['状态'] }] });
    roomy.resetStats();
    await fast.read(request);
    expect(roomy.syncCount).toBe(1);
  });

  it('a write too large for one request is chunked, all in one undo step where ExcelApi 1.20 allows', async () => {
    for (const [undoGroups, apiVersion] of [[true, 20], [false, 20], [true, 19]] as const) {
      const excel = await register(0, { limits: { payloadBytes: 100_000 }, apiVersion });
      const port = new OfficeJsWorkbook({ run: excel.run, undoGroups, payloadBudget: 80_000 });
      await port.read({ tables: [TABLE] });
      excel.resetStats();
      const rows = Array.from({ length: 2_000 }, (_, i) => recordToRow(spec, { values: { ...VALID, 收文编号: `SW-2026-${String(i + 1).padStart(4, '0')}` }, submittedBy: '孙晓燕', submittedAt: '2026-03-15T09:00', status: '待办公室主任拟办', steps: {} }));
      await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows }] });
      const syncs = excel.stats.syncs;
      expect(syncs.length).toBeGreaterThan(3);
      expect(syncs.every((s) => !s.failed && s.requestBytes <= 100_000)).toBe(true);
      expect(excel.stats.undoSteps).toBe(undoGroups && apiVersion >= 20 ? 1 : syncs.length);
      const back = await port.read({ tables: [TABLE] });
      expect(back.tables[TABLE]!.rows.filter((r) => r[0] !== null).map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    }
  });
});

describe('Office.js adapter: a co-author changes the table between the read and the write', () => {
  /** A register read by the pane, then a column renamed by a co-author; what a refused write must leave as it was. */
  async function renamedAfterRead() {
    const excel = await register(5);
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.read({ tables: [TABLE], sheets: [AUDIT_SHEET] });
    const t = excel.model.table(TABLE)!;
    t.sheet.put(1, 3, { value: '发文单位' });
    const snapshot = () => JSON.stringify([[...t.sheet.rows], [...excel.model.sheet(AUDIT_SHEET)!.rows]]);
    const row = recordToRow(spec, { values: VALID, submittedBy: null, submittedAt: null, status: null, steps: {} });
    const batch = { expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: [row] }], sheetAppends: [{ sheet: AUDIT_SHEET, rows: [['x']] }] };
    return { excel, port, batch, snapshot, before: snapshot() };
  }

  it('a column renamed after the read: the write fails before anything is written', async () => {
    const { port, batch, snapshot, before } = await renamedAfterRead();
    await expect(port.write(batch)).rejects.toBeInstanceOf(StructureGuardError);
    expect(snapshot()).toBe(before);
  });

  it('a column renamed after the read, when the write carries the next read: the write fails whole and the read is not retried in its place', async () => {
    const { excel, port, batch, snapshot, before } = await renamedAfterRead();
    excel.resetStats();
    await expect(port.writeThenRead(batch, { tables: [TABLE], sheets: [{ sheet: AUDIT_SHEET, lastRows: 1 }] })).rejects.toBeInstanceOf(StructureGuardError);
    expect(excel.syncCount).toBe(1);
    expect(snapshot()).toBe(before);
  });

  it('a write that carries the next read: one sync, and the read sees what was written', async () => {
    const excel = await register(5);
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.read({ tables: [TABLE], sheets: [AUDIT_SHEET] });
    excel.resetStats();
    const row = recordToRow(spec, { values: { ...VALID, 收文编号: 'SW-2026-0777' }, submittedBy: '孙晓燕', submittedAt: '2026-03-15T09:00', status: null, steps: {} });
    const { read } = await port.writeThenRead(
      { expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: [row] }], sheetAppends: [{ sheet: AUDIT_SHEET, rows: [['x', 'y']] }] },
      { tables: [{ table: TABLE, columns: ['收文编号'] }], sheets: [{ sheet: AUDIT_SHEET, lastRows: 1 }] },
    );
    expect(excel.syncCount).toBe(1);
    expect(read.tables[TABLE]!.rows.map((r) => r[0]).filter((v) => v !== null)).toContain('SW-2026-0777');
    expect(read.sheets[AUDIT_SHEET]!.at(-1)!.slice(0, 2)).toEqual(['x', 'y']);
    // And the next write needs no sync to learn the table again.
    await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: [row] }] });
    expect(excel.syncCount).toBe(2);
  });

  it('two columns swapped after the read: every value still lands under its own header', async () => {
    const excel = await register(2);
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.read({ tables: [TABLE] });
    const t = excel.model.table(TABLE)!;
    const [a, b] = [t.rect.left + 2, t.rect.left + 5];
    for (let r = t.rect.top; r <= t.rect.bottom; r++) {
      const [ca, cb] = [t.sheet.cell(r, a), t.sheet.cell(r, b)];
      t.sheet.put(r, a, { value: cb.value }, cb.format);
      t.sheet.put(r, b, { value: ca.value }, ca.format);
    }
    const row = recordToRow(spec, { values: VALID, submittedBy: null, submittedAt: null, status: null, steps: {} });
    await port.write({ appends: [{ table: TABLE, rows: [row] }] });
    expect(t.sheet.value(t.rect.bottom, a)).toBe(VALID.文件标题);
    expect(t.sheet.value(t.rect.bottom, b)).toBe(VALID.来文单位);
  });
});

describe('Office.js adapter: what goes into the cells', () => {
  it('text columns get the Text format, other text the quote prefix where Excel would read it, dates a serial with a date format', async () => {
    const excel = await register(0);
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.read({ tables: [TABLE] });
    const values = { ...VALID, 来文单位: '=HYPERLINK("x")', 收文日期: '明天上午', 阅批日期: '2026-03-16' };
    await port.write({ appends: [{ table: TABLE, rows: [recordToRow(spec, { values, submittedBy: '孙晓燕', submittedAt: '2026-03-15T09:30', status: null, steps: {} })] }] });
    const t = excel.model.table(TABLE)!;
    const cell = (h: string) => t.sheet.cell(t.rect.bottom, t.rect.left + HEADERS.indexOf(h));
    expect(cell('来文单位')).toMatchObject({ value: '=HYPERLINK("x")', format: '@', formula: undefined });
    expect(cell('收文日期')).toMatchObject({ value: '明天上午', format: 'yyyy-mm-dd' });
    expect(cell('阅批日期')).toMatchObject({ value: 46097, format: 'yyyy-mm-dd', quotePrefix: false });
    expect(cell('登记时间')).toMatchObject({ format: 'yyyy-mm-dd hh:mm' });
    await port.write({ sheetAppends: [{ sheet: AUDIT_SHEET, rows: [[1, '2026-03-15T09:30', '-', '+1', '@a']] }] });
    const audit = excel.model.sheet(AUDIT_SHEET)!;
    const last = audit.usedRect(true)!.bottom;
    expect([1, 2, 3, 4, 5].map((c) => audit.cell(last, c).value)).toEqual([1, '2026-03-15T09:30', '-', '+1', '@a']);
    expect(audit.cell(last, 2).quotePrefix).toBe(true);
  });

  it('a write whose tables were not read in this action reads their structure first, counted', async () => {
    const excel = await register(3);
    const port = new OfficeJsWorkbook({ run: excel.run });
    const row = recordToRow(spec, { values: VALID, submittedBy: null, submittedAt: null, status: null, steps: {} });
    await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: [row] }] });
    expect(excel.syncCount).toBe(2);
    expect(port.stats).toMatchObject({ writes: 1, syncs: 2, extraSyncs: 1 });
  });

  it('rewrites a summary sheet in place with its charts, hidden when asked, and brings a sheet to the front', async () => {
    const excel = await register(3);
    const port = new OfficeJsWorkbook({ run: excel.run });
    const rows = [['状态', '数量'], ['已办结', 2], ['待办公室主任拟办', 1]];
    const chart = { kind: 'column' as const, title: '按状态', source: 'A1:B3', anchor: 'D2' };
    await port.read({ sheets: [] });
    await port.write({ sheetWrites: [{ sheet: '统计', rows, charts: [chart] }], activate: '统计' });
    await port.read({ sheets: [] });
    await port.write({ sheetWrites: [{ sheet: '统计', rows: [['状态', '数量'], ['已办结', 3]], charts: [chart] }] });
    const sheet = excel.model.sheet('统计')!;
    expect(sheet.charts.map((c) => [c.type, c.title, c.source])).toEqual([['ColumnClustered', '按状态', 'A1:B3']]);
    expect(sheet.value(3, 1)).toBeUndefined();
    expect((await port.read({ sheets: ['统计'] })).sheets['统计']).toEqual([['状态', '数量'], ['已办结', 3]]);
    expect(excel.model.activeSheet?.name).toBe('统计');
    await port.write({ sheetWrites: [{ sheet: '_统计', rows: [['x']], hidden: true }] });
    expect(excel.model.sheet('_统计')!.visibility).toBe('VeryHidden');
  });
});

describe('a read of a sheet’s first columns (the audit log without its hashes)', () => {
  /** The template with 2,000 audit entries, as an exceljs workbook and as the fake Excel over the same file. */
  async function auditBook(): Promise<{ exceljs: ExcelJsWorkbook; excel: FakeExcel }> {
    const built = await buildWorkbook([spec], settings, { combined: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await built.xlsx.writeBuffer());
    const audit = wb.getWorksheet(AUDIT_SHEET)!;
    const hash = (i: number) => (i.toString(16) + 'a'.repeat(64)).slice(0, 64);
    for (let i = 1; i <= 2000; i++) audit.addRow([i, '2026-03-02T09:00', spec.id, `SW-2026-${String(i).padStart(4, '0')}`, '提交', '孙晓燕', hash(i), hash(i + 1), hash(i + 2)]);
    // An entry whose actor is blank: cut to six columns, its row ends at 动作.
    audit.getRow(audit.rowCount).getCell(6).value = null;
    const reopened = new ExcelJS.Workbook();
    await reopened.xlsx.load(await wb.xlsx.writeBuffer());
    return { exceljs: new ExcelJsWorkbook(reopened), excel: new FakeExcel(modelFromExcelJs(reopened)) };
  }

  it.each([
    ['the whole log', { sheet: AUDIT_SHEET, columns: AUDIT_WHO_COLUMNS }],
    ['its last 300 entries', { sheet: AUDIT_SHEET, columns: AUDIT_WHO_COLUMNS, lastRows: 300 }],
  ])('%s: the same rows through Office.js (in one sync, and chunked) as through exceljs, each without its hashes', async (_what, read: SheetRead) => {
    const { exceljs, excel } = await auditBook();
    const expected = (await exceljs.read({ sheets: [read] })).sheets[AUDIT_SHEET]!;
    expect(expected.length).toBe(read.lastRows ?? 2001);
    expect(expected.every((row) => row.length <= AUDIT_WHO_COLUMNS)).toBe(true);
    expect(expected.at(-1)).toEqual([2000, '2026-03-02T09:00', spec.id, 'SW-2026-2000', '提交']);
    expect(isAuditHeader(expected[0], AUDIT_WHO_COLUMNS)).toBe(read.lastRows === undefined);

    const whole = new OfficeJsWorkbook({ run: excel.run });
    excel.resetStats();
    expect((await whole.read({ sheets: [read] })).sheets[AUDIT_SHEET]).toEqual(expected);
    const narrowBytes = excel.maxResponseBytes;
    excel.resetStats();
    await whole.read({ sheets: [{ ...read, columns: undefined }] });
    // The hashes are most of an entry: the narrow read is well under half the bytes.
    expect(narrowBytes).toBeLessThan(0.5 * excel.maxResponseBytes);

    // Where one response cannot hold it (Excel refuses past 20 kB here): in chunks, each within the limit.
    const small = new FakeExcel(excel.model, { limits: { payloadBytes: 20_000 } });
    const chunked = new OfficeJsWorkbook({ run: small.run, payloadBudget: 16_000 });
    small.resetStats();
    expect((await chunked.read({ sheets: [read] })).sheets[AUDIT_SHEET]).toEqual(expected);
    expect(chunked.stats.chunks).toBeGreaterThan(1);
    expect(small.stats.syncs.filter((s) => !s.failed).every((s) => s.responseBytes <= 20_000)).toBe(true);
  });

  it('a sheet whose used range starts right of the columns asked for reads as no rows, not as an error', async () => {
    const { exceljs, excel } = await auditBook();
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.write({ sheetWrites: [{ sheet: '右侧', rows: [[null, null, null, 'x', 'y']] }] });
    await exceljs.write({ sheetWrites: [{ sheet: '右侧', rows: [[null, null, null, 'x', 'y']] }] });
    const read = { sheets: [{ sheet: '右侧', columns: 2 }] };
    expect((await port.read(read)).sheets['右侧']).toEqual((await exceljs.read(read)).sheets['右侧']);
    expect((await port.read(read)).sheets['右侧']).toEqual([]);
  });
});
