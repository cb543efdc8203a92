/** The record detail's 退回至 choice, 取回 and the note left at a step a record was returned to. */
import { actorOf } from '../../core/delegation';
import type { RegisterRecord } from '../../core/records';
import { MARK, approvalStepsOf, stepOutcome, type WorkflowState } from '../../core/workflow';
import { t } from '../../i18n';
import { h, uid } from '../dom';

/** 退回 to the applicant (default) or to any step the record has passed on its route. */
export function returnToControl(state: WorkflowState, record: RegisterRecord): { element: HTMLElement; select: HTMLSelectElement } {
  const steps = state.route ? approvalStepsOf(state.route) : [];
  const pending = steps.findIndex((s) => s.text === state.pending?.text);
  const earlier = steps.slice(0, Math.max(0, pending)).filter((s) => stepOutcome(record.steps[s.text]) === 'approved');
  const id = uid('return-to');
  const select = h(
    'select',
    { id, attrs: { 'data-test': 'return-to' } },
    h('option', { props: { value: '' } }, t('approvals.returnToApplicant')),
    earlier.map((s) => h('option', { props: { value: s.text } }, s.text)),
  );
  return { element: h('label', { class: 'tz-inline', attrs: { for: id } }, t('approvals.returnTo'), ' ', select), select };
}

/** The step the user may take back (取回): theirs, approved, with the next step still waiting. */
export function recallableStep(state: WorkflowState, record: RegisterRecord, user: string | null): string | null {
  if (!user || !state.route || !state.pending) return null;
  const steps = approvalStepsOf(state.route);
  const pending = steps.findIndex((s) => s.text === state.pending!.text);
  const last = pending > 0 ? steps[pending - 1] : null;
  const entry = last ? record.steps[last.text] : undefined;
  return last && entry && stepOutcome(entry) === 'approved' && actorOf(entry.actor) === user ? last.text : null;
}

/** “赵敏 退回到本步骤:…” when the waiting step was returned to. */
export function returnedToStepBar(opinion: string | null): HTMLElement | null {
  if (!opinion?.startsWith(MARK.returned)) return null;
  const body = opinion.slice(MARK.returned.length);
  const colon = body.indexOf(':');
  const who = colon > 0 ? body.slice(0, colon) : '';
  return h('p', { class: 'tz-bar tz-bar-warn tz-text', attrs: { 'data-test': 'returned-to-step' } }, t('approvals.returnedToStep', { who, opinion: colon > 0 ? body.slice(colon + 1) : body }));
}
