/**
 * Every workbook Taizhang writes — templates, the demo, analyze and retention copies, the standalone page's
 * saves after 刷新汇总 and 刷新消耗分析, the Office.js set-up file — uses only the schema's attributes in its table,
 * validation and style parts, and loads in openpyxl with no error and no warning.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { openXlsx } from '../../../src/standalone/xlsxFile';
import { buildCatalog } from '../../../src/spec/catalog';
import { Session } from '../../../src/taskpane/session';
import { refreshAnalysis } from '../../../src/taskpane/supplies';
import { cleanTablePart, cleanWorksheetPart } from '../../../src/workbook/exceljs/saveXlsx';
import { planSetup } from '../../../src/workbook/officejs/setupBook';
import { runCli } from '../../support/cli';
import { TEMPLATES_DIR, readDir } from '../../support/docs';
import { loadAllInOpenpyxl } from '../../support/openpyxl';
import { SPREADSHEETML_ATTRIBUTES, unknownAttributes } from '../../support/spreadsheetmlSchema';
import { builtTemplates } from '../../support/templates';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-written-'));
const written: Record<string, string> = {};

async function schemaProblems(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const problems: string[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    let found: string[] = [];
    if (/^xl\/tables\/.+\.xml$/.test(name) || name === 'xl/styles.xml') found = unknownAttributes(await zip.files[name].async('string'));
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      const xml = await zip.files[name].async('string');
      const validations = xml.match(/<dataValidations\b[\s\S]*?<\/dataValidations>/)?.[0];
      if (validations) found = unknownAttributes(validations);
    }
    problems.push(...found.map((f) => `${path.basename(file)} ${name}: ${f}`));
  }
  return problems;
}

beforeAll(async () => {
  const templates = await builtTemplates();
  for (const f of readdirSync(templates)) written[`templates/${f}`] = path.join(templates, f);
  const demo = path.join(dir, 'demo.xlsx');
  expect((await runCli(['demo', '--out', demo, '--templates', TEMPLATES_DIR])).code).toBe(0);
  written.demo = demo;
  written.analyze = path.join(dir, 'analyze.xlsx');
  expect((await runCli(['analyze', demo, '--out', written.analyze, '--as-of', '2026-11-30'])).code).toBeLessThan(2);
  written.retention = path.join(dir, 'retention.xlsx');
  expect((await runCli(['retention', demo, '--as-of', '2040-01-01', '--out', written.retention])).code).toBe(0);

  // The standalone page: open the demo, 刷新汇总 and 刷新消耗分析, save.
  const file = await openXlsx(readFileSync(demo).buffer as ArrayBuffer);
  const session = new Session(file.port, () => '2026-11-30T17:00');
  await session.open();
  await session.refreshSummary();
  expect((await refreshAnalysis(session)).ok).toBe(true);
  written.standalone = path.join(dir, 'standalone.xlsx');
  writeFileSync(written.standalone, await file.save());

  // The Office.js set-up: the file the template writer builds for insertWorksheetsFromBase64, on a blank workbook.
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates do not lint');
  const plan = await planSetup({ sheets: [{ name: 'Sheet1', empty: true }], tables: [], meta: null, settingsHeader: null }, { specs: catalog.value.registers, settings: catalog.value.settings });
  written.officeSetup = path.join(dir, 'office-setup.xlsx');
  writeFileSync(written.officeSetup, Buffer.from(plan.base64, 'base64'));
}, 600_000);

describe('workbooks Taizhang writes', () => {
  it('use only ECMA-376 attributes in table, data validation and style parts', async () => {
    const problems: string[] = [];
    for (const file of Object.values(written)) problems.push(...(await schemaProblems(file)));
    expect(problems).toEqual([]);
  });

  it('load in openpyxl without an error or a warning', async () => {
    const result = await loadAllInOpenpyxl(Object.values(written));
    const complaints = Object.entries(result).filter(([, e]) => e !== null);
    expect(complaints).toEqual([]);
    expect(Object.keys(result)).toHaveLength(Object.keys(written).length);
  });

  it('have tables with formatted columns and data bars where managers read them (the cleaning keeps them)', async () => {
    const zip = await JSZip.loadAsync(readFileSync(written.analyze));
    const tables = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('xl/tables/')).map((n) => zip.files[n].async('string')));
    expect(tables.some((t) => /<tableColumn [^>]*dataDxfId="\d+"/.test(t))).toBe(true);
    const sheets = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet')).map((n) => zip.files[n].async('string')));
    expect(sheets.some((s) => s.includes('<cfRule type="dataBar"'))).toBe(true);
  });
});

describe('the allow-list check itself', () => {
  it('fails on exceljs’s raw table column and data bar, and passes them cleaned', () => {
    const raw = '<table xmlns="x" id="1" name="t" displayName="t" ref="A1:B2"><tableColumns count="1"><tableColumn id="1" name="金额" dxfId="0"/></tableColumns></table>';
    expect(unknownAttributes(raw)).toEqual(['tableColumn@dxfId']);
    expect(unknownAttributes(cleanTablePart(raw))).toEqual([]);
    const bar = '<cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id/></ext></extLst></cfRule>';
    expect(cleanWorksheetPart(bar)).toBe('<cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/></dataBar></cfRule>');
    expect(SPREADSHEETML_ATTRIBUTES.tableColumn).not.toContain('dxfId');
  });
});
