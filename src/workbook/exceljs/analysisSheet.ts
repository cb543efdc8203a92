/**
 * Writes the supplies analysis sheets (消耗分析, 采购计划, 消耗明细) into an exceljs workbook from their layouts:
 * values, number formats, Excel tables and data bars. exceljs cannot write charts, so data bars on the amount
 * columns stand in for them here; the add-in writes the same layout with native charts.
 */
import type ExcelJS from 'exceljs';
import { SUMMARY_SHEET } from '../../core/layout';
import { NUMBER_FORMATS, type SheetLayout } from '../../inventory/sheetLayout';

const FONT = '等线';
const BAR_COLOR = 'FF5B9BD5';

function removeSheet(wb: ExcelJS.Workbook, name: string): void {
  const ws = wb.getWorksheet(name);
  if (ws) wb.removeWorksheet(ws.id);
}

/** Replaces (or adds) the layout's sheet; new sheets go right after 汇总, or first when there is none. */
export function writeLayout(wb: ExcelJS.Workbook, layout: SheetLayout, position: number): ExcelJS.Worksheet {
  removeSheet(wb, layout.name);
  const ws = wb.addWorksheet(layout.name, { properties: { tabColor: { argb: 'FF1F4E79' } }, views: [{ showGridLines: false }] });
  layout.cells.forEach((row, i) =>
    row.forEach((value, j) => {
      if (value !== null) ws.getRow(i + 1).getCell(j + 1).value = value;
    }),
  );
  for (const { ref, format } of layout.formats) {
    const [from, to = from] = ref.split(':');
    const a = ws.getCell(from);
    const b = ws.getCell(to);
    for (let r = Number(a.row); r <= Number(b.row); r++)
      for (let c = Number(a.col); c <= Number(b.col); c++) ws.getRow(r).getCell(c).numFmt = NUMBER_FORMATS[format];
  }
  ws.getCell(layout.titleRow, 1).font = { name: FONT, bold: true, size: 16 };
  for (const r of layout.headingRows) ws.getCell(r, 1).font = { name: FONT, bold: true, size: 12, color: { argb: 'FF1F4E79' } };
  let priority = 1;
  for (const table of layout.tables) {
    ws.addTable({
      name: table.name,
      ref: ws.getCell(table.top, table.left).address,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: table.columns.map((c) => ({ name: c.header, filterButton: true, style: { numFmt: NUMBER_FORMATS[c.format] } })),
      // An Excel table needs a body row; an empty report gets one blank row.
      rows: table.rows.length ? table.rows.map((r) => r.map((v) => (v === null ? null : v))) : [table.columns.map(() => null)],
    });
    for (const ref of table.dataBarRefs) {
      ws.addConditionalFormatting({
        ref,
        rules: [{ type: 'dataBar', priority: priority++, gradient: true, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: BAR_COLOR } } as unknown as ExcelJS.ConditionalFormattingRule],
      });
    }
  }
  layout.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  placeSheet(wb, ws, position);
  return ws;
}

/** exceljs orders sheets by orderNo: shift the others to make room right after 汇总. */
function placeSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, position: number): void {
  const sheets = wb.worksheets.filter((s) => s !== ws);
  const summary = sheets.findIndex((s) => s.name === SUMMARY_SHEET);
  const at = Math.min(sheets.length, summary + 1 + position);
  sheets.splice(at, 0, ws);
  sheets.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i + 1));
}

export function writeAnalysisSheets(wb: ExcelJS.Workbook, layouts: SheetLayout[]): void {
  layouts.forEach((layout, i) => writeLayout(wb, layout, i));
}
