/** What waits for me (by role), what was returned to me, what is overdue and what is due soon, across registers. */
import { parseInstant } from '../../core/dates';
import { deadlineView, type DeadlineItem } from '../../core/deadlines';
import type { RegisterRecord } from '../../core/records';
import { recordNumber } from '../../core/transitions';
import { STATUS_RETURNED, deriveState } from '../../core/workflow';
import { actingAs } from '../../core/authority';
import { batchControls } from './batchBar';
import { t } from '../../i18n';
import { h, mount } from '../dom';
import type { RegisterData } from '../session';
import { QUEUE_PAGE } from '../queueRows';
import { deadlineText, lateText, statusBadge } from './common';
import type { App } from './app';
import { recordTitleValue } from '../../core/recordTitle';
import { displayValue } from '../print';
import { nameOf, registerName } from './names';
import { holdingText, remind, remindItem } from './reminders';
import { holdingOf, type RemindItem } from '../../core/reminders';

export const SOON_DAYS = 3;

/** How many open or due records the queue reads in full; 读取更多 raises it by a page for the rest of the session. */
let queueLimit = QUEUE_PAGE;

interface Item {
  data: RegisterData;
  record: RegisterRecord;
  detail: string;
  badge?: HTMLElement;
  /** Status derived from the step columns (what the pane acts on), not the 状态 cell as typed. */
  status?: string | null;
  /** Who holds it now and for how long (overdue and due-soon items). */
  holding?: string | null;
  /** What 催办 names, with the panel its messages go to. */
  remind?: { item: RemindItem; panel: HTMLElement };
}

function card(app: App, item: Item, test: string, select?: HTMLInputElement): HTMLElement {
  const spec = item.data.meta.spec;
  const title = recordTitleValue(spec, item.record.values);
  return h(
    'li',
    { class: 'tz-card', attrs: { 'data-test': test, 'data-number': recordNumber(spec, item.record.values) } },
    h(
      'div',
      { class: 'tz-card-title' },
      select ?? null,
      h(
        'button',
        {
          class: 'tz-link',
          attrs: { type: 'button' },
          on: { click: () => app.go({ kind: 'detail', registerId: item.data.meta.id, row: item.record.index, back: 'queue' }) },
        },
        `${registerName(spec)} ${recordNumber(spec, item.record.values)}`,
      ),
      item.badge ?? statusBadge(item.status ?? item.record.status, spec),
    ),
    title !== null ? h('div', { class: 'tz-card-meta', attrs: { 'data-test': 'record-title' } }, displayValue(title)) : null,
    h('div', { class: 'tz-card-meta' }, item.detail),
    item.holding ? h('div', { class: 'tz-card-meta', attrs: { 'data-test': 'holding' } }, item.holding) : null,
    item.remind
      ? h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': 'remind' }, on: { click: () => remind(app, [item.remind!.item], item.remind!.panel) } }, t('remind.one')))
      : null,
  );
}

function section(app: App, title: string, items: Item[], test: string, batch?: ReturnType<typeof batchControls>, tools?: HTMLElement | null): HTMLElement {
  return h(
    'section',
    { attrs: { 'data-test': test } },
    h('h3', null, `${title} (${items.length})`),
    tools ?? null,
    items.length ? h('ul', { class: 'tz-list' }, items.map((i) => card(app, i, `${test}-item`, batch?.boxes.get(i)))) : h('p', { class: 'tz-muted' }, t('queue.empty')),
    batch?.bar ?? null,
  );
}

export async function renderQueue(app: App, body: HTMLElement): Promise<void> {
  mount(body, h('h2', null, t('queue.title')), h('p', { class: 'tz-muted' }, t('app.loading')));
  const asOf = parseInstant(app.session.now()) ?? 0;
  const user = app.user;
  const all = await app.run(() => app.session.loadQueue(asOf, SOON_DAYS * 86_400_000, user, queueLimit));
  if (!all) return;
  const settings = app.settings;
  const unread = all.reduce((n, d) => n + (d.unread ?? 0), 0);
  const mine: Item[] = [];
  const returned: Item[] = [];
  const overdue: (Item & { due: number })[] = [];
  const soon: (Item & { due: number })[] = [];
  const panel = h('div', { attrs: { 'data-test': 'remind-panel' } });
  const deadlineItem = (data: RegisterData, d: DeadlineItem, late: boolean) => ({
    data,
    record: d.record,
    due: d.due,
    detail: deadlineText(d, data.meta.spec),
    badge: h('span', { class: `tz-badge ${late ? 'tz-badge-overdue' : 'tz-badge-soon'}` }, lateText(d.leftMs)),
    holding: holdingText(app, data.meta, d.record),
    remind: { item: remindItem(data.meta, d.record), panel },
  });
  for (const data of all) {
    const spec = data.meta.spec;
    for (const record of data.records) {
      if (!user || !settings || !spec.chain.length) continue;
      const state = deriveState(spec, record);
      // The user's own steps and, under an active 委托, the delegator's — marked with whom they act for.
      const acting = state.pending ? actingAs(spec, settings, record, state.pending, user, app.session.now()) : null;
      if (state.pending && acting?.ok)
        mine.push({ data, record, status: state.status, detail: `${acting.onBehalfOf ? `${t('approvals.onBehalf', { who: acting.onBehalfOf })} · ` : ''}${nameOf(spec, state.pending.text)} · ${record.submittedBy ?? ''} ${record.submittedAt?.replace('T', ' ') ?? ''}` });
      else if (state.status === STATUS_RETURNED && record.submittedBy === user) returned.push({ data, record, status: state.status, detail: record.submittedAt?.replace('T', ' ') ?? '' });
    }
    const view = deadlineView(spec, data.records, asOf, SOON_DAYS * 86_400_000);
    for (const d of view.overdue) overdue.push(deadlineItem(data, d, true));
    for (const d of view.dueSoon) soon.push(deadlineItem(data, d, false));
  }
  overdue.sort((a, b) => a.due - b.due);
  soon.sort((a, b) => a.due - b.due);
  // What is late and waits on the user: first on the screen (the pane opens here with the workbook).
  const holdsIt = (o: Item) => {
    const holding = holdingOf(o.data.meta.spec, o.data.meta, settings!, o.record, app.session.now());
    return holding.holders.includes(user!) || holding.delegates.includes(user!);
  };
  const mineLate = user && settings ? overdue.filter(holdsIt) : [];
  // 催办 all overdue records of a register at once (a record late on two deadlines is chased once).
  const overdueByRegister = new Map<RegisterData, Map<number, RemindItem>>();
  for (const o of overdue) {
    const items = overdueByRegister.get(o.data) ?? new Map<number, RemindItem>();
    items.set(o.record.index, remindItem(o.data.meta, o.record));
    overdueByRegister.set(o.data, items);
  }
  const chaseAll = overdueByRegister.size
    ? h(
        'div',
        { class: 'tz-actions' },
        [...overdueByRegister].map(([data, items]) =>
          h('button', { attrs: { type: 'button', 'data-test': 'remind-all', 'data-register': data.meta.id }, on: { click: () => remind(app, [...items.values()], panel) } }, t('remind.all', { register: registerName(data.meta.spec), count: items.size })),
        ),
      )
    : null;
  mount(
    body,
    h('div', { class: 'tz-actions' }, h('h2', { attrs: { style: 'margin:0;flex:1' } }, t('queue.title')), h('button', { attrs: { type: 'button', 'data-test': 'queue-refresh' }, on: { click: () => app.go({ kind: 'tab', tab: 'queue' }, true) } }, t('queue.refresh'))),
    unread
      ? h(
          'p',
          { class: 'tz-bar tz-bar-info', attrs: { 'data-test': 'queue-unread' } },
          t('queuePage.unread', { count: unread, page: queueLimit }),
          ' ',
          h('button', { attrs: { type: 'button', 'data-test': 'queue-more' }, on: { click: () => ((queueLimit += QUEUE_PAGE), app.go({ kind: 'tab', tab: 'queue' }, true)) } }, t('queuePage.more')),
        )
      : null,
    mineLate.length ? section(app, t('queue.mineOverdue'), mineLate.map((o) => ({ ...o, remind: undefined })), 'queue-mine-overdue') : null,
    user ? section(app, t('queue.mine'), mine, 'queue-mine', batchControls(app, mine, user)) : h('p', { class: 'tz-bar tz-bar-info' }, t('queue.needsUser')),
    user && returned.length ? section(app, t('queue.returned'), returned, 'queue-returned') : null,
    panel,
    section(app, t('queue.overdue'), overdue, 'queue-overdue', undefined, chaseAll),
    section(app, t('queue.soon', { days: SOON_DAYS }), soon, 'queue-soon'),
  );
}
