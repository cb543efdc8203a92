/**
 * The task pane's flows (Session: what each button does) over the Office.js adapter on the fake Excel, counting
 * context.sync per action (budget: 2), and the same flows over the exceljs adapter (the standalone page) so
 * both hosts behave alike. Fixture documents only: test/fixtures/docs (收文登记 + _设置).
 */
import ExcelJS from 'exceljs';
import { AUDIT_SHEET, SUMMARY_SHEET, formSheetName, tableName } from '../../src/core/layout';
import { buildCatalog } from '../../src/spec/catalog';
import type { RegisterSpec, SettingsSpec } from '../../src/spec/schema';
import { parseInstant } from '../../src/core/dates';
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
const { registers, settings }: { registers: RegisterSpec[]; settings: SettingsSpec } = catalog.value;
const spec = registers.find((r) => r.id === 'incoming_docs')!;

const VALUES = {
  收文日期: '2026-03-02',
  来文单位: '湖南省国资委',
  来文类别: '上级来文',
  文件标题: '关于开展安全生产检查的通知',
  文件类别: '一般文件',
  紧急程度: '平件',
  密级: '内部',
  份数: 2,
};

interface Host {
  name: string;
  port: WorkbookPort;
  /** Syncs since the last call (Office.js only). */
  syncs(): number | null;
  tamper(): void;
  sheetValue(sheet: string, row: number, col: number): unknown;
  activeSheet(): string | null;
  charts(sheet: string): number | null;
}

async function officeHost(): Promise<Host> {
  const fake = new FakeExcel(await templateModel([spec], settings));
  const port = new OfficeJsWorkbook({ run: fake.run, undoGroups: true });
  let seen = 0;
  return {
    name: 'Office.js on the fake Excel',
    port,
    syncs: () => {
      const n = fake.syncCount - seen;
      seen = fake.syncCount;
      return n;
    },
    tamper: () => fake.model.sheet(spec.name)!.enter(1, 3, '发文单位'),
    sheetValue: (sheet, row, col) => fake.model.sheet(sheet)?.value(row, col) ?? null,
    activeSheet: () => fake.model.activeSheet?.name ?? null,
    charts: (sheet) => fake.model.sheet(sheet)?.charts.length ?? 0,
  };
}

async function exceljsHost(): Promise<Host> {
  const built = await buildWorkbook([spec], settings, { combined: false });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await built.xlsx.writeBuffer());
  return {
    name: 'exceljs (standalone page)',
    port: new ExcelJsWorkbook(wb),
    syncs: () => null,
    tamper: () => {
      wb.getWorksheet(spec.name)!.getCell(1, 3).value = '发文单位';
    },
    sheetValue: (sheet, row, col) => {
      const v = wb.getWorksheet(sheet)?.getCell(row, col).value;
      return v === undefined ? null : v;
    },
    activeSheet: () => null,
    charts: () => null,
  };
}

/** An action's syncs: at most two (one read, one write), whatever the register holds. */
function expectSyncs(host: Host, max: number): void {
  const n = host.syncs();
  if (n !== null) expect(n).toBeLessThanOrEqual(max);
}

describe.each([['Office.js on the fake Excel', officeHost], ['exceljs (standalone page)', exceljsHost]])('task-pane flows over %s', (_name, make) => {
  let host: Host;
  let session: Session;
  let clock = '2026-03-02T09:00';
  /** Body row of a record by its number, as the pane learns it from a read (adapters may place rows differently). */
  const rowOf = async (number: string) => {
    const data = (await session.load([spec.id]))[0];
    const record = data.records.find((r) => r.values['收文编号'] === number);
    if (!record) throw new Error(`no record ${number}`);
    return record.index;
  };

  beforeAll(async () => {
    host = await make();
    session = new Session(host.port, () => clock);
  });

  it('opens the workbook and recognises its register from the hidden metadata in one sync', async () => {
    host.syncs();
    const opened = await session.open();
    expect(opened.kind).toBe('ready');
    expect(session.meta!.registers.map((r) => r.id)).toEqual(['incoming_docs']);
    expect(session.settings!.people.map((p) => p.name)).toContain('赵敏');
    expectSyncs(host, 1);
  });

  it('submits: the record is numbered, the chain started, the audit entry written — two syncs', async () => {
    host.syncs();
    const result = await session.submit(spec.id, VALUES, '孙晓燕');
    expectSyncs(host, 2);
    expect(result).toEqual({ ok: true, number: 'SW-2026-0001', status: '待办公室主任拟办' });
    const second = await session.submit(spec.id, { ...VALUES, 文件类别: '重要文件', 承办部门: '财务部' }, '孙晓燕');
    expectSyncs(host, 2);
    expect(second.ok && second.number).toBe('SW-2026-0002');
  });

  it('refuses an invalid record with located errors and writes nothing', async () => {
    host.syncs();
    const result = await session.submit(spec.id, { ...VALUES, 来文单位: '', 份数: 0 }, '孙晓燕');
    expectSyncs(host, 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field).sort()).toEqual(['份数', '来文单位']);
    const data = (await session.load([spec.id]))[0];
    expect(data.records).toHaveLength(2);
  });

  it('approves through the chain as different people, each step two syncs', async () => {
    // Approvers fill in what their step produces (批示, dates), which closes the register's deadlines.
    const steps: [string, string, Record<string, string>][] = [
      ['赵敏', '待分管领导批示', {}],
      // 承办部门办理 is done by the 承办部门 the leader names: 技术部 (何静)
      ['李志华', '待承办部门办理', { 阅批日期: '2026-03-03', 领导批示: '请技术部落实', 承办部门: '技术部' }],
      ['何静', '待办公室文员归档', {}],
      ['周婷', '已办结', { 办结日期: '2026-03-05' }],
    ];
    const row = await rowOf('SW-2026-0001');
    for (const [who, next, values] of steps) {
      host.syncs();
      const r = await session.act(spec.id, { row, number: 'SW-2026-0001' }, { kind: 'approve', opinion: `${who}同意`, values }, who);
      expectSyncs(host, 2);
      expect(r).toEqual({ ok: true, number: 'SW-2026-0001', status: next });
    }
    const wrongPerson = await session.act(spec.id, { row: await rowOf('SW-2026-0002'), number: 'SW-2026-0002' }, { kind: 'approve' }, '李志华');
    expect(wrongPerson.ok).toBe(false);
  });

  it('returns with an opinion and takes the resubmission', async () => {
    const row = await rowOf('SW-2026-0002');
    const returned = await session.act(spec.id, { row, number: 'SW-2026-0002' }, { kind: 'return', opinion: '请补充承办部门意见' }, '赵敏');
    expect(returned).toMatchObject({ ok: true, status: '已退回' });
    host.syncs();
    const again = await session.act(spec.id, { row, number: 'SW-2026-0002' }, { kind: 'resubmit', values: { ...VALUES, 文件类别: '重要文件', 承办部门: '财务部', 备注: '已补充' } }, '孙晓燕');
    expectSyncs(host, 2);
    expect(again).toMatchObject({ ok: true, status: '待办公室主任拟办' });
    const { record, audit } = await session.loadRecord(spec.id, row);
    expect(record!.values['备注']).toBe('已补充');
    expect(audit.map((e) => e.action)).toEqual(['提交', '退回', '重新提交']);
  });

  it('prints: fills the 申请单 sheet with the record and brings it to the front in two syncs', async () => {
    const row = await rowOf('SW-2026-0001');
    host.syncs();
    const printed = await session.print(spec.id, row);
    expectSyncs(host, 2);
    expect(printed.sheet).toBe(formSheetName(spec));
    expect(host.sheetValue(formSheetName(spec), 3, 2)).toBe('SW-2026-0001');
    expect(host.sheetValue(formSheetName(spec), 5, 1)).toBe('来文单位 *');
    expect(host.sheetValue(formSheetName(spec), 5, 2)).toBe('湖南省国资委');
    if (host.activeSheet() !== null) expect(host.activeSheet()).toBe(formSheetName(spec));
  });

  it('refreshes the summary with counts, the overdue list and native charts in two syncs', async () => {
    clock = '2026-03-09T09:00';
    host.syncs();
    const summary = await session.refreshSummary();
    expectSyncs(host, 2);
    expect(summary.registers[0]).toMatchObject({ name: '收文登记', total: 2 });
    expect(summary.registers[0].byStatus['已办结']).toBe(1);
    expect(summary.overdue.map((o) => o.number)).toEqual(['SW-2026-0002']);
    expect(host.sheetValue(SUMMARY_SHEET, 5, 2)).toBe('收文登记');
    // The number on the sheet's overdue line was copied from the record's cell, not read and sent back.
    const overdueRow = 4 + summary.registers.length + 5;
    expect([host.sheetValue(SUMMARY_SHEET, overdueRow, 1), host.sheetValue(SUMMARY_SHEET, overdueRow, 2)]).toEqual(['收文登记', 'SW-2026-0002']);
    const charts = host.charts(SUMMARY_SHEET);
    if (charts !== null) expect(charts).toBe(2);
    // 时效分析 in the same write: the step each record passed, with the records read in full.
    const cells: unknown[] = [];
    for (let r = 1; r <= 60; r++) for (let c = 1; c <= 12; c++) cells.push(host.sheetValue('时效分析', r, c));
    expect(cells).toContain('审批时效分析 全部月份');
    expect(cells).toContain('收文登记·办公室主任拟办');
    expect(cells).toContain('统计范围:全部记录。');
  });

  it('计算全部时效 writes the same figures as 刷新汇总 when every record fits its read: one read, one write', async () => {
    const sheet = () => {
      const cells: unknown[] = [];
      for (let r = 1; r <= 60; r++) for (let c = 1; c <= 12; c++) cells.push(host.sheetValue('时效分析', r, c));
      return cells;
    };
    const before = sheet();
    const saved = clock;
    clock = '2026-03-10T17:00';
    try {
      host.syncs();
      const done = await session.refreshTimeliness();
      expectSyncs(host, 2);
      expect(done.records).toBe(2);
      expect(done.report.steps.find((s) => s.step === '办公室主任拟办')?.waiting).toBeGreaterThan(0);
      const computed = sheet();
      // A day later the waiting record has waited longer: the sheet was written again, not left as it was.
      expect(computed).not.toEqual(before);
      expect(computed).toContain('统计范围:全部记录。');
      await session.refreshSummary();
      expect(sheet()).toEqual(computed);
    } finally {
      clock = saved;
    }
  });

  it('loads the 待办 queue in two syncs: open or due records in full, closed ones left out', async () => {
    host.syncs();
    const data = await session.loadQueue(parseInstant(clock)!, 3 * 86_400_000);
    expectSyncs(host, 2);
    const records = data.find((d) => d.meta.id === spec.id)!.records;
    expect(records.map((r) => r.values['收文编号'])).toEqual(['SW-2026-0002']);
    // Read in full: what the queue's cards show, not only what told it the record is open.
    expect(records[0].values['来文单位']).toBe(VALUES.来文单位);
    expect(records[0].submittedBy).toBe('孙晓燕');
  });

  it('saves departments, people and roles back to 设置 in two syncs', async () => {
    const s = session.settings!;
    host.syncs();
    await session.saveSettings({ departments: [...s.departments, { name: '审计部', headcount: 2 }], roles: s.roles, people: [...s.people.filter((p) => p.name !== '吴刚'), { name: '林悦', department: '审计部', roles: ['部门领导'] }] });
    expectSyncs(host, 2);
    const opened = await session.open();
    expect(opened.kind === 'ready' && opened.settings.people.map((p) => p.name)).toContain('林悦');
    expect(session.settings!.people.map((p) => p.name)).not.toContain('吴刚');
    expect(session.settings!.departments.map((d) => d.name)).toContain('审计部');
    expect(session.settings!.lists.map((l) => l.name)).toContain('密级');
  });

  it('refuses to write to a register whose table was edited by hand, naming the change', async () => {
    host.tamper();
    const before = await session.loadRecord(spec.id, 1);
    expect(before.data.problems.map((p) => p.message).join()).toContain('发文单位');
    host.syncs();
    const result = await session.submit(spec.id, VALUES, '孙晓燕');
    expectSyncs(host, 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toContain('发文单位');
    const audit = await host.port.read({ sheets: [AUDIT_SHEET], tables: [tableName(spec)] });
    expect(audit.sheets[AUDIT_SHEET]!.length).toBe(1 + 2 + 4 + 2);
  });
});
