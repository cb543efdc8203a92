import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_DOCS, ROOT, TEMPLATES_DIR } from '../support/docs';
import { runCli } from '../support/cli';

const BROKEN = path.join(ROOT, 'test', 'fixtures', 'broken');
const cases: { file: string; line: number; contains: string }[] = JSON.parse(readFileSync(path.join(BROKEN, 'expected.json'), 'utf8'));

function folderWith(file: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-broken-'));
  copyFileSync(path.join(FIXTURE_DOCS, '_设置.md'), path.join(dir, '_设置.md'));
  copyFileSync(path.join(BROKEN, file), path.join(dir, file));
  return dir;
}

describe('a corpus of broken documents', () => {
  it('has a case for every file and a file for every case', () => {
    const files = readdirSync(BROKEN).filter((f) => f.endsWith('.md')).sort();
    expect(files).toEqual(cases.map((c) => c.file).sort());
  });

  it.each(cases)('$file → $file:$line: …$contains…, exit 1, no template written', async ({ file, line, contains }) => {
    const dir = folderWith(file);
    const lint = await runCli(['lint', dir]);
    expect(lint.code).toBe(1);
    const located = lint.stderr.split('\n').find((l) => l.startsWith(`${path.join(dir, file)}:${line}:`));
    expect(located).toBeDefined();
    expect(located).toContain(contains);
    expect(lint.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace

    const out = path.join(dir, 'out');
    const templates = await runCli(['templates', dir, '--out', out]);
    expect(templates.code).toBe(1);
    expect(templates.stderr).toContain(`${file}:${line}:`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('taizhang lint and usage', () => {
  it('passes on the shipped documents', async () => {
    const r = await runCli(['lint', TEMPLATES_DIR]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ \d+ 个登记表/);
  });

  it('exits 2 with a message for a missing folder, an unknown command or option', async () => {
    for (const argv of [['lint', '/nonexistent/dir'], ['frobnicate'], ['templates', TEMPLATES_DIR, '--colour'], ['templates', TEMPLATES_DIR, '--out']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/taizhang: .*[\u4e00-\u9fff]/);
      expect(r.stderr).toContain('用法');
    }
  });

  it('exits 1 when the folder has documents but no settings document', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-nosettings-'));
    copyFileSync(path.join(FIXTURE_DOCS, '收文登记.md'), path.join(dir, '收文登记.md'));
    const r = await runCli(['lint', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('缺少设置文件 _设置.md');
  });
});
