import { buildCatalog } from '../spec/catalog';
import { formatDocError } from '../spec/errors';
import { readDocuments } from './documents';
import type { Io } from './io';

export async function lintCommand(dir: string, io: Io): Promise<number> {
  const sources = await readDocuments(dir);
  const catalog = buildCatalog(sources);
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatDocError(e));
    io.err(`\n${catalog.errors.length} 处错误,未生成任何模板 (${catalog.errors.length} error(s))`);
    return 1;
  }
  io.out(`✓ ${catalog.value.registers.length} 个登记表流程文件和设置文件均无错误 (${catalog.value.registers.length} registers OK)`);
  return 0;
}
