/**
 * The approval chain as a state machine over a record's step columns.
 * 草稿 → 待<step> … → 已办结, with 已退回 (back to the applicant, who may resubmit), 已驳回 (closed) and
 * 已撤回 (withdrawn by the applicant before the first approval, closed). The status column is derived, never
 * trusted: each step's actor/time/opinion cells say what happened, and a return, rejection or withdrawal is
 * marked by the opinion's leading 【退回】/【驳回】/【撤回】. A route is chosen by the record's values.
 */
import type { RecordValue } from './cells';
import { conditionHolds, isBlank } from './conditions';
import type { FieldError } from './findings';
import type { RegisterRecord, StepEntry } from './records';
import { stepAuthority } from './authority';
import type { ChainRoute, ChainStep, RegisterSpec, SettingsSpec } from '../spec/schema';

export const STATUS_DRAFT = '草稿';
export const STATUS_DONE = '已办结';
export const STATUS_RETURNED = '已退回';
export const STATUS_REJECTED = '已驳回';
export const STATUS_WITHDRAWN = '已撤回';
export const PENDING_PREFIX = '待';
export const pendingStatus = (step: string) => `${PENDING_PREFIX}${step}`;

export const MARK = { returned: '【退回】', rejected: '【驳回】', withdrawn: '【撤回】' } as const;
export type Outcome = 'approved' | keyof typeof MARK;

export function routeFor(spec: RegisterSpec, values: Record<string, RecordValue>): ChainRoute | null {
  if (spec.chain.length === 0) return null;
  return spec.chain.find((r) => r.when !== null && conditionHolds(r.when, values)) ?? spec.chain.find((r) => r.when === null) ?? null;
}

/** The steps someone approves: all but the first, which is the applicant's submission. */
export function approvalStepsOf(route: ChainRoute): ChainStep[] {
  return route.steps.slice(1);
}

export function stepDone(entry: StepEntry | undefined): boolean {
  return !!entry && !isBlank(entry.actor);
}

export function stepOutcome(entry: StepEntry | undefined): Outcome | null {
  if (!stepDone(entry)) return null;
  const opinion = (entry!.opinion ?? '').trim();
  for (const [outcome, mark] of Object.entries(MARK)) if (opinion.startsWith(mark)) return outcome as Outcome;
  return 'approved';
}

export interface WorkflowState {
  status: string | null;
  route: ChainRoute | null;
  /** The step waiting for action (when status is 待…). */
  pending: ChainStep | null;
  /** 已办结, 已驳回 or 已撤回: no approval step can act any more. */
  closed: boolean;
  approvals: number;
}

const STATUS_OF: Record<Exclude<Outcome, 'approved'>, string> = { returned: STATUS_RETURNED, rejected: STATUS_REJECTED, withdrawn: STATUS_WITHDRAWN };

type WorkflowRecord = Pick<RegisterRecord, 'values' | 'steps' | 'submittedAt' | 'submittedBy'>;

export function deriveState(spec: RegisterSpec, record: WorkflowRecord): WorkflowState {
  const route = routeFor(spec, record.values);
  if (!route) return { status: null, route: null, pending: null, closed: false, approvals: 0 };
  const anyStep = Object.values(record.steps).some(stepDone);
  if (isBlank(record.submittedAt) && isBlank(record.submittedBy) && !anyStep)
    return { status: STATUS_DRAFT, route, pending: null, closed: false, approvals: 0 };
  let approvals = 0;
  for (const step of approvalStepsOf(route)) {
    const outcome = stepOutcome(record.steps[step.text]);
    if (outcome === null) return { status: pendingStatus(step.text), route, pending: step, closed: false, approvals };
    if (outcome !== 'approved') return { status: STATUS_OF[outcome], route, pending: null, closed: outcome !== 'returned', approvals };
    approvals++;
  }
  return { status: STATUS_DONE, route, pending: null, closed: true, approvals };
}

/** Step columns that contradict the derived state: off-route steps, steps done out of order or after the end. */
export function stepProblems(spec: RegisterSpec, record: WorkflowRecord): FieldError[] {
  const route = routeFor(spec, record.values);
  if (!route) return [];
  const problems: FieldError[] = [];
  const onRoute = new Set(approvalStepsOf(route).map((s) => s.text));
  for (const [text, entry] of Object.entries(record.steps)) {
    if (stepDone(entry) && !onRoute.has(text))
      problems.push({ field: text, rule: 'status.route', message: `“${text}”不在本记录的审批路线(${route.label || '唯一路线'})上,却已有办理人`, messageEn: `Step "${text}" is not on this record's route but has an actor` });
  }
  let stopped: string | null = null;
  for (const step of approvalStepsOf(route)) {
    const entry = record.steps[step.text];
    if (stopped !== null) {
      if (stepDone(entry))
        problems.push({ field: step.text, rule: 'status.order', message: `“${step.text}”已有办理人,但之前的“${stopped}”${stopped.startsWith('【') ? '' : '尚未办理或已终止'}`, messageEn: `Step "${step.text}" has an actor although the earlier step "${stopped}" was not completed` });
      continue;
    }
    const outcome = stepOutcome(entry);
    if (outcome === null || outcome !== 'approved') stopped = step.text;
  }
  for (const step of approvalStepsOf(route)) {
    const entry = record.steps[step.text];
    if (stepDone(entry) && isBlank(entry!.time))
      problems.push({ field: `${step.text}时间`, rule: 'status.time', message: `“${step.text}”有办理人但没有办理时间`, messageEn: `Step "${step.text}" has an actor but no time` });
  }
  return problems;
}

/** Who may act on the step this record waits for (none when nothing is pending or nobody may). */
export function pendingActors(spec: RegisterSpec, settings: SettingsSpec, record: WorkflowRecord): string[] {
  const { pending } = deriveState(spec, record);
  if (!pending) return [];
  const authority = stepAuthority(spec, settings, record, pending);
  return authority.ok ? authority.names : [];
}
