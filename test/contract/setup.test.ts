/**
 * Setting registers up (WorkbookPort.setUp), one contract for both adapters: the exceljs adapter over a workbook
 * in memory (saved and reopened as Excel would open the file) and the Office.js adapter over a blank workbook in
 * the fake Excel, as the task pane does it there (open, then set up). Both must leave the same workbook: the same
 * visible sheets in the same order, the same hidden metadata rows, tables with the same headers, number formats
 * and data validation, the same 设置, 汇总 and 说明 — and the first record goes into the table's empty row.
 */
import '../../src/workbook/exceljs/nodeZipFix';
import ExcelJS from 'exceljs';
import { encodeRect, intersects } from '../../src/core/a1';
import { AUDIT_SHEET, META_SHEET, SETTINGS_SHEET, tableName } from '../../src/core/layout';
import { buildCatalog } from '../../src/spec/catalog';
import type { RegisterSpec } from '../../src/spec/schema';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { OfficeJsWorkbook } from '../../src/workbook/officejs/adapter';
import { FakeExcel, WorkbookModel } from '../../src/workbook/officejs/testing/fakeExcel';
import { modelFromExcelJs } from '../../src/workbook/officejs/testing/fromExcelJs';
import type { SheetModel } from '../../src/workbook/officejs/testing/model';
import type { WorkbookPort } from '../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const { settings } = catalog.value;
const spec: RegisterSpec = catalog.value.registers[0];
const second: RegisterSpec = { ...spec, id: 'incoming_docs_b', name: '收文登记乙', formCode: 'GL/YJ-BG-99' };
const NOW = '2026-03-02T09:00';
const VALUES = { 来文单位: '省国资委', 来文类别: '上级来文', 文件标题: '关于报送年度预算执行情况的通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };

/** A blank workbook as each host has it, set up through its adapter; `model()` is the workbook as Excel would show it. */
interface Host {
  port: WorkbookPort;
  setUp(specs: RegisterSpec[]): Promise<void>;
  model(): Promise<WorkbookModel>;
  /** A cell typed into 设置 by hand. */
  typeIntoSettings(row: number, col: number, value: string): void;
}

function excelJsHost(): Host {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1');
  const port = new ExcelJsWorkbook(wb);
  return {
    port,
    setUp: (specs) => port.setUp({ specs, settings }),
    async model() {
      const reopened = new ExcelJS.Workbook();
      await reopened.xlsx.load(await wb.xlsx.writeBuffer());
      return modelFromExcelJs(reopened);
    },
    typeIntoSettings: (row, col, value) => (wb.getWorksheet(SETTINGS_SHEET)!.getCell(row, col).value = value),
  };
}

function officeJsHost(): Host & { excel: FakeExcel; syncs: number[] } {
  const model = new WorkbookModel();
  model.addSheet('Sheet1');
  const excel = new FakeExcel(model);
  const port = new OfficeJsWorkbook({ run: excel.run, undoGroups: true });
  const syncs: number[] = [];
  return {
    port,
    excel,
    syncs,
    async setUp(specs) {
      await new Session(port, () => NOW).open();
      excel.resetStats();
      await port.setUp!({ specs, settings });
      syncs.push(excel.syncCount);
    },
    model: async () => excel.model,
    typeIntoSettings: (row, col, value) => model.sheet(SETTINGS_SHEET)!.put(row, col, { value }),
  };
}

/** A cell as a user sees it: its formula, or its value. */
const shown = (sheet: SheetModel, r: number, c: number) => {
  const cell = sheet.cell(r, c);
  return cell.formula ?? cell.value ?? null;
};

function cells(sheet: SheetModel): [string, unknown][] {
  const used = sheet.usedRect(true);
  if (!used) return [];
  const out: [string, unknown][] = [];
  for (let r = used.top; r <= used.bottom; r++)
    for (let c = used.left; c <= used.right; c++) {
      const v = shown(sheet, r, c);
      if (v !== null) out.push([encodeRect({ top: r, left: c, bottom: r, right: c }), v]);
    }
  return out;
}

/** Everything the comparison looks at, in a form both hosts can be compared on. */
function layout(model: WorkbookModel) {
  const visible = model.sheets.filter((s) => s.visibility === 'Visible');
  const tables = [...model.tables]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => {
      const headers = model.tableColumns(t);
      return {
        name: t.name,
        sheet: t.sheet.name,
        rect: encodeRect(t.rect),
        headers,
        columns: headers.map((header, i) => {
          const c = t.rect.left + i;
          const body = { top: t.rect.top + 1, left: c, bottom: t.rect.top + 1, right: c };
          const v = t.sheet.validations.filter((x) => intersects(x.rect, body));
          return {
            header,
            format: t.sheet.format(t.rect.top + 1, c),
            width: t.sheet.columnWidths.get(c),
            validation: v.map((x) => ({ rect: encodeRect(x.rect), rule: x.rule, prompt: x.prompt, errorAlert: x.errorAlert, ignoreBlanks: x.ignoreBlanks })),
          };
        }),
      };
    });
  return {
    visible: visible.map((s) => s.name),
    hidden: model.sheets.filter((s) => s.visibility !== 'Visible').map((s) => `${s.name}:${s.visibility}`).sort(),
    tables,
    sheets: Object.fromEntries(model.sheets.map((s) => [s.name, { cells: cells(s), merges: s.merges.map(encodeRect).sort() }])),
  };
}

describe('setting registers up: both adapters leave the same workbook', () => {
  it('a blank workbook: the same sheets, metadata, tables, formats and validation; the first record fills the empty row', async () => {
    const a = excelJsHost();
    const b = officeJsHost();
    await a.setUp([spec]);
    await b.setUp([spec]);
    const [la, lb] = [layout(await a.model()), layout(await b.model())];
    expect(la.visible).toEqual(['汇总', '收文登记', '收文登记申请单', '说明', '设置']);
    expect(la.hidden).toEqual([`${AUDIT_SHEET}:VeryHidden`, `${META_SHEET}:VeryHidden`].sort());
    expect(la.tables[0].columns.some((c) => c.validation.some((v) => v.rule.list?.source.includes(SETTINGS_SHEET)))).toBe(true);
    expect(lb.visible).toEqual(la.visible);
    expect(lb.hidden).toEqual(la.hidden);
    expect(lb.tables).toEqual(la.tables);
    expect(lb.sheets).toEqual(la.sheets);
    // Through the port, as the task pane reads them.
    const read = (port: WorkbookPort) => port.read({ meta: true, tables: [tableName(spec)], sheets: [META_SHEET, SETTINGS_SHEET, AUDIT_SHEET] });
    expect(await read(b.port)).toEqual(await read(a.port));
    expect(b.syncs).toEqual([2]);

    for (const host of [a, b]) {
      const session = new Session(host.port, () => NOW);
      expect((await session.open()).kind).toBe('ready');
      expect(await session.submit(spec.id, VALUES, '孙晓燕')).toMatchObject({ ok: true, number: 'SW-2026-0001' });
    }
    const after = await Promise.all([a, b].map((h) => h.port.read({ tables: [tableName(spec)], sheets: [AUDIT_SHEET] })));
    for (const r of after) {
      const t = r.tables[tableName(spec)]!;
      expect(t.rowCount).toBe(1);
      expect(t.rows[0][t.headers.indexOf('收文编号')]).toBe('SW-2026-0001');
      expect(t.rows[0][t.headers.indexOf('文件标题')]).toBe(VALUES.文件标题);
    }
    expect(after[1]).toEqual(after[0]);
  });

  it('adding a register later: 设置 kept as edited, metadata appended as the exceljs adapter rewrites it', async () => {
    const a = excelJsHost();
    const b = officeJsHost();
    for (const host of [a, b]) {
      await host.setUp([spec]);
      host.typeIntoSettings(30, 7, '新同事');
      const session = new Session(host.port, () => NOW);
      await session.open();
      await session.submit(spec.id, VALUES, '孙晓燕');
      await host.setUp([second]);
    }
    const [la, lb] = [layout(await a.model()), layout(await b.model())];
    expect(la.visible).toEqual(['汇总', '收文登记', '收文登记申请单', '说明', '设置', '收文登记乙', '收文登记乙申请单', '说明2']);
    expect(lb.visible).toEqual(la.visible);
    expect(lb.hidden).toEqual(la.hidden);
    expect(lb.tables).toEqual(la.tables);
    expect(lb.sheets).toEqual(la.sheets);
    expect(lb.sheets[SETTINGS_SHEET].cells).toContainEqual(['G30', '新同事']);
    const read = (port: WorkbookPort) => port.read({ meta: true, tables: [tableName(spec), tableName(second)], sheets: [META_SHEET, AUDIT_SHEET] });
    const [ra, rb] = [await read(a.port), await read(b.port)];
    expect(ra.meta?.ok && ra.meta.meta.registers.map((r) => r.id)).toEqual([spec.id, second.id]);
    expect(rb).toEqual(ra);
    expect(b.syncs).toEqual([2, 2]);
  });
});
