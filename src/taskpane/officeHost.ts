/// <reference types="office-js" />
/**
 * The Office.js side of the task pane and the ribbon commands: the WorkbookPort over Excel.run. Kept to this one
 * file so that everything else stays host-neutral.
 */
import { OfficeJsWorkbook } from '../workbook/officejs/adapter';
import type { HostRun } from '../workbook/officejs/host';

/**
 * Excel.run with undo groups where Excel has them (ExcelApi 1.20) and header notes on registers it sets up where it
 * has Worksheet.notes (ExcelApi 1.18) — both checked at run time, not required. Registers
 * are set up by inserting sheets from a file, which Excel on iPad cannot do (insertWorksheetsFromBase64 is
 * supported on Windows, Mac and the web): there the pane asks for a template workbook instead.
 */
export function excelPort(): OfficeJsWorkbook {
  return new OfficeJsWorkbook({
    run: Excel.run as unknown as HostRun,
    undoGroups: Office.context.requirements.isSetSupported('ExcelApi', '1.20'),
    notes: Office.context.requirements.isSetSupported('ExcelApi', '1.18'),
    insertSheets: Office.context.platform !== Office.PlatformType.iOS,
  });
}

/** Office.onReady, or null when the page is not running inside an Office host (opened in a plain browser). */
export function officeReady(): Promise<Office.HostType | null> {
  if (typeof Office === 'undefined') return Promise.resolve(null);
  return Office.onReady().then((info) => info.host ?? null);
}
