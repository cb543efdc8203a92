/**
 * The standalone page's workbook, in its own lazily loaded chunk: exceljs and the exceljs WorkbookPort run in
 * the browser over the bytes of a file the user chose. Nothing is sent anywhere; saving hands the bytes back.
 */
import ExcelJS from 'exceljs';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import type { SourceSheet } from '../core/import/prepare';
import { xlsxSource } from '../import/xlsxSource';

export interface OpenFile {
  port: ExcelJsWorkbook;
  save(): Promise<Uint8Array>;
}

function wrap(workbook: ExcelJS.Workbook): OpenFile {
  return {
    port: new ExcelJsWorkbook(workbook),
    save: async () => new Uint8Array(await workbook.xlsx.writeBuffer()),
  };
}

/** The visible sheets of a ledger file the user chose to import (values and merges), read by the same exceljs. */
export async function ledgerSheets(bytes: ArrayBuffer): Promise<SourceSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined).map(xlsxSource);
}

export async function openXlsx(bytes: ArrayBuffer): Promise<OpenFile> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return wrap(workbook);
}

/** A new workbook as Excel makes one: a single empty sheet. */
export function blankWorkbook(sheetName: string): OpenFile {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Taizhang 台账';
  workbook.addWorksheet(sheetName);
  return wrap(workbook);
}
