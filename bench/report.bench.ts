/**
 * 时效 on a large register, through the CLI.
 *
 *   report.recordsPerSecond  `taizhang report FILE --json` on a workbook whose 用印登记 holds 100,000 records (with
 *                            their ~470,000 audit entries: submissions, approvals, returns and resubmissions), the
 *                            whole process (Node start, reading the .xlsx, replaying the audit log, the report)
 *                            timed from outside: records per second
 *   report.vsCheck           that time over `taizhang check FILE --json` on the same file in the same run
 *
 * Both commands read the file as plain rows and table ranges (cli/workbookFile.ts: RowsWorkbook), not as an exceljs
 * workbook, and run with Node's default heap, as a user runs them. Only writing the workbook (reportWorkbook.ts,
 * through exceljs) needs the larger heap (HEAP_MB).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const RECORDS = Number(process.env.TZ_BENCH_REPORT_RECORDS ?? 100_000);
const HEAP_MB = 8192;

function timed(args: string[]): number {
  const t0 = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'taizhang.js'), ...args], { stdio: 'ignore' });
  } catch (error) {
    // check exits 1 on findings; anything else is a failure of the bench.
    if ((error as { status?: number }).status !== 1) throw error;
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function run(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-bench-report-'));
  const file = path.join(dir, `seal-${RECORDS}.xlsx`);
  execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', path.join(__dirname, 'reportWorkbook.ts'), file, String(RECORDS)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const reportMs = timed(['report', file, '--json', '--as-of', '2026-11-30']);
  const checkMs = timed(['check', file, '--json', '--as-of', '2026-11-30']);
  process.stderr.write(`  report: ${Math.round(reportMs)} ms, check: ${Math.round(checkMs)} ms\n`);
  return { 'report.recordsPerSecond': Math.round(RECORDS / (reportMs / 1000)), 'report.vsCheck': Number((reportMs / checkMs).toFixed(3)) };
}
