/** Session details the flows test does not reach: blank and damaged workbooks, and the guard's refusal. */
import ExcelJS from 'exceljs';
import { META_SHEET } from '../../src/core/layout';
import { buildCatalog } from '../../src/spec/catalog';
import { Session } from '../../src/taskpane/session';
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

  describe('takes "now" in the office’s time zone, not the computer’s', () => {
    // 2026-03-01 18:05:59 UTC: already 2 March in Beijing, still 1 March in New York.
    const instant = Date.UTC(2026, 2, 1, 18, 5, 59);
    beforeEach(() => jest.useFakeTimers({ now: instant, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
    afterEach(() => jest.useRealTimers());

    async function nowWith(timeZone: string | undefined): Promise<string> {
      const wb = await buildWorkbook([spec], { ...settings, timeZone }, { combined: false });
      const session = new Session(new ExcelJsWorkbook(wb));
      await session.open();
      return session.now();
    }

    it.each([
      [undefined, '2026-03-02T02:05'],
      ['Asia/Shanghai', '2026-03-02T02:05'],
      ['America/New_York', '2026-03-01T13:05'],
      ['UTC', '2026-03-01T18:05'],
      ['不是时区', '2026-03-02T02:05'],
    ])('设置 时区 %s → %s', async (timeZone, expected) => {
      expect(await nowWith(timeZone)).toBe(expected);
    });

    it('a submitted record carries the office’s time, whatever the machine’s zone', async () => {
      const wb = await buildWorkbook([spec], { ...settings, timeZone: 'Asia/Shanghai' }, { combined: false });
      const session = new Session(new ExcelJsWorkbook(wb));
      await session.open();
      expect(await session.submit(spec.id, VALUES, '孙晓燕')).toMatchObject({ ok: true });
      const [record] = (await session.load([spec.id]))[0].records;
      expect(record.submittedAt).toBe('2026-03-02T02:05');
      expect(record.values['收文日期']).toBe('2026-03-02');
    });
  });
});
