/** A worksheet of an .xlsx file (loaded by exceljs) as a source sheet for import: values from A1 and its merges. */
import type ExcelJS from 'exceljs';
import type { SourceSheet } from '../core/import/prepare';
import { mergedRanges, sheetValues } from '../workbook/exceljs/adapter';

export function xlsxSource(ws: ExcelJS.Worksheet): SourceSheet {
  return { name: ws.name, rows: sheetValues(ws), merges: mergedRanges(ws) };
}
