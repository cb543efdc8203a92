/**
 * The repository stands alone: what a clone holds is all the product, its tests and its documents need. Nothing
 * tracked points outside it, and the manifest's schema check passes in a copy of the tracked files with nothing
 * beside it (the files a `git clone` gets, taken from the working tree so an uncommitted edit is tested too).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
// Spelled in pieces so that this file does not match itself.
const OUTSIDE = [['..', 'shared'].join('/'), ['', 'work', 'shared'].join('/')];

const SCHEMA_TESTS = 'against the Office add-in manifest schemas|fails the schema when it is wrong';

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && existsSync(path.join(ROOT, f)));
}

function isText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 8000).includes(0);
}

describe('the repository stands alone', () => {
  const files = trackedFiles();

  it('tracks the manifest schemas and the architecture document it links', () => {
    expect(files).toEqual(expect.arrayContaining(['schemas/office-manifest/OfficeAppManifestV1_1.xsd', 'schemas/office-manifest/README.md', 'docs/architecture.md']));
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/architecture.md)');
  });

  it('no tracked file points outside the repository', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(path.join(ROOT, file));
      if (!isText(bytes)) continue;
      const lines = bytes.toString('utf8').split('\n');
      lines.forEach((line, i) => {
        if (OUTSIDE.some((p) => line.includes(p))) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the manifest schema check passes in a copy of the tracked files with nothing beside it', () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'tz-clone-'));
    const clone = path.join(parent, 'taizhang');
    try {
      for (const file of files) {
        mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
        copyFileSync(path.join(ROOT, file), path.join(clone, file));
      }
      // What `npm ci` would install; the clone's own folder is the only thing in its parent.
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
      expect(readdirSync(parent)).toEqual(['taizhang']);
      const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
      const run = spawnSync(process.execPath, [jest, '--ci', '--colors=false', 'test/manifest/manifest.test.ts', '-t', SCHEMA_TESTS], {
        cwd: clone,
        encoding: 'utf8',
      });
      const output = `${run.stdout}${run.stderr}`;
      expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringMatching(/Tests:\s+\d+ skipped, 2 passed/) });
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
