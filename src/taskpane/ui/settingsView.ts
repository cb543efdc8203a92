/**
 * Settings: departments, roles and people of the 设置 sheet (edited here, written back in place), the current
 * user, the language, and adding registers. The current user is a convenience, not authentication.
 */
import { LANGS, LANG_NAMES, getLang, t, type Lang } from '../../i18n';
import type { SettingsSpec } from '../../spec/schema';
import { h, mount } from '../dom';
import { settingsProblems } from '../settingsSheet';
import type { App } from './app';

type Editable = Pick<SettingsSpec, 'departments' | 'roles' | 'people'>;

interface Column<T> {
  label: string;
  get: (row: T) => string;
  set: (row: T, value: string) => void;
  width?: string;
}

function editor<T>(title: string, rows: T[], columns: Column<T>[], blank: () => T, test: string): HTMLElement {
  const tbody = h('tbody');
  const draw = () =>
    mount(
      tbody,
      rows.map((row, i) =>
        h(
          'tr',
          null,
          columns.map((c) =>
            h('td', null, h('input', { attrs: { 'aria-label': `${c.label} ${i + 1}`, 'data-col': c.label }, props: { value: c.get(row) }, on: { input: (e) => c.set(row, (e.target as HTMLInputElement).value) } })),
          ),
          h('td', null, h('button', { attrs: { type: 'button', 'aria-label': `${t('settings.remove')} ${i + 1}` }, on: { click: () => (rows.splice(i, 1), draw()) } }, '×')),
        ),
      ),
    );
  draw();
  return h(
    'section',
    { attrs: { 'data-test': test } },
    h('h3', null, title),
    h('table', { class: 'tz-table' }, h('thead', null, h('tr', null, columns.map((c) => h('th', null, c.label)), h('th', null, ''))), tbody),
    h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': `${test}-add` }, on: { click: () => (rows.push(blank()), draw()) } }, t('settings.add'))),
  );
}

/** Excel only: open the pane on 待办 whenever this workbook is opened (saved in the workbook, for everyone). */
function autoOpenSwitch(app: App): HTMLElement | null {
  const autoOpen = app.host.autoOpen;
  if (!autoOpen) return null;
  const box = h('input', { id: 'tz-auto-open', props: { type: 'checkbox', checked: autoOpen.enabled() !== false }, attrs: { 'data-test': 'auto-open' } }) as HTMLInputElement;
  box.addEventListener('change', async () => {
    const done = await app.run(async () => {
      await autoOpen.set(box.checked);
      return true;
    });
    if (done) app.show({ kind: 'ok', text: t(box.checked ? 'settings.autoOpenOn' : 'settings.autoOpenOff') });
  });
  return h('div', { class: 'tz-field' }, h('label', { attrs: { for: 'tz-auto-open' } }, box, ' ', t('settings.autoOpen')), h('p', { class: 'tz-hint' }, t('settings.autoOpenHint')));
}

export async function renderSettings(app: App, body: HTMLElement): Promise<void> {
  const s = app.settings;
  const people = s?.people ?? [];
  const userSelect = h(
    'select',
    { attrs: { 'data-test': 'settings-user', 'aria-describedby': 'tz-user-hint' }, id: 'tz-settings-user', on: { change: (e) => app.setUser((e.target as HTMLSelectElement).value || null) } },
    h('option', { props: { value: '', selected: !app.user } }, t('app.userNone')),
    people.map((p) => h('option', { props: { value: p.name, selected: p.name === app.user } }, `${p.name}(${p.department})`)),
  );
  const langSelect = h(
    'select',
    { id: 'tz-settings-lang', on: { change: (e) => app.changeLang((e.target as HTMLSelectElement).value as Lang) } },
    LANGS.map((l) => h('option', { props: { value: l, selected: l === getLang() } }, LANG_NAMES[l])),
  );
  const top = [
    h('h2', null, t('settings.title')),
    h('div', { class: 'tz-field' }, h('label', { attrs: { for: 'tz-settings-user' } }, t('settings.currentUser')), userSelect, h('p', { class: 'tz-bar tz-bar-info', id: 'tz-user-hint', attrs: { 'data-test': 'not-auth' } }, t('app.userHint'))),
    h('div', { class: 'tz-field' }, h('label', { attrs: { for: 'tz-settings-lang' } }, t('settings.language')), langSelect),
    autoOpenSwitch(app),
  ];
  if (!s) {
    mount(body, top);
    return;
  }
  // A working copy: nothing reaches the sheet until "save".
  const copy: Editable = structuredClone({ departments: s.departments, roles: s.roles, people: s.people });
  const problems = h('div', { attrs: { 'data-test': 'settings-problems' } });
  const save = h(
    'button',
    {
      class: 'tz-primary',
      attrs: { type: 'button', 'data-test': 'settings-save' },
      on: {
        click: async () => {
          const clean: Editable = {
            departments: copy.departments.filter((d) => d.name.trim()).map((d) => ({ name: d.name.trim(), headcount: d.headcount })),
            roles: copy.roles.filter((r) => r.name.trim()).map((r) => ({ name: r.name.trim(), note: r.note.trim() })),
            people: copy.people.filter((p) => p.name.trim()).map((p) => ({ name: p.name.trim(), department: p.department.trim(), roles: p.roles.map((r) => r.trim()).filter(Boolean) })),
          };
          const found = settingsProblems(clean, getLang());
          if (found.length) {
            mount(problems, h('div', { class: 'tz-bar tz-bar-error', attrs: { role: 'alert' } }, t('settings.problems'), h('ul', null, found.map((p) => h('li', null, t(p.key, p.params))))));
            return;
          }
          problems.replaceChildren();
          save.disabled = true;
          const done = await app.run(async () => {
            await app.session.saveSettings(clean);
            return true;
          });
          save.disabled = false;
          if (!done) return;
          app.wrote();
          app.go({ kind: 'tab', tab: 'settings' });
          app.show({ kind: 'ok', text: t('settings.saved') });
        },
      },
    },
    t('settings.save'),
  );
  const headcount = (text: string): number | null => {
    const n = Number(text.trim());
    return text.trim() === '' ? null : Number.isFinite(n) ? n : NaN;
  };
  mount(
    body,
    top,
    editor(
      t('settings.departments'),
      copy.departments,
      [
        { label: t('settings.name'), get: (d) => d.name, set: (d, v) => (d.name = v) },
        { label: t('settings.headcount'), get: (d) => (d.headcount === null ? '' : String(d.headcount)), set: (d, v) => (d.headcount = headcount(v)) },
      ],
      () => ({ name: '', headcount: null }),
      'settings-departments',
    ),
    editor(
      t('settings.people'),
      copy.people,
      [
        { label: t('settings.person'), get: (p) => p.name, set: (p, v) => (p.name = v) },
        { label: t('settings.department'), get: (p) => p.department, set: (p, v) => (p.department = v) },
        { label: t('settings.personRoles'), get: (p) => p.roles.join('、'), set: (p, v) => (p.roles = v.split(/\s*[、,,/]\s*/)) },
      ],
      () => ({ name: '', department: '', roles: [] }),
      'settings-people',
    ),
    editor(
      t('settings.roles'),
      copy.roles,
      [
        { label: t('settings.name'), get: (r) => r.name, set: (r, v) => (r.name = v) },
        { label: t('settings.note'), get: (r) => r.note, set: (r, v) => (r.note = v) },
      ],
      () => ({ name: '', note: '' }),
      'settings-roles',
    ),
    h('p', { class: 'tz-muted' }, t('settings.listsHint')),
    problems,
    h('div', { class: 'tz-actions' }, save),
    app.session.canSetUp ? h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': 'add-registers' }, on: { click: () => app.go({ kind: 'setup', adding: true }) } }, t('setup.add'))) : null,
  );
}
