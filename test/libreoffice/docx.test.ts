/**
 * Every shipped document exported as Word, opened and saved again by LibreOffice Writer (headless, one soffice
 * run for all of them), reads back to the same specs and settings as the Markdown documents.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDocuments } from '../../src/cli/documents';
import { buildCatalog } from '../../src/spec/catalog';
import { formatDocError } from '../../src/spec/errors';
import { runCli } from '../support/cli';
import { TEMPLATES_DIR, readDir } from '../support/docs';
import { sofficePath } from '../support/libreoffice';

describe('LibreOffice Writer re-saves every exported Word document', () => {
  let resaved: string;
  let exported: string[];
  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tz-lo-docx-'));
    const word = path.join(root, 'word');
    const r = await runCli(['docs', 'export', TEMPLATES_DIR, '--out', word]);
    if (r.code !== 0) throw new Error(r.stderr);
    exported = readdirSync(word).sort();
    resaved = path.join(root, 'resaved');
    const profile = mkdtempSync(path.join(os.tmpdir(), 'tz-lo-profile-'));
    execFileSync(
      sofficePath(),
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', resaved, ...exported.map((f) => path.join(word, f))],
      { stdio: 'pipe', timeout: 600_000 },
    );
  }, 600_000);

  it('writes every document again', () => {
    expect(readdirSync(resaved).sort()).toEqual(exported);
  });

  it('the re-saved documents read to exactly the specs and settings of the Markdown documents', async () => {
    const markdown = buildCatalog(readDir(TEMPLATES_DIR));
    if (!markdown.ok) throw new Error(markdown.errors.map((e) => formatDocError(e)).join('\n'));
    const set = await loadDocuments(resaved);
    expect(set.unreadable).toEqual([]);
    expect(set.problems).toEqual([]);
    expect(set.warnings).toEqual([]);
    const word = buildCatalog(set.files);
    if (!word.ok) throw new Error(word.errors.map((e) => formatDocError(e)).join('\n'));
    expect(word.value.registers).toEqual(markdown.value.registers);
    expect(word.value.settings).toEqual(markdown.value.settings);
  });

  it('taizhang lint passes on them', async () => {
    const lint = await runCli(['lint', resaved]);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(0);
  });
});
