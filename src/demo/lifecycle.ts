/**
 * What happens to a demo record after submission: each approval step by someone who holds its role, after a
 * plausible delay in office hours (longer on slow steps and for late people, pace.ts; a delegate acts during a
 * leave) — and now and then a return and resubmission, a rejection or a withdrawal.
 */
import type { RecordValue } from '../core/cells';
import { stepAuthority } from '../core/authority';
import { approvalStepsOf, routeFor } from '../core/workflow';
import { isBlank } from '../core/conditions';
import type { ChainStep } from '../spec/schema';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';
import { OPINION_WORDS, opinionFor } from './content';
import type { DemoValue, PlannedEvent } from './plan';
import type { Rng } from './random';
import { afterWorkHours } from './timeline';
import { actingPerson, extraHours } from './pace';
import type { Draft } from './values';

export type Fate = 'done' | 'returned' | 'rejected' | 'withdrawn';

/** Someone permitted to act on the step; null when nobody is (the record then waits there). */
export function pickActor(spec: RegisterSpec, settings: SettingsSpec, values: Record<string, RecordValue>, submitter: string, step: ChainStep, rng: Rng): string | null {
  const authority = stepAuthority(spec, settings, { values, submittedBy: submitter }, step);
  return authority.ok && authority.names.length ? rng.pick(authority.names) : null;
}

/**
 * The field the next step's people come from (承办部门 after 拟办, 驾驶员 after 派车), when it is still blank: the
 * approver fills it, as the pane asks them to — otherwise nobody could act on the next step.
 */
export function fillForNext(spec: RegisterSpec, settings: SettingsSpec, values: Record<string, RecordValue>, submitter: string, next: ChainStep, rng: Rng): Record<string, DemoValue> | null {
  const field = spec.fields.find((f) => f.name === next.role);
  if (!field || !isBlank(values[field.name])) return null;
  const holders = field.type === 'person' ? settings.people.filter((p) => p.roles.includes(next.role)).map((p) => p.name) : [];
  const anyone = field.type === 'department' ? settings.departments.map((d) => d.name) : field.type === 'person' ? settings.people.map((p) => p.name) : [];
  for (const value of [...rng.shuffle(holders), ...rng.shuffle(anyone)])
    if (stepAuthority(spec, settings, { values: { ...values, [field.name]: value }, submittedBy: submitter }, next).ok) return { [field.name]: value };
  return null;
}

/** Who submits: the drafting person, unless 设置 names who holds the first step's role (办公室文员登记). */
export function pickSubmitter(spec: RegisterSpec, settings: SettingsSpec, values: Record<string, RecordValue>, step: ChainStep, rng: Rng, drafter: string): string {
  const authority = stepAuthority(spec, settings, { values, submittedBy: drafter }, step, true);
  return !authority.ok || authority.names.includes(drafter) ? drafter : rng.pick(authority.names);
}

/** Approval events after submission, with the record's fate; times after asOf are dropped by the caller. */
export function lifecycle(d: Draft, submitter: string, fate: Fate, values: Record<string, RecordValue>): { events: PlannedEvent[]; closedAt: number | null } {
  const { spec, settings, rng } = d;
  const route = routeFor(spec, values);
  const events: PlannedEvent[] = [];
  if (!route) return { events, closedAt: null };
  const steps = approvalStepsOf(route);
  if (fate === 'withdrawn') {
    const t = afterWorkHours(d.t0, rng.int(1, 12) / 6);
    events.push({ time: t, kind: 'withdraw', actor: submitter, opinion: rng.pick(OPINION_WORDS.withdrawn) });
    return { events, closedAt: t };
  }
  let t = d.t0;
  let round = 0;
  const pace = rng.fork('pace');
  const stopAt = fate === 'done' ? -1 : rng.int(0, steps.length - 1);
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    t = afterWorkHours(t, rng.chance(0.2) ? rng.int(4, 16) : rng.int(1, 24) / 8);
    const chosen = pickActor(spec, settings, values, submitter, step, rng);
    if (chosen === null) return { events, closedAt: null };
    t = afterWorkHours(t, extraHours(step, chosen, pace));
    const actor = actingPerson(settings, chosen, submitter, t);
    const acting = actor === chosen ? {} : { onBehalfOf: chosen };
    if (k === stopAt && round === 0) {
      if (fate === 'rejected') {
        events.push({ time: t, kind: 'reject', actor, ...acting, opinion: rng.pick(OPINION_WORDS.rejected) });
        return { events, closedAt: t };
      }
      events.push({ time: t, kind: 'return', actor, ...acting, opinion: rng.pick(OPINION_WORDS.returned) });
      t = afterWorkHours(t, rng.int(2, 16));
      const fix: Record<string, DemoValue> = {};
      const note = spec.fields.find((f) => f.name === '备注' && (f.rules.maxLength ?? 100) >= 12);
      if (note) fix[note.name] = '已按退回意见补充修改';
      events.push({ time: t, kind: 'resubmit', actor: submitter, values: fix });
      round = 1;
      k = -1;
      continue;
    }
    const fill = k + 1 < steps.length ? fillForNext(spec, settings, values, submitter, steps[k + 1], rng.fork('fill')) : null;
    if (fill) values = { ...values, ...(fill as Record<string, RecordValue>) };
    events.push({ time: t, kind: 'approve', actor, ...acting, opinion: opinionFor(step.text, rng), ...(fill ? { values: fill } : {}) });
  }
  return { events, closedAt: null };
}

export function pickFate(spec: RegisterSpec, rng: Rng): Fate {
  if (!spec.chain.length) return 'done';
  const r = rng.next();
  return r < 0.04 ? 'returned' : r < 0.06 ? 'rejected' : r < 0.08 ? 'withdrawn' : 'done';
}
