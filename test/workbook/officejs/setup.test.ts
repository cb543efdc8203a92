/**
 * Setting registers up in Excel (OfficeJsWorkbook.setUp) on the fake Excel: what only the Office.js side has —
 * the sync budget, the sheets Excel inserts from a file and what the adapter does after the insert, co-authors
 * between the read and the write. That both adapters leave the same workbook is test/contract/setup.test.ts.
 */
import '../../../src/workbook/exceljs/nodeZipFix';
import { decodeRect } from '../../../src/core/a1';
import { AUDIT_SHEET, META_SHEET, SETTINGS_SHEET, SUMMARY_SHEET, tableName } from '../../../src/core/layout';
import { buildCatalog } from '../../../src/spec/catalog';
import type { RegisterSpec } from '../../../src/spec/schema';
import { Session } from '../../../src/taskpane/session';
import { OfficeJsWorkbook } from '../../../src/workbook/officejs/adapter';
import type { HostRun } from '../../../src/workbook/officejs/host';
import { SetupConflictError } from '../../../src/workbook/officejs/setupConflict';
import { FakeExcel, WorkbookModel } from '../../../src/workbook/officejs/testing/fakeExcel';
import { SOURCE_FILE } from '../../../src/workbook/officejs/testing/insert';
import { FIXTURE_DOCS, readDir } from '../../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const { settings } = catalog.value;
const spec: RegisterSpec = catalog.value.registers[0];
const copy = (n: number): RegisterSpec => ({ ...spec, id: `incoming_docs_${n}`, name: `收文登记${n}`, formCode: `GL/YJ-BG-${100 + n}` });
const NOW = '2026-03-02T09:00';

function blank(name = 'Sheet1'): FakeExcel {
  const model = new WorkbookModel();
  model.addSheet(name);
  return new FakeExcel(model);
}

/** Every formula and every validation formula in the workbook. */
function formulas(model: WorkbookModel): string[] {
  return model.sheets.flatMap((s) => [
    ...[...s.rows.values()].flatMap((row) => (row.f ?? []).filter((f): f is string => !!f)),
    ...s.validations.flatMap((v) => [v.rule.list?.source, v.rule.custom?.formula].filter((f): f is string => !!f)),
  ]);
}

describe('Office.js setUp on the fake Excel', () => {
  it('after the pane opened a blank workbook: one read and one write sync, one undo step', async () => {
    const excel = blank('工作表1');
    const port = new OfficeJsWorkbook({ run: excel.run, undoGroups: true });
    const session = new Session(port, () => NOW);
    expect((await session.open()).kind).toBe('blank');
    // A blank workbook's first read: Excel fails the batch on the missing sheets, one sync lists what exists, the
    // retry reads the rest — blank and damaged told apart in that same read.
    expect(excel.syncCount).toBe(3);
    excel.resetStats();
    const extra = port.stats.extraSyncs;
    await port.setUp!({ specs: [spec], settings });
    expect(excel.stats.syncs.map((s) => s.mutated)).toEqual([false, true]);
    expect(port.stats.extraSyncs).toBe(extra);
    expect(excel.stats.undoSteps).toBe(1);
    expect((await session.open()).kind).toBe('ready');
    const model = excel.model;
    expect(model.sheets.map((s) => `${s.name}:${s.visibility}`)).toEqual([
      `${SUMMARY_SHEET}:Visible`, '收文登记:Visible', '收文登记申请单:Visible', '说明:Visible', `${SETTINGS_SHEET}:Visible`, `${META_SHEET}:VeryHidden`, `${AUDIT_SHEET}:VeryHidden`,
    ]);
    expect(model.activeSheet?.name).toBe('收文登记');
    expect(model.table(tableName(spec))!.rect).toMatchObject({ top: 1, left: 1, bottom: 2 });
    // The insert carries the 申请单's merged boxes; notes stay out (Excel on the web refuses comments).
    expect(model.sheet('收文登记申请单')!.merges.length).toBeGreaterThan(5);
  });

  it('leaves nothing pointing at the file it inserted from: validation over 设置 and the 汇总 counts are set again', async () => {
    const excel = blank();
    const port = new OfficeJsWorkbook({ run: excel.run });
    await new Session(port).open();
    await port.setUp!({ specs: [spec, copy(2)], settings });
    const all = formulas(excel.model);
    expect(all.filter((f) => f.includes(SETTINGS_SHEET)).length).toBeGreaterThan(4);
    expect(all.filter((f) => f.startsWith('=COUNTA(tz_'))).toHaveLength(2);
    expect(all.filter((f) => f.includes(SOURCE_FILE))).toEqual([]);
  });

  it('header notes (必填): added after the insert where Excel has Worksheet.notes (ExcelApi 1.18), left out elsewhere', async () => {
    const required = spec.fields.filter((f) => f.required).map((f) => f.name);
    const notesOn = async (apiVersion: number, notes: boolean) => {
      const excel = new FakeExcel(blank().model, { apiVersion });
      const port = new OfficeJsWorkbook({ run: excel.run, notes });
      await new Session(port).open();
      excel.resetStats();
      await port.setUp!({ specs: [spec], settings });
      expect(excel.syncCount).toBe(2);
      const sheet = excel.model.sheet(spec.name)!;
      // Header text of each cell with a note → the note.
      return new Map(
        [...sheet.notes].map(([address, note]) => {
          const { top, left } = decodeRect(address);
          return [String(sheet.value(top, left)), note];
        }),
      );
    };
    const withNotes = await notesOn(18, true);
    expect([...withNotes.keys()].sort()).toEqual([...required].sort());
    expect(new Set(withNotes.values())).toEqual(new Set(['必填']));
    expect((await notesOn(17, false)).size).toBe(0);
  });

  it('without an earlier read the read is built from its own listing: one more sync, counted as extra', async () => {
    const excel = blank();
    const port = new OfficeJsWorkbook({ run: excel.run });
    await port.setUp!({ specs: [spec], settings });
    expect(excel.syncCount).toBe(3);
    expect(port.stats.extraSyncs).toBe(1);
    expect(excel.model.sheets.map((s) => s.name)).not.toContain('Sheet1');
  });

  it('a sheet the last listing showed was deleted by a co-author: listed again, then set up', async () => {
    const excel = blank();
    excel.model.addSheet('草稿');
    const port = new OfficeJsWorkbook({ run: excel.run });
    await new Session(port).open();
    excel.model.deleteSheet(excel.model.sheet('草稿')!);
    excel.resetStats();
    await port.setUp!({ specs: [spec], settings });
    expect(excel.stats.syncs.filter((s) => s.failed)).toHaveLength(1);
    expect(excel.model.table(tableName(spec))).toBeDefined();
    expect(excel.model.sheets.map((s) => s.name)).not.toContain('草稿');
  });

  it('keeps a blank workbook’s sheets that hold something; deletes only the empty ones', async () => {
    const excel = blank();
    excel.model.addSheet('备忘').put(3, 2, { value: '别删我' });
    const port = new OfficeJsWorkbook({ run: excel.run });
    await new Session(port).open();
    await port.setUp!({ specs: [spec], settings });
    expect(excel.model.sheets.map((s) => s.name).slice(0, 2)).toEqual(['备忘', SUMMARY_SHEET]);
  });

  it('registers already in the workbook are skipped, not doubled', async () => {
    const excel = blank();
    const port = new OfficeJsWorkbook({ run: excel.run });
    const session = new Session(port, () => NOW);
    await session.open();
    await port.setUp!({ specs: [spec], settings });
    await session.open();
    excel.resetStats();
    const opened = await session.setUp([spec, copy(2)], settings);
    expect(opened.kind === 'ready' && opened.meta.registers.map((r) => r.id)).toEqual([spec.id, 'incoming_docs_2']);
    expect(excel.model.tables.map((t) => t.name)).toEqual([tableName(spec), tableName(copy(2))]);
    // Everything there already: the read finds it, nothing is written.
    excel.resetStats();
    await port.setUp!({ specs: [spec], settings });
    expect(excel.stats.syncs.map((s) => s.mutated)).toEqual([false]);
  });

  it('a sheet of the office’s own with a register’s name: refused in both languages, nothing changed', async () => {
    const excel = blank();
    excel.model.addSheet('收文登记').put(1, 1, { value: '我们自己的表' });
    const port = new OfficeJsWorkbook({ run: excel.run });
    await new Session(port).open();
    excel.resetStats();
    const error = await port.setUp!({ specs: [spec], settings }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupConflictError);
    expect((error as SetupConflictError).messageZh).toContain('收文登记');
    expect((error as SetupConflictError).messageEn).toContain('rename or delete');
    expect(excel.stats.syncs.map((s) => s.mutated)).toEqual([false]);
    expect(excel.model.sheets.map((s) => s.name)).toEqual(['Sheet1', '收文登记']);
  });

  it('a co-author creates the sheet between the read and the write: Excel refuses the insert and nothing is half-done', async () => {
    const excel = blank();
    let runs = 0;
    const run = ((...args: Parameters<FakeExcel['run']>) => {
      if (++runs === 2) excel.model.addSheet('收文登记');
      return excel.run(...args);
    }) as HostRun;
    const port = new OfficeJsWorkbook({ run });
    await port.read({ meta: true });
    runs = 0;
    await expect(port.setUp!({ specs: [spec], settings })).rejects.toBeInstanceOf(SetupConflictError);
    expect(excel.model.sheets.map((s) => s.name)).toEqual(['Sheet1', '收文登记']);
    expect(excel.model.tables).toEqual([]);
  });

  it('thirty registers at once: one insert, the request well under Excel on the web’s 5 MB', async () => {
    const excel = blank();
    const port = new OfficeJsWorkbook({ run: excel.run });
    await new Session(port).open();
    excel.resetStats();
    const specs = Array.from({ length: 30 }, (_, i) => copy(i + 1));
    await port.setUp!({ specs, settings });
    expect(excel.syncCount).toBe(2);
    expect(excel.maxRequestBytes).toBeLessThan(2_000_000);
    expect(excel.model.tables).toHaveLength(30);
  });

  it('a request the budget cannot carry is refused before anything is sent', async () => {
    const excel = blank();
    const port = new OfficeJsWorkbook({ run: excel.run, payloadBudget: 20_000 });
    await new Session(port).open();
    excel.resetStats();
    const error = await port.setUp!({ specs: [spec, copy(2)], settings }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupConflictError);
    expect(excel.stats.syncs.map((s) => s.mutated)).toEqual([false]);
  });

  it('Excel on iPad cannot insert sheets from a file: no setUp, and the task pane knows it', () => {
    const port = new OfficeJsWorkbook({ run: blank().run, insertSheets: false });
    expect(port.setUp).toBeUndefined();
    expect(new Session(port).canSetUp).toBe(false);
    expect(new Session(new OfficeJsWorkbook({ run: blank().run })).canSetUp).toBe(true);
  });
});
