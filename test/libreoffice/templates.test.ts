import path from 'node:path';
import { readdirSync } from 'node:fs';
import { registerColumns } from '../../src/core/layout';
import { COMBINED_WORKBOOK, templateFileName } from '../../src/cli/templates';
import { buildCatalog } from '../../src/spec/catalog';
import { TEMPLATES_DIR, readDir } from '../support/docs';
import { convertToCsv, readCsv } from '../support/libreoffice';
import { builtTemplates } from '../support/templates';

const catalog = buildCatalog(readDir(TEMPLATES_DIR));
if (!catalog.ok) throw new Error('templates/ does not lint');
const registers = catalog.value.registers;

describe('LibreOffice (headless) opens every generated template', () => {
  let csvDir: string;
  let out: string;
  beforeAll(async () => {
    out = await builtTemplates();
    csvDir = convertToCsv(readdirSync(out).map((f) => path.join(out, f)));
  }, 600_000);

  it.each(registers.map((r) => [r.name, r] as const))('%s: its register sheet exports the expected header row', (_n, spec) => {
    const base = templateFileName(spec.name).replace(/\.xlsx$/, '');
    const rows = readCsv(csvDir, base, spec.name);
    expect(rows).not.toBeNull();
    expect(rows![0]).toEqual(registerColumns(spec).map((c) => c.header));
  });

  it('the combined workbook exports every register sheet with its header row', () => {
    const base = COMBINED_WORKBOOK.replace(/\.xlsx$/, '');
    for (const spec of registers) {
      const rows = readCsv(csvDir, base, spec.name);
      expect(rows?.[0]).toEqual(registerColumns(spec).map((c) => c.header));
    }
    const summary = readCsv(csvDir, base, '汇总');
    expect(summary?.[2]).toEqual(['表单编号', '登记表', '类别', '保存期限', '记录数']);
    // The summary's record counts are live formulas that LibreOffice recalculates: blank templates count 0.
    expect(summary!.slice(3, 3 + registers.length).map((r) => r[4])).toEqual(registers.map(() => '0'));
  });
});
