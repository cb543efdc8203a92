/// <reference types="office-js" />
/**
 * The Office.js side of the task pane and the ribbon commands: the WorkbookPort over Excel.run. Kept to this one
 * file so that everything else stays host-neutral.
 */
import type { AutoOpen } from './ui/app';
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

/** The document setting Office reads to open the pane with the workbook (manifest: TaskpaneId Office.AutoShowTaskpaneWithDocument). */
export const AUTO_OPEN_SETTING = 'Office.AutoShowTaskpaneWithDocument';

/** The workbook's autoopen switch, kept in the document's settings (saved with the workbook). */
export function documentAutoOpen(settings: Pick<Office.Settings, 'get' | 'set' | 'saveAsync'> = Office.context.document.settings): AutoOpen {
  return {
    enabled: () => {
      const value: unknown = settings.get(AUTO_OPEN_SETTING);
      return value === null || value === undefined ? null : value === true;
    },
    set: (on) =>
      new Promise<void>((resolve, reject) => {
        settings.set(AUTO_OPEN_SETTING, on);
        settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error?.message ?? 'settings not saved'))));
      }),
  };
}
