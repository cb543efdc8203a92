/**
 * The columns the summary and the queue read (src/taskpane/columns.ts): enough for what they show and count, and
 * no more — each column of a 100,000-row register costs 1–3 MB of the 5 MB Excel on the web returns per sync.
 */
import { SUBMITTED_BY_HEADER, STATUS_HEADER } from '../../src/core/layout';
import { buildCatalog } from '../../src/spec/catalog';
import type { RegisterSpec } from '../../src/spec/schema';
import { queueColumns, summaryColumns } from '../../src/taskpane/columns';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { OfficeJsWorkbook } from '../../src/workbook/officejs/adapter';
import { FakeExcel } from '../../src/workbook/officejs/testing/fakeExcel';
import { templateModel } from '../../src/workbook/officejs/testing/fixtures';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const { settings } = catalog.value;
const spec: RegisterSpec = catalog.value.registers[0];
/** 呈批 within a day applies to 重要文件 only (a deadline with a 条件). */
const conditional: RegisterSpec = { ...spec, deadlines: [{ ...spec.deadlines[0], when: { op: 'in', field: '文件类别', values: ['重要文件'] } }] };
const VALUES = { 收文日期: '2026-03-02', 承办部门: settings.departments[0].name, 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '通知', 紧急程度: '平件', 密级: '内部', 份数: 1 };

describe('columns read by the summary and the queue', () => {
  it('the summary reads the first required field, the status and every deadline’s fields — not the number, not the title', () => {
    // The overdue lines' numbers are copied inside the workbook (summary.ts): 收文编号 alone is 1.8 MB at 100,000 rows.
    expect(summaryColumns(spec)).toEqual(['收文日期', STATUS_HEADER, '阅批日期', '办结日期']);
    expect(queueColumns(spec)).toEqual(expect.arrayContaining(['收文编号', SUBMITTED_BY_HEADER, STATUS_HEADER, '来文单位']));
  });

  it('a deadline with a condition: the field it tests is read, so its overdue records are counted', async () => {
    expect(summaryColumns(conditional)).toContain('文件类别');
    const session = new Session(new ExcelJsWorkbook(await buildWorkbook([conditional], settings, { combined: false })), () => '2026-03-10T09:00');
    await session.open();
    for (const kind of ['重要文件', '一般文件']) expect(await session.submit(conditional.id, { ...VALUES, 文件类别: kind }, '孙晓燕')).toMatchObject({ ok: true });
    const summary = await session.refreshSummary();
    expect(summary.overdue.map((o) => [o.number, o.deadline])).toEqual([['SW-2026-0001', '呈批']]);
  });

  it('a register without a serial number: its first field names the record, read (a date stays a date, not a serial)', async () => {
    const unnumbered: RegisterSpec = { ...spec, fields: spec.fields.filter((f) => f.type !== 'serial') };
    expect(unnumbered.fields[0]).toMatchObject({ name: '收文日期', type: 'date' });
    expect(summaryColumns(unnumbered)).toContain('收文日期');
    for (const port of [new ExcelJsWorkbook(await buildWorkbook([unnumbered], settings, { combined: false })), new OfficeJsWorkbook({ run: new FakeExcel(await templateModel([unnumbered], settings)).run })]) {
      const session = new Session(port, () => '2026-03-10T09:00');
      await session.open();
      expect(await session.submit(unnumbered.id, { ...VALUES, 文件类别: '一般文件' }, '孙晓燕')).toMatchObject({ ok: true });
      const summary = await session.refreshSummary();
      expect(summary.overdue.map((o) => o.number)).toEqual(['2026-03-02']);
    }
  });
});
