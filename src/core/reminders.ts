/**
 * 催办: who holds a record now and since when, the reminder someone sends them (copied into WeChat or DingTalk, or
 * opened as an e-mail draft) and the 催办 entry the audit log keeps of it. Taizhang sends nothing itself: a reminder
 * is a message the user carries, and the log says who chased whom, when, for which record and deadline.
 *
 * A 催办 entry does not change the record: it carries the record's hash as it was when chased, and `verify` does not
 * take it as the record's latest state (so chasing an edited record never makes the edit look approved).
 */
import { AUDIT_ACTIONS, entryToRow, recordHash, sealEntry, type AuditEntry, type AuditTail, type Digest } from './audit';
import { stepAuthority } from './authority';
import { covers, isActive } from './delegation';
import { MS_DAY, MS_HOUR, parseInstant } from './dates';
import { displayDue, lateness, openDeadlines, type DeadlineItem } from './deadlines';
import type { FieldError } from './findings';
import { AUDIT_SHEET, SETTINGS_SHEET } from './layout';
import type { RegisterMeta } from './metadata';
import { auditNumber } from './numberingStep';
import { recordTitleValue } from './recordTitle';
import { rowToRecord } from './records';
import { emailsOf } from './settings';
import { isTakenOver } from './takenOver';
import { recordNumber, type WorkflowRecord } from './transitions';
import { STATUS_DONE, STATUS_RETURNED, approvalStepsOf, deriveState, stepOutcome } from './workflow';
import type { ReadRequest, ReadResult, WriteBatch } from '../workbook/port';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';

export const REMIND_ACTION = AUDIT_ACTIONS.remind;

/** Where a record waits and on whom. */
export interface Holding {
  /** The approval step it waits at; null when it waits on its applicant (returned, or a deadline after approval). */
  step: string | null;
  /** The people permitted to act now (at the step), or the applicant. */
  holders: string[];
  /** Active 委托 delegates who may act for a holder on this step. */
  delegates: string[];
  /** Naive local time the record came to them, when the record says. */
  since: string | null;
  /** Why nobody holds it (nobody in 设置 qualifies), or null. */
  problem: FieldError | null;
}

const NO_APPLICANT: FieldError = { field: null, rule: 'remind.noHolder', message: '记录没有登记人,不知道该催办谁', messageEn: 'The record names nobody who registered it, so there is nobody to chase' };

export function holdingOf(spec: RegisterSpec, register: { id: string; name: string }, settings: SettingsSpec, record: WorkflowRecord, at: string): Holding {
  const state = deriveState(spec, record);
  if (state.pending && state.route) {
    const steps = approvalStepsOf(state.route);
    const i = steps.findIndex((s) => s.text === state.pending!.text);
    const since = (i > 0 ? record.steps[steps[i - 1].text]?.time : null) ?? record.submittedAt ?? null;
    const authority = stepAuthority(spec, settings, record, state.pending);
    const holders = authority.ok ? authority.names : [];
    const delegates = (settings.delegations ?? [])
      .filter((d) => holders.includes(d.delegator) && !holders.includes(d.delegate) && isActive(d, at) && covers(d, register, state.pending!.text))
      .map((d) => d.delegate);
    return { step: state.pending.text, holders, delegates: [...new Set(delegates)], since, problem: authority.ok ? null : authority.error };
  }
  let since: string | null = null;
  if (state.status === STATUS_RETURNED && state.route)
    for (const step of approvalStepsOf(state.route)) if (stepOutcome(record.steps[step.text]) === 'returned') since = record.steps[step.text]?.time ?? null;
  if (state.status === STATUS_DONE && state.route) {
    const last = approvalStepsOf(state.route).at(-1);
    since = (last && record.steps[last.text]?.time) ?? null;
  }
  const holders = record.submittedBy ? [record.submittedBy] : [];
  return { step: null, holders, delegates: [], since: since ?? record.submittedAt ?? null, problem: holders.length ? null : NO_APPLICANT };
}

/** "3 天 4 小时" / "3 d 4 h": how long a record has been held, from `since` to `now` (calendar time). */
export function heldFor(since: string | null, now: string): { zh: string; en: string } | null {
  const from = since ? parseInstant(since) : null;
  const to = parseInstant(now);
  if (from === null || to === null || to < from) return null;
  const ms = to - from;
  const days = Math.floor(ms / MS_DAY);
  const hours = Math.floor((ms % MS_DAY) / MS_HOUR);
  if (days > 0) return { zh: `${days} 天${hours ? ` ${hours} 小时` : ''}`, en: `${days} d${hours ? ` ${hours} h` : ''}` };
  const h = Math.max(hours, 0);
  return h > 0 ? { zh: `${h} 小时`, en: `${h} h` } : { zh: '不到 1 小时', en: 'under 1 h' };
}

/** What a 催办 entry's 动作 cell says: `催办→赵敏、王建国(呈批)`. */
export function remindActionText(to: readonly string[], about: string): string {
  return `${REMIND_ACTION}→${to.join('、')}(${about})`;
}

export interface ReminderEntry {
  time: string;
  by: string;
  to: string[];
  about: string;
}

/** A 催办 entry's parts, or null for any other entry. */
export function parseReminder(entry: Pick<AuditEntry, 'action' | 'actor' | 'time'>): ReminderEntry | null {
  const m = /^催办→(.*?)\((.*)\)$/.exec(entry.action);
  if (!m) return entry.action === REMIND_ACTION ? { time: entry.time, by: entry.actor, to: [], about: '' } : null;
  return { time: entry.time, by: entry.actor, to: m[1].split('、').filter(Boolean), about: m[2] };
}

export const isReminder = (entry: Pick<AuditEntry, 'action'>) => entry.action.startsWith(REMIND_ACTION);

export interface ReminderText {
  subject: string;
  message: string;
  messageEn: string;
}

export interface ReminderFacts {
  register: string;
  number: string;
  title: string | null;
  holding: Holding;
  /** The most pressing open deadline, when there is one. */
  deadline: DeadlineItem | null;
  by: string;
  now: string;
}

/** The message someone sends to chase a record: Chinese to send, English beside it for an English pane. */
export function reminderText(f: ReminderFacts): ReminderText {
  const who = [...f.holding.holders, ...f.holding.delegates];
  const held = heldFor(f.holding.since, f.now);
  const what = `${f.register} ${f.number}${f.title ? `《${f.title}》` : ''}`;
  const where = f.holding.step ? `待“${f.holding.step}”办理` : '待您处理';
  const whereEn = f.holding.step ? `awaits "${f.holding.step}"` : 'awaits you';
  const late = f.deadline ? lateness(f.deadline.leftMs) : null;
  const due = f.deadline ? displayDue(f.deadline.deadline, f.deadline.due) : '';
  const deadlineZh = f.deadline ? `“${f.deadline.deadline.name}”应于 ${due} 前完成(${f.deadline.deadline.doneField}),${f.deadline.leftMs < 0 ? late!.zh : '即将到期'}。` : '';
  const deadlineEn = f.deadline ? `"${f.deadline.deadline.name}" was due by ${due} (${f.deadline.deadline.doneField}); ${f.deadline.leftMs < 0 ? late!.en : 'due soon'}.` : '';
  const message = [
    `【催办】${who.join('、')}:`,
    `${what}${where}${held ? `,已等待 ${held.zh}` : ''}。`,
    ...(deadlineZh ? [deadlineZh] : []),
    '请尽快办理,谢谢!',
    `${f.by} ${f.now.replace('T', ' ')}`,
  ].join('\n');
  const messageEn = [
    `Reminder for ${who.join(', ')}:`,
    `${what} ${whereEn}${held ? `, waiting for ${held.en}` : ''}.`,
    ...(deadlineEn ? [deadlineEn] : []),
    'Please act on it soon. Thank you!',
    `${f.by} ${f.now.replace('T', ' ')}`,
  ].join('\n');
  const subject = `催办:${f.register} ${f.number}${late && f.deadline!.leftMs < 0 ? `(${late.zh})` : ''}`;
  return { subject, message, messageEn };
}

/** A mailto: link that opens a draft in the user's mail program; null when 设置 has no address for anyone. */
export function mailtoLink(addresses: readonly string[], subject: string, body: string): string | null {
  if (!addresses.length) return null;
  return `mailto:${addresses.join(',')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export interface RemindItem {
  registerId: string;
  /** 0-based body index. */
  row: number;
  /** The number the pane showed; refused when the row now holds another record. */
  number: string;
}

export interface Reminder extends ReminderText {
  item: RemindItem;
  register: string;
  holding: Holding;
  deadline: { name: string; due: string; late: { zh: string; en: string } | null } | null;
  /** mailto: draft to the people chased, when 设置 has their addresses. */
  mailto: string | null;
  /** The people chased who have no address in 设置 (the message is copied to them instead). */
  noAddress: string[];
}

export interface RemindPlan {
  batch: WriteBatch;
  reminders: Reminder[];
  skipped: { item: RemindItem; errors: FieldError[] }[];
}

/** One read for the records chased (any registers): their rows, 设置 and the audit log's last row. */
export function readsForReminders(metas: RegisterMeta[], items: RemindItem[]): ReadRequest {
  const tables = metas.flatMap((meta) => {
    const rows = items.filter((i) => i.registerId === meta.id).map((i) => i.row);
    return rows.length ? [{ table: meta.table, rowsAt: rows }] : [];
  });
  return { meta: true, tables, sheets: [SETTINGS_SHEET, { sheet: AUDIT_SHEET, lastRows: 1 }] };
}

const skip = (message: string, messageEn: string, rule = 'remind.notDue'): FieldError[] => [{ field: null, rule, message, messageEn }];

/**
 * 催办 on records: each still waiting (at a step, or on a deadline passed or due within `soonMs`) gets a 催办 entry
 * and its message; the others are listed as skipped with the reason. Nobody is chased on their own behalf.
 */
export async function planReminders(
  input: { metas: RegisterMeta[]; read: ReadResult; settings: SettingsSpec; audit: AuditTail; now: string; soonMs: number; digest?: Digest },
  items: RemindItem[],
  actor: string,
): Promise<RemindPlan> {
  const rows: ReturnType<typeof entryToRow>[] = [];
  const plan: RemindPlan = { batch: { sheetAppends: [{ sheet: AUDIT_SHEET, rows }] }, reminders: [], skipped: [] };
  const asOf = parseInstant(input.now) ?? 0;
  let tail = input.audit;
  for (const item of items) {
    const meta = input.metas.find((m) => m.id === item.registerId);
    const table = meta ? input.read.tables[meta.table] : null;
    const row = meta && table ? table.rows[item.row - table.rowStart] : undefined;
    const record = meta && table && row && !row.every((c) => c === null || c === '') ? rowToRecord(meta.spec, row, item.row, table.firstRow - table.rowStart) : null;
    if (!meta || !record || recordNumber(meta.spec, record.values) !== item.number) {
      plan.skipped.push({ item, errors: skip(`记录“${item.number}”已不在原处(被他人改动?),请刷新后重试`, `Record "${item.number}" is no longer where it was (changed by someone?); refresh and retry`, 'remind.changed') });
      continue;
    }
    const spec = meta.spec;
    if (isTakenOver(spec, record)) {
      plan.skipped.push({ item, errors: skip(`记录“${item.number}”是从手工台账接收的已结记录,没有待办事项,无需催办`, `Record "${item.number}" was taken over closed from a ledger: nothing waits, nothing to chase`) });
      continue;
    }
    const holding = holdingOf(spec, meta, input.settings, record, input.now);
    const deadline = openDeadlines(spec, record, asOf).filter((d) => d.leftMs <= input.soonMs).sort((a, b) => a.due - b.due)[0] ?? null;
    if (!holding.step && !deadline) {
      plan.skipped.push({ item, errors: skip(`记录“${item.number}”没有待办的步骤或到期的事项,无需催办`, `Record "${item.number}" waits on no step and no deadline is due: nothing to chase`) });
      continue;
    }
    if (holding.problem) {
      plan.skipped.push({ item, errors: [holding.problem] });
      continue;
    }
    const to = [...holding.holders, ...holding.delegates].filter((n) => n !== actor);
    if (!to.length) {
      plan.skipped.push({ item, errors: skip(`记录“${item.number}”正等您本人办理,不能催办自己`, `Record "${item.number}" waits on you: you cannot chase yourself`, 'remind.self') });
      continue;
    }
    const number = recordNumber(spec, record.values);
    const title = recordTitleValue(spec, record.values);
    const text = reminderText({ register: meta.name, number, title: title === null ? null : String(title), holding: { ...holding, holders: to, delegates: [] }, deadline, by: actor, now: input.now });
    const entry = await sealEntry(
      tail,
      { time: input.now, register: spec.id, number: auditNumber(spec, record, number), action: remindActionText(to, deadline?.deadline.name ?? holding.step ?? ''), actor, contentHash: await recordHash(spec, record, input.digest) },
      input.digest,
    );
    tail = { seq: entry.seq, hash: entry.hash };
    rows.push(entryToRow(entry));
    const addresses = emailsOf(input.settings, to);
    plan.reminders.push({
      ...text,
      item,
      register: meta.name,
      holding,
      deadline: deadline ? { name: deadline.deadline.name, due: displayDue(deadline.deadline, deadline.due), late: deadline.leftMs < 0 ? lateness(deadline.leftMs) : null } : null,
      mailto: mailtoLink(addresses, text.subject, text.message),
      noAddress: to.filter((n) => !emailsOf(input.settings, [n]).length),
    });
  }
  if (!rows.length) plan.batch = {};
  return plan;
}
