/** templates.buildSeconds: the whole `taizhang templates` run as a user starts it, Node start included. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function run(): Promise<Record<string, number>> {
  const root = path.join(__dirname, '..');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'tz-bench-'));
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [path.join(root, 'bin', 'taizhang.js'), 'templates', path.join(root, 'templates'), '--out', out], { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    rmSync(out, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { 'templates.buildSeconds': Number(times[1].toFixed(3)) };
}
