/** Choosing registers to set up on a blank workbook (or to add to one that has some). */
import { t } from '../../i18n';
import { loadCatalog } from '../catalog';
import { h, mount } from '../dom';
import type { App } from './app';
import { nameOf, registerName } from './names';

export async function renderSetup(app: App, body: HTMLElement, adding: boolean): Promise<void> {
  mount(body, h('p', { class: 'tz-muted' }, t('setup.loadingCatalog')));
  if (!app.session.canSetUp) {
    mount(body, h('h2', null, t('setup.title')), h('div', { class: 'tz-bar tz-bar-warn' }, t('app.noSetup')));
    return;
  }
  const catalog = await app.run(loadCatalog);
  if (!catalog) return;
  const have = new Set(app.registers().map((r) => r.id));
  const available = catalog.registers.filter((r) => !have.has(r.id));
  const checked = new Set<string>();
  const boxes: HTMLInputElement[] = [];
  const createButton = h('button', { class: 'tz-primary', attrs: { type: 'submit', 'data-test': 'setup-create' }, props: { disabled: true } });
  const update = () => {
    createButton.textContent = t('setup.create', { count: checked.size });
    createButton.disabled = checked.size === 0 || app.busy;
  };
  const setAll = (on: boolean) => {
    for (const box of boxes) {
      box.checked = on;
      if (on) checked.add(box.value);
      else checked.delete(box.value);
    }
    update();
  };
  const categories = [...new Set(available.map((r) => r.category))];
  const groups = categories.map((category) =>
    h(
      'fieldset',
      null,
      h('legend', null, category),
      available
        .filter((r) => r.category === category)
        .map((spec) => {
          const box = h('input', {
            attrs: { type: 'checkbox', 'data-test': `setup-${spec.id}` },
            props: { value: spec.id },
            on: {
              change: () => {
                if (box.checked) checked.add(spec.id);
                else checked.delete(spec.id);
                update();
              },
            },
          });
          boxes.push(box);
          const chain = spec.chain[0]?.steps.map((s) => nameOf(spec, s.text)).join(' → ');
          return h(
            'label',
            { class: 'tz-check' },
            box,
            h(
              'span',
              null,
              h('strong', null, registerName(spec)),
              ' ',
              h('span', { class: 'tz-badge' }, spec.formCode),
              h('div', { class: 'tz-card-meta' }, chain ? t('setup.chain', { chain }) : t('setup.noChain'), ' · ', t('setup.retention', { retention: spec.retention })),
            ),
          );
        }),
    ),
  );
  const form = h(
    'form',
    {
      on: {
        submit: async (e) => {
          e.preventDefault();
          const specs = catalog.registers.filter((r) => checked.has(r.id));
          if (!specs.length) return;
          createButton.disabled = true;
          const opened = await app.run(() => app.session.setUp(specs, catalog.settings));
          if (!opened) {
            update();
            return;
          }
          app.wrote();
          app.opened = opened;
          app.registerId = specs[0].id;
          app.go({ kind: 'tab', tab: 'new' });
          app.show({ kind: 'ok', text: t('setup.done', { count: specs.length }) });
        },
      },
    },
    h('div', { class: 'tz-actions' }, h('button', { attrs: { type: 'button', 'data-test': 'setup-all' }, on: { click: () => setAll(true) } }, t('setup.all')), h('button', { attrs: { type: 'button' }, on: { click: () => setAll(false) } }, t('setup.none'))),
    groups,
    h('div', { class: 'tz-actions' }, createButton),
  );
  update();
  mount(body, h('h2', null, adding ? t('setup.add') : t('setup.title')), h('p', null, adding ? t('setup.addIntro') : t('setup.intro')), form);
}
