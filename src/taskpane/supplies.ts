/**
 * The supplies screen's workbook work, without the DOM. Each function is one user action: one port.read of the
 * supplies ledgers (only the columns the analysis reads), the pure analysis from src/inventory, and at most one
 * port.write — the same three sheets `taizhang analyze` writes, or the plan's 采购申请 drafts with their audit entries.
 */
import { auditTail } from '../core/audit';
import { dateToSerial } from '../core/cells';
import type { FieldError } from '../core/findings';
import { AUDIT_SHEET, SETTINGS_SHEET } from '../core/layout';
import { settingsFromSheet } from '../core/settings';
import { planDrafts, type DraftLine } from '../inventory/drafts';
import { SUPPLY_REGISTERS } from '../inventory/fields';
import { PLAN_DEPARTMENT, purchaseDrafts } from '../inventory/purchasePlan';
import { analysisFromRead, ledgerReadRequest, type Refresh } from '../inventory/refresh';
import { analysisWriteBatch } from '../inventory/sheetWrites';
import { StructureGuardError } from '../workbook/guard';
import type { ReadRequest } from '../workbook/port';
import type { Session } from './session';

export type Analysed = Extract<Refresh, { ok: true }>;

export type DraftsOutcome =
  | { ok: true; drafts: DraftLine[]; analysis: Analysed }
  | { ok: false; errors: FieldError[] };

/** Today as the analysis sees it: the date part of the session's clock (naive local time). */
export function asOfSerial(session: Session): number {
  const day = dateToSerial(session.now().slice(0, 10));
  if (day === null) throw new Error(`session clock gave "${session.now()}"`);
  return day;
}

function analyse(session: Session, read: Awaited<ReturnType<Session['port']['read']>>): Refresh {
  return analysisFromRead(read, { asOf: asOfSerial(session) });
}

/** Opening the screen: one read, nothing written. */
export async function loadSupplies(session: Session): Promise<Refresh> {
  return analyse(session, await session.port.read(ledgerReadRequest()));
}

/** 刷新消耗分析: one read, one write of 消耗分析, 采购计划 and 消耗明细 (charts where the host draws them). */
export async function refreshAnalysis(session: Session): Promise<Refresh> {
  const refresh = analyse(session, await session.port.read(ledgerReadRequest()));
  if (refresh.ok) await session.port.write(analysisWriteBatch(refresh.layouts));
  return refresh;
}

const problem = (rule: string, message: string, messageEn: string): FieldError => ({ field: null, rule, message, messageEn });

/**
 * 生成采购申请草稿: the plan is computed again from what this action reads, so requests already on order (drafts
 * made a moment ago by a colleague included) are not planned twice; then one write of the drafts and their audit
 * entries. The current user is the applicant (申请人) and the one who acts in the audit log.
 */
export async function createPurchaseDrafts(session: Session, user: string): Promise<DraftsOutcome> {
  const base = ledgerReadRequest();
  const request: ReadRequest = { ...base, meta: true, sheets: [SETTINGS_SHEET, { sheet: AUDIT_SHEET, lastRows: 1 }] };
  const read = await session.port.read(request);
  const refresh = analyse(session, read);
  if (!refresh.ok) return { ok: false, errors: [problem('supplies.none', refresh.message, refresh.messageEn)] };
  const meta = read.meta?.ok ? read.meta.meta.registers.find((r) => r.id === SUPPLY_REGISTERS.purchase) : undefined;
  const table = meta ? read.tables[meta.table] : null;
  if (!meta || !table)
    return { ok: false, errors: [problem('supplies.noPurchaseRegister', '这个工作簿没有“采购申请”登记表,无法生成采购申请草稿', 'This workbook has no 采购申请 register to put the drafts in')] };
  const settings = settingsFromSheet(read.sheets[SETTINGS_SHEET] ?? []);
  // The office's consolidated purchase is 综合办公室's; an office without that department files it under the user's own.
  const department = settings.departments.some((d) => d.name === PLAN_DEPARTMENT) ? PLAN_DEPARTMENT : (settings.people.find((p) => p.name === user)?.department ?? PLAN_DEPARTMENT);
  const records = purchaseDrafts(refresh.result.plan, department, user);
  const plan = await planDrafts({ meta, settings, table, audit: auditTail(read.sheets[AUDIT_SHEET] ?? []), now: session.now() }, records, user);
  if (!plan.ok) return plan;
  if (plan.drafts.length) {
    try {
      await session.port.write(plan.batch);
    } catch (error) {
      if (error instanceof StructureGuardError) return { ok: false, errors: error.problems.map((p) => ({ field: p.column ?? null, rule: `structure.${p.kind}`, message: p.message, messageEn: p.messageEn })) };
      throw error;
    }
  }
  return { ok: true, drafts: plan.drafts, analysis: refresh };
}
