/**
 * 办公用品: stock per item, what to reorder and why, next month's purchase plan by supplier with its three quote
 * columns, and the month's figures; "刷新消耗分析" writes 消耗分析 / 采购计划 / 消耗明细 as `taizhang analyze` does
 * (native charts in Excel, tables and data bars in the standalone page); "生成采购申请草稿" puts the plan into the
 * 采购申请 approval chain. Loaded as a chunk of its own the first time the tab opens.
 */
import { getLang, joinList, pick, t } from '../../i18n';
import { ANALYSIS_SHEET, DETAIL_SHEET, PLAN_SHEET } from '../../inventory/analysisSheets';
import { SUPPLY_REGISTERS } from '../../inventory/fields';
import { fenDisplay, fenText } from '../../inventory/money';
import { monthText, serialText } from '../../inventory/months';
import { problemPlace, type Problem } from '../../inventory/problems';
import type { DraftLine } from '../../inventory/drafts';
import { h, mount } from '../dom';
import { createPurchaseDrafts, loadSupplies, refreshAnalysis, type Analysed } from '../supplies';
import type { App } from './app';

/** Problems listed in the pane; the 消耗分析 sheet and `taizhang analyze` list them all. */
const PANE_PROBLEMS = 50;

const percent = (r: number | null) => (r === null ? '—' : `${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)}%`);
const sheetNames = () => joinList([ANALYSIS_SHEET, PLAN_SHEET, DETAIL_SHEET]);

interface Figure {
  key: string;
  label: string;
  text: string;
  /** Machine-readable value (money as yuan with two decimals), for tests and assistive tools. */
  value: string;
}

function figures(a: Analysed): Figure[] {
  const r = a.result.report;
  const stockValue = a.result.stock.reduce((s, l) => s + l.value, 0);
  const money = (key: string, label: string, fen: number): Figure => ({ key, label, text: fenDisplay(fen), value: fenText(fen) });
  const list: Figure[] = [
    money('cost', t('supplies.f.cost'), r.total.cost),
    { key: 'quantity', label: t('supplies.f.quantity'), text: String(r.total.qty), value: String(r.total.qty) },
    money('previousMonthCost', t('supplies.f.previous'), r.previous.cost),
    { key: 'monthOnMonth', label: t('supplies.f.monthOnMonth'), text: percent(r.monthOnMonth), value: r.monthOnMonth === null ? '' : String(r.monthOnMonth) },
    money('lastYearCost', t('supplies.f.lastYear'), r.lastYear.cost),
    { key: 'yearOnYear', label: t('supplies.f.yearOnYear'), text: percent(r.yearOnYear), value: r.yearOnYear === null ? '' : String(r.yearOnYear) },
  ];
  if (r.costPerHead !== null) list.push(money('costPerHead', t('supplies.f.perHead'), r.costPerHead));
  const toOrder = a.result.reorder.filter((l) => l.suggestedQuantity > 0).length;
  list.push(
    money('stockValue', t('supplies.f.stockValue'), stockValue),
    { key: 'itemsToReorder', label: t('supplies.f.reorder'), text: String(toOrder), value: String(toOrder) },
    money('planBudget', t('supplies.f.plan', { month: monthText(a.result.planMonth) }), a.result.plan.budgetFen),
    { key: 'problems', label: t('supplies.f.problems'), text: String(a.result.problems.length), value: String(a.result.problems.length) },
  );
  return list;
}

function figuresView(a: Analysed): HTMLElement {
  return h(
    'dl',
    { class: 'tz-figures', attrs: { 'data-test': 'supplies-figures', 'aria-label': t('supplies.figures') } },
    figures(a).map((f) => h('div', null, h('dt', null, f.label), h('dd', { attrs: { 'data-figure': f.key, 'data-value': f.value } }, f.text))),
  );
}

function departmentsView(a: Analysed): HTMLElement | null {
  const depts = a.result.report.departments;
  if (!depts.length) return null;
  const max = Math.max(1, ...depts.map((d) => d.cost));
  return h(
    'section',
    { attrs: { 'data-test': 'supplies-departments' } },
    h('h3', null, t('supplies.byDepartment', { month: monthText(a.result.month) })),
    h(
      'table',
      { class: 'tz-table tz-bars' },
      h(
        'tbody',
        null,
        depts.map((d) =>
          h(
            'tr',
            { attrs: { 'data-department': d.department } },
            h('th', { attrs: { scope: 'row' } }, d.department),
            h('td', { class: 'tz-num' }, fenDisplay(d.cost)),
            h('td', { class: 'tz-bar-cell', attrs: { 'aria-hidden': 'true' } }, h('div', { class: 'tz-bar-fill', attrs: { style: `width:${(100 * d.cost) / max}%` } })),
          ),
        ),
      ),
    ),
  );
}

function reorderView(a: Analysed): HTMLElement {
  const lines = a.result.reorder.filter((l) => l.suggestedQuantity > 0);
  return h(
    'section',
    { attrs: { 'data-test': 'supplies-reorder' } },
    h('h3', null, t('supplies.reorder', { count: lines.length })),
    lines.length
      ? h(
          'ul',
          { class: 'tz-list' },
          lines.map((l) =>
            h(
              'li',
              { class: 'tz-card', attrs: { 'data-test': 'supplies-reorder-item', 'data-item': l.code } },
              h(
                'div',
                { class: 'tz-card-title' },
                `${l.code} ${l.name}`,
                h('span', { class: `tz-badge ${l.method === 'statistical' ? 'tz-badge-done' : 'tz-badge-soon'}`, attrs: { 'data-method': l.method } }, t(l.method === 'statistical' ? 'supplies.statistical' : 'supplies.safetyStock')),
              ),
              h('div', { class: 'tz-card-meta' }, t('supplies.reorderNumbers', { onHand: `${l.onHand} ${l.unit}`, onOrder: l.onOrder, point: l.reorderPoint, quantity: `${l.suggestedQuantity} ${l.unit}` })),
              h('div', { class: 'tz-card-meta', attrs: { 'data-test': 'supplies-reason' } }, pick({ message: l.reason, messageEn: l.reasonEn })),
            ),
          ),
        )
      : h('p', { class: 'tz-muted' }, t('supplies.noReorder')),
  );
}

function planView(a: Analysed): HTMLElement {
  const plan = a.result.plan;
  const quote = (name: string | undefined) => (name ? h('span', null, name, h('span', { class: 'tz-muted' }, ` · ${t('supplies.quotePending')}`)) : '—');
  return h(
    'section',
    { attrs: { 'data-test': 'supplies-plan' } },
    h('h3', null, t('supplies.plan', { month: monthText(plan.month), count: plan.lines })),
    plan.groups.length
      ? plan.groups.map((g) =>
          h(
            'div',
            { class: 'tz-plan-group', attrs: { 'data-test': 'supplies-plan-group', 'data-supplier': g.supplier } },
            h('h4', null, t('supplies.planGroup', { supplier: g.supplier, count: g.lines.length, budget: fenDisplay(g.budgetFen) })),
            h(
              'div',
              { class: 'tz-scroll-x', attrs: { tabindex: 0, role: 'region', 'aria-label': g.supplier } },
              h(
                'table',
                { class: 'tz-table' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    [t('supplies.item'), t('supplies.quantity'), t('supplies.budget'), t('supplies.neededBy'), t('supplies.quote1'), t('supplies.quote2'), t('supplies.quote3')].map((c) => h('th', { attrs: { scope: 'col' } }, c)),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  g.lines.map((l) =>
                    h(
                      'tr',
                      { attrs: { 'data-item': l.code } },
                      h('td', null, `${l.code} ${l.name}`, l.spec ? h('div', { class: 'tz-muted' }, l.spec) : null),
                      h('td', { class: 'tz-num' }, `${l.quantity} ${l.unit}`),
                      h('td', { class: 'tz-num' }, fenDisplay(l.budgetFen)),
                      h('td', { class: 'tz-date' }, serialText(l.neededBy)),
                      h('td', null, quote(l.quoteSuppliers[0])),
                      h('td', null, quote(l.quoteSuppliers[1])),
                      h('td', null, quote(l.quoteSuppliers[2])),
                    ),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'tz-muted' }, t('supplies.noPlan')),
  );
}

function stockView(a: Analysed): HTMLElement {
  const stock = a.result.stock;
  return h(
    'section',
    { attrs: { 'data-test': 'supplies-stock' } },
    h('h3', null, t('supplies.stock', { count: stock.length })),
    h(
      'div',
      { class: 'tz-scroll', attrs: { tabindex: 0, role: 'region', 'aria-label': t('supplies.stockTable') } },
      h(
        'table',
        { class: 'tz-table' },
        h('thead', null, h('tr', null, [t('supplies.item'), t('supplies.onHand'), t('supplies.value'), t('supplies.averageCost')].map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
        h(
          'tbody',
          null,
          stock.map((l) =>
            h(
              'tr',
              { attrs: { 'data-item': l.code, 'data-on-hand': l.onHand, 'data-value': fenText(l.value) } },
              h('td', null, `${l.code} ${l.name}`, l.inactive ? h('span', { class: 'tz-muted' }, ` (${t('supplies.inactive')})`) : null),
              h('td', { class: 'tz-num' }, `${l.onHand} ${l.unit}`),
              h('td', { class: 'tz-num' }, fenDisplay(l.value)),
              h('td', { class: 'tz-num' }, l.averageCost === null ? '—' : fenDisplay(Math.round(l.averageCost))),
            ),
          ),
        ),
      ),
    ),
  );
}

const place = (p: Problem) => (getLang() === 'en-US' && p.row !== null ? `${p.sheet}, row ${p.row}` : problemPlace(p));

function problemsView(a: Analysed): HTMLElement | null {
  const problems = a.result.problems;
  if (!problems.length) return null;
  const shown = problems.slice(0, PANE_PROBLEMS);
  return h(
    'details',
    { attrs: { 'data-test': 'supplies-problems' } },
    h('summary', null, t('supplies.problems', { count: problems.length })),
    h('ul', { class: 'tz-list-plain' }, shown.map((p) => h('li', null, `${place(p)}${getLang() === 'en-US' ? ': ' : ':'}${pick(p)}`))),
    problems.length > shown.length ? h('p', { class: 'tz-muted' }, t('supplies.problemsMore', { count: problems.length - shown.length, sheet: ANALYSIS_SHEET })) : null,
  );
}

function draftedView(app: App, drafts: DraftLine[]): HTMLElement {
  const open = () => {
    app.registerId = SUPPLY_REGISTERS.purchase;
    app.host.prefs.set('register', SUPPLY_REGISTERS.purchase);
    app.renderHeader();
    app.go({ kind: 'tab', tab: 'records' });
  };
  return h(
    'div',
    { class: 'tz-bar tz-bar-info', attrs: { 'data-test': 'supplies-drafted' } },
    h('ul', { class: 'tz-list-plain' }, drafts.map((d) => h('li', { attrs: { 'data-number': d.number } }, `${d.number} · ${d.status ?? ''}`))),
    h('div', null, t('supplies.draftsFill')),
    h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': 'supplies-open-requests' }, on: { click: open } }, t('supplies.openRequests'))),
  );
}

function view(app: App, a: Analysed, drafted: DraftLine[] | null): (HTMLElement | null)[] {
  return [
    drafted?.length ? draftedView(app, drafted) : null,
    h('p', { class: 'tz-muted', attrs: { 'data-test': 'supplies-as-of' } }, t('supplies.asOf', { month: monthText(a.result.month), date: serialText(a.result.asOf) })),
    figuresView(a),
    reorderView(a),
    planView(a),
    departmentsView(a),
    stockView(a),
    problemsView(a),
  ];
}

export async function renderSupplies(app: App, body: HTMLElement): Promise<void> {
  const results = h('div', { attrs: { 'data-test': 'supplies-results', 'aria-live': 'polite' } }, h('p', { class: 'tz-muted' }, t('app.loading')));
  const user = app.user;
  const buttons: HTMLButtonElement[] = [];
  const work = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    buttons.forEach((b) => (b.disabled = true));
    try {
      return await app.run(fn);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      drafts.disabled = !user;
    }
  };
  const show = (a: Analysed, drafted: DraftLine[] | null = null) => mount(results, view(app, a, drafted));
  const refresh = h(
    'button',
    {
      class: 'tz-primary',
      attrs: { type: 'button', 'data-test': 'supplies-refresh' },
      on: {
        click: async () => {
          const r = await work(() => refreshAnalysis(app.session));
          if (!r) return;
          if (!r.ok) {
            app.show({ kind: 'info', text: getLang() === 'en-US' ? r.messageEn : r.message });
            return;
          }
          app.wrote();
          const written = t('supplies.written', { sheets: sheetNames(), time: app.session.now().replace('T', ' ') });
          app.show({ kind: 'ok', text: app.host.kind === 'standalone' ? `${written} ${t('supplies.chartsExcel')}` : written });
          show(r);
        },
      },
    },
    t('supplies.refresh'),
  );
  const drafts = h(
    'button',
    {
      attrs: { type: 'button', 'data-test': 'supplies-drafts', title: t('supplies.draftsHint') },
      props: { disabled: !user },
      on: {
        click: async () => {
          if (!user) return;
          const outcome = await work(() => createPurchaseDrafts(app.session, user));
          if (!outcome) return;
          if (!outcome.ok) {
            app.show({ kind: 'error', text: outcome.errors.map((e) => pick(e)).join(' ') });
            return;
          }
          if (!outcome.drafts.length) {
            app.show({ kind: 'info', text: t('supplies.noDrafts') });
            show(outcome.analysis);
            return;
          }
          app.wrote();
          const status = outcome.drafts[0].status ?? '';
          app.show({ kind: 'ok', text: t('supplies.drafted', { count: outcome.drafts.length, status }), list: outcome.drafts.map((d) => d.number) });
          show(outcome.analysis, outcome.drafts);
        },
      },
    },
    t('supplies.drafts'),
  );
  buttons.push(refresh, drafts);
  mount(
    body,
    h('h2', null, t('supplies.title')),
    h('p', { class: 'tz-muted' }, t('supplies.intro')),
    h('div', { class: 'tz-actions' }, refresh, drafts),
    h('p', { class: 'tz-muted' }, t('supplies.refreshHint', { sheets: sheetNames() }), ' ', user ? t('supplies.draftsHint') : t('supplies.needsUser')),
    results,
  );
  const loaded = await work(() => loadSupplies(app.session));
  if (!loaded) return;
  if (!loaded.ok) {
    mount(results, h('p', { class: 'tz-bar tz-bar-info' }, getLang() === 'en-US' ? loaded.messageEn : loaded.message));
    return;
  }
  show(loaded);
}
