/**
 * The CLI in a process of its own, for what an in-process run cannot vary: the machine's time zone (TZ is read
 * when Node starts) and its clock (test/support/fixedClock.cjs). The CLI is bundled from the current sources once
 * per test file, as scripts/build-cli.mjs does, so a stale lib/cli.js is never what gets tested. One process runs
 * several commands, each at its own instant, and returns what each printed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { CliRun } from './cli';
import { ROOT } from './docs';

const RUNNER = `const { main } = require('./cli.js');
(async () => {
  const results = [];
  for (const { now, argv } of JSON.parse(process.env.TAIZHANG_TEST_RUNS)) {
    globalThis.taizhangTestNow = Date.parse(now);
    const out = [];
    const err = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    results.push({ code, stdout: out.join('\\n'), stderr: err.join('\\n') });
  }
  process.stdout.write(JSON.stringify(results));
})();
`;

export async function bundleCli(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-cli-bundle-'));
  await build({ entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')], outfile: path.join(dir, 'cli.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['exceljs'], logLevel: 'warning' });
  const runner = path.join(dir, 'runner.js');
  writeFileSync(runner, RUNNER);
  return runner;
}

export interface TimedRun {
  /** ISO instant the machine's clock reads. */
  now: string;
  argv: string[];
}

/** Runs CLI commands on a machine in `timeZone`, each at its own instant. */
export function runCliOn(runner: string, timeZone: string, runs: TimedRun[]): Promise<CliRun[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', path.join(ROOT, 'test', 'support', 'fixedClock.cjs'), runner],
      { env: { ...process.env, TZ: timeZone, TAIZHANG_TEST_RUNS: JSON.stringify(runs), NODE_PATH: path.join(ROOT, 'node_modules') }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as CliRun[])),
    );
  });
}
