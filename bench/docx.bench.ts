/**
 * templates.buildSeconds.docx: every shipped document exported to Word first (not timed), then the whole
 * `taizhang templates` run over that folder of .docx as a user starts it, Node start included (budget ≤ 3 s, as for
 * Markdown). templates.buildSeconds.docxVsMarkdown compares it with the same run over the Markdown folder, measured
 * here in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..');
const cli = path.join(root, 'bin', 'taizhang.js');

function medianSeconds(dir: string): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'tz-bench-'));
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [cli, 'templates', dir, '--out', out], { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    rmSync(out, { recursive: true, force: true });
  }
  return times.sort((a, b) => a - b)[1];
}

export async function run(): Promise<Record<string, number>> {
  const word = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-bench-docx-')), 'word');
  execFileSync(process.execPath, [cli, 'docs', 'export', path.join(root, 'templates'), '--out', word], { stdio: 'ignore' });
  const docx = medianSeconds(word);
  const markdown = medianSeconds(path.join(root, 'templates'));
  rmSync(path.dirname(word), { recursive: true, force: true });
  return {
    'templates.buildSeconds.docx': Number(docx.toFixed(3)),
    'templates.buildSeconds.docxVsMarkdown': Number((docx / markdown).toFixed(2)),
  };
}
