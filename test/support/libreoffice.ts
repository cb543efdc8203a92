import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** soffice from libreoffice-calc-nogui (installed by .ci/run). */
export function sofficePath(): string {
  for (const candidate of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      /* try next */
    }
  }
  throw new Error('LibreOffice (soffice) is not installed: run .ci/run or apt-get install libreoffice-calc-nogui');
}

/**
 * Converts workbooks to CSV with headless LibreOffice, one CSV per sheet (UTF-8, comma, formulas' values).
 * Returns the output folder; files are named <workbook>-<sheet>.csv.
 */
export function convertToCsv(files: string[]): string {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'tz-lo-csv-'));
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tz-lo-profile-'));
  execFileSync(
    sofficePath(),
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      // 44 = comma, 34 = double quote, 76 = UTF-8, 1 = from line 1, sheet -1 = every sheet to its own file.
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 600_000 },
  );
  return outDir;
}

/** Minimal RFC 4180 reader, enough for LibreOffice's output. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function readCsv(dir: string, workbookBase: string, sheet: string): string[][] | null {
  const name = `${workbookBase}-${sheet}.csv`;
  if (!readdirSync(dir).includes(name)) return null;
  return parseCsv(readFileSync(path.join(dir, name), 'utf8'));
}
