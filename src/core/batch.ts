/**
 * 批量同意 / 批量退回 from 待办: records of several registers, one opinion, one read and one write for the whole
 * selection. Each record gets its own step values and audit entry (chained one after another). A record that
 * changed since the pane read it (a co-author acted first), or that the user may not act on, is skipped and listed —
 * never half-approved: its cells and its audit entry are left out of the write together.
 */
import { planAction, type ActionContext } from './actions';
import type { AuditTail, Digest } from './audit';
import type { FieldError } from './findings';
import type { RegisterMeta } from './metadata';
import { numbersKey, numbersLater } from './numberingStep';
import { rowToRecord } from './records';
import { recordNumber, serialField } from './transitions';
import { AUDIT_SHEET, SETTINGS_SHEET } from './layout';
import { deriveState } from './workflow';
import type { ReadRequest, ReadResult, WriteBatch } from '../workbook/port';
import type { SettingsSpec } from '../spec/schema';

export interface BatchItem {
  registerId: string;
  /** 0-based body index of the record's row. */
  row: number;
  /** Number and status as the pane showed them. */
  number: string;
  status: string | null;
}

export type BatchAction = { kind: 'approve'; opinion: string } | { kind: 'return'; opinion: string };

export interface BatchPlan {
  batch: WriteBatch;
  done: { item: BatchItem; number: string; status: string | null }[];
  skipped: { item: BatchItem; errors: FieldError[] }[];
}

/** One read for the whole selection: each register's selected rows (and its numbers when numbered at a step). */
export function readsForBatch(metas: RegisterMeta[], items: BatchItem[]): ReadRequest {
  const tables: NonNullable<ReadRequest['tables']> = [];
  for (const meta of metas) {
    const rows = items.filter((i) => i.registerId === meta.id).map((i) => i.row);
    if (!rows.length) continue;
    tables.push({ table: meta.table, rowsAt: rows });
    const serial = serialField(meta.spec);
    if (serial && numbersLater(meta.spec)) tables.push({ table: meta.table, key: numbersKey(meta.table), columns: [serial.name] });
  }
  return { meta: true, tables, sheets: [SETTINGS_SHEET, { sheet: AUDIT_SHEET, lastRows: 1 }] };
}

const changed = (item: BatchItem, now: string | null): FieldError => ({
  field: null,
  rule: 'batch.changed',
  message: `记录“${item.number}”已被他人办理(现为“${now ?? '不存在'}”),未处理`,
  messageEn: `Record "${item.number}" was acted on by someone else (now "${now ?? 'gone'}"); left as it is`,
});

export async function planBatch(
  input: { metas: RegisterMeta[]; read: ReadResult; settings: SettingsSpec; audit: AuditTail; now: string; digest?: Digest },
  items: BatchItem[],
  action: BatchAction,
  actor: string,
): Promise<BatchPlan> {
  const plan: BatchPlan = { batch: { expectHeaders: {}, updates: [], sheetAppends: [{ sheet: AUDIT_SHEET, rows: [] }] }, done: [], skipped: [] };
  let audit = input.audit;
  for (const item of items) {
    const meta = input.metas.find((m) => m.id === item.registerId);
    const table = meta ? input.read.tables[meta.table] : null;
    if (!meta || !table) {
      plan.skipped.push({ item, errors: [changed(item, null)] });
      continue;
    }
    const row = table.rows[item.row - table.rowStart];
    const current = row && !row.every((c) => c === null || c === '') ? rowToRecord(meta.spec, row, item.row, table.firstRow - table.rowStart) : null;
    const status = current ? deriveState(meta.spec, current).status : null;
    if (!current || recordNumber(meta.spec, current.values) !== item.number || status !== item.status) {
      plan.skipped.push({ item, errors: [changed(item, current ? status : null)] });
      continue;
    }
    const ctx: ActionContext = { meta, settings: input.settings, table, audit, now: input.now, digest: input.digest, numbers: input.read.tables[numbersKey(meta.table)] ?? undefined };
    const result = await planAction(ctx, { row: item.row, number: item.number }, action, actor);
    if (!result.ok) {
      plan.skipped.push({ item, errors: result.errors });
      continue;
    }
    // The next record's plan sees this one's cells (a register numbered at a step numbers them in turn).
    for (const u of result.batch.updates ?? []) {
      const target = u.table === meta.table ? table.rows[u.row - table.rowStart] : null;
      if (target) target[u.column] = u.value;
      const numbers = ctx.numbers?.rows[u.row - (ctx.numbers?.rowStart ?? 0)];
      if (numbers) numbers[u.column] = u.value;
    }
    Object.assign(plan.batch.expectHeaders!, result.batch.expectHeaders);
    plan.batch.updates!.push(...(result.batch.updates ?? []));
    plan.batch.sheetAppends![0].rows.push(...(result.batch.sheetAppends?.[0]?.rows ?? []));
    audit = { seq: result.entry.seq, hash: result.entry.hash };
    plan.done.push({ item, number: result.number, status: result.status });
  }
  return plan;
}
