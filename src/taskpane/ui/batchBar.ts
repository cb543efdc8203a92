/**
 * 待办's batch approval: a check box on each record waiting for the user and, under the list, one opinion with
 * 批量同意 / 批量退回 for the records ticked, across registers. Records skipped because someone else acted first, or
 * that the user may not act on, are listed after the write.
 */
import type { BatchItem } from '../../core/batch';
import type { RegisterRecord } from '../../core/records';
import { recordNumber } from '../../core/transitions';
import { pick, t } from '../../i18n';
import { h } from '../dom';
import type { RegisterData } from '../session';
import type { App } from './app';

export interface Selectable {
  data: RegisterData;
  record: RegisterRecord;
  status?: string | null;
}

export function batchControls(app: App, items: Selectable[], user: string): { boxes: Map<Selectable, HTMLInputElement>; bar: HTMLElement | null } {
  const boxes = new Map<Selectable, HTMLInputElement>();
  for (const item of items)
    boxes.set(item, h('input', { attrs: { type: 'checkbox', 'data-test': 'batch-select', 'aria-label': t('batch.select', { number: recordNumber(item.data.meta.spec, item.record.values) }) } }));
  if (items.length < 2) return { boxes, bar: null };
  const opinion = h('textarea', { attrs: { rows: 2, 'data-test': 'batch-opinion', 'aria-label': t('detail.opinion') } });
  const selection = (): BatchItem[] =>
    items
      .filter((i) => boxes.get(i)!.checked)
      .map((i) => ({ registerId: i.data.meta.id, row: i.record.index, number: recordNumber(i.data.meta.spec, i.record.values), status: i.status ?? i.record.status }));
  const run = async (kind: 'approve' | 'return') => {
    const chosen = selection();
    if (!chosen.length) return app.show({ kind: 'warn', text: t('batch.none') });
    const result = await app.run(() => app.session.batchAct(chosen, { kind, opinion: opinion.value }, user));
    if (!result) return;
    if ('ok' in result) return app.show({ kind: 'error', text: t('form.errors', { count: result.errors.length }), list: result.errors.map((e) => pick(e)) });
    if (result.done.length) app.wrote();
    app.go({ kind: 'tab', tab: 'queue' }, true);
    const skipped = result.skipped.map((s) => `${s.item.number}:${pick(s.errors[0])}`);
    app.show({ kind: skipped.length ? 'warn' : 'ok', text: t('batch.done', { done: result.done.length, skipped: result.skipped.length }), list: skipped });
  };
  const toggleAll = h('input', { attrs: { type: 'checkbox', 'data-test': 'batch-all', 'aria-label': t('batch.all') }, on: { change: (e) => boxes.forEach((b) => (b.checked = (e.target as HTMLInputElement).checked)) } });
  const bar = h(
    'div',
    { class: 'tz-field', attrs: { 'data-test': 'batch-bar' } },
    h('label', { class: 'tz-inline' }, toggleAll, ' ', t('batch.all')),
    opinion,
    h(
      'div',
      { class: 'tz-actions' },
      h('button', { class: 'tz-primary', attrs: { type: 'button', 'data-test': 'batch-approve' }, on: { click: () => run('approve') } }, t('batch.approve')),
      h('button', { attrs: { type: 'button', 'data-test': 'batch-return' }, on: { click: () => run('return') } }, t('batch.return')),
    ),
  );
  return { boxes, bar };
}
