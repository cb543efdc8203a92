/** The register's records (latest first, searchable) and one record's detail: content, steps, audit, actions. */
import { AUDIT_ACTIONS, type AuditEntry } from '../../core/audit';
import { isTakenOver } from '../../core/takenOver';
import { parseInstant } from '../../core/dates';
import { openDeadlines } from '../../core/deadlines';
import { holdingText, reminderHistory, remind, remindItem } from './reminders';
import type { FieldError } from '../../core/findings';
import type { RegisterRecord } from '../../core/records';
import { recordNumber, type WorkflowAction } from '../../core/transitions';
import { MARK, STATUS_RETURNED, approvalStepsOf, deriveState, pendingActors } from '../../core/workflow';
import { recallableStep, returnToControl, returnedToStepBar } from './returnTo';
import { actingAs } from '../../core/authority';
import { getLang, joinList, pick, t, type MessageKey } from '../../i18n';
import { h, mount, uid } from '../dom';
import { control, inputToValue } from './form';
import type { RecordValue } from '../../core/cells';
import type { RegisterSpec } from '../../spec/schema';
import { displayValue } from '../print';
import { AUDIT_WINDOW, type RegisterData } from '../session';
import { statusBadge, structureBar } from './common';
import { recordTitleValue, titleFieldOf } from '../../core/recordTitle';
import { nameOf, registerName, statusText } from './names';
import type { App, Tab } from './app';

/** Rows the records list reads: the latest ones (a register of 100k rows stays one small read). */
export const RECENT = 200;

function summaryLine(data: RegisterData, record: RegisterRecord): string {
  const spec = data.meta.spec;
  const title = titleFieldOf(spec)?.name;
  return spec.fields
    .filter((f) => f.type !== 'serial' && f.type !== 'longText' && f.name !== title && record.values[f.name] !== null)
    .slice(0, 3)
    .map((f) => displayValue(record.values[f.name]))
    .join(' · ');
}

/** The record's title (标题字段, or the first required text field) on a line of its own. */
function titleLine(spec: RegisterSpec, record: RegisterRecord): HTMLElement | null {
  const title = recordTitleValue(spec, record.values);
  return title === null ? null : h('div', { class: 'tz-card-text', attrs: { 'data-test': 'record-title' } }, displayValue(title));
}

/**
 * The text a search looks in: what the pane shows of the record (number, status, every field as displayed, who
 * submitted it), so that `=HYPERLINK("…")` is found by typing it, quotes and all, as it reads on screen.
 */
export function searchText(spec: RegisterSpec, record: RegisterRecord): string {
  const parts = [recordNumber(spec, record.values), record.status ? statusText(spec, record.status) : '', record.submittedBy ?? '', ...spec.fields.map((f) => displayValue(record.values[f.name]))];
  return parts.join('\n').toLowerCase();
}

export async function renderRecords(app: App, body: HTMLElement): Promise<void> {
  const meta = app.current();
  if (!meta) {
    mount(body, h('p', null, t('form.noRegisters')));
    return;
  }
  mount(body, h('h2', null, t('records.title', { register: registerName(meta.spec) })), h('p', { class: 'tz-muted' }, t('app.loading')));
  const data = await app.run(() => app.session.loadRecent(meta.id, RECENT));
  if (!data) return;
  if (data.problems.length) {
    mount(body, h('h2', null, t('records.title', { register: registerName(meta.spec) })), structureBar(app, data));
    return;
  }
  const total = data.snapshot?.rowCount ?? data.records.length;
  const records = [...data.records].reverse();
  const searchable = records.map((record) => ({ record, text: searchText(meta.spec, record) }));
  const list = h('ul', { class: 'tz-list', attrs: { 'data-test': 'records' } });
  const fill = (query: string) => {
    const q = query.trim().toLowerCase();
    const shown = q ? searchable.filter((s) => s.text.includes(q)).map((s) => s.record) : records;
    mount(
      list,
      shown.length
        ? shown.map((record) =>
            h(
              'li',
              { class: 'tz-card', attrs: { 'data-test': 'record', 'data-number': recordNumber(meta.spec, record.values) } },
              h(
                'div',
                { class: 'tz-card-title' },
                h(
                  'button',
                  { class: 'tz-link', attrs: { type: 'button' }, on: { click: () => app.go({ kind: 'detail', registerId: meta.id, row: record.index, back: 'records' }) } },
                  recordNumber(meta.spec, record.values) || `#${record.index + 1}`,
                ),
                meta.spec.chain.length ? statusBadge(record.status, meta.spec) : null,
              ),
              titleLine(meta.spec, record),
              h('div', { class: 'tz-card-meta' }, summaryLine(data, record)),
            ),
          )
        : h('li', { class: 'tz-muted' }, t('records.empty')),
    );
  };
  const search = h('input', { attrs: { type: 'search', placeholder: t('records.search'), 'aria-label': t('records.search') }, on: { input: () => fill(search.value) } });
  fill('');
  mount(
    body,
    h('h2', null, t('records.title', { register: registerName(meta.spec) })),
    search,
    h('p', { class: 'tz-muted' }, total > records.length ? t('records.shown', { shown: records.length, count: total }) : t('records.count', { count: total })),
    list,
  );
}

/** The rule core refuses a return or rejection by when it has no opinion: the opinion box is the field in error. */
const OPINION_RULE = 'workflow.opinion';

/** Marks a control red (aria-invalid, styled by the pane's CSS) while it has errors, and clears it when it has none. */
function markInvalid(control: HTMLElement, errors: FieldError[]): void {
  if (errors.length) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

const ACTION_DONE: Record<WorkflowAction['kind'], MessageKey> = {
  approve: 'action.approve',
  return: 'action.return',
  reject: 'action.reject',
  withdraw: 'action.withdraw',
  resubmit: 'action.resubmit',
  update: 'action.submit',
  recall: 'approvals.recalled',
};

function stepsView(data: RegisterData, record: RegisterRecord, takenOver: boolean): HTMLElement {
  const spec = data.meta.spec;
  const state = deriveState(spec, record);
  const steps = state.route ? approvalStepsOf(state.route) : [];
  return h(
    'ol',
    { class: 'tz-steps', attrs: { 'data-test': 'steps' } },
    state.route ? h('li', { class: 'tz-done' }, h('strong', null, nameOf(spec, state.route.steps[0].text)), h('div', { class: 'tz-card-meta' }, t('detail.submitted', { who: record.submittedBy ?? '', time: displayValue(record.submittedAt) }))) : null,
    steps.map((step) => {
      const e = record.steps[step.text];
      const done = !!e?.actor;
      const current = !takenOver && state.pending?.text === step.text;
      return h(
        'li',
        { class: done ? 'tz-done' : current ? 'tz-current' : '', attrs: { 'data-step': step.text } },
        h('strong', null, nameOf(spec, step.text)),
        done
          ? h('div', { class: 'tz-card-meta' }, `${e!.actor} · ${displayValue(e!.time)}`, e!.opinion ? h('div', { class: 'tz-text' }, e!.opinion) : null)
          : h('div', { class: 'tz-card-meta' }, takenOver ? t('takenOver.step') : current ? t('detail.stepWaiting') : t('detail.stepPending')),
      );
    }),
  );
}

/**
 * What the pane says of a record taken over from a ledger. The audit entries it read tell an import from a record
 * submitted here whose status was then typed over (that one `taizhang check` reports).
 */
function takenOverBar(spec: RegisterSpec, record: RegisterRecord, audit: AuditEntry[]): HTMLElement[] {
  const status = statusText(spec, record.status ?? '');
  const imported = audit.find((e) => e.action === AUDIT_ACTIONS.import);
  const submitted = audit.some((e) => e.action === AUDIT_ACTIONS.submit);
  return [
    h('p', { class: 'tz-bar tz-bar-info', attrs: { 'data-test': 'taken-over' } }, imported ? t('takenOver.imported', { status, who: imported.actor, time: imported.time.replace('T', ' ') }) : t('takenOver.ledger', { status })),
    ...(submitted && !imported ? [h('p', { class: 'tz-bar tz-bar-warn', attrs: { 'data-test': 'taken-over-typed' } }, t('takenOver.typedOver', { status }))] : []),
  ];
}

/** The log keeps the Chinese action word (it is hashed); shown in English when the pane is. */
const AUDIT_EN: Record<string, string> = { 提交: 'submitted', 审批: 'approved', 退回: 'returned', 驳回: 'rejected', 撤回: 'withdrawn', 重新提交: 'resubmitted', 更新: 'updated', 导入: 'imported' };

function auditView(entries: AuditEntry[]): HTMLElement {
  if (!entries.length) return h('p', { class: 'tz-muted' }, t('detail.noAudit'));
  return h(
    'table',
    { class: 'tz-table', attrs: { 'data-test': 'audit' } },
    h('tbody', null, entries.map((e) => h('tr', null, h('td', null, String(e.seq)), h('td', null, e.time.replace('T', ' ')), h('td', null, e.actor), h('td', null, getLang() === 'en-US' ? (AUDIT_EN[e.action] ?? e.action) : e.action), h('td', { attrs: { title: e.hash } }, e.hash.slice(0, 10))))),
  );
}

export async function renderDetail(app: App, body: HTMLElement, registerId: string, row: number, back: Tab): Promise<void> {
  const meta = app.registers().find((r) => r.id === registerId);
  if (!meta) return;
  const backButton = h('button', { attrs: { type: 'button', 'data-test': 'back' }, on: { click: () => app.go({ kind: 'tab', tab: back }, true) } }, t('detail.back'));
  mount(body, backButton, h('p', { class: 'tz-muted' }, t('app.loading')));
  const loaded = await app.run(() => app.session.loadRecord(registerId, row));
  if (!loaded) return;
  const { data, record, audit } = loaded;
  if (data.problems.length) {
    mount(body, backButton, structureBar(app, data));
    return;
  }
  if (!record) {
    mount(body, backButton, h('div', { class: 'tz-bar tz-bar-warn' }, t('detail.notFound')));
    return;
  }
  const spec = meta.spec;
  const number = recordNumber(spec, record.values);
  // Taken over from a ledger: its status is the ledger's and nothing waits on it, whatever its blank steps derive to.
  const takenOver = isTakenOver(spec, record);
  const derived = deriveState(spec, record);
  const state = takenOver ? { ...derived, status: record.status, pending: null, closed: true } : derived;
  const settings = app.settings;
  const user = app.user;

  const opinion = h('textarea', { id: 'tz-opinion', attrs: { 'data-test': 'opinion', rows: 2, 'aria-describedby': 'tz-opinion-hint' } });
  const act = async (action: WorkflowAction) => {
    if (!user) {
      app.askForUser();
      return;
    }
    const result = await app.run(() => app.session.act(registerId, { row, number }, action, user));
    if (!result) return;
    markInvalid(opinion, result.ok ? [] : result.errors.filter((e) => e.rule === OPINION_RULE));
    for (const x of fills) markInvalid(x.input, result.ok ? [] : result.errors.filter((e) => e.field === x.field.name));
    if (!result.ok) {
      app.show({ kind: 'error', text: t('form.errors', { count: result.errors.length }), list: result.errors.map((e) => pick(e)) });
      if (result.errors.some((e) => e.rule === OPINION_RULE)) opinion.focus();
      // A field this approval must fill (承办部门 decides the next step): open 填写 at it.
      const toFill = fills.find((x) => result.errors.some((e) => e.field === x.field.name));
      if (toFill) {
        toFill.input.closest('details')?.setAttribute('open', '');
        toFill.input.focus();
      }
      return;
    }
    app.wrote();
    app.go({ kind: 'detail', registerId, row, back });
    app.show({ kind: 'ok', text: t('detail.done', { action: t(ACTION_DONE[action.kind]), number: result.number, status: result.status ? statusText(spec, result.status) : '' }) });
  };
  const text = () => opinion.value;
  // What an approver's step produces (批示, 阅批日期, 办结日期…): the record's empty fields, filled on approval.
  const fillable = spec.fields.filter((f) => f.type !== 'serial' && (record.values[f.name] === null || record.values[f.name] === undefined));
  const fills = fillable.map((f) => {
    const id = uid('fill');
    const input = control(f, settings, '', id, '');
    return { field: f, input, element: h('div', { class: 'tz-field' }, h('label', { attrs: { for: id } }, nameOf(spec, f.name)), input) };
  });
  const filled = (): Record<string, RecordValue> =>
    Object.fromEntries(fills.map((x) => [x.field.name, inputToValue(x.field, x.input.value)] as const).filter(([, v]) => v !== null));
  const actions: (HTMLElement | null)[] = [];
  const returnTo = returnToControl(state, record);
  if (state.pending) actions.push(returnedToStepBar(record.steps[state.pending.text]?.opinion ?? null));
  const recallable = recallableStep(state, record, user);
  if (recallable)
    actions.push(
      h('p', { class: 'tz-hint' }, t('approvals.recallHint', { step: state.pending!.text })),
      h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': 'recall' }, on: { click: () => act({ kind: 'recall' }) } }, t('approvals.recall'))),
    );
  if (state.pending && settings) {
    const allowed = pendingActors(spec, settings, record);
    const acting = user ? actingAs(spec, settings, record, state.pending, user, app.session.now()) : null;
    if (user && acting?.ok) {
      if (acting.onBehalfOf) actions.push(h('p', { class: 'tz-bar tz-bar-info', attrs: { 'data-test': 'on-behalf' } }, t('approvals.onBehalf', { who: acting.onBehalfOf })));
      actions.push(
        h('div', { class: 'tz-field' }, h('label', { class: 'tz-label', attrs: { for: 'tz-opinion' } }, `${nameOf(spec, state.pending.text)} · ${t('detail.opinion')}`), opinion, h('div', { class: 'tz-hint', id: 'tz-opinion-hint' }, t('detail.opinionHint'))),
        fills.length ? h('details', { attrs: { 'data-test': 'fill' } }, h('summary', null, t('detail.fill')), h('p', { class: 'tz-hint' }, t('detail.fillHint')), fills.map((x) => x.element)) : null,
        h(
          'div',
          { class: 'tz-actions' },
          h('button', { class: 'tz-primary', attrs: { type: 'button', 'data-test': 'approve' }, on: { click: () => act({ kind: 'approve', opinion: text(), values: filled() }) } }, t('detail.approve')),
          returnTo.element,
          h('button', { attrs: { type: 'button', 'data-test': 'return' }, on: { click: () => act({ kind: 'return', opinion: text(), toStep: returnTo.select.value || undefined }) } }, t('detail.return')),
          h('button', { class: 'tz-danger', attrs: { type: 'button', 'data-test': 'reject' }, on: { click: () => act({ kind: 'reject', opinion: text() }) } }, t('detail.reject')),
        ),
      );
    } else actions.push(h('p', { class: 'tz-bar tz-bar-info', attrs: { 'data-test': 'not-yours' } }, t('detail.notYours', { names: joinList(allowed) })));
    if (user && user === record.submittedBy && state.approvals === 0)
      actions.push(h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': 'withdraw' }, on: { click: () => act({ kind: 'withdraw', opinion: text() }) } }, t('detail.withdraw'))));
  }
  if (state.status === STATUS_RETURNED) {
    actions.push(h('p', { class: 'tz-bar tz-bar-warn' }, t('detail.returnedToApplicant', { who: record.submittedBy ?? '' })));
    if (user && user === record.submittedBy)
      actions.push(
        h(
          'div',
          { class: 'tz-actions' },
          h('button', { class: 'tz-primary', attrs: { type: 'button', 'data-test': 'edit-resubmit' }, on: { click: () => app.go({ kind: 'edit', target: { registerId, row, number, values: record.values } }) } }, t('detail.editResubmit')),
        ),
      );
  }
  const returnedOpinion = Object.values(record.steps).find((s) => s.opinion?.startsWith(MARK.returned));
  // 催办: for a record someone else must act on now, or with a deadline passed or due within days.
  const asOf = parseInstant(app.session.now()) ?? 0;
  const waiting = !takenOver && (state.pending !== null || openDeadlines(spec, record, asOf).some((d) => d.leftMs <= 3 * 86_400_000));
  const remindPanel = h('div', { attrs: { 'data-test': 'remind-panel' } });
  const holding = waiting ? holdingText(app, meta, record) : null;
  mount(
    body,
    h('div', { class: 'tz-actions' }, backButton, h('button', { attrs: { type: 'button', 'data-test': 'print' }, on: { click: () => app.go({ kind: 'print', registerId, row, back: { kind: 'detail', registerId, row, back } }) } }, t('detail.print'))),
    h('h2', null, `${registerName(spec)} ${number}`, ' ', spec.chain.length ? statusBadge(state.status, spec) : null),
    returnedOpinion && state.status === STATUS_RETURNED ? h('p', { class: 'tz-bar tz-bar-warn tz-text' }, returnedOpinion.opinion) : null,
    takenOver ? takenOverBar(spec, record, audit) : null,
    actions,
    holding
      ? h(
          'div',
          { class: 'tz-actions' },
          h('span', { class: 'tz-muted', attrs: { 'data-test': 'holding', style: 'flex:1' } }, holding),
          h('button', { attrs: { type: 'button', 'data-test': 'remind' }, on: { click: () => remind(app, [remindItem(meta, record)], remindPanel) } }, t('remind.one')),
        )
      : null,
    remindPanel,
    h('h3', null, t('detail.fields')),
    h(
      'table',
      { class: 'tz-table', attrs: { 'data-test': 'fields' } },
      h('tbody', null, spec.fields.map((f) => h('tr', null, h('th', null, nameOf(spec, f.name)), h('td', { class: 'tz-text', attrs: { 'data-field': f.name } }, displayValue(record.values[f.name]))))),
    ),
    spec.chain.length ? [h('h3', null, t('detail.steps')), stepsView(data, record, takenOver)] : null,
    reminderHistory(audit),
    h('h3', null, t('detail.audit')),
    h('p', { class: 'tz-hint' }, t('detail.auditWindow', { n: AUDIT_WINDOW.toLocaleString() })),
    auditView(audit),
  );
}
