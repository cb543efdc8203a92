/**
 * The task pane: header (register, current user, language), tabs, and one view at a time. Views get the App
 * and render into the main area; every workbook access goes through app.session inside app.run, which shows
 * a busy state and turns a failure into a message instead of a stack trace.
 */
import { LANGS, LANG_NAMES, getLang, onLangChange, setLang, t, toLang, type Lang, type MessageKey } from '../../i18n';
import type { RegisterMeta } from '../../core/metadata';
import { h, mount } from '../dom';
import type { Opened, Session } from '../session';
import type { Prefs } from './prefs';
import { renderForm, type EditTarget } from './form';
import { renderQueue } from './queue';
import { renderRecords, renderDetail } from './records';
import { renderPrint } from './printView';
import { renderSummary } from './summaryView';
import { renderSettings } from './settingsView';
import { renderSetup } from './setup';
import { SUPPLY_REGISTERS } from '../../inventory/fields';
import { registerName } from './names';

export type Tab = 'new' | 'queue' | 'records' | 'summary' | 'supplies' | 'settings';
export const TABS: Tab[] = ['new', 'queue', 'records', 'summary', 'supplies', 'settings'];
/** Registers any of which makes the 办公用品 tab appear (an office without supplies registers never sees it). */
const SUPPLY_IDS: readonly string[] = Object.values(SUPPLY_REGISTERS);

export type Screen =
  | { kind: 'tab'; tab: Tab }
  | { kind: 'setup'; adding: boolean }
  | { kind: 'detail'; registerId: string; row: number; back: Tab }
  | { kind: 'print'; registerId: string; row: number; back: Screen }
  | { kind: 'edit'; target: EditTarget }
  | { kind: 'import' };

export interface Flash {
  kind: 'ok' | 'error' | 'info' | 'warn';
  text: string;
  list?: string[];
  /** 'needsUser': the "choose the current user" warning, cleared once a user is chosen. */
  reason?: 'needsUser';
}

export interface AutoOpen {
  enabled(): boolean | null;
  set(on: boolean): Promise<void>;
}

export interface Host {
  kind: 'excel' | 'standalone';
  session: Session;
  prefs: Prefs;
  /** Extra header content (the standalone page's file name and save button). */
  toolbar?: () => Node | null;
  /** Called after every write (the standalone page marks the file unsaved). */
  changed?: () => void;
  /** The view asked for in the URL (?view=new|queue|summary), e.g. by a ribbon button. */
  initialView?: string | null;
  /**
   * The workbook's own "open the pane with this document" switch (Excel's autoopen, kept in the document's
   * settings); absent where there is no such thing (the standalone page). null: never set.
   */
  autoOpen?: AutoOpen;
  /** Sheets of an .xlsx ledger file to import; only where an xlsx reader is loaded anyway (the standalone page). */
  readLedgerFile?: (bytes: ArrayBuffer) => Promise<import('../../core/import/prepare').SourceSheet[]>;
}

/** What the import screen may use of the pane: the register, the user, the session's import calls, and messages. */
function importContext(app: App): import('./importView').ImportContext {
  return {
    register: app.current(),
    user: app.user,
    fileSheets: app.host.readLedgerFile ?? null,
    analyse: (id, source, mapping) => app.session.importAnalyse(id, source, mapping),
    run: (id, prepared, user, options) => app.session.importRun(id, prepared, user, options),
    readSheet: (name) => app.session.sheetSource(name),
    wrote: () => app.wrote(),
    back: () => app.go({ kind: 'tab', tab: 'new' }),
  };
}

export class App {
  opened: Opened | null = null;
  screen: Screen = { kind: 'tab', tab: 'new' };
  registerId: string | null = null;
  user: string | null;
  flash: Flash | null = null;
  busy = false;
  /** Raw text typed into each register's form, kept across re-renders, tab switches and language changes. */
  readonly drafts = new Map<string, Record<string, string>>();
  private readonly main = h('main', { class: 'tz-main', attrs: { 'data-test': 'main' } });
  private readonly header = h('header', { class: 'tz-header' });
  private readonly tabs = h('nav', { class: 'tz-tabs', attrs: { role: 'tablist' } });
  private readonly flashBox = h('div', { attrs: { 'data-test': 'flash', role: 'status' } });

  constructor(
    readonly root: HTMLElement,
    readonly host: Host,
  ) {
    this.user = host.prefs.get('user');
    setLang(toLang(host.prefs.get('lang')));
    onLangChange(() => this.render());
    const view = host.initialView ?? (host.autoOpen?.enabled() ? 'queue' : null);
    if (view === 'queue' || view === 'summary' || view === 'new' || view === 'records' || view === 'supplies' || view === 'settings') this.screen = { kind: 'tab', tab: view };
  }

  get session(): Session {
    return this.host.session;
  }

  get settings() {
    return this.session.settings;
  }

  registers(): RegisterMeta[] {
    return this.session.meta?.registers ?? [];
  }

  current(): RegisterMeta | null {
    return this.registers().find((r) => r.id === this.registerId) ?? this.registers()[0] ?? null;
  }

  async start(): Promise<void> {
    mount(this.root, h('p', { class: 'tz-loading' }, t('app.loading')));
    await this.reload();
  }

  /** Reads the workbook again (after setup, on "reload", or when the file changed). */
  async reload(): Promise<void> {
    await this.run(async () => {
      this.opened = await this.session.open();
    });
    if (this.opened?.kind === 'blank') this.screen = { kind: 'setup', adding: false };
    else if (this.screen.kind === 'setup' && !this.screen.adding) this.screen = { kind: 'tab', tab: 'new' };
    // A workbook with registers opens the pane by itself on 待办 until someone turns that off in 设置.
    if (this.opened?.kind === 'ready' && this.host.autoOpen && this.host.autoOpen.enabled() === null) await this.host.autoOpen.set(true).catch(() => undefined);
    const stored = this.host.prefs.get('register');
    const regs = this.registers();
    this.registerId = regs.find((r) => r.id === (this.registerId ?? stored))?.id ?? regs[0]?.id ?? null;
    if (this.user && this.settings && !this.settings.people.some((p) => p.name === this.user)) this.user = null;
    this.render();
  }

  /** Runs workbook work with a busy state; unexpected failures become a plain message, and the pane stays usable. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.root.setAttribute('aria-busy', 'true');
    try {
      return await work();
    } catch (error) {
      console.error(error);
      this.show({ kind: 'error', text: t('app.unexpected', { message: (error as Error)?.message ?? String(error) }) });
      return undefined;
    } finally {
      this.busy = false;
      this.root.removeAttribute('aria-busy');
    }
  }

  show(flash: Flash | null): void {
    this.flash = flash;
    this.renderFlash();
  }

  go(screen: Screen, keepFlash = false): void {
    this.screen = screen;
    if (!keepFlash) this.flash = null;
    this.render();
  }

  setRegister(id: string): void {
    this.registerId = id;
    this.host.prefs.set('register', id);
    if (this.screen.kind !== 'tab') this.screen = { kind: 'tab', tab: this.screen.kind === 'detail' ? this.screen.back : 'new' };
    this.flash = null;
    this.render();
  }

  setUser(name: string | null): void {
    this.user = name;
    this.host.prefs.set('user', name);
    if (name && this.flash?.reason === 'needsUser') this.flash = null;
    this.render();
  }

  /** An action needs the current user and none is chosen: say so (field errors may show beside it). */
  askForUser(): void {
    this.show({ kind: 'warn', text: t('app.chooseUser'), reason: 'needsUser' });
  }

  /** Clears the "choose the current user" warning once an action goes ahead with a user. */
  userChosen(): void {
    if (this.flash?.reason === 'needsUser') this.show(null);
  }

  changeLang(lang: Lang): void {
    this.host.prefs.set('lang', lang);
    setLang(lang);
  }

  /** After a write: the standalone page marks its file unsaved, and the header shows it (the view stays as it is). */
  wrote(): void {
    this.host.changed?.();
    this.renderHeader();
  }

  render(): void {
    this.renderHeader();
    this.renderTabs();
    this.renderFlash();
    mount(this.root, this.header, this.tabs, this.main);
    this.main.replaceChildren(this.flashBox);
    const body = h('div', { attrs: { 'data-test': `screen-${this.screen.kind === 'tab' ? this.screen.tab : this.screen.kind}` } });
    this.main.append(body);
    // data-loaded marks a view whose data has arrived (tests and assistive tech wait for it rather than guess).
    void this.renderScreen(body).finally(() => body.setAttribute('data-loaded', 'true'));
  }

  private async renderScreen(body: HTMLElement): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    if (opened.kind === 'unreadable') {
      mount(body, h('div', { class: 'tz-bar tz-bar-error', attrs: { role: 'alert' } }, h('strong', null, t('unreadable.title')), h('div', null, getLang() === 'en-US' ? opened.problem.messageEn : opened.problem.message)));
      return;
    }
    const s = this.screen;
    switch (s.kind) {
      case 'setup':
        return renderSetup(this, body, s.adding);
      case 'detail':
        return renderDetail(this, body, s.registerId, s.row, s.back);
      case 'print':
        return renderPrint(this, body, s.registerId, s.row, s.back);
      case 'edit':
        return renderForm(this, body, s.target);
      case 'import':
        // Import is a chunk of its own (papaparse and the mapping screen), fetched when first opened.
        return (await import(/* webpackChunkName: "import" */ './importView')).renderImport(importContext(this), body);
      case 'tab':
        switch (s.tab) {
          case 'new':
            return renderForm(this, body, null);
          case 'queue':
            return renderQueue(this, body);
          case 'records':
            return renderRecords(this, body);
          case 'summary':
            return renderSummary(this, body);
          case 'supplies':
            // The analysis is a chunk of its own, fetched the first time the tab opens (first load stays small).
            return (await import(/* webpackChunkName: "supplies" */ './suppliesView')).renderSupplies(this, body);
          case 'settings':
            return renderSettings(this, body);
        }
    }
  }

  private renderFlash(): void {
    const f = this.flash;
    if (!f) {
      this.flashBox.replaceChildren();
      return;
    }
    mount(
      this.flashBox,
      h(
        'div',
        { class: `tz-bar tz-bar-${f.kind}`, attrs: { role: f.kind === 'error' ? 'alert' : 'status', 'data-test': `flash-${f.kind}` } },
        h('div', null, f.text),
        f.list?.length ? h('ul', null, f.list.map((item) => h('li', null, item))) : null,
      ),
    );
  }

  renderHeader(): void {
    const regs = this.registers();
    const current = this.current();
    const registerSelect =
      regs.length > 0
        ? h(
            'select',
            {
              attrs: { 'aria-label': t('app.register'), 'data-test': 'register' },
              on: { change: (e) => this.setRegister((e.target as HTMLSelectElement).value) },
            },
            regs.map((r) => h('option', { props: { value: r.id, selected: r.id === current?.id } }, registerName(r.spec))),
          )
        : null;
    const people = this.settings?.people ?? [];
    const userSelect =
      people.length > 0
        ? h(
            'select',
            {
              attrs: { 'aria-label': t('app.user'), 'data-test': 'user', title: t('app.userHint') },
              on: { change: (e) => this.setUser((e.target as HTMLSelectElement).value || null) },
            },
            h('option', { props: { value: '', selected: !this.user } }, t('app.userNone')),
            people.map((p) => h('option', { props: { value: p.name, selected: p.name === this.user } }, p.name)),
          )
        : null;
    const langSelect = h(
      'select',
      { attrs: { 'aria-label': t('app.language'), 'data-test': 'lang' }, on: { change: (e) => this.changeLang((e.target as HTMLSelectElement).value as Lang) } },
      LANGS.map((l) => h('option', { props: { value: l, selected: l === getLang() } }, LANG_NAMES[l])),
    );
    mount(this.header, h('h1', null, t('app.title')), registerSelect, userSelect, langSelect, this.host.toolbar?.() ?? null);
  }

  /** The tabs this workbook has a use for. */
  tabsShown(): Tab[] {
    const supplies = this.registers().some((r) => SUPPLY_IDS.includes(r.id));
    return TABS.filter((tab) => tab !== 'supplies' || supplies);
  }

  private renderTabs(): void {
    const ready = this.opened?.kind === 'ready' && !(this.screen.kind === 'setup' && !this.screen.adding);
    if (!ready) {
      this.tabs.replaceChildren();
      this.tabs.hidden = true;
      return;
    }
    this.tabs.hidden = false;
    const active = this.screen.kind === 'tab' ? this.screen.tab : this.screen.kind === 'detail' ? this.screen.back : this.screen.kind === 'import' ? 'new' : null;
    mount(
      this.tabs,
      this.tabsShown().map((tab) =>
        h(
          'button',
          {
            attrs: { role: 'tab', 'aria-selected': tab === active ? 'true' : 'false', 'data-test': `tab-${tab}`, type: 'button' },
            on: { click: () => this.go({ kind: 'tab', tab }) },
          },
          t(`tab.${tab}` as MessageKey),
        ),
      ),
    );
  }
}
