/**
 * `taizhang verify`: recompute the audit chain and compare every audited record with its latest entry.
 * Breaks are reported in sheet order of the audit log, then by register; the first one is "the first broken link".
 *  - an entry whose own hash does not recompute was edited;
 *  - an entry out of sequence was moved (its number appears elsewhere) or one before it was deleted;
 *  - an entry whose previous-hash is not the hash before it was replaced or re-chained;
 *  - two entries with the same number and the same previous hash were written at once by two people
 *    (co-authoring in Excel on the web): both are kept and accepted, and the chain goes on from the later;
 *  - a record whose content hash differs from its latest entry was edited outside Taizhang;
 *  - an audited record that is no longer in its register was deleted;
 *  - a record showing approvals that no entry vouches for was approved by hand.
 * Records typed straight into a sheet, with no approvals, are not in the chain; they are counted, not failed.
 */
import { isReminder } from './reminders';
import type { CellValue } from './cells';
import { AUDIT_SHEET } from './layout';
import type { WorkbookMeta } from './metadata';
import { tableRecords } from './records';
import { GENESIS_HASH, entryHash, isAuditHeader, recordHash, rowToEntry, type AuditEntry } from './audit';
import { recordNumber } from './transitions';
import { covers, isActive, parseActor } from './delegation';
import { settingsFromSheet } from './settings';
import type { SettingsSpec } from '../spec/schema';
import { auditNumber, numbersLater, provisionalNumber } from './numberingStep';
import { stepDone } from './workflow';
import type { TableSnapshot } from '../workbook/port';

export type BreakKind = 'delegation' | 'entryEdited' | 'entryMissing' | 'entryDuplicated' | 'orderChanged' | 'chainBroken' | 'recordEdited' | 'recordDeleted' | 'notAudited' | 'auditMissing' | 'registerMissing';

export interface AuditBreak {
  kind: BreakKind;
  sheet: string;
  row: number | null;
  /** The audit entry involved (its sequence number), when there is one. */
  seq: number | null;
  register: string | null;
  number: string | null;
  message: string;
  messageEn: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  records: number;
  /** Entries written at the same moment by two people (co-authoring): both chain from the same entry. */
  concurrent: number;
  /** Records outside the chain (typed into the sheet, no approvals), per register name. */
  unaudited: Record<string, number>;
  breaks: AuditBreak[];
}

export interface AuditedWorkbook {
  meta: WorkbookMeta;
  tables: Record<string, TableSnapshot | null>;
  /** The _审计 sheet's values (header first), or null when the sheet is missing. */
  auditRows: CellValue[][] | null;
  /** The 设置 sheet's values: entries made `受托人(代 委托人)` are checked against its 委托 table. */
  settingsRows?: CellValue[][] | null;
}

function describe(e: AuditEntry): string {
  return `第 ${e.seq} 条(${e.time.replace('T', ' ')} ${e.actor} ${e.action} ${e.number})`;
}
function describeEn(e: AuditEntry): string {
  return `entry ${e.seq} (${e.time} ${e.actor} ${e.action} ${e.number})`;
}

async function chainBreaks(rows: CellValue[][]): Promise<{ breaks: AuditBreak[]; entries: { entry: AuditEntry; sheetRow: number }[]; concurrent: number }> {
  const breaks: AuditBreak[] = [];
  const entries: { entry: AuditEntry; sheetRow: number }[] = [];
  rows.forEach((row, i) => {
    if (i === 0 && isAuditHeader(row)) return;
    if (!row || row.every((c) => c === null || c === '')) return;
    entries.push({ entry: rowToEntry(row), sheetRow: i + 1 });
  });
  const at = (sheetRow: number, e: AuditEntry | null, kind: BreakKind, message: string, messageEn: string): AuditBreak => ({
    kind, sheet: AUDIT_SHEET, row: sheetRow, seq: e?.seq ?? null, register: e?.register ?? null, number: e?.number ?? null, message, messageEn,
  });
  const hashes = await Promise.all(entries.map(({ entry }) => entryHash(entry.prevHash, entry)));
  const seqs = new Set(entries.map(({ entry }) => entry.seq));
  let linkBroken = false;
  let expected = 1;
  let prev = GENESIS_HASH;
  let last: AuditEntry | null = null;
  let concurrent = 0;
  entries.forEach(({ entry, sheetRow }, i) => {
    if (hashes[i] !== entry.hash)
      breaks.push(at(sheetRow, entry, 'entryEdited', `${AUDIT_SHEET}!A${sheetRow}:I${sheetRow} ${describe(entry)}的内容被修改(本条哈希不符)`, `${AUDIT_SHEET}!A${sheetRow}:I${sheetRow} ${describeEn(entry)} was edited (its hash does not match)`));
    if (linkBroken) return;
    if (last && entry.seq === last.seq && entry.prevHash === last.prevHash) {
      if (entry.hash === last.hash) {
        linkBroken = true;
        breaks.push(at(sheetRow, entry, 'entryDuplicated', `${AUDIT_SHEET}!A${sheetRow} 重复了上一行的${describe(entry)}(被复制粘贴)`, `${AUDIT_SHEET}!A${sheetRow} repeats ${describeEn(entry)} (pasted twice)`));
        return;
      }
      // Two people acted at once (co-authoring): both entries chain from the same one. The next chains from the later.
      concurrent++;
      prev = entry.hash;
      last = entry;
      return;
    }
    if (entry.seq !== expected) {
      linkBroken = true;
      if (seqs.has(expected) || entry.seq < expected)
        breaks.push(at(sheetRow, entry, 'orderChanged', `${AUDIT_SHEET}!A${sheetRow} 此处应为第 ${expected} 条,却是${describe(entry)}:审计记录的顺序被改动`, `${AUDIT_SHEET}!A${sheetRow} should hold entry ${expected} but holds ${describeEn(entry)}: the order of entries was changed`));
      else
        breaks.push(at(sheetRow, entry, 'entryMissing', `${AUDIT_SHEET}!A${sheetRow} 之前缺少第 ${expected}${entry.seq - 1 > expected ? `~${entry.seq - 1}` : ''} 条审计记录(被删除),下一条是${describe(entry)}`, `Audit entry ${expected}${entry.seq - 1 > expected ? `–${entry.seq - 1}` : ''} before ${AUDIT_SHEET}!A${sheetRow} was deleted; next is ${describeEn(entry)}`));
      return;
    }
    if (entry.prevHash !== prev) {
      linkBroken = true;
      breaks.push(at(sheetRow, entry, 'chainBroken', `${AUDIT_SHEET}!H${sheetRow} ${describe(entry)}的“前一哈希”与上一条不符:链条在此断开`, `${AUDIT_SHEET}!H${sheetRow} ${describeEn(entry)} does not chain from the entry before it`));
      return;
    }
    expected = entry.seq + 1;
    prev = entry.hash;
    last = entry;
  });
  return { breaks, entries, concurrent };
}

/** Entries made under a delegation (`受托人(代 委托人)`) that no 委托 active at their time allows. */
function delegationBreaks(entries: { entry: AuditEntry; sheetRow: number }[], settings: SettingsSpec, meta: WorkbookMeta): AuditBreak[] {
  const breaks: AuditBreak[] = [];
  for (const { entry, sheetRow } of entries) {
    const { actor, onBehalfOf } = parseActor(entry.actor);
    if (!onBehalfOf) continue;
    const register = meta.registers.find((m) => m.id === entry.register);
    const allowed = (settings.delegations ?? []).some(
      (d) => d.delegator === onBehalfOf && d.delegate === actor && isActive(d, entry.time) && (!register || d.scope.length === 0 || register.spec.chain.some((r) => r.steps.some((s) => covers(d, register, s.text)))),
    );
    if (!allowed)
      breaks.push({
        kind: 'delegation', sheet: AUDIT_SHEET, row: sheetRow, seq: entry.seq, register: register?.name ?? entry.register, number: entry.number,
        message: `${AUDIT_SHEET}!F${sheetRow} ${describe(entry)}由${actor}代${onBehalfOf}办理,但当时“设置”中没有${onBehalfOf}委托${actor}的有效委托`,
        messageEn: `${AUDIT_SHEET}!F${sheetRow} ${describeEn(entry)} was done by ${actor} for ${onBehalfOf}, but no delegation from ${onBehalfOf} to ${actor} was active then`,
      });
  }
  return breaks;
}

export async function verifyWorkbook(book: AuditedWorkbook): Promise<VerifyReport> {
  const report: VerifyReport = { ok: true, entries: 0, records: 0, concurrent: 0, unaudited: {}, breaks: [] };
  if (!book.auditRows) {
    report.breaks.push({ kind: 'auditMissing', sheet: AUDIT_SHEET, row: null, seq: null, register: null, number: null, message: `缺少审计日志工作表 ${AUDIT_SHEET}(被删除?)`, messageEn: `The audit sheet ${AUDIT_SHEET} is missing (deleted?)` });
    report.ok = false;
    return report;
  }
  const chain = await chainBreaks(book.auditRows);
  report.entries = chain.entries.length;
  report.concurrent = chain.concurrent;
  report.breaks.push(...chain.breaks);
  if (book.settingsRows) report.breaks.push(...delegationBreaks(chain.entries, settingsFromSheet(book.settingsRows), book.meta));
  const latest = new Map<string, { entry: AuditEntry; sheetRow: number; hashes: Set<string> }>();
  for (const item of chain.entries) {
    // A 催办 changes nothing in the record: the record's state is what its last other entry sealed.
    if (isReminder(item.entry)) continue;
    const key = `${item.entry.register}\u0000${item.entry.number}`;
    const seen = latest.get(key);
    const hashes = seen?.hashes ?? new Set<string>();
    hashes.add(item.entry.contentHash);
    latest.set(key, { ...item, hashes });
  }
  const recordBreaks: AuditBreak[] = [];
  const matched = new Set<string>();
  for (const meta of book.meta.registers) {
    const table = book.tables[meta.table];
    if (!table) continue;
    const spec = meta.spec;
    const records = tableRecords(spec, table.rows, table.firstRow);
    report.records += records.length;
    const byNumber = new Map<string, typeof records>();
    for (const r of records) {
      const n = auditNumber(spec, r, recordNumber(spec, r.values));
      byNumber.set(n, [...(byNumber.get(n) ?? []), r]);
      // Entries from before its numbering step name the record by its provisional name: they are its history.
      if (numbersLater(spec) && n !== provisionalNumber(r)) matched.add(`${spec.id}\u0000${provisionalNumber(r)}`);
    }
    const hashes = await Promise.all(records.map((r) => recordHash(spec, r)));
    const hashOf = new Map(records.map((r, i) => [r, hashes[i]]));
    for (const [number, rows] of byNumber) {
      const key = `${spec.id}\u0000${number}`;
      const audit = latest.get(key);
      if (!audit) {
        for (const r of rows) {
          const approved = Object.values(r.steps).some(stepDone);
          if (approved)
            recordBreaks.push({ kind: 'notAudited', sheet: table.sheet, row: r.sheetRow, seq: null, register: meta.name, number, message: `${table.sheet}!A${r.sheetRow} 记录“${number}”有审批内容,但审计日志中没有它的登记或审批(手工填写的审批?)`, messageEn: `${table.sheet}!A${r.sheetRow} record "${number}" shows approvals that no audit entry records` });
          else report.unaudited[meta.name] = (report.unaudited[meta.name] ?? 0) + 1;
        }
        continue;
      }
      matched.add(key);
      const e = audit.entry;
      const current = rows.map((r) => hashOf.get(r)!);
      const ok = rows.length === 1 ? current[0] === e.contentHash : current.includes(e.contentHash) && current.every((h) => audit.hashes.has(h));
      if (!ok) {
        const r = rows.length === 1 ? rows[0] : rows.find((x) => !audit.hashes.has(hashOf.get(x)!)) ?? rows[0];
        recordBreaks.push({
          kind: 'recordEdited', sheet: table.sheet, row: r.sheetRow, seq: e.seq, register: meta.name, number,
          message: `${table.sheet}!A${r.sheetRow}:${r.sheetRow} 记录“${number}”在${describe(e)}之后被改动(内容与审计哈希不符)`,
          messageEn: `${table.sheet} row ${r.sheetRow}: record "${number}" was changed after ${describeEn(e)} (content hash differs)`,
        });
      }
    }
  }
  const registerIds = new Set(book.meta.registers.filter((m) => book.tables[m.table]).map((m) => m.id));
  for (const [key, { entry, sheetRow }] of latest) {
    if (matched.has(key) || !registerIds.has(entry.register)) continue;
    const name = book.meta.registers.find((m) => m.id === entry.register)?.name ?? entry.register;
    recordBreaks.push({ kind: 'recordDeleted', sheet: AUDIT_SHEET, row: sheetRow, seq: entry.seq, register: name, number: entry.number, message: `${describe(entry)}所记的“${name}”记录“${entry.number}”已不在登记表中(被删除或编号被改)`, messageEn: `Record "${entry.number}" of ${name} named by ${describeEn(entry)} is no longer in the register (deleted or renumbered)` });
  }
  // A register whose table is gone cannot be checked: its audited records are not "intact", they are unverifiable.
  for (const meta of book.meta.registers) {
    if (book.tables[meta.table]) continue;
    const audited = [...latest.values()].filter(({ entry }) => entry.register === meta.id).length;
    if (audited)
      recordBreaks.push({ kind: 'registerMissing', sheet: meta.name, row: null, seq: null, register: meta.name, number: null, message: `找不到“${meta.name}”的表格 ${meta.table}(工作表或表格被删除、改名,或工作簿被不保留 Excel 表格的程序另存):审计日志中它的 ${audited} 条记录无法核对`, messageEn: `The table ${meta.table} of "${meta.name}" is missing (deleted, renamed, or the workbook was saved by a program that drops Excel tables): its ${audited} audited record(s) cannot be verified` });
  }
  report.breaks.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  report.breaks.push(...recordBreaks);
  report.ok = report.breaks.length === 0;
  return report;
}
