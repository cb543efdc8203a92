/**
 * taizhang verify FILE [--json] [--lang en]
 * Recomputes the audit chain and compares every audited record with its latest entry; names the first broken
 * link. Exit 0 when intact, 1 when anything was edited, deleted or reordered, 2 when the file cannot be read.
 */
import { verifyWorkbook } from '../core/verify';
import type { Io } from './io';
import { InputError, readRegistersFile, say, type Lang } from './workbookFile';

export async function verifyCommand(file: string, options: { json: boolean; lang: Lang }, io: Io): Promise<number> {
  let read;
  try {
    read = await readRegistersFile(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`taizhang verify: ${say(options.lang, error.message, error.messageEn)}`);
    return 2;
  }
  const report = await verifyWorkbook({ meta: read.meta, tables: read.tables, auditRows: read.auditRows, settingsRows: read.settingsRows });
  if (options.json) {
    io.out(JSON.stringify({ file, ...report, firstBreak: report.breaks[0] ?? null }, null, 2));
    return report.ok ? 0 : 1;
  }
  const L = (zh: string, en: string) => say(options.lang, zh, en);
  const unaudited = Object.entries(report.unaudited);
  const note = unaudited.length
    ? L(`;另有 ${unaudited.map(([r, n]) => `${r} ${n} 条`).join('、')}为手工录入、未经审批,不在审计链中`, `; records typed in by hand without approvals are outside the chain: ${unaudited.map(([r, n]) => `${r} ${n}`).join(', ')}`)
    : '';
  const together = report.concurrent
    ? L(`;其中 ${report.concurrent} 条是两人同时办理(共同编辑)写下的并列记录`, `; ${report.concurrent} entries were written at the same moment by two people (co-authoring)`)
    : '';
  if (report.ok) {
    io.out(L(`✓ 审计链完整:${report.entries} 条审计记录,${report.records} 条记录均与其最后一次登记或审批一致${together}${note}`, `✓ Audit chain intact: ${report.entries} entries; all ${report.records} records match their latest entry${together}${note}`));
    return 0;
  }
  const first = report.breaks[0];
  io.out(L(`✗ 审计链断开,第一处:${first.message}`, `✗ Audit chain broken; first break: ${first.messageEn}`));
  if (report.breaks.length > 1) {
    io.out(L(`全部 ${report.breaks.length} 处:`, `All ${report.breaks.length} breaks:`));
    for (const b of report.breaks.slice(0, 100)) io.out(`  ${L(b.message, b.messageEn)}`);
    if (report.breaks.length > 100) io.out(L(`  …另有 ${report.breaks.length - 100} 处`, `  …and ${report.breaks.length - 100} more`));
  }
  return 1;
}
