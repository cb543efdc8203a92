/**
 * The standalone page: the same task pane over an .xlsx file opened in the browser (for colleagues without Excel,
 * on WPS or LibreOffice). exceljs is loaded only when a file is opened. Nothing leaves the browser: the page's
 * Content-Security-Policy allows fetching its own files only (the demo workbook), and saving is a download.
 */
import { LANGS, LANG_NAMES, getLang, onLangChange, setLang, t, toLang, type Lang } from '../i18n';
import { h, mount } from '../taskpane/dom';
import { Session } from '../taskpane/session';
import { App } from '../taskpane/ui/app';
import { browserPrefs } from '../taskpane/ui/prefs';
import type { OpenFile } from './xlsxFile';

/** Served beside the page by `npm start` (dist/demo/, built by `taizhang demo`). */
export const DEMO_URL = 'demo/demo.xlsx';
const DEMO_NAME = '台账-演示.xlsx';

const loadXlsx = () => import(/* webpackChunkName: "xlsx" */ './xlsxFile');

/** The loader's own message (XlsxReadError: zh-CN and en-US) in the page's language. */
function readProblem(error: unknown): string {
  const e = error as { message?: string; messageEn?: string } | null;
  if (e && typeof e.messageEn === 'string') return getLang() === 'en-US' ? e.messageEn : String(e.message);
  return e?.message ?? String(error);
}

class Standalone {
  private file: OpenFile | null = null;
  private name = '';
  private dirty = false;
  private app: App | null = null;
  private message: { kind: 'error' | 'ok' | 'info'; text: string } | null = null;
  private readonly prefs = browserPrefs();
  private demoAvailable = false;

  constructor(private readonly root: HTMLElement) {
    setLang(toLang(this.prefs.get('lang')));
    onLangChange(() => {
      if (!this.app) this.render();
    });
    window.addEventListener('beforeunload', (e) => {
      if (this.dirty) {
        e.preventDefault();
        e.returnValue = t('standalone.unsaved');
      }
    });
  }

  async start(): Promise<void> {
    // No probe for the demo: a page hosted without one would log a failed request on every load. The dev server
    // (`npm start`) marks the page as serving it; ?demo asks for it outright.
    const asked = new URLSearchParams(location.search).has('demo');
    this.demoAvailable = asked || document.documentElement.dataset.demo === 'served';
    this.render();
    if (asked) await this.openDemo();
  }

  private render(): void {
    const langSelect = h(
      'select',
      { attrs: { 'aria-label': t('app.language'), 'data-test': 'lang' }, on: { change: (e) => this.changeLang((e.target as HTMLSelectElement).value as Lang) } },
      LANGS.map((l) => h('option', { props: { value: l, selected: l === getLang() } }, LANG_NAMES[l])),
    );
    const picker = h('input', {
      attrs: { type: 'file', accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'data-test': 'file-input', hidden: true },
      on: { change: () => void this.openChosen(picker) },
    });
    mount(
      this.root,
      h(
        'div',
        { class: 'tz-standalone' },
        h('header', { class: 'tz-header' }, h('h1', null, t('standalone.title')), langSelect),
        h(
          'main',
          { class: 'tz-main' },
          this.message ? h('div', { class: `tz-bar tz-bar-${this.message.kind}`, attrs: { role: this.message.kind === 'error' ? 'alert' : 'status', 'data-test': `flash-${this.message.kind}` } }, this.message.text) : null,
          h('p', null, t('standalone.intro')),
          h(
            'div',
            { class: 'tz-actions' },
            picker,
            h('button', { class: 'tz-primary', attrs: { type: 'button', 'data-test': 'open-file' }, on: { click: () => picker.click() } }, t('standalone.open')),
            h('button', { attrs: { type: 'button', 'data-test': 'new-blank' }, on: { click: () => void this.openBlank() } }, t('standalone.blank')),
            this.demoAvailable ? h('button', { attrs: { type: 'button', 'data-test': 'open-demo' }, on: { click: () => void this.openDemo() } }, t('standalone.demo')) : null,
          ),
        ),
      ),
    );
  }

  private changeLang(lang: Lang): void {
    this.prefs.set('lang', lang);
    setLang(lang);
  }

  private async openChosen(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    if (!chosen) return;
    await this.open(chosen.name, () => chosen.arrayBuffer());
  }

  private async openDemo(): Promise<void> {
    const response = await fetch(DEMO_URL).catch(() => null);
    if (!response?.ok) {
      this.message = { kind: 'error', text: t('standaloneDemo.missing') };
      this.render();
      return;
    }
    await this.open(DEMO_NAME, () => response.arrayBuffer());
  }

  private async openBlank(): Promise<void> {
    const { blankWorkbook } = await loadXlsx();
    this.show(getLang() === 'en-US' ? 'Taizhang.xlsx' : '台账.xlsx', blankWorkbook('Sheet1'), true);
  }

  private async open(name: string, bytes: () => Promise<ArrayBuffer>): Promise<void> {
    mount(this.root, h('p', { class: 'tz-loading' }, t('standalone.reading', { file: name })));
    try {
      const { openXlsx } = await loadXlsx();
      this.show(name, await openXlsx(await bytes()), false);
    } catch (error) {
      this.message = { kind: 'error', text: t('standalone.notXlsx', { file: name, message: readProblem(error) }) };
      this.render();
    }
  }

  private show(name: string, file: OpenFile, dirty: boolean): void {
    this.file = file;
    this.name = name;
    this.dirty = dirty;
    this.message = null;
    const container = h('div', { class: 'tz-standalone' });
    mount(this.root, container);
    this.app = new App(container, {
      kind: 'standalone',
      session: new Session(file.port),
      prefs: this.prefs,
      readLedgerFile: async (bytes) => (await loadXlsx()).ledgerSheets(bytes),
      toolbar: () => this.toolbar(),
      changed: () => {
        this.dirty = true;
      },
      initialView: new URLSearchParams(location.search).get('view'),
    });
    void this.app.start();
  }

  private toolbar(): Node {
    return h(
      'div',
      { class: 'tz-file' },
      h('span', { attrs: { 'data-test': 'file-name' } }, t('standalone.file', { file: this.name }), this.dirty ? ` ${t('standalone.dirty')}` : ''),
      ' ',
      h('button', { class: 'tz-primary', attrs: { type: 'button', 'data-test': 'save' }, on: { click: () => void this.save() } }, t('standalone.save')),
      ' ',
      h('button', { attrs: { type: 'button', 'data-test': 'close-file' }, on: { click: () => this.close() } }, t('standalone.close')),
    );
  }

  private async save(): Promise<void> {
    if (!this.file || !this.app) return;
    const bytes = await this.app.run(() => this.file!.save());
    if (!bytes) return;
    const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { attrs: { href: url, download: this.name } });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.dirty = false;
    this.app.renderHeader();
    this.app.show({ kind: 'ok', text: t('standalone.saved', { file: this.name }) });
  }

  private close(): void {
    if (this.dirty && !window.confirm(t('standalone.unsaved'))) return;
    this.file = null;
    this.app = null;
    this.dirty = false;
    this.render();
  }
}

const root = document.getElementById('app');
if (root) void new Standalone(root).start();
