/**
 * The budget, pinned: every user action — open a register, submit, approve a step, refresh the summary —
 * costs at most 2 context.sync at 10, 10,000 and 100,000 records, and no request or response passes Excel on the
 * web's 5 MB. The task pane's own Session drives the Office.js adapter over the fake Excel, which counts and measures.
 * (npm run bench reports the same figures as officejs.syncs.<action>.<rows>.)
 */
import { parseInstant } from '../../../src/core/dates';
import { buildCatalog } from '../../../src/spec/catalog';
import { QUEUE_PAGE } from '../../../src/taskpane/queueRows';
import { Session } from '../../../src/taskpane/session';
import { OfficeJsWorkbook } from '../../../src/workbook/officejs/adapter';
import type { FakeExcel } from '../../../src/workbook/officejs/testing/fakeExcel';
import { fakeWorkbook, fillRegister } from '../../../src/workbook/officejs/testing/fixtures';
import { FIXTURE_DOCS, readDir } from '../../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const spec = catalog.value.registers[0];
const { settings } = catalog.value;
const LIMIT = 5_000_000;
const NOW = '2026-03-15T10:00';
const VALUES = { 收文日期: '2026-03-15', 来文单位: '长沙市财政局', 来文类别: '上级来文', 文件标题: '关于报送年度预算执行情况的通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };

describe.each([10, 10_000, 100_000])('Office.js sync budget with %i records (a tenth of them open)', (rows) => {
  let excel: FakeExcel;
  let session: Session;
  let number = '';

  beforeAll(async () => {
    excel = await fakeWorkbook([spec], settings);
    fillRegister(excel.model, spec, settings, rows);
    session = new Session(new OfficeJsWorkbook({ run: excel.run, undoGroups: true }), () => NOW);
    expect((await session.open()).kind).toBe('ready');
  }, 120_000);

  const measure = async <T>(fn: () => Promise<T>) => {
    excel.resetStats();
    const result = await fn();
    const syncs = excel.stats.syncs;
    return { result, syncs: syncs.length, failed: syncs.filter((s) => s.failed).length, request: Math.max(0, ...syncs.map((s) => s.requestBytes)), response: Math.max(0, ...syncs.map((s) => s.responseBytes)) };
  };

  it('open a register (its latest records): 2 syncs at most', async () => {
    const m = await measure(() => session.loadRecent(spec.id, 50));
    expect(m.result.records).toHaveLength(Math.min(50, rows));
    expect(m).toMatchObject({ failed: 0 });
    expect(m.syncs).toBeLessThanOrEqual(2);
  });

  it('submit a record: 2 syncs, numbered after the last', async () => {
    const m = await measure(() => session.submit(spec.id, VALUES, '孙晓燕'));
    if (!m.result.ok) throw new Error(JSON.stringify(m.result.errors));
    number = m.result.number;
    expect(m.syncs).toBe(2);
    expect(m.failed).toBe(0);
    expect(Math.max(m.request, m.response)).toBeLessThanOrEqual(LIMIT);
  });

  it('approve its first step: 2 syncs', async () => {
    const m = await measure(() => session.act(spec.id, { row: rows, number }, { kind: 'approve', opinion: '请分管领导阅示' }, '赵敏'));
    expect(m.result).toMatchObject({ ok: true });
    expect(m.syncs).toBe(2);
  });

  it('refresh the summary: 2 syncs, every record counted, the overdue numbers copied', async () => {
    const m = await measure(() => session.refreshSummary());
    expect(m.syncs).toBe(2);
    expect(m.failed).toBe(0);
    expect(Math.max(m.request, m.response)).toBeLessThanOrEqual(LIMIT);
    const summary = m.result;
    expect(summary.registers[0].total).toBe(rows + 1);
    expect(summary.overdueTotal).toBe(Math.ceil(rows / 10));
    expect(summary.overdue.length).toBe(Math.min(300, summary.overdueTotal));
    // The numbers were not read: Excel copied them, and they are the records' own.
    for (const o of summary.overdue.slice(0, 20)) expect(o.number).toBe(excel.model.table(`tz_${spec.id}`)!.sheet.value(o.sheetRow, 1));
    expect(summary.overdue.every((o) => /^SW-\d{4}-\d+$/.test(o.number))).toBe(true);
  });

  it('the 待办 queue: 2 syncs at every size; beyond a page of records, the user’s own come first and the rest are counted', async () => {
    // 李志华 (分管领导) has one record waiting: the one submitted above, now at its second step, in the last row.
    const m = await measure(() => session.loadQueue(parseInstant(NOW)!, 3 * 86_400_000, '李志华'));
    const open = Math.ceil(rows / 10) + 1;
    const read = m.result[0].records;
    expect(read.length).toBe(Math.min(open, QUEUE_PAGE));
    expect(m.result[0].unread).toBe(open - read.length);
    expect(read.every((r) => r.status?.startsWith('待') && r.values['来文单位'] !== undefined)).toBe(true);
    expect(read.find((r) => r.index === rows)?.status).toBe('待分管领导批示');
    expect(m.syncs).toBe(2);
    expect(m.failed).toBe(0);
    expect(Math.max(m.request, m.response)).toBeLessThanOrEqual(LIMIT);
  });

  it('计算全部时效 on demand: every record’s steps and the whole audit log in counted chunks, nothing over 5 MB, one write', async () => {
    const m = await measure(() => session.refreshTimeliness());
    expect(m.failed).toBe(0);
    expect(Math.max(m.request, m.response)).toBeLessThanOrEqual(LIMIT);
    expect(m.result.records).toBe(rows + 1);
    // Every open record is waiting at a step: the tenth of the fixture's records and the one approved above.
    const waiting = m.result.report.steps.reduce((n, s) => n + s.waiting, 0);
    expect(waiting).toBe(Math.ceil(rows / 10) + 1);
    expect(m.result.report.steps.find((s) => s.step === '分管领导批示')?.waiting).toBe(1);
    const sheet = excel.model.sheet('时效分析')!;
    const notes: unknown[] = [];
    for (let r = 1; r <= 200; r++) for (let c = 1; c <= 12; c++) notes.push(sheet.value(r, c));
    expect(notes).toContain('统计范围:全部记录。');
    if (rows <= 10) expect(m.syncs).toBe(2);
  }, 120_000);

  it('the 待办 queue read in full on demand (读取更多 until nothing is left): counted chunks, nothing over 5 MB', async () => {
    const m = await measure(() => session.loadQueue(parseInstant(NOW)!, 3 * 86_400_000, '李志华', rows + 1));
    expect(m.result[0].records.length).toBe(Math.ceil(rows / 10) + 1);
    expect(m.result[0].unread).toBe(0);
    expect(m.failed).toBe(0);
    expect(Math.max(m.request, m.response)).toBeLessThanOrEqual(LIMIT);
  });
});
