/**
 * The standalone page's workbook, in its own lazily loaded chunk: exceljs and the exceljs WorkbookPort run in
 * the browser over the bytes of a file the user chose. Nothing is sent anywhere; saving hands the bytes back.
 */
import ExcelJS from 'exceljs';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import type { SourceSheet } from '../core/import/prepare';
import { xlsxSource } from '../import/xlsxSource';
import { XlsxReadError, loadXlsx } from '../workbook/exceljs/loadXlsx';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';

export interface OpenFile {
  port: ExcelJsWorkbook;
  save(): Promise<Uint8Array>;
}

function wrap(workbook: ExcelJS.Workbook): OpenFile {
  return {
    port: new ExcelJsWorkbook(workbook),
    save: () => saveXlsx(workbook),
  };
}

/** The visible sheets of a ledger file the user chose to import (values and merges), read through the same loader as any workbook. */
export async function ledgerSheets(bytes: ArrayBuffer): Promise<SourceSheet[]> {
  const workbook = await loadXlsx(bytes);
  return workbook.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined).map(xlsxSource);
}

/** Any valid .xlsx, through the loader the CLI uses too; throws XlsxReadError with a message for the user. */
export async function openXlsx(bytes: ArrayBuffer): Promise<OpenFile> {
  return wrap(await loadXlsx(bytes));
}

export { XlsxReadError };

/** A new workbook as Excel makes one: a single empty sheet. */
export function blankWorkbook(sheetName: string): OpenFile {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Taizhang 台账';
  workbook.addWorksheet(sheetName);
  return wrap(workbook);
}
