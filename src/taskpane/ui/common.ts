/** Pieces several views share: the tampered-register notice, status badges, deadline wording. */
import type { DeadlineItem } from '../../core/deadlines';
import { displayDue } from '../../core/deadlines';
import { MS_DAY, MS_HOUR } from '../../core/dates';
import { STATUS_DONE, STATUS_REJECTED, STATUS_RETURNED, STATUS_WITHDRAWN } from '../../core/workflow';
import { pick, t } from '../../i18n';
import { h } from '../dom';
import type { RegisterData } from '../session';
import type { App } from './app';
import type { RegisterSpec } from '../../spec/schema';
import { nameOf, statusText } from './names';

export function structureBar(app: App, data: RegisterData): HTMLElement {
  return h(
    'div',
    { class: 'tz-bar tz-bar-error', attrs: { role: 'alert', 'data-test': 'tampered' } },
    h('strong', null, t('tampered.title', { register: data.meta.name })),
    h('ul', null, data.problems.map((p) => h('li', null, pick(p)))),
    h('div', null, t('tampered.fix')),
    h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button' }, on: { click: () => void app.reload() } }, t('tampered.reload'))),
  );
}

/** The status as stored (data-status) and as shown: translated from its structure when the pane is in English. */
export function statusBadge(status: string | null, spec: Pick<RegisterSpec, 'chain' | 'englishNames'>): HTMLElement {
  const kind = status === STATUS_DONE ? 'tz-badge-done' : status === STATUS_RETURNED || status === STATUS_REJECTED || status === STATUS_WITHDRAWN ? 'tz-badge-overdue' : status?.startsWith('待') ? 'tz-badge-soon' : '';
  return h('span', { class: `tz-badge ${kind}`, attrs: { 'data-test': 'status', 'data-status': status ?? undefined } }, status ? statusText(spec, status) : t('status.none'));
}

export function lateText(leftMs: number): string {
  if (leftMs < 0) {
    const late = -leftMs;
    return late >= MS_DAY ? t('queue.overdueBy', { days: Math.floor(late / MS_DAY) }) : t('queue.overdueHours', { hours: Math.max(1, Math.floor(late / MS_HOUR)) });
  }
  const days = Math.floor(leftMs / MS_DAY);
  return days === 0 ? t('queue.dueToday') : t('queue.dueIn', { days });
}

export function deadlineText(item: DeadlineItem, spec: Pick<RegisterSpec, 'englishNames'>): string {
  return t('queue.deadline', { name: nameOf(spec, item.deadline.name), due: displayDue(item.deadline, item.due), done: nameOf(spec, item.deadline.doneField) });
}
