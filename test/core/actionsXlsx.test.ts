/**
 * Actions through the exceljs port on a real template, written to .xlsx and read back: what the standalone page
 * does, one read and one write per action, and what verify then sees.
 */
import ExcelJS from 'exceljs';
import { planApprove, planSubmit, readsForRecord, readsForSubmit } from '../../src/core/actions';
import { auditTail } from '../../src/core/audit';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../../src/core/layout';
import { settingsFromSheet } from '../../src/core/settings';
import { verifyWorkbook } from '../../src/core/verify';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';
import { fixtureCatalog, spec } from './fixtures';
import { INCOMING } from './helpers';

async function reopen(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await wb.xlsx.writeBuffer());
  return again;
}

it('submits and approves through the port on a real template, and the file verifies', async () => {
  const catalog = fixtureCatalog();
  let wb = await buildWorkbook([spec(catalog, 'incoming_docs')], catalog.settings, { combined: false });
  for (const [i, now] of ['2026-03-02T09:00', '2026-03-02T09:40'].entries()) {
    const port = new ExcelJsWorkbook(wb);
    const metaRead = await port.read({ meta: true });
    const meta = metaRead.meta!.ok ? metaRead.meta!.meta.registers[0] : null;
    const read = await port.read(readsForSubmit(meta!));
    expect(read.tables[meta!.table]!.readColumns).toEqual([0]);
    const plan = await planSubmit({ meta: meta!, settings: settingsFromSheet(read.sheets[SETTINGS_SHEET]!), table: read.tables[meta!.table]!, audit: auditTail(read.sheets[AUDIT_SHEET]!), now }, INCOMING, '孙晓燕');
    expect(plan.ok && plan.number).toBe(`SW-2026-000${i + 1}`);
    if (plan.ok) await port.write(plan.batch);
    wb = await reopen(wb);
  }
  const port = new ExcelJsWorkbook(wb);
  const meta = (await port.read({ meta: true })).meta!;
  if (!meta.ok) throw new Error(meta.message);
  const m = meta.meta.registers[0];
  const read = await port.read(readsForRecord(m, 1));
  const approve = await planApprove({ meta: m, settings: settingsFromSheet(read.sheets[SETTINGS_SHEET]!), table: read.tables[m.table]!, audit: auditTail(read.sheets[AUDIT_SHEET]!), now: '2026-03-02T10:15' }, { row: 1, number: 'SW-2026-0002' }, '赵敏', '拟请分管领导阅示');
  expect(approve.ok && approve.status).toBe('待分管领导批示');
  if (approve.ok) await port.write(approve.batch);
  wb = await reopen(wb);
  const all = await new ExcelJsWorkbook(wb).read({ tables: [m.table], sheets: [AUDIT_SHEET] });
  const table = all.tables[m.table]!;
  expect(table.rows.map((r) => r[table.headers.indexOf('状态')])).toEqual(['待办公室主任拟办', '待分管领导批示']);
  expect(wb.getWorksheet('收文登记')!.getCell('B2').numFmt).toBe('yyyy-mm-dd');
  const report = await verifyWorkbook({ meta: meta.meta, tables: all.tables, auditRows: all.sheets[AUDIT_SHEET] });
  expect(report).toMatchObject({ ok: true, entries: 3, records: 2 });
});
