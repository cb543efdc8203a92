/**
 * The manifest declares the Excel requirement set every shipped Excel API needs. The code's use of Excel is found
 * with the TypeScript checker and each API's set read from @types/office-js (excelApiUse.ts); an API above the
 * declared set is allowed only where the code asks Office.context.requirements.isSetSupported for its set.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { excelApiUse } from './excelApiUse';

const ROOT = path.join(__dirname, '..', '..');

/** Shipped code: src/ without the fake Excel used by tests. */
function shippedFiles(dir = path.join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'testing' ? [] : shippedFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function declaredExcelApi(): number {
  const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const m = /<Set Name="ExcelApi" MinVersion="1\.(\d+)"\s*\/>/.exec(manifest);
  if (!m) throw new Error('manifest.xml declares no ExcelApi requirement set');
  return Number(m[1]);
}

describe('requirement sets', () => {
  const { uses, unknown, guarded } = excelApiUse(shippedFiles());

  it('finds the Excel API the add-in uses (the scan sees through the adapter’s host types)', () => {
    const apis = new Set(uses.map((u) => u.api));
    for (const api of ['Excel.run', 'RequestContext.sync', 'RequestContext.workbook', 'Workbook.worksheets', 'Worksheet.activate', 'Range.values'])
      expect({ api, found: apis.has(api) }).toEqual({ api, found: true });
    expect(uses.find((u) => u.api === 'Range.getMergedAreasOrNullObject')?.version).toBe(13);
  });

  it('uses nothing that is not in the Excel API', () => {
    expect(unknown).toEqual([]);
  });

  it('declares in manifest.xml the highest set any unguarded API needs', () => {
    const declared = declaredExcelApi();
    const above = uses.filter((u) => u.version > declared && !guarded.includes(u.version));
    expect(above.map((u) => `${u.api} needs ExcelApi 1.${u.version} (${u.file}:${u.line})`)).toEqual([]);
    const needed = Math.max(1, ...uses.filter((u) => !guarded.includes(u.version) || u.version <= declared).map((u) => u.version));
    // Not declaring more than needed keeps older Excel versions able to load the add-in.
    expect(`ExcelApi 1.${declared}`).toBe(`ExcelApi 1.${needed}`);
  });
});
