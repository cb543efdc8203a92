/**
 * What the task pane calls: one user action = one port.read (readsFor*) + one pure plan here + one port.write.
 * A plan checks the table's structure, the actor's role, the record's state and the values, then returns the
 * WriteBatch (the row or changed cells, and the audit entry in the same batch) — or errors as data, and nothing
 * is written. `now` is always given by the caller.
 */
import type { CellValue, RecordValue } from './cells';
import type { ConsumptionEvent } from './consumption';
import { CONSUMPTION_SOURCE } from './consumption';
import { withDefaults } from './defaults';
import { parseInstant } from './dates';
import type { FieldError } from './findings';
import { AUDIT_SHEET, SETTINGS_SHEET, registerColumns, specColumns } from './layout';
import type { RegisterMeta } from './metadata';
import { compilePattern, nextNumber } from './numbering';
import { recordToRow, rowToRecord, type RegisterRecord, type StepEntry } from './records';
import { checkStructure } from './structure';
import { findPerson } from './settings';
import { AUDIT_ACTIONS, entryToRow, recordHash, rowContentHash, sealEntry, type AuditAction, type AuditEntry, type AuditTail, type Digest } from './audit';
import { recordNumber, serialField, transition, type WorkflowAction, type WorkflowRecord } from './transitions';
import { normaliseValues, validateValues } from './validate';
import { PENDING_NUMBER, auditNumber, isPendingNumber, numberNow, numbersKey, numbersLater } from './numberingStep';
import { deriveState, routeFor } from './workflow';
import { authorityProblem, routeGaps } from './authority';
import type { ReadRequest, TableSnapshot, WriteBatch } from '../workbook/port';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

export interface ActionContext {
  meta: RegisterMeta;
  /** From the workbook's 设置 sheet (settingsFromSheet). */
  settings: SettingsSpec;
  /** The register's table as read in this action (whole, or the parts readsFor* asked for). */
  table: TableSnapshot;
  /** From the last row of _审计 (auditTail). */
  audit: AuditTail;
  /** YYYY-MM-DDTHH:mm[:ss], naive local time. */
  now: string;
  /** Issue history, for registers with a 半年使用数 rule. */
  consumption?: ConsumptionEvent[];
  /** SHA-256 implementation; WebCrypto unless a batch job passes an equivalent one. */
  digest?: Digest;
  /** The register's number column, for registers numbered at a step (编号时机): see readsForRecord. */
  numbers?: TableSnapshot;
}

export type PlanResult =
  | { ok: true; batch: WriteBatch; number: string; record: WorkflowRecord; status: string | null; entry: AuditEntry; warnings: FieldError[] }
  | { ok: false; errors: FieldError[] };

export interface Target {
  /** 0-based body index of the record's row (TableSnapshot.rowStart + index into rows). */
  row: number;
  /** The number the caller saw there; refused if the row now holds another record. */
  number?: string;
}

const fail = (errors: FieldError[]): PlanResult => ({ ok: false, errors });

function structureErrors(meta: RegisterMeta, table: TableSnapshot): FieldError[] {
  return checkStructure(meta, table).map((p) => ({ field: p.column ?? null, rule: `structure.${p.kind}`, message: p.message, messageEn: p.messageEn }));
}

function checkNow(now: string): void {
  if (parseInstant(now) === null) throw new Error(`now must be YYYY-MM-DD[THH:mm[:ss]], got "${now}"`);
}

/** Reads a submit needs: the number column of every row (never the whole table), 设置, the audit tail. */
export function readsForSubmit(meta: RegisterMeta, all: RegisterMeta[] = []): ReadRequest {
  const serial = serialField(meta.spec);
  const tables: NonNullable<ReadRequest['tables']> = [{ table: meta.table, columns: serial ? [serial.name] : [], rows: serial ? undefined : { from: -1, count: 1 } }];
  const source = all.find((m) => m.id === CONSUMPTION_SOURCE.register);
  if (source && meta.spec.rules.some((r) => r.kind === 'halfYearCap') && source.table !== meta.table)
    tables.push({ table: source.table, columns: [CONSUMPTION_SOURCE.item, CONSUMPTION_SOURCE.quantity, CONSUMPTION_SOURCE.date, '状态'] });
  return { meta: true, tables, sheets: [SETTINGS_SHEET, { sheet: AUDIT_SHEET, lastRows: 1 }] };
}

/** Reads an action on one record needs: that row, 设置, the audit tail. */
export function readsForRecord(meta: RegisterMeta, row: number): ReadRequest {
  const tables: NonNullable<ReadRequest['tables']> = [{ table: meta.table, rows: { from: row, count: 1 } }];
  const serial = serialField(meta.spec);
  // A register numbered at a step reads its number column too: the approval at that step gives the next number.
  if (serial && numbersLater(meta.spec)) tables.push({ table: meta.table, key: numbersKey(meta.table), columns: [serial.name] });
  return { meta: true, tables, sheets: [SETTINGS_SHEET, { sheet: AUDIT_SHEET, lastRows: 1 }] };
}

async function seal(ctx: ActionContext, record: WorkflowRecord, action: AuditAction | { word: string }, actor: string, row?: CellValue[]) {
  const contentHash = await (row ? rowContentHash(ctx.meta.spec, row, ctx.digest) : recordHash(ctx.meta.spec, record, ctx.digest));
  const word = typeof action === 'string' ? AUDIT_ACTIONS[action] : action.word;
  return sealEntry(ctx.audit, { time: ctx.now, register: ctx.meta.spec.id, number: auditNumber(ctx.meta.spec, record, recordNumber(ctx.meta.spec, record.values)), action: word, actor, contentHash }, ctx.digest);
}

function serialValues(spec: RegisterSpec, table: TableSnapshot): (string | null)[] {
  const serial = serialField(spec);
  if (!serial) return [];
  const i = table.headers.indexOf(serial.name);
  if (i < 0) return [];
  return table.rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i])));
}

async function appendPlan(ctx: ActionContext, record: WorkflowRecord, action: AuditAction, actor: string, warnings: FieldError[]): Promise<PlanResult> {
  const spec = ctx.meta.spec;
  const row = recordToRow(spec, record, specColumns(spec));
  const entry = await seal(ctx, record, action, actor, row);
  return {
    ok: true,
    batch: {
      expectHeaders: { [ctx.meta.table]: ctx.meta.headers },
      appends: [{ table: ctx.meta.table, rows: [row] }],
      sheetAppends: [{ sheet: AUDIT_SHEET, rows: [entryToRow(entry)] }],
    },
    number: recordNumber(spec, record.values),
    record,
    status: record.status,
    entry,
    warnings,
  };
}

/** 提交: a new record, numbered from the rows already in the register, with the first approval step pending. */
export async function planSubmit(ctx: ActionContext, values: Record<string, RecordValue | undefined>, actor: string): Promise<PlanResult> {
  checkNow(ctx.now);
  const spec = ctx.meta.spec;
  const structure = structureErrors(ctx.meta, ctx.table);
  if (structure.length) return fail(structure);
  if (!findPerson(ctx.settings, actor))
    return fail([{ field: null, rule: 'workflow.unknownActor', message: `“${actor}”不在“设置”工作表的人员名单中`, messageEn: `"${actor}" is not listed on the 设置 sheet` }]);
  const clean = normaliseValues(spec, withDefaults(spec, values, ctx.now));
  const errors = validateValues(spec, clean, { settings: ctx.settings, consumption: ctx.consumption });
  const route = routeFor(spec, clean);
  if (route) {
    const who = authorityProblem(spec, ctx.settings, { values: clean, submittedBy: actor }, route.steps[0], actor, true);
    if (who) errors.unshift(who);
    // A record that nobody may approve would wait for ever: say now what 设置 lacks.
    errors.push(...routeGaps(spec, ctx.settings, clean, actor));
  }
  if (errors.length) return fail(errors);
  const serial = serialField(spec);
  if (serial) clean[serial.name] = numbersLater(spec) ? PENDING_NUMBER : nextNumber(compilePattern(serial.rules.pattern!), serialValues(spec, ctx.table), ctx.now).number;
  const steps = Object.fromEntries(registerColumns(spec).filter((c) => c.kind === 'stepActor').map((c) => [c.step!, { actor: null, time: null, opinion: null }]));
  let record: WorkflowRecord = { values: clean, submittedBy: actor, submittedAt: ctx.now, status: null, steps };
  if (route) record = { ...record, status: deriveState(spec, record).status };
  return appendPlan(ctx, record, 'submit', actor, []);
}

/**
 * 导入: a record taken over as it is (a paper register being migrated). It is numbered when it has no number,
 * enters the audit chain, and its validation problems come back as warnings instead of refusing it.
 */
export async function planImport(ctx: ActionContext, record: ImportedRecord, actor: string): Promise<PlanResult> {
  const planner = importPlanner(ctx, actor);
  if (!planner.ok) return fail(planner.errors);
  const serial = serialField(ctx.meta.spec);
  return planner.plan(ctx.audit, record, () => nextNumber(compilePattern(serial!.rules.pattern!), serialValues(ctx.meta.spec, ctx.table), ctx.now).number);
}

export type ImportedRecord = Partial<WorkflowRecord> & { values: Record<string, RecordValue | undefined> };

export type ImportPlanner =
  | { ok: true; plan: (audit: AuditTail, record: ImportedRecord, nextNumber: () => string) => Promise<PlanResult> }
  | { ok: false; errors: FieldError[] };

/**
 * planImport for the many records of one import: the clock, the table's structure and the actor are checked once,
 * and the caller keeps the audit tail and the numbering between records (a 100,000-row ledger is one import).
 * `nextNumber` is asked only for a record that has no number of its own.
 */
export function importPlanner(ctx: Omit<ActionContext, 'audit'>, actor: string): ImportPlanner {
  checkNow(ctx.now);
  const spec = ctx.meta.spec;
  const structure = structureErrors(ctx.meta, ctx.table);
  if (structure.length) return { ok: false, errors: structure };
  if (!findPerson(ctx.settings, actor))
    return { ok: false, errors: [{ field: null, rule: 'workflow.unknownActor', message: `“${actor}”不在“设置”工作表的人员名单中`, messageEn: `"${actor}" is not listed on the 设置 sheet` }] };
  const serial = serialField(spec);
  const stepNames = specColumns(spec).flatMap((c) => (c.kind === 'stepActor' ? [c.step!] : []));
  const plan = (audit: AuditTail, record: ImportedRecord, nextNumber: () => string): Promise<PlanResult> => {
    const clean = normaliseValues(spec, record.values);
    if (serial && clean[serial.name] === null) clean[serial.name] = nextNumber();
    const steps: Record<string, StepEntry> = {};
    for (const step of stepNames) steps[step] = record.steps?.[step] ?? { actor: null, time: null, opinion: null };
    let full: WorkflowRecord = { values: clean, submittedBy: record.submittedBy ?? actor, submittedAt: record.submittedAt ?? ctx.now, status: null, steps };
    full = { ...full, status: record.status !== undefined ? record.status : spec.chain.length ? deriveState(spec, full).status : null };
    const warnings = validateValues(spec, clean, { settings: ctx.settings, consumption: ctx.consumption });
    return appendPlan({ ...ctx, audit }, full, 'import', actor, warnings);
  };
  return { ok: true, plan };
}

function locate(ctx: ActionContext, target: Target): { ok: true; record: RegisterRecord } | { ok: false; errors: FieldError[] } {
  const bad = (message: string, messageEn: string) => ({ ok: false as const, errors: [{ field: null, rule: 'workflow.target', message, messageEn }] });
  const i = target.row - ctx.table.rowStart;
  const row = ctx.table.rows[i];
  if (!row || row.every((c) => c === null || c === '')) return bad(`第 ${target.row + 1} 条记录不存在或为空`, `Record ${target.row + 1} does not exist or is blank`);
  if (ctx.table.readColumns) throw new Error('An action on a record needs its whole row: read it without TableRead.columns');
  const record = rowToRecord(ctx.meta.spec, row, target.row, ctx.table.firstRow - ctx.table.rowStart);
  const number = recordNumber(ctx.meta.spec, record.values);
  if (target.number !== undefined && number !== target.number)
    return bad(`该行现在是记录“${number}”,不是“${target.number}”(表格已排序或被他人修改),请刷新后重试`, `That row now holds "${number}", not "${target.number}"; refresh and retry`);
  return { ok: true, record };
}

/** The record after an approval at the numbering step (编号时机) gets the next number; null when the numbers were not read. */
function numberedAtStep(ctx: ActionContext, before: WorkflowRecord, after: WorkflowRecord, action: WorkflowAction): WorkflowRecord | null {
  const spec = ctx.meta.spec;
  if (action.kind !== 'approve' || !numbersLater(spec) || !isPendingNumber(spec, after.values)) return after;
  if (deriveState(spec, before).pending?.text !== spec.numberAt) return after;
  if (!ctx.numbers) return null;
  return { ...after, values: { ...after.values, [serialField(spec)!.name]: numberNow(spec, ctx.numbers, ctx.now) } };
}

const AUDIT_OF: Record<WorkflowAction['kind'], AuditAction> = { approve: 'approve', return: 'return', reject: 'reject', withdraw: 'withdraw', resubmit: 'resubmit', update: 'update', recall: 'recall' };

/** The audit log's word for an action: 退回 to a step names the step (退回至部门领导审核). */
function auditWord(action: WorkflowAction): string {
  return action.kind === 'return' && action.toStep ? `${AUDIT_ACTIONS.return}至${action.toStep}` : AUDIT_ACTIONS[AUDIT_OF[action.kind]];
}

/** Any action on an existing record; the named plan* functions below are what the pane calls. */
export async function planAction(ctx: ActionContext, target: Target, action: WorkflowAction, actor: string): Promise<PlanResult> {
  checkNow(ctx.now);
  const spec = ctx.meta.spec;
  const structure = structureErrors(ctx.meta, ctx.table);
  if (structure.length) return fail(structure);
  const found = locate(ctx, target);
  if (!found.ok) return fail(found.errors);
  const before = found.record;
  const result = transition(spec, ctx.settings, before, action, actor, ctx.now, { settings: ctx.settings, consumption: ctx.consumption });
  if (!result.ok) return fail(result.errors);
  const after = numberedAtStep(ctx, before, result.record, action);
  if (!after) return fail([{ field: serialField(spec)?.name ?? null, rule: 'workflow.numbers', message: '编号需要读取本登记表的全部编号,请刷新后重试', messageEn: 'Numbering needs the register’s numbers; refresh and retry' }]);
  const columns = registerColumns(spec);
  const oldRow = recordToRow(spec, before, columns);
  const newRow = recordToRow(spec, after, columns);
  const updates = newRow.flatMap((value: CellValue, column) => (value === oldRow[column] ? [] : [{ table: ctx.meta.table, row: target.row, column, value }]));
  const entry = await seal(ctx, after, { word: auditWord(action) }, result.actedAs ?? actor);
  return {
    ok: true,
    batch: { expectHeaders: { [ctx.meta.table]: ctx.meta.headers }, updates, sheetAppends: [{ sheet: AUDIT_SHEET, rows: [entryToRow(entry)] }] },
    number: recordNumber(spec, after.values),
    record: after,
    status: after.status,
    entry,
    warnings: [],
  };
}

export const planApprove = (ctx: ActionContext, target: Target, actor: string, opinion?: string, values?: Record<string, RecordValue | undefined>) =>
  planAction(ctx, target, { kind: 'approve', opinion, values }, actor);
export const planReturn = (ctx: ActionContext, target: Target, actor: string, opinion: string) => planAction(ctx, target, { kind: 'return', opinion }, actor);
export const planReject = (ctx: ActionContext, target: Target, actor: string, opinion: string) => planAction(ctx, target, { kind: 'reject', opinion }, actor);
export const planWithdraw = (ctx: ActionContext, target: Target, actor: string, reason?: string) => planAction(ctx, target, { kind: 'withdraw', opinion: reason }, actor);
export const planResubmit = (ctx: ActionContext, target: Target, actor: string, values: Record<string, RecordValue | undefined>) =>
  planAction(ctx, target, { kind: 'resubmit', values }, actor);
export const planUpdate = (ctx: ActionContext, target: Target, actor: string, values: Record<string, RecordValue | undefined>) =>
  planAction(ctx, target, { kind: 'update', values }, actor);
