/**
 * taizhang docs export, and templates / lint over folders of Word documents: every shipped document round-trips
 * md → docx → spec (and back to the same Markdown text), a corpus of broken .docx gets located messages with
 * nothing written, and bad usage exits 2.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { loadDocuments } from '../../src/cli/documents';
import { buildCatalog, type Catalog } from '../../src/spec/catalog';
import { formatDocError } from '../../src/spec/errors';
import { runCli } from '../support/cli';
import { FIXTURE_DOCS, ROOT, TEMPLATES_DIR, readDir } from '../support/docs';
import { docxOf } from '../support/docx';
import { buildBrokenDocxCorpus } from '../fixtures/broken-docx/make';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'broken-docx');
const cases: { file: string; code: number; place?: string; contains: string }[] = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8'));
/** The broken Word documents, built by the corpus generator (all but the two made by other tools) before the tests. */
const BROKEN = mkdtempSync(path.join(os.tmpdir(), 'tz-broken-docx-corpus-'));
beforeAll(() => buildBrokenDocxCorpus(BROKEN));

const tmp = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

function catalogOrThrow(result: ReturnType<typeof buildCatalog>): Catalog {
  if (!result.ok) throw new Error(result.errors.map((e) => formatDocError(e)).join('\n'));
  return result.value;
}

describe('taizhang docs export: every shipped document as Word and back', () => {
  let docxDir: string;
  const markdownCatalog = catalogOrThrow(buildCatalog(readDir(TEMPLATES_DIR)));
  const markdownNames = readdirSync(TEMPLATES_DIR).filter((n) => n.endsWith('.md') && n !== 'README.md').sort();

  beforeAll(async () => {
    docxDir = path.join(tmp('tz-docs-'), 'word');
    const r = await runCli(['docs', 'export', TEMPLATES_DIR, '--out', docxDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已导出 ${markdownNames.length} 个流程文件`);
  }, 120_000);

  it('writes one Word document per document, settings included', () => {
    expect(readdirSync(docxDir).sort()).toEqual(markdownNames.map((n) => n.replace(/\.md$/, '.docx')).sort());
  });

  it('md → docx → spec equals md → spec for every register, and the settings too', async () => {
    const set = await loadDocuments(docxDir);
    expect(set.unreadable).toEqual([]);
    expect(set.problems).toEqual([]);
    expect(set.warnings).toEqual([]);
    const fromWord = catalogOrThrow(buildCatalog(set.files));
    expect(fromWord.registers).toEqual(markdownCatalog.registers);
    expect(fromWord.settings).toEqual(markdownCatalog.settings);
    expect(Object.values(fromWord.files).every((f) => f.endsWith('.docx'))).toBe(true);
  });

  it('docx → md (--format md) gives back each Markdown source exactly', async () => {
    const back = path.join(tmp('tz-docs-md-'), 'md');
    const r = await runCli(['docs', 'export', docxDir, '--out', back, '--format', 'md']);
    expect(r.code).toBe(0);
    for (const name of markdownNames) expect(readFileSync(path.join(back, name), 'utf8')).toBe(readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'));
  });

  it('lint and templates read a folder of Word documents; a folder may mix .md and .docx', async () => {
    const lint = await runCli(['lint', docxDir]);
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(0);
    expect(lint.stdout).toContain(`✓ ${markdownCatalog.registers.length} 个登记表`);

    const mixed = tmp('tz-docs-mixed-');
    markdownNames.forEach((name, i) => {
      if (i % 2) copyFileSync(path.join(TEMPLATES_DIR, name), path.join(mixed, name));
      else copyFileSync(path.join(docxDir, name.replace(/\.md$/, '.docx')), path.join(mixed, name.replace(/\.md$/, '.docx')));
    });
    const out = path.join(mixed, 'out');
    const templates = await runCli(['templates', mixed, '--out', out]);
    expect(templates.stderr).toBe('');
    expect(templates.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(markdownCatalog.registers.length + 1);
  }, 120_000);

  it('looks like an office procedure in Word: title, numbered sections, tables with a repeated header row, 宋体/黑体, A4, header and footer', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(docxDir, '收文登记.docx')));
    const document = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const parts = Object.keys(zip.files);
    const header = await zip.file(parts.find((p) => /word\/header\d*\.xml/.test(p))!)!.async('string');
    const footer = await zip.file(parts.find((p) => /word\/footer\d*\.xml/.test(p))!)!.async('string');
    // Booleans, so that a failure names the expectation instead of printing the whole part.
    const has = (text: string | RegExp) => (typeof text === 'string' ? document.includes(text) : text.test(document));
    expect(has(/<w:pStyle w:val="Title"\/>.*?<w:t[^>]*>收文登记<\/w:t>/)).toBe(true);
    expect(has(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>一、流程名称<\/w:t>/)).toBe(true);
    expect(has('>十一、审核和更新</w:t>')).toBe(true);
    expect(has('当 文件类别 为 重要文件:办公室文员登记——办公室主任拟办——总经理批示')).toBe(true);
    expect((document.match(/<w:tbl>/g) ?? []).length).toBe(4); // 基本信息, 字段, 期限, 英文名称
    expect((document.match(/<w:tblHeader\/>/g) ?? []).length).toBe(4);
    expect(has(/<w:pgSz w:w="11906" w:h="16838"/)).toBe(true);
    expect(styles).toMatch(/w:eastAsia="宋体"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    expect(header).toContain('GL/YJ-BG-01');
    expect(header).toContain('保存期限：二年'); // full-width colon, as printed documents write it
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });
});

describe('a corpus of broken Word documents', () => {
  it('has a case for every file and a file for every case', () => {
    expect(readdirSync(BROKEN).filter((f) => f.endsWith('.docx')).sort()).toEqual(cases.map((c) => c.file).sort());
  });

  it.each(cases)('$file → exit $code, “$place: …$contains…”, nothing written', async ({ file, code, place, contains }) => {
    const dir = tmp('tz-broken-docx-');
    copyFileSync(path.join(FIXTURE_DOCS, '_设置.md'), path.join(dir, '_设置.md'));
    copyFileSync(path.join(BROKEN, file), path.join(dir, file));
    const lint = await runCli(['lint', dir]);
    expect(lint.code).toBe(code);
    const prefix = place ? `${path.join(dir, file)}: ${place}: ` : `${path.join(dir, file)}: `;
    const located = lint.stderr.split('\n').find((l) => l.startsWith(prefix) && l.includes(contains));
    expect(located).toBeDefined();
    expect(lint.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    expect(lint.stderr).not.toMatch(/Cannot read|undefined|TypeError/);

    for (const argv of [['templates', dir, '--out', path.join(dir, 'out')], ['docs', 'export', dir, '--out', path.join(dir, 'out')]]) {
      const r = await runCli(argv);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(prefix);
      expect(existsSync(path.join(dir, 'out'))).toBe(false);
    }
  });

  it('an unaccepted tracked change is named in a warning beside the error it makes', async () => {
    const dir = tmp('tz-broken-docx-');
    copyFileSync(path.join(FIXTURE_DOCS, '_设置.md'), path.join(dir, '_设置.md'));
    copyFileSync(path.join(BROKEN, '修订中类型写错.docx'), path.join(dir, '收文登记.docx'));
    const lint = await runCli(['lint', dir]);
    expect(lint.stderr).toContain('收文登记.docx: 提醒:有 2 处未接受的修订,已按“接受所有修订”后的文字读取:字段表 第 3 行 删除“日期”(张三);字段表 第 3 行 插入“日起”(张三)');
  });

  it('the same register as both .md and .docx in one folder is refused', async () => {
    const dir = tmp('tz-twin-');
    copyFileSync(path.join(FIXTURE_DOCS, '_设置.md'), path.join(dir, '_设置.md'));
    copyFileSync(path.join(FIXTURE_DOCS, '收文登记.md'), path.join(dir, '收文登记.md'));
    writeFileSync(path.join(dir, '收文登记.docx'), await docxOf(readFileSync(path.join(FIXTURE_DOCS, '收文登记.md'), 'utf8')));
    const lint = await runCli(['lint', dir]);
    expect(lint.code).toBe(1);
    expect(lint.stderr).toContain('收文登记.docx: 文档: 与 收文登记.md 是同一个登记表的两份文件');
  });
});

describe('taizhang docs usage', () => {
  it('exits 2 with a message for a missing --out, an unknown format or subcommand, or --out the same folder', async () => {
    for (const argv of [
      ['docs', 'export', TEMPLATES_DIR],
      ['docs', 'export', TEMPLATES_DIR, '--out', tmp('tz-o-'), '--format', 'pdf'],
      ['docs', 'import', TEMPLATES_DIR, '--out', tmp('tz-o-')],
      ['docs', 'export', TEMPLATES_DIR, '--out', TEMPLATES_DIR],
      ['docs', 'export', '/nonexistent/dir', '--out', tmp('tz-o-')],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/taizhang: .*[\u4e00-\u9fff]/);
    }
  });
});
