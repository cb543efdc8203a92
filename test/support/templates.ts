import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { TEMPLATES_DIR } from './docs';

let built: Promise<string> | null = null;

/** Builds dist templates once per test file into a temp folder, through the CLI as a user would. */
export function builtTemplates(): Promise<string> {
  built ??= (async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-templates-')), 'templates');
    const r = await runCli(['templates', TEMPLATES_DIR, '--out', out]);
    if (r.code !== 0) throw new Error(`taizhang templates failed:\n${r.stderr}`);
    return out;
  })();
  return built;
}
