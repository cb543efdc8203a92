/**
 * A SheetStyle applied to an exceljs worksheet whose values are already written: number formats, bold title and
 * headings, Excel tables over the blocks, data bars and column widths. exceljs cannot draw charts, so the data bars
 * on the amount columns stand in for them. `taizhang analyze` and the standalone page's 刷新消耗分析 both come here.
 */
import type ExcelJS from 'exceljs';
import { decodeRect } from '../../core/a1';
import type { SheetStyle } from '../port';

const FONT = '等线';
const BAR_COLOR = 'FF5B9BD5';
const TABLE_THEME = 'TableStyleMedium2';

function eachCell(ws: ExcelJS.Worksheet, ref: string, fn: (cell: ExcelJS.Cell) => void): void {
  const r = decodeRect(ref);
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(ws.getRow(row).getCell(col));
}

function addTable(ws: ExcelJS.Worksheet, name: string, ref: string): void {
  const r = decodeRect(ref);
  const width = r.right - r.left + 1;
  const headers = Array.from({ length: width }, (_, j) => {
    const v = ws.getRow(r.top).getCell(r.left + j).value;
    return v === null || v === undefined || v === '' ? `列${j + 1}` : String(v);
  });
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = r.top + 1; row <= r.bottom; row++) rows.push(Array.from({ length: width }, (_, j) => ws.getRow(row).getCell(r.left + j).value ?? null));
  // An Excel table needs a body row; an empty block gets one blank row.
  if (!rows.length) rows.push(headers.map(() => null));
  ws.addTable({
    name,
    ref: ws.getCell(r.top, r.left).address,
    headerRow: true,
    totalsRow: false,
    style: { theme: TABLE_THEME, showRowStripes: true },
    // The body's number format is the column's, so rows typed into the table later look the same.
    columns: headers.map((h, j) => {
      const numFmt = ws.getRow(r.top + 1).getCell(r.left + j).numFmt;
      return { name: h, filterButton: true, ...(numFmt ? { style: { numFmt } } : {}) };
    }),
    rows,
  });
}

export function applySheetStyle(ws: ExcelJS.Worksheet, style: SheetStyle): void {
  for (const { ref, numberFormat } of style.formats ?? []) eachCell(ws, ref, (cell) => (cell.numFmt = numberFormat));
  for (const row of style.titleRows ?? []) ws.getCell(row, 1).font = { name: FONT, bold: true, size: 16 };
  for (const row of style.headingRows ?? []) ws.getCell(row, 1).font = { name: FONT, bold: true, size: 12, color: { argb: 'FF1F4E79' } };
  for (const table of style.tables ?? []) addTable(ws, table.name, table.ref);
  let priority = 1;
  for (const ref of style.dataBars ?? [])
    ws.addConditionalFormatting({
      ref,
      rules: [{ type: 'dataBar', priority: priority++, gradient: true, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: BAR_COLOR } } as unknown as ExcelJS.ConditionalFormattingRule],
    });
  (style.widths ?? []).forEach((w, i) => (ws.getColumn(i + 1).width = w));
}
