/**
 * The add-in's "refresh analysis" in two calls around its one read: `ledgerReadRequest()` says what to read,
 * `analysisFromRead` gives the results and the sheets to write (values, tables, data bars, chart descriptions),
 * so that the Office.js host and the CLI write the same thing and a refresh stays one read and one write.
 */
import type { ReadResult } from '../workbook/port';
import { analysisLayouts } from './analysisSheets';
import { analyzeLedger, type AnalysisResult, type AnalyzeOptions } from './analyze';
import { hasNoSupplies, ledgerFromReadResult } from './input';
import type { SheetLayout } from './sheetLayout';

export { ledgerReadRequest } from './input';

export type Refresh =
  | { ok: true; result: AnalysisResult; layouts: SheetLayout[] }
  | { ok: false; message: string; messageEn: string };

export function analysisFromRead(read: ReadResult, options: AnalyzeOptions): Refresh {
  if (hasNoSupplies(read))
    return {
      ok: false,
      message: '这个工作簿没有办公用品登记表(办公用品目录、入库、领用、盘点、需求计划、采购申请),无法分析',
      messageEn: 'This workbook has no supplies registers to analyse',
    };
  const result = analyzeLedger(ledgerFromReadResult(read), options);
  return { ok: true, result, layouts: analysisLayouts(result) };
}
