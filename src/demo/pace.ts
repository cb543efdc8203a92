/**
 * How fast the demo office acts, so that the 时效 report (`taizhang report`, 时效分析) has something to show:
 * two kinds of step that are slow by their nature, two department heads who are often late, and the office
 * director's leave, during which her clerk acts for her (委托). Drawn from a generator forked off the record's
 * own, so that adding delays shifts no other draw of the demo.
 */
import { isActive } from '../core/delegation';
import { formatDateTime } from '../core/dates';
import type { ChainStep, Delegation, SettingsSpec } from '../spec/schema';
import type { Rng } from './random';

/** Extra working hours, [min, max], for steps whose text matches. */
export const SLOW_STEPS: readonly { match: RegExp; hours: [number, number]; why: string }[] = [
  { match: /财务处/, hours: [8, 32], why: '财务处每周集中办理结算' },
  { match: /法律部门审查/, hours: [6, 24], why: '法律审查逐条核对合同' },
];

/** Extra working hours, [min, max], whenever these people act. */
export const LATE_PEOPLE: Readonly<Record<string, [number, number]>> = {
  马超: [6, 28],
  刘洋: [4, 20],
};

/** The office director's summer leave: her clerk acts on her steps meanwhile. */
export const DEMO_DELEGATION: Delegation = { delegator: '赵敏', delegate: '孙晓燕', from: '2026-08-03', to: '2026-08-14', scope: [] };

/** The demo's 设置 with the leave in its 委托 table, when both people are in it. */
export function withDemoDelegation(settings: SettingsSpec): SettingsSpec {
  const names = new Set(settings.people.map((p) => p.name));
  if (!names.has(DEMO_DELEGATION.delegator) || !names.has(DEMO_DELEGATION.delegate)) return settings;
  return { ...settings, delegations: [...(settings.delegations ?? []), DEMO_DELEGATION] };
}

/** How much longer than usual `actor` takes on `step`. */
export function extraHours(step: ChainStep, actor: string, rng: Rng): number {
  let hours = 0;
  for (const slow of SLOW_STEPS) if (slow.match.test(step.text)) hours += rng.int(slow.hours[0], slow.hours[1]);
  const late = LATE_PEOPLE[actor];
  if (late && rng.chance(0.7)) hours += rng.int(late[0], late[1]);
  return hours;
}

/** Who acts at `time`: the delegate while the chosen approver is on leave (never on the delegate's own record). */
export function actingPerson(settings: SettingsSpec, actor: string, submitter: string, time: number): string {
  const at = formatDateTime(time);
  const away = (settings.delegations ?? []).find((d) => d.delegator === actor && d.delegate !== submitter && isActive(d, at));
  return away ? away.delegate : actor;
}

/** The 演示说明 line on the demo's pace: what `taizhang report` will show, for the registers this demo has. */
export function paceNote(settings: SettingsSpec, stepTexts: readonly string[], end: string): string {
  const slow = SLOW_STEPS.filter((s) => stepTexts.some((t) => s.match.test(t))).map((s) => s.why);
  const late = Object.keys(LATE_PEOPLE).filter((p) => settings.people.some((q) => q.name === p));
  const away = settings.delegations?.includes(DEMO_DELEGATION) ? `${DEMO_DELEGATION.from} 至 ${DEMO_DELEGATION.to} ${DEMO_DELEGATION.delegator}休假,由${DEMO_DELEGATION.delegate}代为审批(“设置”中的委托,步骤记为“${DEMO_DELEGATION.delegate}(代 ${DEMO_DELEGATION.delegator})”);` : '';
  return `审批时效:${slow.length ? `${slow.join('、')},这些步骤用时较长;` : ''}${late.length ? `${late.join('、')}办理常常较晚;` : ''}${away}taizhang report 本文件 --as-of ${end} 列出各登记表各步骤、各办理人的用时(工作小时)和按时率。`;
}
