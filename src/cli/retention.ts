/**
 * taizhang retention FILE [--as-of DATE] [--out FILE] [--json] [--lang en]
 * Records whose retention period (保存期限) has run out as of DATE, per register rule, with the approvals the
 * 销毁清册 needs; --out writes a copy of the workbook with the 销毁清册 sheet ready to print and sign.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatDate } from '../core/dates';
import { tableRecords } from '../core/records';
import { DESTRUCTION_SHEET, destructionList, destructionSheetRows, type DestructionItem } from '../core/retention';
import { settingsFromSheet } from '../core/settings';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';
import { UsageError } from './args';
import { asOfAtOffice, asOfInstant } from './check';
import type { Io } from './io';
import { InputError, openWorkbook, readRegisters, readRegistersFile, say, type Lang } from './workbookFile';

export interface RetentionOptions {
  asOf?: string;
  out?: string;
  json: boolean;
  lang: Lang;
}

export async function retentionCommand(file: string, options: RetentionOptions, io: Io): Promise<number> {
  asOfInstant(options.asOf); // a bad --as-of is bad usage, said before the file is read
  if (options.out && path.resolve(options.out) === path.resolve(file))
    throw new UsageError('--out 不能是原工作簿本身:销毁清册写入副本 (--out must not be the input workbook)');
  let wb;
  let read;
  try {
    // The copy --out writes needs the workbook whole; reading alone does not.
    wb = options.out ? await openWorkbook(file) : null;
    read = wb ? await readRegisters(file, new ExcelJsWorkbook(wb)) : await readRegistersFile(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`taizhang retention: ${say(options.lang, error.message, error.messageEn)}`);
    return 2;
  }
  const asOf = asOfAtOffice(options, read.settingsRows, 'retention', io);
  const registers = read.meta.registers.flatMap((m) => {
    const t = read.tables[m.table];
    return t ? [{ spec: m.spec, sheet: t.sheet, records: tableRecords(m.spec, t.rows, t.firstRow) }] : [];
  });
  const list = destructionList(registers, asOf, read.settingsRows ? settingsFromSheet(read.settingsRows) : null);
  if (wb && options.out) {
    await new ExcelJsWorkbook(wb).write({ sheetWrites: [{ sheet: DESTRUCTION_SHEET, rows: destructionSheetRows(list) }] });
    await fs.writeFile(options.out, await saveXlsx(wb));
  }
  if (options.json) {
    io.out(JSON.stringify({ file, ...list, written: options.out ?? null }, null, 2));
    return 0;
  }
  const L = (zh: string, en: string) => say(options.lang, zh, en);
  io.out(L(`销毁清册(截至 ${formatDate(asOf)}):${list.items.length} 条记录已过保存期限`, `Destruction list as of ${formatDate(asOf)}: ${list.items.length} record(s) past retention`));
  const groups = new Map<string, DestructionItem[]>();
  for (const item of list.items) groups.set(item.register, [...(groups.get(item.register) ?? []), item]);
  for (const [register, items] of groups) {
    const first = items[0];
    io.out(L(`  ${register}(${first.formCode},保存${first.retention},销毁责任人 ${first.destroyedBy}):${items.length} 条`, `  ${register} (${first.formCode}, kept ${first.retention}, destroyed by ${first.destroyedBy}): ${items.length}`));
    for (const item of items.slice(0, 10)) io.out(`    ${item.number}  ${item.sheet}!A${item.row}  ${item.from} → ${item.due}${item.fromSubmission ? L('(按登记时间计)', ' (from submission time)') : ''}`);
    if (items.length > 10) io.out(L(`    …另有 ${items.length - 10} 条`, `    …and ${items.length - 10} more`));
  }
  if (list.held.length) io.out(L(`未办结、暂缓销毁:${list.held.length} 条`, `Still in approval, held back: ${list.held.length}`));
  if (list.undated.length) io.out(L(`缺少保存起算日期、无法计算:${list.undated.length} 条`, `No start date, cannot be scheduled: ${list.undated.length}`));
  if (list.items.length) {
    io.out(L('销毁前须办理:', 'Approvals needed before destruction:'));
    for (const a of list.approvals) io.out(`  ${a.step}:${a.role}(${a.names.join('、') || L('“设置”中无此角色', 'nobody holds this role')})`);
  }
  if (options.out) io.out(L(`✓ 已写入 ${options.out} 的“${DESTRUCTION_SHEET}”工作表`, `✓ Written to sheet ${DESTRUCTION_SHEET} of ${options.out}`));
  return 0;
}
