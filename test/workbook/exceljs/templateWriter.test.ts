import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { excelValidation } from '../../../src/core/excelValidation';
import { canonicalJson, sha256Hex } from '../../../src/core/hash';
import { AUDIT_SHEET, META_SHEET, SETTINGS_SHEET, SUMMARY_SHEET, formSheetName, numberFormat, registerColumns, tableName } from '../../../src/core/layout';
import { metaFromRows, storedSpec } from '../../../src/core/metadata';
import { COMBINED_WORKBOOK, templateFileName } from '../../../src/cli/templates';
import { buildCatalog, type Catalog } from '../../../src/spec/catalog';
import { sheetValues, snapshotTable } from '../../../src/workbook/exceljs/adapter';
import { TEMPLATES_DIR, readDir } from '../../support/docs';
import { builtTemplates } from '../../support/templates';

const catalog = buildCatalog(readDir(TEMPLATES_DIR));
if (!catalog.ok) throw new Error('templates/ does not lint');
const { registers, settings }: Catalog = catalog.value;

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

type Validation = { type: string; formulae?: unknown[]; prompt?: string; error?: string };
function validationAt(ws: ExcelJS.Worksheet, address: string): Validation | undefined {
  return (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model[address];
}

describe('taizhang templates writes one workbook per register and a combined one', () => {
  let out: string;
  beforeAll(async () => {
    out = await builtTemplates();
  });

  it('writes exactly the expected files', () => {
    const files = readdirSync(out).sort();
    expect(files).toEqual([...registers.map((r) => templateFileName(r.name)), COMBINED_WORKBOOK].sort());
  });

  it.each(registers.map((r) => [r.name, r] as const))('%s: re-read with exceljs, it matches its spec', async (_name, spec) => {
    const wb = await open(path.join(out, templateFileName(spec.name)));
    const expectedSheets = [spec.name, ...(spec.chain.length ? [formSheetName(spec)] : []), `${spec.name}说明`, SETTINGS_SHEET, META_SHEET, AUDIT_SHEET];
    expect(wb.worksheets.map((w) => w.name)).toEqual(expectedSheets);
    expect(wb.getWorksheet(META_SHEET)!.state).toBe('veryHidden');
    expect(wb.getWorksheet(AUDIT_SHEET)!.state).toBe('veryHidden');

    const ws = wb.getWorksheet(spec.name)!;
    const columns = registerColumns(spec);
    const snapshot = snapshotTable(wb, tableName(spec))!;
    expect(snapshot.headers).toEqual(columns.map((c) => c.header));
    expect(snapshot.firstRow).toBe(2);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddFooter).toContain(spec.formCode);
    expect(ws.headerFooter.oddFooter).toContain('&P');

    columns.forEach((column, i) => {
      const cell = ws.getCell(2, i + 1);
      expect([cell.numFmt, ws.getColumn(i + 1).numFmt]).toContain(numberFormat(column));
      if (!column.field) return;
      const expected = excelValidation(column.field, { departments: 'D', people: 'P', lists: Object.fromEntries(settings.lists.map((l) => [l.name, l.name])) });
      const actual = validationAt(ws, cell.address);
      if (!expected) return expect(actual).toBeUndefined();
      expect(actual?.type).toBe(expected.type);
      expect(actual?.prompt).toBe(expected.prompt.slice(0, 255));
      if (expected.type === 'list' && column.field.type === 'choice') expect(actual?.formulae).toEqual(expected.formulae);
      if (expected.type === 'list' && column.field.type !== 'choice' && column.field.type !== 'yesNo') expect(String(actual?.formulae?.[0])).toContain(SETTINGS_SHEET);
      if (expected.type === 'whole' || expected.type === 'textLength') expect(actual?.formulae).toEqual(expected.formulae);
    });
    // Validation reaches down the sheet, not only the first row.
    const firstValidated = columns.findIndex((c) => c.field && excelValidation(c.field, { departments: 'D', people: 'P', lists: {} }));
    if (firstValidated >= 0) expect(validationAt(ws, ws.getCell(1001, firstValidated + 1).address)).toBeDefined();

    const meta = metaFromRows(sheetValues(wb.getWorksheet(META_SHEET)!));
    if (!meta.ok) throw new Error(meta.message);
    expect(meta.meta.registers).toHaveLength(1);
    const entry = meta.meta.registers[0];
    expect(entry).toMatchObject({ id: spec.id, name: spec.name, version: spec.version, sheet: spec.name, table: tableName(spec) });
    expect(entry.headers).toEqual(columns.map((c) => c.header));
    expect(entry.spec).toEqual(storedSpec(spec));
    expect(entry.specHash).toBe(await sha256Hex(canonicalJson(storedSpec(spec))));

    const guide = sheetValues(wb.getWorksheet(`${spec.name}说明`)!).map((r) => r.join(' ')).join('\n');
    expect(guide).toContain(spec.outline['目的'].slice(0, 20));
    expect(guide).toContain(spec.retention);

    if (spec.chain.length) {
      const form = sheetValues(wb.getWorksheet(formSheetName(spec))!).flat().filter((v) => typeof v === 'string');
      for (const route of spec.chain) for (const step of route.steps.slice(1)) expect(form).toContain(step.text);
      for (const field of spec.fields) expect(form).toContain(field.required ? `${field.name} *` : field.name);
    }
  });

  it('the combined workbook has 汇总 first, every register, and the 设置 lists', async () => {
    const wb = await open(path.join(out, COMBINED_WORKBOOK));
    expect(wb.worksheets[0].name).toBe(SUMMARY_SHEET);
    for (const spec of registers) expect(snapshotTable(wb, tableName(spec))?.headers).toEqual(registerColumns(spec).map((c) => c.header));
    const meta = metaFromRows(sheetValues(wb.getWorksheet(META_SHEET)!));
    expect(meta.ok && meta.meta.registers.map((r) => r.id)).toEqual(registers.map((r) => r.id));
    const settingsRows = sheetValues(wb.getWorksheet(SETTINGS_SHEET)!);
    expect(settingsRows.slice(1).map((r) => r[0]).filter(Boolean)).toEqual(settings.departments.map((d) => d.name));
    const header = settingsRows[0];
    for (const list of settings.lists) {
      const col = header.indexOf(list.name);
      expect(col).toBeGreaterThanOrEqual(10);
      expect(settingsRows.slice(1, 1 + list.values.length).map((r) => r[col])).toEqual(list.values);
    }
  });
});
