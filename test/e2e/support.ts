/**
 * E2E plumbing: the built standalone page (dist/web) served by a local http server on 127.0.0.1 at a random
 * port, and Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by playwright-core with a fresh
 * profile. Screenshots go to test-output/screenshots/ (not committed) for a reviewer to look at.
 */
import type { RecordValue } from '../../src/core/cells';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.join(__dirname, '..', '..');
export const WEB = path.join(ROOT, 'dist', 'web');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = process.env.TAIZHANG_CHROMIUM ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves dir at / and optional extra files at fixed paths (the demo workbook at /demo/demo.xlsx). */
export async function serve(dir: string, extra: Record<string, string> = {}): Promise<Served> {
  if (!existsSync(path.join(dir, 'standalone.html'))) throw new Error(`${dir}/standalone.html is missing: run \`npm run build\` first`);
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = extra[urlPath] ?? path.join(dir, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) && !Object.values(extra).includes(file)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The browser's own zone is Beijing's unless a test puts the computer elsewhere. */
export async function launch(timezoneId = 'Asia/Shanghai'): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tz-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId,
    viewport: { width: 420, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

/** Clicks 保存(下载) on the standalone page and returns where the downloaded workbook was saved. */
export async function saveWorkbook(page: Page, prefix: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.click('[data-test=save]');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), prefix)), 'saved.xlsx');
  await (await download).saveAs(file);
  return file;
}

export interface StandaloneRun {
  server: Served;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * The built standalone page served and opened in a fresh Chromium at a fixed clock; `watch` attaches listeners
 * (console, requests, dialogs) before the page loads, so that nothing of the load is missed.
 */
export async function openStandalone(clock: Date, watch: (page: Page) => void = () => undefined): Promise<StandaloneRun> {
  const server = await serve(WEB);
  const browser = await launch();
  browser.context.setDefaultTimeout(10_000);
  const page = await browser.context.newPage();
  watch(page);
  await page.clock.setFixedTime(clock);
  await page.goto(`${server.url}standalone.html`);
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The i-th of a batch of 收文 records received on 2 March 2026 (the shipped 收文登记's fields). */
export const incomingRecord = (i: number): Record<string, RecordValue> => ({
  收文日期: '2026-03-02',
  来文单位: '长沙市人民政府办公厅',
  来文类别: '上级来文',
  文件标题: `关于做好第${i + 1}批防汛工作的通知`,
  文件类别: '一般文件',
  紧急程度: '平件',
  密级: '公开',
  份数: 2,
});
