/**
 * The printable 申请单: printBatch writes into the sheet writeFormSheet lays out. Pinned by filling a real
 * template through the exceljs port, saving it, and reading every label and value back.
 */
import ExcelJS from 'exceljs';
import { approvalSteps, formSheetName } from '../../src/core/layout';
import { buildCatalog } from '../../src/spec/catalog';
import { printBatch, printModel } from '../../src/taskpane/print';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { FIXTURE_DOCS, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error('fixtures do not parse');
const spec = catalog.value.registers[0];

const record = {
  values: { 收文编号: 'SW-2026-0007', 收文日期: '2026-03-02', 来文单位: '<b>省国资委</b>', 份数: 2, 文件标题: '=1+1', 领导批示: '同意。\n请办公室落实。' },
  steps: {
    办公室主任拟办: { actor: '赵敏', time: '2026-03-02T10:15', opinion: '拟请李总阅批' },
    分管领导批示: { actor: '李志华', time: '2026-03-03T08:30', opinion: '【退回】请补充附件' },
  },
};

async function filled(): Promise<ExcelJS.Worksheet> {
  const wb = await buildWorkbook([spec], catalog.ok ? catalog.value.settings : (null as never), { combined: false });
  await new ExcelJsWorkbook(wb).write(printBatch(spec, record, formSheetName(spec)));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back.getWorksheet(formSheetName(spec))!;
}

describe('the printable form', () => {
  it('puts each value beside its label and each signature beside its step', async () => {
    const ws = await filled();
    const model = printModel(spec, record);
    model.fields.forEach((f, i) => {
      const label = String(ws.getCell(3 + i, 1).value).replace(/ \*$/, '');
      expect(label).toBe(f.label);
      const value = ws.getCell(3 + i, 2).value;
      expect(value === null ? '' : String(value)).toBe(f.value);
    });
    const rowOf = (text: string) => [...Array(ws.rowCount).keys()].map((r) => r + 1).find((r) => ws.getCell(r, 1).value === text)!;
    for (const step of approvalSteps(spec)) {
      const r = rowOf(step.text);
      const entry = record.steps[step.text as keyof typeof record.steps];
      expect([ws.getCell(r, 2).value, ws.getCell(r, 3).value, ws.getCell(r, 4).value]).toEqual(
        entry ? [entry.actor, entry.time.replace('T', ' '), entry.opinion] : [null, null, null],
      );
    }
    expect(ws.getCell(rowOf('分管领导批示'), 4).value).toBe('【退回】请补充附件');
  });

  it('writes what was typed as text: markup and formulas stay inert', async () => {
    const ws = await filled();
    const row = 3 + spec.fields.findIndex((f) => f.name === '文件标题');
    expect(ws.getCell(row, 2).value).toBe('=1+1');
    expect(ws.getCell(row, 2).formula).toBeUndefined();
    expect(ws.getCell(3 + spec.fields.findIndex((f) => f.name === '来文单位'), 2).value).toBe('<b>省国资委</b>');
  });

  it('marks the steps of the record’s own route for the preview (the sheet keeps a row for every step)', () => {
    const general = printModel(spec, { values: { 文件类别: '一般文件' }, steps: {} });
    const important = printModel(spec, { values: { 文件类别: '重要文件' }, steps: {} });
    expect(general.steps.filter((s) => s.onRoute).map((s) => s.text).sort()).toEqual(['办公室主任拟办', '分管领导批示', '承办部门办理', '办公室文员归档'].sort());
    expect(important.steps.filter((s) => s.onRoute).map((s) => s.text)).toContain('总经理批示');
    expect(general.steps.find((s) => s.text === '总经理批示')!.onRoute).toBe(false);
    expect(general.steps).toHaveLength(important.steps.length);
  });

  it('clears what a previous print left in rows this record leaves blank', () => {
    const batch = printBatch(spec, { values: {}, steps: {} }, formSheetName(spec));
    expect(batch.activate).toBe(formSheetName(spec));
    expect(batch.rangeWrites![0].rows).toHaveLength(spec.fields.length);
    expect(batch.rangeWrites!.flatMap((w) => w.rows.flat()).every((v) => v === null)).toBe(true);
  });
});
