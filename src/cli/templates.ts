import { promises as fs } from 'node:fs';
import path from 'node:path';
import { layoutProblems } from '../core/layout';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';
import { buildWorkbook } from '../workbook/exceljs/templateWriter';
import { openCatalog } from './documents';
import type { Io } from './io';
import { progress } from './progress';

export const COMBINED_WORKBOOK = '台账-全部登记表.xlsx';

/** File name of one register's blank template. */
export function templateFileName(name: string): string {
  return `${name}.xlsx`;
}

export async function templatesCommand(dir: string, out: string, io: Io): Promise<number> {
  const opened = await openCatalog(dir, io, { zh: '未生成任何模板', en: 'no template written' });
  if (!opened.ok) return opened.code;
  const { registers, settings, files } = opened.catalog;
  const clashes = registers.flatMap((spec) => layoutProblems(spec).map((p) => `${files[spec.id]}:1:1: ${p}`));
  if (clashes.length) {
    clashes.forEach((c) => io.err(c));
    return 1;
  }
  // Build everything in memory first so that a failure part-way leaves the previous templates untouched.
  const bar = progress();
  const buffers: { name: string; data: Uint8Array }[] = [];
  for (const [i, spec] of registers.entries()) {
    bar.step(i + 1, registers.length + 1, spec.name);
    const wb = await buildWorkbook([spec], settings, { combined: false });
    buffers.push({ name: templateFileName(spec.name), data: await saveXlsx(wb) });
  }
  bar.step(registers.length + 1, registers.length + 1, COMBINED_WORKBOOK);
  const combined = await buildWorkbook(registers, settings, { combined: true });
  buffers.push({ name: COMBINED_WORKBOOK, data: await saveXlsx(combined) });
  bar.end();
  await fs.mkdir(out, { recursive: true });
  await Promise.all(buffers.map((b) => fs.writeFile(path.join(out, b.name), b.data)));
  io.out(`✓ 已生成 ${registers.length} 个登记表模板和合并工作簿 ${COMBINED_WORKBOOK} → ${out} (${buffers.length} files)`);
  return 0;
}
