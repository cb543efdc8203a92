/**
 * Prepared rows → records, each through core's planImport: validated by the same rules as the form, numbered when
 * the ledger gave no number (an old number is kept, a duplicate one flagged), status 已办结 unless the source
 * says otherwise, one 导入 audit entry per record. A row that fails is rejected whole with its source row, field
 * and reason; nothing of it is written. A row imported before (same content hash in _导入) is counted, not added.
 *
 * Accounting, asserted by the tests: imported + rejected + blank/subtotal + already imported = source rows.
 */
import type { CellValue } from '../cells';
import { importPlanner, type ActionContext } from '../actions';
import { canonicalJson, sha256Hex } from '../hash';
import { canonicalValuesJson } from '../audit';
import type { RegisterSpec } from '../../spec/schema';
import { AUDIT_SHEET, STATUS_HEADER } from '../layout';
import { compilePattern, formatNumber, normaliseNumberText, parseNumber, periodAt } from '../numbering';
import { serialField } from '../transitions';
import { STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN, approvalStepsOf, pendingStatus, routeFor } from '../workflow';
import type { WriteBatch } from '../../workbook/port';
import { IMPORT_LOG_HEADER, IMPORT_LOG_SHEET, importedRow, mappingRow, readImportLog } from './importLog';
import type { SavedMapping } from './mapping';
import type { PreparedRow, RowProblem } from './prepare';
import { valueKey } from './text';
import { columnName } from '../a1';

export interface ImportContext extends ActionContext {
  /** Rows of _导入 as read in this action; null when the sheet does not exist yet. */
  importLog: CellValue[][] | null;
  /** Source sheet name, for sheet!row locations. */
  sourceName: string;
  /** 0-based source column of each mapped field, to place a rule's problem at its cell. */
  sourceColumns?: Record<string, number>;
}

export interface RejectedRow {
  sourceRow: number;
  /** 旧台账!7 */
  where: string;
  problems: RowProblem[];
}

export interface ImportOutcome {
  imported: { sourceRow: number; number: string }[];
  rejected: RejectedRow[];
  /** Blank rows and subtotal (合计/小计) rows. */
  skipped: { sourceRow: number; kind: 'blank' | 'subtotal' }[];
  alreadyImported: { sourceRow: number; sameAs: string }[];
  /** Imported with a remark: an old number that duplicates another or does not follow the register's pattern. */
  flagged: { sourceRow: number; number: string; message: string; messageEn: string }[];
}

export interface ImportPlan extends ImportOutcome {
  batch: WriteBatch;
}

/** Statuses a source may give: the register's own words, plus the ways ledgers write "done". */
function statusOf(spec: ActionContext['meta']['spec'], values: Record<string, unknown>, text: string | null): { ok: true; status: string } | { ok: false; problem: RowProblem } {
  if (text === null) return { ok: true, status: STATUS_DONE };
  const route = routeFor(spec, values as never);
  const known = [STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN, ...(route ? approvalStepsOf(route).map((s) => pendingStatus(s.text)) : [])];
  const key = valueKey(text);
  if (['办结', '已完成', '完成', '已办', '已处理', '已归档', '归档'].includes(key)) return { ok: true, status: STATUS_DONE };
  const found = known.find((k) => valueKey(k) === key);
  if (found) return { ok: true, status: found };
  return {
    ok: false,
    problem: { field: STATUS_HEADER, cell: null, message: `状态“${text}”无法识别,应为:${known.join('、')}(留空即“${STATUS_DONE}”)`, messageEn: `Status "${text}" is not known; use ${known.join(', ')} (blank means ${STATUS_DONE})` },
  };
}

/**
 * A ledger status that waits at a later step: Taizhang does not know who did the steps before it, and a step is
 * done only by the people the document allows, so the record starts at its route's first step (flagged).
 */
function inFlight(spec: ActionContext['meta']['spec'], values: Record<string, unknown>, status: string): { status: string; step: string } | null {
  const route = routeFor(spec, values as never);
  const first = route ? approvalStepsOf(route)[0] : undefined;
  if (!first || !status.startsWith(pendingStatus('')) || status === pendingStatus(first.text)) return null;
  return { status: pendingStatus(first.text), step: first.text };
}

/** The import's hash of a row: what it says, field by field, after conversion — the same row typed 2025.3.5 or 2025-03-05 is one row. */
export function rowHash(spec: RegisterSpec, row: PreparedRow, digest = sha256Hex): Promise<string> {
  // canonicalJson({ register, status, values }), its members written in order.
  return digest('{"register":' + canonicalJson(spec.id) + ',"status":' + canonicalJson(row.status) + ',"values":' + canonicalValuesJson(spec, row.values) + '}');
}

export async function planLedgerImport(ctx: ImportContext, rows: PreparedRow[], actor: string, mapping?: { signature: string; confirmed: SavedMapping }): Promise<ImportPlan> {
  const spec = ctx.meta.spec;
  const digest = ctx.digest ?? sha256Hex;
  const log = readImportLog(ctx.importLog, spec.id);
  const outcome: ImportOutcome = { imported: [], rejected: [], skipped: [], alreadyImported: [], flagged: [] };
  const serial = serialField(spec);
  const pattern = serial ? compilePattern(serial.rules.pattern!) : null;
  const headers = ctx.table.headers;
  const serialColumn = serial ? headers.indexOf(serial.name) : -1;

  // Numbers in the register and in this import, for duplicates; the highest per period is all planImport's numbering needs.
  const numbers = new Map<string, string>();
  const highest = new Map<string, number>();
  const noteNumber = (text: string, where: string) => {
    numbers.set(normaliseNumberText(text), where);
    const parsed = pattern ? parseNumber(pattern, text) : null;
    if (parsed && parsed.n > (highest.get(parsed.period) ?? 0)) highest.set(parsed.period, parsed.n);
  };
  if (serialColumn >= 0) ctx.table.rows.forEach((r, i) => typeof r[serialColumn] === 'string' && r[serialColumn] !== '' && noteNumber(String(r[serialColumn]), `${ctx.table.sheet}!${ctx.table.firstRow + i}`));
  // One above the highest of the period, as nextNumber would find it among all the numbers; it counts once the
  // record is planned (a rejected row gives its number to the next).
  const period = pattern ? periodAt(pattern, ctx.now) : null;
  const given = new Map<string, number>();
  const next = () => {
    const n = (highest.get(period!.key) ?? 0) + 1;
    const number = formatNumber(pattern!, period!.year, period!.month, n);
    given.set(number, n);
    return number;
  };
  const planner = importPlanner(ctx, actor);

  const appended: CellValue[][] = [];
  const auditRows: CellValue[][] = [];
  const logRows: CellValue[][] = [];
  const seenInFile = new Map<string, number>();
  let audit = ctx.audit;
  for (const row of rows) {
    if (row.kind !== 'data') {
      outcome.skipped.push({ sourceRow: row.sourceRow, kind: row.kind });
      continue;
    }
    const hash = await rowHash(spec, row, digest);
    if (log.hashes.has(hash)) {
      outcome.alreadyImported.push({ sourceRow: row.sourceRow, sameAs: '' });
      continue;
    }
    given.clear();
    const twin = seenInFile.get(hash);
    if (twin !== undefined) {
      outcome.alreadyImported.push({ sourceRow: row.sourceRow, sameAs: `${ctx.sourceName}!${twin}` });
      continue;
    }
    const where = `${ctx.sourceName}!${row.sourceRow}`;
    const problems = [...row.problems];
    const status = spec.chain.length ? statusOf(spec, row.values, row.status) : null;
    if (status && !status.ok) problems.push(status.problem);
    if (problems.length === 0) {
      const oldNumber = serial ? row.values[serial.name] : null;
      const start = status && status.ok ? inFlight(spec, row.values, status.status) : null;
      const result = planner.ok ? await planner.plan(audit, { values: row.values, status: start ? start.status : status && status.ok ? status.status : undefined }, next) : planner;
      if (!result.ok) problems.push(...result.errors.map((e) => ({ field: e.field, cell: null, message: e.message, messageEn: e.messageEn })));
      else if (result.warnings.length) problems.push(...result.warnings.map((e) => ({ field: e.field, cell: null, message: e.message, messageEn: e.messageEn })));
      else {
        const number = result.number;
        if (serial && typeof oldNumber === 'string' && oldNumber !== '') {
          const first = numbers.get(normaliseNumberText(oldNumber));
          if (first)
            outcome.flagged.push({ sourceRow: row.sourceRow, number, message: `${where}:编号“${oldNumber}”与 ${first} 重复,已照原样导入,请核对`, messageEn: `${where}: number "${oldNumber}" duplicates ${first}; imported as it is, please check` });
          else if (pattern && !parseNumber(pattern, oldNumber))
            outcome.flagged.push({ sourceRow: row.sourceRow, number, message: `${where}:原编号“${oldNumber}”不符合本登记表的编号格式 ${serial.rules.pattern},已照原样保留`, messageEn: `${where}: the old number "${oldNumber}" does not follow ${serial.rules.pattern}; kept as it is` });
        }
        if (start)
          outcome.flagged.push({
            sourceRow: row.sourceRow,
            number,
            message: `${where}:原状态“${row.status}”之前各步由谁办理,台账中没有记录;已从第一步“${start.step}”起待办,请相关人员在台账中补办`,
            messageEn: `${where}: the ledger's status "${row.status}" is past steps whose handlers are not recorded here; the record now waits at the first step, "${start.step}"`,
          });
        const n = given.get(number);
        if (n !== undefined) {
          numbers.set(normaliseNumberText(number), where);
          highest.set(period!.key, n);
        } else if (serial) noteNumber(number, where);
        appended.push(...result.batch.appends![0].rows);
        auditRows.push(...result.batch.sheetAppends![0].rows);
        logRows.push(importedRow(spec.id, hash, number, ctx.now));
        audit = { seq: result.entry.seq, hash: result.entry.hash };
        seenInFile.set(hash, row.sourceRow);
        outcome.imported.push({ sourceRow: row.sourceRow, number });
        continue;
      }
    }
    // A rule's problem is placed at the field's cell when the source has that column.
    const placed = problems.map((p) => {
      const column = p.field !== null && !p.cell ? ctx.sourceColumns?.[p.field] : undefined;
      return column === undefined ? p : { ...p, cell: `${columnName(column + 1)}${row.sourceRow}` };
    });
    outcome.rejected.push({ sourceRow: row.sourceRow, where, problems: placed });
  }
  if (mapping && outcome.imported.length) logRows.push(mappingRow(spec.id, mapping.signature, mapping.confirmed, ctx.now));
  const batch: WriteBatch = { expectHeaders: { [ctx.meta.table]: ctx.meta.headers } };
  if (appended.length) {
    batch.appends = [{ table: ctx.meta.table, rows: appended }];
    batch.sheetAppends = [{ sheet: AUDIT_SHEET, rows: auditRows }];
  }
  if (logRows.length) {
    if (ctx.importLog) (batch.sheetAppends ??= []).push({ sheet: IMPORT_LOG_SHEET, rows: logRows });
    else batch.sheetWrites = [{ sheet: IMPORT_LOG_SHEET, rows: [IMPORT_LOG_HEADER, ...logRows], hidden: true }];
  }
  return { ...outcome, batch };
}
