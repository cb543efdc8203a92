/**
 * The purchase plan into the approval chain: every plan line becomes a 采购申请 record through core's planImport —
 * numbered after the register's last number, its first approval step pending, one audit entry each — and all of
 * them go into one WriteBatch, so that the task pane's "生成采购申请草稿" is one read and one write.
 *
 * planImport rather than planSubmit: a draft knowingly lacks what people add later (the three quotes 三家比价,
 * the chosen supplier), which the 采购申请 rules require before approval; an import takes the record as it is and
 * returns those gaps as warnings instead of refusing it.
 */
import { planImport, type ActionContext } from '../core/actions';
import type { CellValue, RecordValue } from '../core/cells';
import type { FieldError } from '../core/findings';
import { AUDIT_SHEET } from '../core/layout';
import type { WriteBatch } from '../workbook/port';

export interface DraftLine {
  number: string;
  status: string | null;
  /** What the record still lacks, per draft (the quotes, …). */
  warnings: FieldError[];
}

export type DraftsPlan = { ok: true; batch: WriteBatch; drafts: DraftLine[] } | { ok: false; errors: FieldError[] };

export async function planDrafts(ctx: ActionContext, records: Record<string, RecordValue>[], actor: string): Promise<DraftsPlan> {
  const rows: CellValue[][] = [];
  const auditRows: CellValue[][] = [];
  const drafts: DraftLine[] = [];
  let step = ctx;
  for (const values of records) {
    const plan = await planImport(step, { values }, actor);
    if (!plan.ok) return plan;
    const row = plan.batch.appends![0].rows[0];
    rows.push(row);
    auditRows.push(...plan.batch.sheetAppends![0].rows);
    drafts.push({ number: plan.number, status: plan.status, warnings: plan.warnings });
    // The next draft is numbered after this one and chained to its audit entry, as if this one were written already.
    step = { ...step, table: { ...step.table, rows: [...step.table.rows, row] }, audit: { seq: plan.entry.seq, hash: plan.entry.hash } };
  }
  if (!drafts.length) return { ok: true, batch: {}, drafts };
  return {
    ok: true,
    batch: {
      expectHeaders: { [ctx.meta.table]: ctx.meta.headers },
      appends: [{ table: ctx.meta.table, rows }],
      sheetAppends: [{ sheet: AUDIT_SHEET, rows: auditRows }],
    },
    drafts,
  };
}
