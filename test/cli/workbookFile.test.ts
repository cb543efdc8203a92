/**
 * check, verify, report and retention read a file as plain rows and table ranges (RowsWorkbook), not as an exceljs
 * workbook: on the demo, and on the demo as a user or a script leaves it — a totals row under a register, cells
 * merged in a table body, a note typed below a table, saved by openpyxl — every read answers as the exceljs
 * adapter does, so a finding about a damaged table is the same whichever reader took the file.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../../src/core/layout';
import { AUDIT_WHO_COLUMNS } from '../../src/core/auditLayout';
import type { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { openRowsWorkbook, openWorkbook, readRegisters, readRegistersFile } from '../../src/cli/workbookFile';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import type { ReadRequest } from '../../src/workbook/port';
import { editWithOpenpyxl } from '../support/openpyxl';

jest.setTimeout(300_000);

const DOCS = path.join(__dirname, '..', 'fixtures', 'demo-templates');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-workbookfile-'));
const demo = path.join(dir, 'demo.xlsx');

beforeAll(async () => {
  const io: Io = { out: () => undefined, err: () => undefined };
  expect(await main(['demo', '--out', demo, '--templates', DOCS], io)).toBe(0);
});

/** Every read a command makes, and the windows and projections the pane's reads use, through both readers. */
async function expectSameReads(file: string): Promise<void> {
  const rows = await openRowsWorkbook(file);
  const whole = new ExcelJsWorkbook(await openWorkbook(file));
  const meta = (await whole.read({ meta: true })).meta;
  if (!meta?.ok) throw new Error('no metadata');
  expect((await rows.read({ meta: true })).meta).toEqual(meta);
  const first = meta.meta.registers[0];
  const requests: ReadRequest[] = [
    { tables: meta.meta.registers.map((r) => r.table), sheets: [SETTINGS_SHEET, AUDIT_SHEET] },
    { tables: [{ table: first.table, rows: { from: -3 } }, { table: first.table, key: 'cols', columns: first.headers.slice(0, 2) }] },
    { sheets: [{ sheet: AUDIT_SHEET, lastRows: 5, columns: AUDIT_WHO_COLUMNS }, '没有这张表'] },
  ];
  for (const request of requests) expect(await rows.read(request)).toEqual(await whole.read(request));
  expect(await readRegistersFile(file)).toEqual(await readRegisters(file, whole));
}

it('the demo: the same records, 设置 and audit log through both readers', async () => {
  await expectSameReads(demo);
});

it('the demo edited and saved by openpyxl (totals row, merged body cells, a note below a table): the same reads, and check names the damage', async () => {
  const edited = path.join(dir, 'edited.xlsx');
  await editWithOpenpyxl(
    demo,
    edited,
    `
from openpyxl.utils.cell import range_boundaries, get_column_letter
# The demo's 旧台账 (a hand-made ledger to import) has date-styled columns: its numbers are left to exceljs's
# streaming reader, which cannot take openpyxl's part order, and such a file is opened whole (the last test).
del wb['旧台账']
names = []
for ws in wb.worksheets:
    for table in list(ws.tables.values()):
        names.append((ws, table))
(ws1, t1), (ws2, t2) = names[0], names[1]
# A totals row under the first register, as Excel's 汇总行 adds it.
c1, r1, c2, r2 = range_boundaries(t1.ref)
t1.ref = '%s%d:%s%d' % (get_column_letter(c1), r1, get_column_letter(c2), r2 + 1)
t1.totalsRowCount = 1
ws1.cell(row=r2 + 1, column=c1, value='合计')
# Two cells merged in the second register's body, and a note typed under it.
c1, r1, c2, r2 = range_boundaries(t2.ref)
ws2.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r1 + 2, end_column=c1 + 1)
ws2.cell(row=r2 + 1, column=c1, value='以上为手工补录')
`,
  );
  await expectSameReads(edited);
  const read = await readRegistersFile(edited);
  const snapshots = Object.values(read.tables).filter((t) => t !== null);
  expect(snapshots.some((t) => t!.mergedInBody.length > 0)).toBe(true);
  expect(snapshots.some((t) => t!.rowsBelow > 0)).toBe(true);
  // The totals row is not a record: the first register has as many as before.
  const before = await readRegistersFile(demo);
  const first = before.meta.registers[0].table;
  expect(read.tables[first]!.rows).toEqual(before.tables[first]!.rows);
  const out: string[] = [];
  expect(await main(['check', edited, '--as-of', '2026-11-30'], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(1);
  const text = out.join('\n');
  expect(text).toMatch(/发文登记!B2:B3 有合并单元格/);
  expect(text).toContain('表格下方有 1 行数据不在表格内');
  expect(text).not.toContain('收文登记 表格下方');
});

it('a file the row reader cannot take (openpyxl’s part order, a sheet it leaves to the streaming reader) is opened whole: the same registers', async () => {
  const saved = path.join(dir, 'openpyxl.xlsx');
  await editWithOpenpyxl(demo, saved, '');
  await expect(openRowsWorkbook(saved)).rejects.toThrow();
  const whole = new ExcelJsWorkbook(await openWorkbook(saved));
  expect(await readRegistersFile(saved)).toEqual(await readRegisters(saved, whole));
});
