import { openCatalog } from './documents';
import type { Io } from './io';

export async function lintCommand(dir: string, io: Io): Promise<number> {
  const opened = await openCatalog(dir, io, { zh: '未生成任何模板', en: 'nothing written' });
  if (!opened.ok) return opened.code;
  const count = opened.catalog.registers.length;
  io.out(`✓ ${count} 个登记表流程文件和设置文件均无错误 (${count} registers OK)`);
  return 0;
}
