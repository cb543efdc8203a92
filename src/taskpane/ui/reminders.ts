/** 催办 in the pane: who holds an item and for how long, the 催办 buttons, and the messages to copy or mail. */
import type { RegisterMeta } from '../../core/metadata';
import type { RegisterRecord } from '../../core/records';
import { heldFor, holdingOf, parseReminder, type Reminder, type RemindItem } from '../../core/reminders';
import type { AuditEntry } from '../../core/audit';
import { recordNumber } from '../../core/transitions';
import { getLang, pick, t } from '../../i18n';
import { h } from '../dom';
import type { App } from './app';
import { nameOf } from './names';

const SOON_MS = 3 * 86_400_000;

/** "办公室主任拟办 · 办理人 赵敏 · 已等待 3 天", or null when the pane cannot tell (no 设置). */
export function holdingText(app: App, meta: RegisterMeta, record: RegisterRecord): string | null {
  const settings = app.settings;
  if (!settings) return null;
  const now = app.session.now();
  const holding = holdingOf(meta.spec, meta, settings, record, now);
  if (holding.problem) return pick(holding.problem);
  const who = [...holding.holders, ...holding.delegates.map((d) => t('approvals.onBehalf', { who: d }))].join('、');
  const held = heldFor(holding.since, now);
  const where = holding.step ? t('remind.holds', { step: nameOf(meta.spec, holding.step), who }) : t('remind.holdsApplicant', { who });
  return held ? `${where} · ${t('remind.heldFor', { time: getLang() === 'en-US' ? held.en : held.zh })}` : where;
}

export const remindItem = (meta: RegisterMeta, record: RegisterRecord): RemindItem => ({ registerId: meta.id, row: record.index, number: recordNumber(meta.spec, record.values) });

/** Runs 催办 on the items (one read, one write) and shows the messages in `panel`. */
export async function remind(app: App, items: RemindItem[], panel: HTMLElement): Promise<void> {
  const user = app.user;
  if (!user) {
    app.show({ kind: 'warn', text: t('remind.needsUser'), reason: 'needsUser' });
    return;
  }
  app.userChosen();
  const result = await app.run(() => app.session.remind(items, user, SOON_MS));
  if (!result) return;
  if ('ok' in result) {
    app.show({ kind: 'error', text: result.errors.map((e) => pick(e)).join(';') });
    return;
  }
  if (result.reminders.length) app.wrote();
  app.show({ kind: result.skipped.length ? 'warn' : 'ok', text: [t('remind.done', { done: result.reminders.length, skipped: result.skipped.length }), ...result.skipped.map((s) => `${s.item.number}:${pick(s.errors[0])}`)].join('\n') });
  panel.replaceChildren(...(result.reminders.length ? [messagesPanel(result.reminders, panel)] : []));
  panel.scrollIntoView?.({ block: 'nearest' });
}

function copyButton(area: HTMLTextAreaElement): HTMLElement {
  const button = h('button', { attrs: { type: 'button', 'data-test': 'remind-copy' } }, t('remind.copy'));
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      // The clipboard API needs permission some hosts do not give: select the text so Ctrl+C copies it.
      area.select();
      document.execCommand?.('copy');
    }
    button.textContent = t('remind.copied');
  });
  return button;
}

function messagesPanel(reminders: Reminder[], panel: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'tz-bar tz-bar-info', attrs: { 'data-test': 'remind-messages', role: 'region', 'aria-label': t('remind.title') } },
    h('h3', null, t('remind.title')),
    h('p', { class: 'tz-muted' }, t('remind.hint')),
    ...reminders.map((r) => {
      const area = h('textarea', { attrs: { readonly: 'readonly', rows: String(r.message.split('\n').length + 1), 'data-test': 'remind-message', 'data-number': r.item.number, style: 'width:100%' } }) as HTMLTextAreaElement;
      area.value = r.message;
      return h(
        'div',
        { attrs: { 'data-test': 'remind-item' } },
        area,
        getLang() === 'en-US' ? h('p', { class: 'tz-muted', attrs: { 'data-test': 'remind-message-en' } }, r.messageEn) : null,
        h(
          'div',
          { class: 'tz-actions' },
          copyButton(area),
          r.mailto ? h('a', { class: 'tz-link', attrs: { href: r.mailto, 'data-test': 'remind-mailto' } }, t('remind.mail')) : null,
          r.noAddress.length ? h('span', { class: 'tz-muted' }, t('remind.noAddress', { who: r.noAddress.join('、') })) : null,
        ),
      );
    }),
    h('button', { attrs: { type: 'button', 'data-test': 'remind-close' }, on: { click: () => panel.replaceChildren() } }, t('remind.close')),
  );
}

/** The record detail's 催办 list: every 催办 entry of the record in the audit log's window. */
export function reminderHistory(audit: AuditEntry[]): HTMLElement | null {
  const chases = audit.map(parseReminder).filter((c): c is NonNullable<typeof c> => c !== null);
  if (!chases.length) return null;
  return h(
    'section',
    { attrs: { 'data-test': 'remind-history' } },
    h('h3', null, `${t('remind.history')} (${chases.length})`),
    h('ul', { class: 'tz-list' }, chases.map((c) => h('li', { attrs: { 'data-test': 'remind-history-item' } }, t('remind.entry', { time: c.time.replace('T', ' '), by: c.by, to: c.to.join('、'), about: c.about })))),
  );
}
