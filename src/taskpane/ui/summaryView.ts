/** Summary: counts by register and status and the overdue list; "刷新汇总" writes them to 汇总 with charts. */
import { getLang, t } from '../../i18n';
import { h, mount } from '../dom';
import { STATUS_COLUMNS, summarise, type OverdueLine, type Summary } from '../summary';
import type { App } from './app';
import { summaryColumns } from '../columns';
import { STATUS_ENGLISH } from '../../core/statusNames';
import { nameOf, registerName } from './names';

/** The summary's own status groups, beside the workflow's statuses that core translates. */
const GROUP_ENGLISH: Readonly<Record<string, string>> = { 审批中: 'In approval', 无需审批: 'No approval needed', ...STATUS_ENGLISH };
const groupName = (column: string) => (getLang() === 'en-US' ? (GROUP_ENGLISH[column] ?? column) : column);

/** A register, or one of its fields or deadlines, as named in the pane's language (the summary keeps the Chinese names it writes to 汇总). */
function nameFor(app: App, id: string, name: string, field?: string): string {
  const spec = app.registers().find((r) => r.id === id)?.spec;
  if (field !== undefined) return spec ? nameOf(spec, field) : field;
  return spec ? registerName(spec) : name;
}

function bars(app: App, summary: Summary): HTMLElement {
  const rows = summary.registers.filter((r) => r.total > 0);
  const max = Math.max(1, ...rows.map((r) => r.total));
  return h(
    'div',
    { class: 'tz-chart', attrs: { 'aria-hidden': 'true' } },
    rows.flatMap((r) => [h('span', null, nameFor(app, r.id, r.name)), h('div', { class: 'tz-bar-fill', attrs: { style: `width:${(100 * r.total) / max}%` } }), h('span', null, String(r.total))]),
  );
}

/** "办公室主任拟办 · 办理人 赵敏 · 已等待 3 天" for a listed line, when the summary knows who holds it. */
function holdsLine(app: App, o: OverdueLine): HTMLElement | null {
  if (!o.step && !o.holders) return null;
  const step = o.step ? nameFor(app, o.registerId, o.register, o.step) : null;
  const at = step && o.holders ? t('remind.holds', { step, who: o.holders }) : step || o.holders;
  const where = [at, o.held ? t('remind.heldFor', { time: o.held }) : null].filter(Boolean).join(' · ');
  return h('div', { class: 'tz-card-meta', attrs: { 'data-test': 'summary-holding' } }, where);
}

/** One listed item: register and number, how late or how soon, the deadline, and who holds it. */
function lineCard(app: App, o: OverdueLine, badge: string): HTMLElement {
  return h(
    'li',
    { class: 'tz-card' },
    h('div', { class: 'tz-card-title' }, `${nameFor(app, o.registerId, o.register)} ${o.number || t('summary.atRow', { row: o.sheetRow })}`, h('span', { class: `tz-badge ${badge}` }, getLang() === 'en-US' ? o.late.en : o.late.zh)),
    h('div', { class: 'tz-card-meta' }, t('queue.deadline', { name: nameFor(app, o.registerId, o.register, o.deadline), due: o.due, done: nameFor(app, o.registerId, o.register, o.done) })),
    holdsLine(app, o),
  );
}

function view(app: App, summary: Summary, written: boolean): (HTMLElement | null)[] {
  const used = summary.registers.filter((r) => r.total > 0 || r.broken);
  const totals = STATUS_COLUMNS.map((s) => summary.registers.reduce((n, r) => n + r.byStatus[s], 0));
  return [
    written && app.host.kind === 'standalone' ? h('p', { class: 'tz-bar tz-bar-info' }, t('summary.chartsExcel')) : null,
    h('h3', null, t('summary.byRegister')),
    bars(app, summary),
    h(
      'table',
      { class: 'tz-table', attrs: { 'data-test': 'summary-table' } },
      h('thead', null, h('tr', null, h('th', null, t('app.register')), h('th', null, '#'), STATUS_COLUMNS.map((s) => h('th', null, groupName(s))))),
      h(
        'tbody',
        null,
        used.map((r) => h('tr', null, h('td', null, nameFor(app, r.id, r.name)), h('td', { class: 'tz-num' }, String(r.total)), STATUS_COLUMNS.map((s) => h('td', { class: 'tz-num' }, String(r.byStatus[s]))))),
        h('tr', null, h('th', null, t('summary.total')), h('th', { class: 'tz-num' }, String(summary.registers.reduce((n, r) => n + r.total, 0))), totals.map((n) => h('th', { class: 'tz-num' }, String(n)))),
      ),
    ),
    h('h3', null, t('summary.overdue')),
    summary.overdue.length
      ? h(
          'ul',
          { class: 'tz-list', attrs: { 'data-test': 'summary-overdue' } },
          summary.overdue.map((o) => lineCard(app, o, 'tz-badge-overdue')),
        )
      : h('p', { class: 'tz-muted' }, t('summary.noOverdue')),
    summary.overdueTotal > summary.overdue.length
      ? h('p', { class: 'tz-muted', attrs: { 'data-test': 'summary-overdue-more' } }, t('summary.moreOverdue', { more: summary.overdueTotal - summary.overdue.length, listed: summary.overdue.length }))
      : null,
    h('h3', null, t('summary.soon', { count: summary.soonTotal })),
    summary.soon.length
      ? h(
          'ul',
          { class: 'tz-list', attrs: { 'data-test': 'summary-soon' } },
          summary.soon.map((o) => lineCard(app, o, 'tz-badge-soon')),
        )
      : h('p', { class: 'tz-muted' }, t('queue.empty')),
    summary.timeliness ? timelinessBar(app, summary.timeliness) : null,
  ];
}

/**
 * What 时效分析 covers after 刷新汇总; where that is not every record (a register too large for one read), a button
 * computes it over all of them (several requests, a few seconds on Excel on the web).
 */
function timelinessBar(app: App, timeliness: NonNullable<Summary['timeliness']>): HTMLElement {
  const text = t(`summary.timeliness.${timeliness.covers}`, { window: (timeliness.window ?? 0).toLocaleString() });
  const bar = h('p', { class: timeliness.covers === 'none' ? 'tz-bar tz-bar-warn' : 'tz-bar tz-bar-info', attrs: { 'data-test': 'summary-timeliness' } }, text);
  if (timeliness.covers === 'all') return bar;
  const all = h(
    'button',
    {
      attrs: { type: 'button', 'data-test': 'summary-timeliness-all' },
      on: {
        click: async () => {
          all.disabled = true;
          all.textContent = t('summary.timeliness.working');
          const done = await app.run(() => app.session.refreshTimeliness());
          if (!done) {
            all.disabled = false;
            all.textContent = t('summary.timeliness.computeAll');
            return;
          }
          app.wrote();
          mount(bar, t('summary.timeliness.allDone', { records: done.records.toLocaleString() }));
          bar.className = 'tz-bar tz-bar-info';
        },
      },
    },
    t('summary.timeliness.computeAll'),
  );
  bar.append(' ', all);
  return bar;
}

export async function renderSummary(app: App, body: HTMLElement): Promise<void> {
  const results = h('div');
  const refresh = h(
    'button',
    {
      class: 'tz-primary',
      attrs: { type: 'button', 'data-test': 'summary-refresh' },
      on: {
        click: async () => {
          refresh.disabled = true;
          const summary = await app.run(() => app.session.refreshSummary());
          refresh.disabled = false;
          if (!summary) return;
          app.wrote();
          app.show({ kind: 'ok', text: t('summary.done', { time: summary.time }) });
          mount(results, view(app, summary, true));
        },
      },
    },
    t('summary.refresh'),
  );
  mount(body, h('h2', null, t('summary.title')), h('p', { class: 'tz-muted' }, t('summary.intro')), h('div', { class: 'tz-actions' }, refresh), results);
  const data = await app.run(() => app.session.load(undefined, summaryColumns));
  if (data) mount(results, view(app, summarise(data, app.session.now()), false));
}
