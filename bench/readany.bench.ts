/**
 * read.openpyxlFile.ms: opening the demo workbook after openpyxl saved it (parts at openpyxl's names, so the
 * loader relocates them for exceljs), against read.taizhangFile.ms, the same workbook as Taizhang wrote it,
 * measured in the same run, interleaved; read.openpyxlFile.ratio is the first over the second (budget ≤ 1.5).
 * Both through openWorkbook, the path every command takes. Medians of 5.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbook } from '../src/cli/workbookFile';

const PYTHON = process.env.TAIZHANG_PYTHON ?? '/usr/bin/python3';

async function timed(file: string): Promise<number> {
  const start = process.hrtime.bigint();
  const wb = await openWorkbook(file);
  if (!wb.getWorksheet('_taizhang')) throw new Error(`${file}: read without its metadata sheet`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<Record<string, number>> {
  const root = path.join(__dirname, '..');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-bench-readany-'));
  const taizhang = path.join(dir, 'demo.xlsx');
  const openpyxl = path.join(dir, 'demo-openpyxl.xlsx');
  execFileSync(process.execPath, [path.join(root, 'bin', 'taizhang.js'), 'demo', '--out', taizhang], { stdio: 'ignore' });
  execFileSync(PYTHON, ['-c', 'import sys, openpyxl\nopenpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])', taizhang, openpyxl]);
  await timed(taizhang);
  await timed(openpyxl);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 5; i++) {
    a.push(await timed(openpyxl));
    b.push(await timed(taizhang));
  }
  const ms = median(a);
  const base = median(b);
  return {
    'read.openpyxlFile.ms': Math.round(ms),
    'read.taizhangFile.ms': Math.round(base),
    'read.openpyxlFile.ratio': Number((ms / base).toFixed(3)),
  };
}
