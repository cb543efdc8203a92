/**
 * Workflow actions on one record, as a pure state machine: each action either refuses with a message (wrong
 * role, closed record, out of order, invalid values) or returns the record as it is afterwards, its status
 * re-derived from the step columns. actions.ts turns the result into a WriteBatch and an audit entry.
 */
import type { RecordValue } from './cells';
import { isBlank, valueText } from './conditions';
import type { FieldError } from './findings';
import type { RegisterRecord, StepEntry } from './records';
import { findPerson } from './settings';
import { normaliseValues, validateValues, type ValidationContext } from './validate';
import {
  MARK,
  STATUS_DONE,
  STATUS_DRAFT,
  STATUS_REJECTED,
  STATUS_RETURNED,
  STATUS_WITHDRAWN,
  approvalStepsOf,
  deriveState,
  stepOutcome,
  type WorkflowState,
} from './workflow';
import { actorOf } from './delegation';
import { isTakenOver } from './takenOver';
import { actingAs, stepAuthority } from './authority';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

export type WorkflowAction =
  | { kind: 'approve'; opinion?: string; values?: Record<string, RecordValue | undefined> }
  /** To the applicant, or with `toStep` to an earlier approval step of the route, which acts again. */
  | { kind: 'return'; opinion: string; toStep?: string }
  /** 取回: the last approver takes their approval back while the next step has not acted. */
  | { kind: 'recall'; opinion?: string }
  | { kind: 'reject'; opinion: string }
  | { kind: 'withdraw'; opinion?: string }
  | { kind: 'resubmit'; values: Record<string, RecordValue | undefined> }
  | { kind: 'update'; values: Record<string, RecordValue | undefined> };

export type WorkflowRecord = Omit<RegisterRecord, 'index' | 'sheetRow'>;
/** `actedAs`: what the step and the audit entry record as the actor (`受托人(代 委托人)` under a delegation). */
export type TransitionResult = { ok: true; record: WorkflowRecord; actedAs?: string } | { ok: false; errors: FieldError[] };

const refuse = (rule: string, message: string, messageEn: string): TransitionResult => ({ ok: false, errors: [{ field: null, rule, message, messageEn }] });

export function serialField(spec: RegisterSpec) {
  return spec.fields.find((f) => f.type === 'serial') ?? null;
}

/** The record's number: its serial field, or its first field when the register numbers nothing. */
export function recordNumber(spec: RegisterSpec, values: Record<string, RecordValue>): string {
  return valueText(values[(serialField(spec) ?? spec.fields[0]).name]);
}

function emptySteps(record: WorkflowRecord): Record<string, StepEntry> {
  return Object.fromEntries(Object.keys(record.steps).map((k) => [k, { actor: null, time: null, opinion: null }]));
}

function withStatus(spec: RegisterSpec, record: WorkflowRecord): WorkflowRecord {
  return spec.chain.length ? { ...record, status: deriveState(spec, record).status } : record;
}

/** Merged values, validated; the number never changes after submission. */
function mergeValues(spec: RegisterSpec, record: WorkflowRecord, values: Record<string, RecordValue | undefined>, ctx: ValidationContext): { ok: true; values: Record<string, RecordValue> } | { ok: false; errors: FieldError[] } {
  const serial = serialField(spec);
  if (serial && values[serial.name] !== undefined && valueText(values[serial.name] ?? null) !== valueText(record.values[serial.name]))
    return { ok: false, errors: [{ field: serial.name, rule: 'workflow.number', message: `“${serial.name}”提交后不能修改`, messageEn: `"${serial.name}" cannot change after submission` }] };
  const merged = normaliseValues(spec, { ...record.values, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) });
  const errors = validateValues(spec, merged, ctx);
  return errors.length ? { ok: false, errors } : { ok: true, values: merged };
}

function sameRoute(spec: RegisterSpec, a: Record<string, RecordValue>, b: Record<string, RecordValue>): boolean {
  return deriveState(spec, { values: a, steps: {}, submittedAt: 'x', submittedBy: 'x' }).route === deriveState(spec, { values: b, steps: {}, submittedAt: 'x', submittedBy: 'x' }).route;
}

export function transition(
  spec: RegisterSpec,
  settings: SettingsSpec,
  record: WorkflowRecord,
  action: WorkflowAction,
  actor: string,
  now: string,
  ctx: ValidationContext = { settings },
): TransitionResult {
  if (!findPerson(settings, actor))
    return refuse('workflow.unknownActor', `“${actor}”不在“设置”工作表的人员名单中`, `"${actor}" is not listed on the 设置 sheet`);
  const state = deriveState(spec, record);
  if (state.status === STATUS_REJECTED || state.status === STATUS_WITHDRAWN)
    return refuse('workflow.closed', `记录${state.status},不能再办理`, `The record is closed (${state.status}); no further action`);
  if (state.status === STATUS_DRAFT) return refuse('workflow.draft', '记录尚未提交', 'The record has not been submitted');
  // A ledger's closed record has no steps here: its status stands, and only its fields may be completed.
  const takenOver = isTakenOver(spec, record);
  if (takenOver && action.kind !== 'update')
    return refuse('workflow.takenOver', `记录从手工台账接收,状态为“${record.status}”,未在台账中审批,不能再办理`, `The record was taken over from a ledger as ${record.status}; it has no approval steps here and cannot be acted on`);

  switch (action.kind) {
    case 'approve':
    case 'return':
    case 'reject': {
      if (!spec.chain.length) return refuse('workflow.noChain', '本登记表没有审批流程', 'This register has no approval chain');
      if (!state.pending) {
        if (state.status === STATUS_DONE) return refuse('workflow.closed', '记录已办结,不能再审批', 'The record is complete; nothing to approve');
        return refuse('workflow.returned', '记录已退回申请人,等待重新提交', 'The record was returned to the applicant and awaits resubmission');
      }
      const step = state.pending;
      const acting = actingAs(spec, settings, record, step, actor, now);
      if (!acting.ok) return { ok: false, errors: [acting.error] };
      const recorded = acting.recorded;
      const opinion = (action.opinion ?? '').trim();
      if (action.kind !== 'approve' && !opinion)
        return refuse('workflow.opinion', `${action.kind === 'return' ? '退回' : '驳回'}须写明意见`, `A ${action.kind === 'return' ? 'return' : 'rejection'} needs an opinion`);
      if (action.kind === 'approve' && Object.values(MARK).some((m) => opinion.startsWith(m)))
        return refuse('workflow.opinion', `审批意见不能以 ${Object.values(MARK).join(' ')} 开头;退回、驳回请用相应操作`, 'An approval opinion cannot start with a return/reject mark; use that action');
      let values = record.values;
      if (action.kind === 'approve' && action.values) {
        const merged = mergeValues(spec, record, action.values, ctx);
        if (!merged.ok) return merged;
        if (!sameRoute(spec, record.values, merged.values))
          return refuse('workflow.routeChange', '修改后的内容会改变审批路线,请退回申请人修改后重新提交', 'The change would alter the approval route; return the record for resubmission instead');
        values = merged.values;
      }
      if (action.kind === 'return' && action.toStep) {
        const returned = returnToStep(spec, record, state, action.toStep, recorded, opinion);
        return returned.ok ? { ...returned, actedAs: recorded } : returned;
      }
      const text = action.kind === 'approve' ? opinion || '同意' : `${action.kind === 'return' ? MARK.returned : MARK.rejected}${opinion}`;
      const acted = { ...record, values, steps: { ...record.steps, [step.text]: { actor: recorded, time: now, opinion: text } } };
      const afterState = deriveState(spec, acted);
      const after = { ...acted, status: afterState.status };
      if (action.kind === 'approve') {
        // The next step's people may come from a field filled on the way (承办部门 at 拟办, 驾驶员 at 派车): an
        // approval that leaves nobody able to act would park the record for good, so it asks for the field now.
        const next = afterState.pending;
        const who = next ? stepAuthority(spec, settings, after, next) : null;
        if (who && !who.ok) {
          // Named by the field when the step's people come from one, so the pane marks that input.
          const field = spec.fields.some((f) => f.name === next!.role) ? next!.role : null;
          return { ok: false, errors: [{ field, rule: 'workflow.nextNobody', message: `同意后下一步${who.error.message};请先补充再同意`, messageEn: `After this approval: ${who.error.messageEn}. Complete it before approving` }] };
        }
      }
      return { ok: true, record: after, actedAs: recorded };
    }
    case 'withdraw': {
      if (!spec.chain.length) return refuse('workflow.noChain', '本登记表没有审批流程', 'This register has no approval chain');
      if (actor !== record.submittedBy) return refuse('workflow.notApplicant', `只有登记人${record.submittedBy ?? ''}可以撤回`, `Only the applicant (${record.submittedBy ?? ''}) may withdraw`);
      const first = state.route ? approvalStepsOf(state.route)[0] : null;
      if (!state.pending || !first || state.pending.text !== first.text || state.approvals > 0)
        return refuse('workflow.withdrawLate', '已开始审批或已办结,不能撤回;可请审批人退回', 'Approval has started or finished; it can no longer be withdrawn');
      const text = `${MARK.withdrawn}${(action.opinion ?? '').trim()}`;
      return { ok: true, record: withStatus(spec, { ...record, steps: { ...record.steps, [first.text]: { actor, time: now, opinion: text } } }) };
    }
    case 'recall':
      return recall(spec, record, state, actor);
    case 'resubmit': {
      if (state.status !== STATUS_RETURNED) return refuse('workflow.notReturned', '只有已退回的记录可以重新提交', 'Only a returned record can be resubmitted');
      if (actor !== record.submittedBy) return refuse('workflow.notApplicant', `只有登记人${record.submittedBy ?? ''}可以重新提交`, `Only the applicant (${record.submittedBy ?? ''}) may resubmit`);
      const merged = mergeValues(spec, record, action.values, ctx);
      if (!merged.ok) return merged;
      return { ok: true, record: withStatus(spec, { ...record, values: merged.values, steps: emptySteps(record) }) };
    }
    case 'update': {
      if (actor !== record.submittedBy && state.route) {
        const involved = approvalStepsOf(state.route).some((s) => {
          const authority = stepAuthority(spec, settings, record, s);
          return authority.ok && authority.names.includes(actor);
        });
        if (!involved) return refuse('workflow.role', `${actor}既不是登记人也不是审批人,不能修改`, `${actor} is neither the applicant nor an approver of this record`);
      }
      const merged = mergeValues(spec, record, action.values, ctx);
      if (!merged.ok) return merged;
      if (state.approvals > 0 && !sameRoute(spec, record.values, merged.values))
        return refuse('workflow.routeChange', '已开始审批,不能修改决定审批路线的字段', 'Approval has started; fields that choose the route cannot change');
      return { ok: true, record: takenOver ? { ...record, values: merged.values } : withStatus(spec, { ...record, values: merged.values }) };
    }
  }
}

/**
 * 退回 to an earlier step: that step and every one after it are cleared (the audit log keeps who did them), and
 * the record waits at that step again. Its opinion cell tells its approver who returned it and why.
 */
function returnToStep(spec: RegisterSpec, record: WorkflowRecord, state: WorkflowState, toStep: string, actor: string, opinion: string): TransitionResult {
  const steps = state.route ? approvalStepsOf(state.route) : [];
  const target = steps.findIndex((s) => s.text === toStep);
  const pending = steps.findIndex((s) => s.text === state.pending?.text);
  if (target < 0 || target >= pending)
    return refuse('workflow.returnTo', `只能退回到本记录已办理的审批步骤(${steps.slice(0, Math.max(0, pending)).map((s) => s.text).join('、') || '无'})或登记人`, `A record can be returned only to a step it has passed (${steps.slice(0, Math.max(0, pending)).map((s) => s.text).join(', ') || 'none'}) or to the applicant`);
  const cleared = { ...record.steps };
  for (const step of steps.slice(target)) cleared[step.text] = { actor: null, time: null, opinion: null };
  cleared[toStep] = { actor: null, time: null, opinion: `${MARK.returned}${actor}:${opinion}` };
  return { ok: true, record: withStatus(spec, { ...record, steps: cleared }) };
}

/** 取回: only the actor of the step just approved, and only while the step after it waits. */
function recall(spec: RegisterSpec, record: WorkflowRecord, state: WorkflowState, actor: string): TransitionResult {
  const steps = state.route ? approvalStepsOf(state.route) : [];
  const pending = steps.findIndex((s) => s.text === state.pending?.text);
  const last = pending > 0 ? steps[pending - 1] : null;
  const entry = last ? record.steps[last.text] : undefined;
  if (!last || !entry || stepOutcome(entry) !== 'approved')
    return refuse('workflow.recallLate', '没有可以取回的审批:下一步已办理,或记录已办结、已退回', 'Nothing to take back: the next step has acted, or the record is complete or returned');
  if (actorOf(entry.actor) !== actor)
    return refuse('workflow.notLastApprover', `只有“${last.text}”的办理人${entry.actor ?? ''}可以取回`, `Only ${entry.actor ?? ''}, who did "${last.text}", may take it back`);
  return { ok: true, record: withStatus(spec, { ...record, steps: { ...record.steps, [last.text]: { actor: null, time: null, opinion: null } } }) };
}

export function isBlankRecord(record: WorkflowRecord): boolean {
  return Object.values(record.values).every(isBlank) && isBlank(record.submittedBy);
}
