/** Session details the flows test does not reach: blank and damaged workbooks, and the guard's refusal. */
import ExcelJS from 'exceljs';
import { META_SHEET } from '../../src/core/layout';
import { buildCatalog } from '../../src/spec/catalog';
import { Session, wallClock } from '../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { StructureGuardError } from '../../src/workbook/guard';
import type { WorkbookPort } from '../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error('fixtures do not parse');
const { registers, settings } = catalog.value;
const spec = registers[0];
const VALUES = { 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };

describe('Session', () => {
  it('tells a blank workbook from one whose hidden metadata was damaged', async () => {
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1');
    expect((await new Session(new ExcelJsWorkbook(blank)).open()).kind).toBe('blank');

    const damaged = await buildWorkbook([spec], settings, { combined: false });
    damaged.getWorksheet(META_SHEET)!.getCell(3, 8).value = '{not json';
    const opened = await new Session(new ExcelJsWorkbook(damaged)).open();
    expect(opened.kind).toBe('unreadable');
    if (opened.kind === 'unreadable') expect(opened.problem.message).toContain('_taizhang');
  });

  it('turns the adapter’s structure guard into a refusal the pane can show', async () => {
    const wb = await buildWorkbook([spec], settings, { combined: false });
    const inner = new ExcelJsWorkbook(wb);
    // A co-author renames a column between this action's read and its write.
    const port: WorkbookPort = {
      read: (r) => inner.read(r),
      write: async () => {
        throw new StructureGuardError([{ register: spec.name, sheet: spec.name, kind: 'renamed', column: '来文单位', message: '列“来文单位”被改名', messageEn: 'renamed' }]);
      },
    };
    const session = new Session(port, () => '2026-03-02T09:00');
    await session.open();
    const result = await session.submit(spec.id, VALUES, '孙晓燕');
    expect(result).toEqual({ ok: false, errors: [{ field: '来文单位', rule: 'structure.renamed', message: '列“来文单位”被改名', messageEn: 'renamed' }] });
  });

  it('reads the wall clock as naive local time', () => {
    expect(wallClock(new Date(2026, 2, 2, 9, 5, 59))).toBe('2026-03-02T09:05');
  });
});
