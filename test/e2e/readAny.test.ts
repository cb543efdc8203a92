/**
 * The standalone page opens workbooks other tools saved: the demo after a Python script (openpyxl) opened and
 * saved it; what it saves back opens cleanly in openpyxl; and a file that is not a workbook gets a message that
 * says what it is, never exceljs's exception text. Needs `npm run build` (dist/web).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runCli } from '../support/cli';
import { FIXTURE_DOCS } from '../support/docs';
import { loadInOpenpyxl, saveWithOpenpyxl } from '../support/openpyxl';
import { WEB, launch, screenshotPath, serve, type Browser, type Served } from './support';

let server: Served;
let browser: Browser;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-e2e-readany-'));
const pageErrors: string[] = [];

async function openChosen(file: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.setFixedTime(new Date('2026-11-30T09:00:00+08:00'));
  await page.goto(`${server.url}standalone.html`);
  await page.setInputFiles('[data-test=file-input]', file);
  return page;
}

beforeAll(async () => {
  server = await serve(WEB);
  browser = await launch();
  browser.context.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the standalone page and files other tools saved', () => {
  it('opens the demo saved by openpyxl, shows its records, and saves a file openpyxl opens cleanly', async () => {
    const demo = path.join(dir, 'demo.xlsx');
    expect((await runCli(['demo', '--out', demo, '--templates', FIXTURE_DOCS])).code).toBe(0);
    const saved = path.join(dir, '台账-openpyxl.xlsx');
    await saveWithOpenpyxl(demo, saved);
    const page = await openChosen(saved);
    await page.waitForSelector('[data-test=screen-new][data-loaded]');
    await expect(page.textContent('[data-test=file-name]')).resolves.toContain('台账-openpyxl.xlsx');
    await page.click('[data-test=tab-records]');
    await page.waitForSelector('[data-test=screen-records][data-loaded]');
    expect(await page.locator('[data-test=record]').count()).toBeGreaterThan(50);
    await page.screenshot({ path: screenshotPath('zh-CN-openpyxl-file'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.click('[data-test=save]');
    const back = path.join(dir, 'saved-back.xlsx');
    await (await download).saveAs(back);
    expect(await loadInOpenpyxl(back)).toBeNull();
    expect((await runCli(['verify', back])).code).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says a Word document or a damaged file is not a readable workbook, without internal text', async () => {
    const word = path.join(dir, '通知.xlsx');
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    zip.file('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
    writeFileSync(word, await zip.generateAsync({ type: 'nodebuffer' }));
    let page = await openChosen(word);
    const error = page.locator('[data-test=flash-error]');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('这是 Word 文档,不是 Excel 工作簿');
    await page.close();
    const damaged = path.join(dir, '损坏.xlsx');
    writeFileSync(damaged, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]));
    page = await openChosen(damaged);
    await page.locator('[data-test=flash-error]').waitFor();
    const text = await page.textContent('[data-test=flash-error]');
    expect(text).toContain('已损坏');
    expect(text).not.toMatch(/Cannot read|undefined|Error:|End of data|signature/i);
    await page.close();
  });
});
