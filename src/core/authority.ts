/**
 * Who may act on an approval step, from 设置 and the record — and nobody else. There is no implicit fallback:
 *  - a role named like a person field of the record (主持人审核) is that person; like a department field
 *    (承办部门办理), anyone in that department;
 *  - a role that means the applicant (经办人, 申请人) is the record's applicant;
 *  - a role that means the applying department (部门, 职能部门) is anyone in the record's department;
 *  - a department head role (部门领导, 部门负责人) is its holder(s) in the record's department only;
 *  - any other role is its holders in 设置;
 *  - the submission step (the chain's first) is the applicant's: whoever submits, unless 设置 names holders of it.
 * When that leaves nobody, the step is refused with a message naming the role, the department and what to add in
 * 设置 — unless the document names an escalation (部门领导(无则办公室主任)审核), tried in its order.
 */
import type { RecordValue } from './cells';
import { isBlank, valueText } from './conditions';
import type { FieldError } from './findings';
import { findPerson, roleHolders } from './settings';
import { delegatorFor, isActive, onBehalfText, parseActor } from './delegation';
import type { StepEntry } from './records';
import { approvalStepsOf, routeFor, stepOutcome } from './workflow';
import type { ChainStep, RegisterSpec, SettingsSpec } from '../spec/schema';

type WorkflowRecordLike = AuthorityRecord & { steps: Record<string, StepEntry> };

export const APPLICANT_ROLES: readonly string[] = ['经办人', '申请人'];
export const DEPARTMENT_MEMBER_ROLES: readonly string[] = ['部门', '各部门', '职能部门'];
export const DEPARTMENT_HEAD_ROLES: readonly string[] = ['部门领导', '部门负责人'];

export interface AuthorityRecord {
  values: Record<string, RecordValue>;
  submittedBy: string | null;
}

export type Authority =
  /** `role` is the role that resolved (the step's own, or an escalation's). */
  | { ok: true; names: string[]; role: string }
  | { ok: false; error: FieldError };

/** The record's department: its first filled department field, else the applicant's department in 设置. */
export function recordDepartment(spec: RegisterSpec, settings: SettingsSpec, record: AuthorityRecord): string | null {
  const field = spec.fields.find((f) => f.type === 'department' && !isBlank(record.values[f.name]));
  if (field) return valueText(record.values[field.name]);
  return record.submittedBy ? (findPerson(settings, record.submittedBy)?.department ?? null) : null;
}

type RoleResult = { names: string[] } | { missing: { message: string; messageEn: string } };

const members = (settings: SettingsSpec, department: string) => settings.people.filter((p) => p.department === department).map((p) => p.name);

function resolveRole(spec: RegisterSpec, settings: SettingsSpec, record: AuthorityRecord, role: string): RoleResult {
  const field = spec.fields.find((f) => f.name === role);
  if (field?.type === 'person' && !isBlank(record.values[role])) return { names: [valueText(record.values[role])] };
  if (field?.type === 'department' && !isBlank(record.values[role])) {
    const department = valueText(record.values[role]);
    const names = members(settings, department);
    return names.length ? { names } : { missing: { message: `“设置”中${department}没有人员:请在人员表中添加${department}的人员`, messageEn: `Nobody of ${department} is listed in 设置: add its people to the people table` } };
  }
  if (field && (field.type === 'person' || field.type === 'department'))
    return { missing: { message: `记录的“${role}”尚未填写:填写后由${role}办理`, messageEn: `The record's "${role}" is blank: fill it in, then ${role} acts` } };
  if (APPLICANT_ROLES.includes(role) && record.submittedBy) return { names: [record.submittedBy] };
  const department = recordDepartment(spec, settings, record);
  if (DEPARTMENT_MEMBER_ROLES.includes(role)) {
    if (!department) return { missing: { message: `记录没有部门,无法确定“${role}”是谁`, messageEn: `The record names no department, so "${role}" cannot be resolved` } };
    const names = members(settings, department);
    return names.length ? { names } : { missing: { message: `“设置”中${department}没有人员:请在人员表中添加${department}的人员`, messageEn: `Nobody of ${department} is listed in 设置: add its people to the people table` } };
  }
  const holders = roleHolders(settings, role);
  if (DEPARTMENT_HEAD_ROLES.includes(role)) {
    if (!department)
      return { missing: { message: `记录没有部门,无法确定由哪个部门的${role}办理`, messageEn: `The record names no department, so no ${role} can be chosen` } };
    const own = holders.filter((p) => p.department === department).map((p) => p.name);
    return own.length
      ? { names: own }
      : { missing: { message: `“设置”中${department}没有${role}:请在人员表中给${department}的负责人加上角色“${role}”`, messageEn: `Nobody of ${department} holds ${role} in 设置: give ${department}'s head the role "${role}" in the people table` } };
  }
  if (holders.length) return { names: holders.map((p) => p.name) };
  return { missing: { message: `“设置”中没有人担任${role}:请在人员表中给相应人员加上角色“${role}”`, messageEn: `Nobody holds ${role} in 设置: give the right person the role "${role}" in the people table` } };
}

/** Who may act on `step` of this record; `first` for the chain's first (submission) step. */
export function stepAuthority(spec: RegisterSpec, settings: SettingsSpec, record: AuthorityRecord, step: ChainStep, first = false): Authority {
  if (first) {
    const holders = roleHolders(settings, step.role);
    if (!holders.length || APPLICANT_ROLES.includes(step.role) || DEPARTMENT_MEMBER_ROLES.includes(step.role))
      return { ok: true, names: record.submittedBy ? [record.submittedBy] : settings.people.map((p) => p.name), role: step.role };
    return { ok: true, names: holders.map((p) => p.name), role: step.role };
  }
  const tried: { role: string; message: string; messageEn: string }[] = [];
  for (const role of [step.role, ...(step.fallback ?? [])]) {
    const result = resolveRole(spec, settings, record, role);
    if ('names' in result) return { ok: true, names: result.names, role };
    tried.push({ role, ...result.missing });
  }
  const escalated = tried.length > 1 ? `(已依次尝试 ${tried.map((t) => t.role).join('、')})` : '';
  return {
    ok: false,
    error: {
      field: null,
      rule: 'workflow.noActor',
      message: `“${step.text}”无人可办理${escalated}:${tried.map((t) => t.message).join(';')}`,
      messageEn: `Nobody may act on "${step.text}"${tried.length > 1 ? ` (tried ${tried.map((t) => t.role).join(', ')})` : ''}: ${tried.map((t) => t.messageEn).join('; ')}`,
    },
  };
}

/**
 * Whether `user` can be among those who act on `step` of some record, judged from 设置 alone (no record values): a
 * cautious yes for roles resolved from the record and for anyone who is an active delegate. The 待办 queue reads
 * these rows first, so that what waits for the user is never behind a page of other people's records.
 */
export function mayActOnStep(spec: RegisterSpec, settings: SettingsSpec, step: ChainStep, user: string, at: string): boolean {
  if ((settings.delegations ?? []).some((d) => d.delegate === user && isActive(d, at))) return true;
  return [step.role, ...(step.fallback ?? [])].some((role) => {
    const field = spec.fields.find((f) => f.name === role);
    if (field?.type === 'person' || field?.type === 'department') return true;
    if (APPLICANT_ROLES.includes(role) || DEPARTMENT_MEMBER_ROLES.includes(role)) return true;
    return roleHolders(settings, role).some((p) => p.name === user);
  });
}

/** Why `actor` may not act on `step` of this record, or null when they may. */
export function authorityProblem(spec: RegisterSpec, settings: SettingsSpec, record: AuthorityRecord, step: ChainStep, actor: string, first = false): FieldError | null {
  if (!findPerson(settings, actor))
    return { field: null, rule: 'workflow.unknownActor', message: `“${actor}”不在“设置”工作表的人员名单中`, messageEn: `"${actor}" is not listed on the 设置 sheet` };
  const authority = stepAuthority(spec, settings, record, step, first);
  if (!authority.ok) return authority.error;
  if (authority.names.includes(actor)) return null;
  const who = authority.role === step.role ? step.role : `${authority.role}(${step.role}无人时)`;
  const whoEn = authority.role === step.role ? step.role : `${authority.role} (as nobody holds ${step.role})`;
  return {
    field: null,
    rule: 'workflow.role',
    message: `“${step.text}”须由${who}办理(${authority.names.join('、')}),${actor}无权办理`,
    messageEn: `"${step.text}" must be done by ${whoEn} (${authority.names.join(', ')}); ${actor} may not`,
  };
}

/**
 * Steps of a record acted on by someone who may not act on them under 设置 as it is now: a name typed into a
 * step column by hand, or an approval done before 设置 changed. A withdrawal is the applicant's own act.
 */
export function stepActorProblems(spec: RegisterSpec, settings: SettingsSpec, record: WorkflowRecordLike): FieldError[] {
  const route = routeFor(spec, record.values);
  if (!route) return [];
  const problems: FieldError[] = [];
  for (const step of approvalStepsOf(route)) {
    const entry = record.steps[step.text];
    const outcome = stepOutcome(entry);
    if (outcome === null) break;
    const written = valueText(entry!.actor);
    const { actor, onBehalfOf } = parseActor(written);
    if (outcome === 'withdrawn') {
      if (actor !== record.submittedBy)
        problems.push({ field: step.text, rule: 'workflow.actor', message: `“${step.text}”记为${actor}撤回,但只有登记人${record.submittedBy ?? ''}可以撤回`, messageEn: `"${step.text}" was withdrawn by ${actor}, but only the applicant ${record.submittedBy ?? ''} may withdraw` });
      break;
    }
    if (onBehalfOf) {
      const delegated = delegationProblem(spec, settings, record, step, actor, onBehalfOf, valueText(entry!.time));
      if (delegated) problems.push(delegated);
    } else {
      const problem = authorityProblem(spec, settings, record, step, actor);
      if (problem)
        problems.push({ field: step.text, rule: 'workflow.actor', message: `“${step.text}”由${actor}办理,但${actor}无权办理:${problem.message}`, messageEn: `"${step.text}" was done by ${actor}, who may not act on it: ${problem.messageEn}` });
    }
    if (outcome !== 'approved') break;
  }
  return problems;
}

/**
 * Steps of the record's route that nobody may do under 设置 as it stands (skipping steps resolved from a field
 * still to be filled on the way, like 承办部门 at 拟办): what the form shows before anyone fills it, and why a
 * submission is refused.
 */
export function routeGaps(spec: RegisterSpec, settings: SettingsSpec, values: Record<string, RecordValue>, applicant: string | null): FieldError[] {
  const route = routeFor(spec, values);
  if (!route) return [];
  const gaps: FieldError[] = [];
  for (const step of approvalStepsOf(route)) {
    if (spec.fields.some((f) => f.name === step.role)) continue;
    const authority = stepAuthority(spec, settings, { values, submittedBy: applicant }, step);
    if (!authority.ok) gaps.push(authority.error);
  }
  return gaps;
}

/** A step written `受托人(代 委托人)`: the delegator must be permitted and the delegation active at the step's time. */
function delegationProblem(spec: RegisterSpec, settings: SettingsSpec, record: AuthorityRecord, step: ChainStep, actor: string, onBehalfOf: string, time: string): FieldError | null {
  const own = authorityProblem(spec, settings, record, step, onBehalfOf);
  const ok = !own && delegatorFor(settings.delegations ?? [], [onBehalfOf], actor, spec, step.text, time, record.submittedBy) === onBehalfOf;
  if (ok) return null;
  return {
    field: step.text,
    rule: 'workflow.actor',
    message: own
      ? `“${step.text}”由${actor}代${onBehalfOf}办理,但${onBehalfOf}本人无权办理:${own.message}`
      : `“${step.text}”由${actor}代${onBehalfOf}办理,但${time.replace('T', ' ')}时“设置”的委托表中没有${onBehalfOf}委托${actor}的有效委托`,
    messageEn: own
      ? `"${step.text}" was done by ${actor} for ${onBehalfOf}, who may not act on it: ${own.messageEn}`
      : `"${step.text}" was done by ${actor} for ${onBehalfOf}, but no delegation from ${onBehalfOf} to ${actor} was active at ${time}`,
  };
}

export type Acting = { ok: true; recorded: string; onBehalfOf: string | null } | { ok: false; error: FieldError };

/**
 * Whether `actor` may act on the step at `at`, in their own right or for someone under an active delegation,
 * and what the step column records: the actor, or `受托人(代 委托人)`.
 */
export function actingAs(spec: RegisterSpec, settings: SettingsSpec, record: AuthorityRecord, step: ChainStep, actor: string, at: string): Acting {
  const problem = authorityProblem(spec, settings, record, step, actor);
  if (!problem) return { ok: true, recorded: actor, onBehalfOf: null };
  if (problem.rule === 'workflow.role') {
    const authority = stepAuthority(spec, settings, record, step);
    const delegator = authority.ok ? delegatorFor(settings.delegations ?? [], authority.names, actor, spec, step.text, at, record.submittedBy) : null;
    if (delegator) return { ok: true, recorded: onBehalfText(actor, delegator), onBehalfOf: delegator };
  }
  return { ok: false, error: problem };
}
