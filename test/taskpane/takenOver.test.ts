/**
 * A workbook that imported an old 收文登记簿 (closed records with blank 阅批日期/办结日期), over the Office.js adapter on
 * the fake Excel and over the exceljs adapter on a saved and reopened file: 刷新汇总 and 待办 leave the ledger's
 * records out and keep the office's own overdue ones, within their sync budgets.
 */
import ExcelJS from 'exceljs';
import { SUMMARY_SHEET } from '../../src/core/layout';
import { parseInstant } from '../../src/core/dates';
import type { SourceSheet } from '../../src/core/import/prepare';
import { buildCatalog } from '../../src/spec/catalog';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { OfficeJsWorkbook } from '../../src/workbook/officejs/adapter';
import { FakeExcel } from '../../src/workbook/officejs/testing/fakeExcel';
import { templateModel } from '../../src/workbook/officejs/testing/fixtures';
import type { WorkbookPort } from '../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const { registers, settings } = catalog.value;
const spec = registers.find((r) => r.id === 'incoming_docs')!;
const LEDGER_ROWS = 40;

/** The office's old register, kept by hand: a year of documents, all done as far as the ledger goes. */
const ledger: SourceSheet = {
  name: '旧台账',
  merges: [],
  rows: [
    ['收文日期', '来文单位', '来文类别', '文件标题', '文件类别', '紧急程度', '密级', '份数'],
    ...Array.from({ length: LEDGER_ROWS }, (_, i) => [`2025.${1 + (i % 12)}.${1 + (i % 27)}`, '省国资委', '上级来文', `旧文件 ${i + 1}`, '一般文件', '平件', '内部', `${1 + (i % 3)}份`]),
  ],
};

const NATIVE = { 来文单位: '湖南省国资委', 来文类别: '上级来文', 文件标题: '关于开展安全生产检查的通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 2 };

interface Host {
  port: WorkbookPort;
  syncs(): number | null;
  /** The workbook as a user has it next: the saved file reopened (exceljs) or the same open workbook (Excel). */
  reopen(): Promise<WorkbookPort>;
  sheetValue(sheet: string, row: number, col: number): unknown;
}

async function officeHost(): Promise<Host> {
  const fake = new FakeExcel(await templateModel([spec], settings));
  const port = new OfficeJsWorkbook({ run: fake.run, undoGroups: true });
  let seen = 0;
  return {
    port,
    syncs: () => {
      const n = fake.syncCount - seen;
      seen = fake.syncCount;
      return n;
    },
    reopen: async () => port,
    sheetValue: (sheet, row, col) => fake.model.sheet(sheet)?.value(row, col) ?? null,
  };
}

async function exceljsHost(): Promise<Host> {
  const built = await buildWorkbook([spec], settings, { combined: false });
  let wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await built.xlsx.writeBuffer());
  const host: Host = {
    port: new ExcelJsWorkbook(wb),
    syncs: () => null,
    reopen: async () => {
      const saved = await wb.xlsx.writeBuffer();
      wb = new ExcelJS.Workbook();
      await wb.xlsx.load(saved);
      return (host.port = new ExcelJsWorkbook(wb));
    },
    sheetValue: (sheet, row, col) => wb.getWorksheet(sheet)?.getCell(row, col).value ?? null,
  };
  return host;
}

describe.each([
  ['Office.js on the fake Excel', officeHost],
  ['exceljs (a saved file reopened)', exceljsHost],
])('a workbook with an imported ledger, over %s', (_name, make) => {
  let host: Host;
  let session: Session;
  let clock = '2026-03-02T09:00';
  const asOf = () => parseInstant(clock)!;
  const numbers = (records: { values: Record<string, unknown> }[]) => records.map((r) => r.values['收文编号']);

  beforeAll(async () => {
    host = await make();
    session = new Session(host.port, () => clock);
    await session.open();
    const analysis = await session.importAnalyse(spec.id, ledger, null);
    if (!analysis.prepared.ok) throw new Error('the ledger does not map');
    const run = await session.importRun(spec.id, analysis.prepared, '孙晓燕', { dryRun: false, logExists: analysis.logExists });
    if (!run.ok) throw new Error(run.message);
    expect(run.outcome.rejected.slice(0, 2)).toEqual([]);
    expect(run.outcome.imported).toHaveLength(LEDGER_ROWS);
    // The office's own records: SW-2026-0041 waits for 办公室主任拟办; SW-2026-0042 went through every step in
    // Taizhang but nobody entered its 办结日期.
    expect(await session.submit(spec.id, { ...NATIVE, 收文日期: '2026-03-02' }, '孙晓燕')).toMatchObject({ ok: true, number: 'SW-2026-0041' });
    expect(await session.submit(spec.id, { ...NATIVE, 收文日期: '2026-03-02', 承办部门: '财务部' }, '孙晓燕')).toMatchObject({ ok: true, number: 'SW-2026-0042' });
    const row = LEDGER_ROWS + 1;
    for (const [who, values] of [['赵敏', { 阅批日期: '2026-03-02' }], ['李志华', {}], ['郑芳', {}], ['周婷', {}]] as const) {
      const acted = await session.act(spec.id, { row, number: 'SW-2026-0042' }, { kind: 'approve', opinion: '同意', values }, who);
      expect(acted.ok).toBe(true);
    }
    session = new Session(await host.reopen(), () => clock);
    await session.open();
    clock = '2026-03-09T09:00';
  });

  it('刷新汇总 counts and lists only the office’s own overdue records, one sync more than a workbook without a ledger', async () => {
    host.syncs();
    const summary = await session.refreshSummary();
    const syncs = host.syncs();
    if (syncs !== null) expect(syncs).toBe(3);
    expect(summary.registers[0]).toMatchObject({ total: LEDGER_ROWS + 2, overdue: 2 });
    expect(summary.registers[0].byStatus['已办结']).toBe(LEDGER_ROWS + 1);
    expect(summary.overdueTotal).toBe(2);
    expect(summary.overdue.map((o) => [o.number, o.deadline])).toEqual([
      ['SW-2026-0041', '呈批'],
      ['SW-2026-0042', '办结'],
    ]);
    // The sheet says the same: 逾期 2 in the register's row, and the two lines of the list.
    expect(host.sheetValue(SUMMARY_SHEET, 5, 10)).toBe(2);
    const firstLine = 4 + summary.registers.length + 5;
    expect([host.sheetValue(SUMMARY_SHEET, firstLine, 2), host.sheetValue(SUMMARY_SHEET, firstLine + 1, 2), host.sheetValue(SUMMARY_SHEET, firstLine + 2, 1)]).toEqual(['SW-2026-0041', 'SW-2026-0042', null]);
  });

  it('待办 shows the approver the office’s records and none of the ledger’s, in two syncs', async () => {
    host.syncs();
    const data = await session.loadQueue(asOf(), 3 * 86_400_000, '赵敏');
    const syncs = host.syncs();
    if (syncs !== null) expect(syncs).toBe(2);
    const incoming = data.find((d) => d.meta.id === spec.id)!;
    expect(numbers(incoming.records)).toEqual(['SW-2026-0041', 'SW-2026-0042']);
    expect(incoming.unread).toBe(0);
  });

  it('past its page, 待办 still tells the ledger’s records from the office’s in the same two syncs', async () => {
    host.syncs();
    // A page of one: SW-2026-0041 (open) is read in full, and of the closed rows with a deadline the newest,
    // SW-2026-0042; the forty others only by status and step actors, which show them taken over.
    const data = await session.loadQueue(asOf(), 3 * 86_400_000, '赵敏', 1);
    const syncs = host.syncs();
    if (syncs !== null) expect(syncs).toBe(2);
    const incoming = data.find((d) => d.meta.id === spec.id)!;
    expect(numbers(incoming.records)).toEqual(['SW-2026-0041', 'SW-2026-0042']);
    expect(incoming.unread).toBe(0);
    // With no page at all, what 读取更多 would bring is the office's two records, not the ledger's forty.
    const none = await session.loadQueue(asOf(), 3 * 86_400_000, '赵敏', 0);
    expect(none.find((d) => d.meta.id === spec.id)!).toMatchObject({ records: [], unread: 2 });
    // A page of twelve: eleven ledger records read in full and dropped, the oldest 29 judged by their rows' actor
    // cells alone (few enough to be read by row rather than as a whole column).
    host.syncs();
    const twelve = (await session.loadQueue(asOf(), 3 * 86_400_000, '赵敏', 12)).find((d) => d.meta.id === spec.id)!;
    const twelveSyncs = host.syncs();
    if (twelveSyncs !== null) expect(twelveSyncs).toBe(2);
    expect(numbers(twelve.records)).toEqual(['SW-2026-0041', 'SW-2026-0042']);
    expect(twelve.unread).toBe(0);
  });

  it('the record’s detail reads as taken over: the ledger’s status, no pending step, its 导入 audit entry', async () => {
    const { record, audit } = await session.loadRecord(spec.id, 0);
    expect(record!.status).toBe('已办结');
    expect(Object.values(record!.steps).every((s) => s.actor === null)).toBe(true);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([['导入', '孙晓燕']]);
    const refused = await session.act(spec.id, { row: 0 }, { kind: 'approve', opinion: '同意' }, '赵敏');
    expect(refused.ok ? [] : refused.errors.map((e) => e.rule)).toEqual(['workflow.takenOver']);
  });
});
