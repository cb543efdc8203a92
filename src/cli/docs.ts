/**
 * taizhang docs export [DIR] --out OUT [--format docx|md]
 * Every process document of DIR in one format: Markdown as Word documents (docx, the default) or Word documents as
 * Markdown (md), so an office can move either way. All documents are checked first; nothing is written when any
 * is wrong.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isSettingsFile } from '../spec/catalog';
import { markdownToDocx, type DocxHeading } from '../docx/writeDocx';
import { UsageError } from './args';
import { openCatalog } from './documents';
import type { Io } from './io';
import { progress } from './progress';

export type DocsFormat = 'docx' | 'md';

export function docsFormat(flag: string | true | undefined): DocsFormat {
  if (flag === undefined || flag === 'docx') return 'docx';
  if (flag === 'md') return 'md';
  throw new UsageError(`--format 应为 docx 或 md (--format must be docx or md)`);
}

export async function docsExportCommand(dir: string, out: string, format: DocsFormat, io: Io): Promise<number> {
  if (path.resolve(dir) === path.resolve(out))
    throw new UsageError('--out 须是另一个目录:导出的文件与原文件放在一起会成为同一登记表的两份文件 (--out must be another folder)');
  const opened = await openCatalog(dir, io, { zh: '未导出任何文件', en: 'nothing exported' });
  if (!opened.ok) return opened.code;
  const { catalog, files } = opened;
  const specByFile = new Map(catalog.registers.map((spec) => [catalog.files[spec.id], spec]));
  const bar = progress();
  const outputs: { name: string; data: Buffer | string }[] = [];
  for (const [i, doc] of files.entries()) {
    const base = path.basename(doc.file).replace(/\.(md|docx)$/i, '');
    bar.step(i + 1, files.length, base);
    const isWord = doc.word !== undefined;
    if (format === 'md') {
      outputs.push({ name: `${base}.md`, data: doc.source });
    } else if (isWord) {
      outputs.push({ name: `${base}.docx`, data: await fs.readFile(doc.file) });
    } else {
      const spec = specByFile.get(doc.file);
      const heading: DocxHeading = spec
        ? { left: `${spec.name}  表单编号：${spec.formCode}`, right: `保存期限：${spec.retention}` }
        : { left: isSettingsFile(doc.file) ? '台账设置(部门、角色、人员、列表)' : base, right: '' };
      outputs.push({ name: `${base}.docx`, data: await markdownToDocx(doc.source, heading) });
    }
  }
  bar.end();
  await fs.mkdir(out, { recursive: true });
  await Promise.all(outputs.map((o) => fs.writeFile(path.join(out, o.name), o.data)));
  const kind = format === 'md' ? 'Markdown' : 'Word';
  io.out(`✓ 已导出 ${outputs.length} 个流程文件(${kind})→ ${out} (${outputs.length} documents as ${kind})`);
  return 0;
}
