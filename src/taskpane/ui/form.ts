/**
 * The entry form, generated from the register's spec: the control that fits each field type, inline errors from
 * the same core rules as `taizhang check`, the number assigned on submit. Typed text is kept in app.drafts on
 * every keystroke and the form is never rebuilt on an error, so nothing typed is lost.
 */
import type { RecordValue } from '../../core/cells';
import { defaultValues } from '../../core/defaults';
import type { FieldError } from '../../core/findings';
import type { RegisterMeta } from '../../core/metadata';
import { allowedValues } from '../../core/fieldSchema';
import { validateValues } from '../../core/validate';
import { routeFor } from '../../core/workflow';
import { routeGaps } from '../../core/authority';
import { pick, t } from '../../i18n';
import type { FieldSpec, RegisterSpec, SettingsSpec } from '../../spec/schema';
import { h, mount, uid } from '../dom';
import { structureBar } from './common';
import { nameOf, registerName, statusText } from './names';
import type { App } from './app';

export interface EditTarget {
  registerId: string;
  row: number;
  number: string;
  values: Record<string, RecordValue>;
}

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g;

/** Typed text → record value: numbers parsed (full-width digits and thousands separators allowed), the rest as typed. */
export function inputToValue(field: FieldSpec, text: string): RecordValue {
  if (text.trim() === '') return null;
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'money':
    case 'copies': {
      const folded = text.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,,\s]/g, '');
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(folded) ? Number(folded) : text;
    }
    case 'yesNo':
      return text === '是' ? true : text === '否' ? false : text;
    default:
      return text;
  }
}

export function valueToInput(value: RecordValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

function rangeText(field: FieldSpec): string | null {
  const { min, max } = field.rules;
  if (min !== undefined && max !== undefined) return `${min}~${max}`;
  if (min !== undefined) return `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return null;
}

function options(values: string[], selected: string) {
  const list = values.includes(selected) || selected === '' ? values : [selected, ...values];
  return [h('option', { props: { value: '', selected: selected === '' } }, t('form.choose')), ...list.map((v) => h('option', { props: { value: v, selected: v === selected } }, v))];
}

/** The control for one field. Lists come from the workbook's 设置 sheet, as Excel's own drop-downs do. */
export function control(field: FieldSpec, settings: SettingsSpec | null, value: string, id: string, describedBy: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const common = { id, attrs: { name: field.name, 'aria-describedby': describedBy, 'aria-required': field.required ? 'true' : undefined, 'data-field': field.name } };
  const input = (type: string, extra: Record<string, string | number | undefined> = {}) =>
    h('input', { ...common, attrs: { ...common.attrs, type, ...extra }, props: { value } });
  const max = field.rules.maxLength;
  switch (field.type) {
    case 'longText':
      return h('textarea', { ...common, attrs: { ...common.attrs, maxlength: max, rows: 3 }, props: { value } });
    case 'integer':
    case 'copies':
      return input('text', { inputmode: 'numeric', autocomplete: 'off' });
    case 'decimal':
    case 'money':
      return input('text', { inputmode: 'decimal', autocomplete: 'off' });
    case 'date':
      return input('date', { min: '1900-01-01', max: '9999-12-31' });
    case 'dateTime':
      return input('datetime-local');
    case 'time':
      return input('time');
    case 'phone':
      return input('tel', { autocomplete: 'off' });
    case 'yesNo':
      return h('select', common, options(['是', '否'], value));
    case 'choice':
      return h('select', common, options(field.choices ?? [], value));
    case 'list':
    case 'person':
    case 'department': {
      const values = allowedValues(field, settings);
      if (values) return h('select', common, options(values, value));
      return input('text');
    }
    case 'serial':
      return input('text', { readonly: 'readonly', placeholder: t('form.serial'), tabindex: -1 });
    default:
      return input('text', { maxlength: max, autocomplete: 'off' });
  }
}

interface FieldUi {
  field: FieldSpec;
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
}

function hints(field: FieldSpec): string[] {
  const out: string[] = [];
  const range = rangeText(field);
  if (range && field.type !== 'text' && field.type !== 'longText') out.push(t('form.range', { range: `${range}${field.rules.unit ?? ''}` }));
  if (field.rules.maxLength && (field.type === 'text' || field.type === 'longText')) out.push(t('form.maxLength', { max: field.rules.maxLength }));
  if (field.note) out.push(field.note);
  return out;
}

export function chainText(spec: RegisterSpec, values: Record<string, RecordValue>): string | null {
  const route = routeFor(spec, values);
  return route ? route.steps.map((s) => nameOf(spec, s.text)).join(' → ') : null;
}

export async function renderForm(app: App, body: HTMLElement, edit: EditTarget | null): Promise<void> {
  const meta: RegisterMeta | null = edit ? app.registers().find((r) => r.id === edit.registerId) ?? null : app.current();
  if (!meta) {
    mount(body, h('p', null, t('form.noRegisters')));
    return;
  }
  const spec = meta.spec;
  const settings = app.settings;
  const draftKey = edit ? `edit:${meta.id}:${edit.row}` : meta.id;
  let draft = app.drafts.get(draftKey);
  if (!draft) {
    const initial = edit ? edit.values : defaultValues(spec, app.session.now());
    draft = Object.fromEntries(spec.fields.map((f) => [f.name, valueToInput(initial[f.name])]));
    app.drafts.set(draftKey, draft);
  }
  const values = (): Record<string, RecordValue | undefined> =>
    Object.fromEntries(spec.fields.filter((f) => f.type !== 'serial').map((f) => [f.name, inputToValue(f, draft![f.name] ?? '')]));

  const formErrors = h('div', { attrs: { 'data-test': 'form-errors' } });
  const chainHint = h('p', { class: 'tz-hint', attrs: { 'data-test': 'chain' } });
  const gapsBar = h('div', { attrs: { 'data-test': 'authority-gaps' } });
  const structure = h('div');
  let attempted = false;
  const ui: FieldUi[] = [];

  const showErrors = (errors: FieldError[], focus: boolean): void => {
    const byField = new Map<string, FieldError>();
    const general: FieldError[] = [];
    for (const e of errors) {
      if (e.field && ui.some((u) => u.field.name === e.field)) {
        if (!byField.has(e.field)) byField.set(e.field, e);
      } else general.push(e);
    }
    for (const u of ui) {
      const e = byField.get(u.field.name);
      u.error.textContent = e ? pick(e) : '';
      u.error.hidden = !e;
      if (e) u.input.setAttribute('aria-invalid', 'true');
      else u.input.removeAttribute('aria-invalid');
    }
    if (errors.length)
      mount(formErrors, h('div', { class: 'tz-bar tz-bar-error', attrs: { role: 'alert' } }, t('form.errors', { count: errors.length }), general.length ? h('ul', null, general.map((e) => h('li', null, pick(e)))) : null));
    else formErrors.replaceChildren();
    if (focus) ui.find((u) => byField.has(u.field.name))?.input.focus();
  };

  const revalidate = () => {
    const current = values();
    const text = chainText(spec, current as Record<string, RecordValue>);
    chainHint.textContent = text ? t('form.chainStart', { chain: text }) : '';
    // Who may approve is known before anything is typed: say now which step nobody in 设置 can do.
    const gaps = settings ? routeGaps(spec, settings, current as Record<string, RecordValue>, app.user ?? null) : [];
    if (gaps.length) mount(gapsBar, h('div', { class: 'tz-bar tz-bar-warn', attrs: { role: 'status' } }, h('ul', null, gaps.map((e) => h('li', null, pick(e))))));
    else gapsBar.replaceChildren();
    if (attempted) showErrors(validateValues(spec, current, { settings }), false);
  };

  const fields = spec.fields.map((field) => {
    const id = uid('f');
    const errorId = `${id}-err`;
    const hintId = `${id}-hint`;
    const value = field.type === 'serial' ? (edit ? valueToInput(edit.values[field.name]) : '') : (draft![field.name] ?? '');
    const input = control(field, settings, value, id, `${hintId} ${errorId}`);
    const error = h('div', { class: 'tz-error', id: errorId, attrs: { 'data-error-for': field.name } });
    error.hidden = true;
    if (field.type !== 'serial') {
      const save = () => {
        draft![field.name] = input.value;
        revalidate();
      };
      input.addEventListener('input', save);
      input.addEventListener('change', save);
    }
    ui.push({ field, input, error });
    const unit = field.rules.unit ?? (field.type === 'money' ? '元' : null);
    const hintList = hints(field);
    return h(
      'div',
      { class: 'tz-field' },
      h('label', { class: field.required && field.type !== 'serial' ? 'tz-required' : '', attrs: { for: id } }, nameOf(spec, field.name)),
      unit ? h('div', { class: 'tz-unit' }, input, h('span', null, unit)) : input,
      h('div', { class: 'tz-hint', id: hintId }, hintList.join(' · ')),
      error,
    );
  });

  const submit = h('button', { class: 'tz-primary', attrs: { type: 'submit', 'data-test': 'submit' } }, edit ? t('form.resubmit') : t('form.submit'));
  const form = h(
    'form',
    {
      attrs: { novalidate: true, 'data-test': 'record-form' },
      on: {
        submit: async (e) => {
          e.preventDefault();
          if (app.busy) return;
          attempted = true;
          const user = app.user;
          const local = validateValues(spec, values(), { settings });
          // Everything to fix at once: the missing user and the fields in error, not one after the other.
          if (!user) app.askForUser();
          else app.userChosen();
          if (local.length) showErrors(local, true);
          if (!user || local.length) return;
          submit.disabled = true;
          const result = await app.run(() =>
            edit ? app.session.act(meta.id, { row: edit.row, number: edit.number }, { kind: 'resubmit', values: values() }, user) : app.session.submit(meta.id, values(), user),
          );
          submit.disabled = false;
          if (!result) return;
          if (!result.ok) {
            showErrors(result.errors, true);
            return;
          }
          app.wrote();
          app.drafts.delete(draftKey);
          const text = result.status ? t('form.savedNext', { number: result.number, status: statusText(spec, result.status) }) : t('form.saved', { number: result.number });
          if (edit) app.go({ kind: 'detail', registerId: meta.id, row: edit.row, back: 'records' });
          else app.go({ kind: 'tab', tab: 'new' });
          app.show({ kind: 'ok', text });
        },
      },
    },
    fields,
    chainHint,
    formErrors,
    h(
      'div',
      { class: 'tz-actions' },
      submit,
      edit
        ? h('button', { attrs: { type: 'button' }, on: { click: () => app.go({ kind: 'detail', registerId: meta.id, row: edit.row, back: 'records' }) } }, t('form.cancelEdit'))
        : h(
            'button',
            {
              attrs: { type: 'button', 'data-test': 'clear' },
              on: {
                click: () => {
                  app.drafts.delete(draftKey);
                  app.go({ kind: 'tab', tab: 'new' }, true);
                },
              },
            },
            t('form.clear'),
          ),
    ),
  );
  const importButton = edit ? null : h('button', { class: 'tz-secondary', attrs: { type: 'button', 'data-test': 'import-open' }, on: { click: () => app.go({ kind: 'import' }) } }, t('import.open'));
  mount(body, h('h2', null, t('form.title', { register: registerName(spec) })), importButton, edit ? h('p', { class: 'tz-bar tz-bar-info' }, t('form.editing', { number: edit.number })) : null, structure, gapsBar, form);
  revalidate();
  // The structure guard: a hand-edited table is named and the form refuses to write (core refuses again on submit).
  if (!edit) {
    const data = await app.run(() => app.session.loadRecent(meta.id, 1));
    if (data && data.problems.length) {
      mount(structure, structureBar(app, data));
      submit.disabled = true;
      for (const u of ui) u.input.disabled = true;
    }
  }
}
