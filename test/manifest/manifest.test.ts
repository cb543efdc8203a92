/**
 * manifest.xml checked offline: against Microsoft's manifest schemas kept in the repository
 * (schemas/office-manifest, see its README; xmllint from libxml2-utils, installed by .ci/run), and against the build — every URL it names is
 * served by the webpack dev server (https://localhost:3000) and is a file of the production build in dist/web,
 * whose own manifest points at the production URL. `npm test` builds dist/web before jest.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const XSD = path.join(ROOT, 'schemas', 'office-manifest', 'OfficeAppManifestV1_1.xsd');
const WEB = path.join(ROOT, 'dist', 'web');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require(path.join(ROOT, 'webpack.config.js')) as { DEV_URL: string; DEV_PORT: number; PROD_URL: string };

const source = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

function validate(file: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    return { ok: false, output: e.stderr ?? e.message };
  }
}

/** Every URL the manifest names (DefaultValue and Override values, AppDomain, SourceLocation). */
function urls(xml: string): string[] {
  const found = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g), ...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1]);
  return [...new Set(found)];
}

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  it('is valid against the Office add-in manifest schemas', () => {
    expect(existsSync(XSD)).toBe(true);
    const result = validate(path.join(ROOT, 'manifest.xml'));
    expect(result.output).not.toMatch(/error/i);
    expect(result.ok).toBe(true);
  });

  it('fails the schema when it is wrong (the check can fail)', () => {
    const broken = path.join(require('node:os').tmpdir(), `tz-manifest-${process.pid}.xml`);
    require('node:fs').writeFileSync(broken, source.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>EverythingPlease</Permissions>'));
    expect(validate(broken).ok).toBe(false);
  });

  it('is an Excel task-pane add-in asking for ReadWriteDocument only, zh-CN by default with en-US overrides', () => {
    expect(source).toContain('xsi:type="TaskPaneApp"');
    expect(source).toMatch(/<Host Name="Workbook"\s*\/>/);
    expect(source.match(/<Permissions>([^<]+)<\/Permissions>/g)).toEqual(['<Permissions>ReadWriteDocument</Permissions>']);
    expect(source).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    // Every localisable string has an en-US override.
    const strings = [...source.matchAll(/<(DisplayName|Description|bt:String)\b[^>]*DefaultValue="([^"]*)"[^>]*>([\s\S]*?)<\/\1>/g)];
    expect(strings.length).toBeGreaterThanOrEqual(12);
    for (const [, tag, zh, body] of strings) {
      expect(/[\u4e00-\u9fff]/.test(zh)).toBe(true);
      expect({ tag, zh, en: /Locale="en-US" Value="[^"]+"/.test(body) }).toEqual({ tag, zh, en: true });
    }
  });

  it('puts a Taizhang group on the Home tab: open pane, new record, approval queue, refresh summary', () => {
    expect(source).toContain('<OfficeTab id="TabHome">');
    const controls = [...source.matchAll(/<Control xsi:type="Button" id="([^"]+)">([\s\S]*?)<\/Control>/g)].map((m) => ({ id: m[1], action: /<Action xsi:type="(\w+)"/.exec(m[2])![1] }));
    expect(controls).toEqual([
      { id: 'Taizhang.OpenPane', action: 'ShowTaskpane' },
      { id: 'Taizhang.NewRecord', action: 'ShowTaskpane' },
      { id: 'Taizhang.Queue', action: 'ShowTaskpane' },
      { id: 'Taizhang.RefreshSummary', action: 'ExecuteFunction' },
    ]);
    // The function command is the one commands.ts associates; the pane URLs open the views the pane knows.
    const fn = /<FunctionName>(\w+)<\/FunctionName>/.exec(source)![1];
    expect(readFileSync(path.join(ROOT, 'src', 'commands', 'commands.ts'), 'utf8')).toContain(`Office.actions.associate('${fn}'`);
    const views = [...source.matchAll(/taskpane\.html\?view=(\w+)/g)].map((m) => m[1]);
    expect(views).toEqual(['new', 'queue']);
    const app = readFileSync(path.join(ROOT, 'src', 'taskpane', 'ui', 'app.ts'), 'utf8');
    for (const v of views) expect(app).toContain(`'${v}'`);
  });

  it('names icons at every required size, and each file has that size', () => {
    const images = [...source.matchAll(/<bt:Image id="Icon\.(\d+)x\1" DefaultValue="([^"]+)"/g)].map((m) => ({ size: Number(m[1]), url: m[2] }));
    expect(images.map((i) => i.size)).toEqual([16, 32, 80]);
    const all = [...images, { size: 32, url: /<IconUrl DefaultValue="([^"]+)"/.exec(source)![1] }, { size: 64, url: /<HighResolutionIconUrl DefaultValue="([^"]+)"/.exec(source)![1] }];
    for (const { size, url } of all) {
      const file = path.join(ROOT, new URL(url).pathname);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it('points every URL at the webpack dev server, at files the build produces', () => {
    expect(webpackConfig.DEV_URL).toBe(`https://localhost:${webpackConfig.DEV_PORT}/`);
    const all = urls(source);
    expect(all.length).toBeGreaterThan(8);
    for (const url of all) {
      expect(url.startsWith(webpackConfig.DEV_URL.slice(0, -1))).toBe(true);
      const file = new URL(url).pathname.replace(/^\//, '');
      if (file) expect({ url, built: existsSync(path.join(WEB, file)) }).toEqual({ url, built: true });
    }
  });

  it('is rewritten for the production build: same files under the production URL, still schema-valid', () => {
    const prod = readFileSync(path.join(WEB, 'manifest.xml'), 'utf8');
    expect(prod).not.toContain('localhost');
    const devPaths = urls(source).map((u) => new URL(u).pathname + new URL(u).search);
    const prodUrls = urls(prod);
    expect(prodUrls.map((u) => new URL(u).pathname + new URL(u).search)).toEqual(devPaths);
    for (const u of prodUrls) expect(u.startsWith(webpackConfig.PROD_URL.slice(0, -1))).toBe(true);
    expect(validate(path.join(WEB, 'manifest.xml')).ok).toBe(true);
  });

  it('loads Office.js from Microsoft’s CDN in the task pane and commands, never in the standalone page', () => {
    const cdn = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
    expect(readFileSync(path.join(WEB, 'taskpane.html'), 'utf8')).toContain(cdn);
    expect(readFileSync(path.join(WEB, 'commands.html'), 'utf8')).toContain(cdn);
    const standalone = readFileSync(path.join(WEB, 'standalone.html'), 'utf8');
    expect(standalone).not.toContain('office.js');
    // Nothing leaves the browser: the standalone page may only talk to where it came from.
    expect(standalone).toContain("connect-src 'self'");
    // No other remote script anywhere in the build.
    const scripts = (page: string) => [...readFileSync(path.join(WEB, page), 'utf8').matchAll(/<script[^>]+src=["']?([^"'\s>]+)/g)].map((m) => m[1]);
    expect(scripts('taskpane.html')).toContain(cdn);
    for (const page of ['taskpane.html', 'commands.html', 'standalone.html', 'help.html'])
      expect(scripts(page).filter((u) => /^(https?:)?\/\//.test(u) && u !== cdn)).toEqual([]);
  });
});
