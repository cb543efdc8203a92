/// <reference types="office-js" />
/**
 * Task pane entry (taskpane.html, with Office.js from Microsoft's CDN). ?view=new|queue|summary opens that view,
 * which is how the ribbon's "新登记" and "待我审批" buttons land on them.
 */
import { t } from '../i18n';
import { h, mount } from './dom';
import { documentAutoOpen, excelPort, officeReady } from './officeHost';
import { Session } from './session';
import { App } from './ui/app';
import { browserPrefs } from './ui/prefs';

async function main(root: HTMLElement): Promise<void> {
  const host = await officeReady();
  if (!host || host !== Office.HostType.Excel) {
    mount(root, h('div', { class: 'tz-main' }, h('p', { class: 'tz-bar tz-bar-warn' }, t('app.notInExcel')), h('p', null, h('a', { attrs: { href: 'standalone.html' } }, t('standalone.title')))));
    return;
  }
  const app = new App(root, {
    kind: 'excel',
    session: new Session(excelPort()),
    prefs: browserPrefs(),
    initialView: new URLSearchParams(location.search).get('view'),
    autoOpen: documentAutoOpen(),
  });
  await app.start();
}

const root = document.getElementById('app');
if (root) void main(root);
