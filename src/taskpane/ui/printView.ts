/**
 * Print: the register's 申请单 sheet is filled with the record and brought to the front (in Excel: Ctrl+P), and
 * the same form is shown here as a preview that prints on its own (the standalone page has no Excel to print).
 */
import { t } from '../../i18n';
import { h, mount } from '../dom';
import { printModel, type PrintModel } from '../print';
import type { App, Screen } from './app';

export function printSheet(model: PrintModel): HTMLElement {
  const steps = model.steps.filter((s) => s.onRoute);
  return h(
    'div',
    { class: 'tz-print', attrs: { 'data-test': 'print-form' } },
    h('h2', null, model.title),
    h('div', { class: 'tz-formcode' }, t('print.formCode', { code: model.formCode })),
    h('table', null, h('tbody', null, model.fields.map((f) => h('tr', null, h('th', null, f.label), h('td', { attrs: { 'data-field': f.label }, class: f.long ? 'tz-long' : '' }, f.value))))),
    steps.length
      ? [
          h('h3', null, t('print.signatures')),
          h(
            'table',
            { class: 'tz-sign' },
            h('thead', null, h('tr', null, h('th', null, t('print.step')), h('th', null, t('print.sign')), h('th', null, t('print.date')), h('th', null, t('print.opinion')))),
            h('tbody', null, steps.map((s) => h('tr', null, h('td', null, s.text), h('td', null, s.actor), h('td', null, s.time), h('td', null, s.opinion)))),
          ),
        ]
      : null,
  );
}

export async function renderPrint(app: App, body: HTMLElement, registerId: string, row: number, back: Screen): Promise<void> {
  const meta = app.registers().find((r) => r.id === registerId);
  if (!meta) return;
  const backButton = h('button', { attrs: { type: 'button', 'data-test': 'back' }, on: { click: () => app.go(back) } }, t('print.back'));
  mount(body, backButton, h('p', { class: 'tz-muted' }, t('app.loading')));
  const result = await app.run(() => app.session.print(registerId, row));
  if (!result?.record) return;
  if (result.sheet) app.wrote();
  const model = printModel(meta.spec, result.record);
  mount(
    body,
    h(
      'div',
      { class: 'tz-actions tz-noprint' },
      backButton,
      h('button', { class: 'tz-primary', attrs: { type: 'button', 'data-test': 'print-now' }, on: { click: () => window.print() } }, t('print.print')),
    ),
    h('p', { class: 'tz-bar tz-bar-info tz-noprint', attrs: { 'data-test': 'print-note' } }, result.sheet ? t(app.host.kind === 'excel' ? 'print.filledSheet' : 'print.filledSheetFile', { sheet: result.sheet }) : t('print.noSheet')),
    printSheet(model),
  );
}
