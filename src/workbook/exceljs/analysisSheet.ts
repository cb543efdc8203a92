/**
 * Writes the supplies analysis sheets (消耗分析, 采购计划, 消耗明细) into an exceljs workbook from their layouts:
 * values, then the same SheetStyle the add-in sends through the port (number formats, Excel tables, data bars).
 * exceljs cannot write charts, so data bars on the amount columns stand in for them here; the add-in writes the
 * same layout with native charts.
 */
import type ExcelJS from 'exceljs';
import { SUMMARY_SHEET } from '../../core/layout';
import type { SheetLayout } from '../../inventory/sheetLayout';
import { layoutStyle } from '../../inventory/sheetWrites';
import { applySheetStyle } from './sheetStyle';

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
  applySheetStyle(ws, layoutStyle(layout));
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
