/**
 * 登记 → 导入: a hand-made ledger into the current register. Choose a source (a .csv file; an .xlsx file where the
 * host reads xlsx; in Excel also a sheet of this workbook), check the mapping — each source column with sample
 * values and the field it goes to, suggestions shown for confirmation —, preview the rows that will be rejected
 * and why, then import (per 5,000 rows one read and one write). The view sees the pane only through ImportContext.
 */
import type { CellValue } from '../../core/cells';
import { columnName } from '../../core/a1';
import type { RegisterMeta } from '../../core/metadata';
import { importTargets, type SavedMapping } from '../../core/import/mapping';
import type { ImportOutcome } from '../../core/import/plan';
import { prepareImport, type Prepared, type SourceSheet } from '../../core/import/prepare';
import { csvSource } from '../../import/csvSource';
import type { Analysis, RunResult } from '../../import/runImport';
import { pick, t } from '../../i18n';
import { h, mount } from '../dom';

type Ready = Extract<Prepared, { ok: true }>;

export interface ImportContext {
  register: RegisterMeta | null;
  user: string | null;
  /** Reads an .xlsx file's sheets; null where the host has no xlsx reader loaded (Excel: CSV files and this workbook's sheets). */
  fileSheets: ((bytes: ArrayBuffer) => Promise<SourceSheet[]>) | null;
  analyse(id: string, source: SourceSheet, mapping: SavedMapping | null): Promise<Analysis>;
  run(id: string, prepared: Ready, user: string, options: { dryRun: boolean; logExists?: boolean; onChunk?: (done: number, total: number) => void }): Promise<RunResult>;
  readSheet(name: string): Promise<SourceSheet | null>;
  wrote(): void;
  back(): void;
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v));

function samples(prepared: Ready, source: SourceSheet, column: number): string {
  const out: string[] = [];
  for (let r = prepared.header.dataStart; r < source.rows.length && out.length < 3; r++) {
    const v = text(source.rows[r]?.[column]).trim();
    if (v) out.push(v.length > 16 ? `${v.slice(0, 15)}…` : v);
  }
  return out.join(' | ');
}

export async function renderImport(ctx: ImportContext, body: HTMLElement): Promise<void> {
  const meta = ctx.register;
  if (!meta) return;
  const status = h('div', { attrs: { 'data-test': 'import-status', role: 'status' } });
  const stage = h('div', { attrs: { 'data-test': 'import-stage' } });
  const say = (kind: 'ok' | 'error' | 'info' | 'warn', message: string, list: string[] = []) =>
    mount(status, h('div', { class: `tz-bar tz-bar-${kind}`, attrs: { 'data-test': `import-${kind}` } }, h('div', null, message), list.length ? h('ul', null, list.map((l) => h('li', null, l))) : null));

  let source: SourceSheet | null = null;
  let analysis: Analysis | null = null;
  let prepared: Ready | null = null;

  const showMapping = () => {
    if (!source || !prepared || !analysis) return;
    const targets = importTargets(meta.spec);
    const rows = prepared.mapping.columns
      .filter((c) => c.header.trim() !== '')
      .map((c) => {
        const select = h(
          'select',
          { attrs: { 'data-test': `map-${c.header}`, 'aria-label': c.header }, on: { change: () => remap() } },
          h('option', { props: { value: '', selected: !c.target } }, t('import.none')),
          targets.map((tg) => h('option', { props: { value: tg.name, selected: c.target === tg.name } }, tg.name)),
        );
        select.dataset.header = c.header;
        const note = c.skipped ? t(c.skipped === 'index' ? 'import.skippedIndex' : 'import.skippedReport') : !c.target && c.suggestion ? t('import.suggestion', { field: c.suggestion }) : c.kind && c.kind !== 'exact' && c.kind !== 'confirmed' ? t(`import.kind.${c.kind}`) : '';
        return h('tr', null, h('td', null, `${columnName(c.column + 1)} ${c.header}`), h('td', { class: 'tz-hint' }, samples(prepared!, source!, c.column)), h('td', null, select), h('td', { class: c.suggestion && !c.target ? 'tz-badge tz-badge-soon' : 'tz-hint', attrs: { 'data-test': 'map-note' } }, note));
      });
    const missing = prepared.mapping.missing;
    const preview = h('button', { attrs: { type: 'button', 'data-test': 'import-preview' }, props: { disabled: missing.length > 0 }, on: { click: () => void showPreview() } }, t('import.preview'));
    mount(
      stage,
      h('p', null, t('import.headerAt', { sheet: source.name, row: prepared.header.row + 1, rows: prepared.rows.length })),
      h('table', { class: 'tz-table tz-import-map', attrs: { 'data-test': 'import-mapping' } }, h('thead', null, h('tr', null, h('th', null, t('import.column')), h('th', null, t('import.samples')), h('th', null, t('import.field')), h('th', null, ''))), h('tbody', null, rows)),
      missing.length ? h('div', { class: 'tz-bar tz-bar-error', attrs: { 'data-test': 'import-missing' } }, t('import.missing', { fields: missing.join('、') })) : null,
      h('div', { class: 'tz-actions' }, preview),
    );
  };

  /** The user's choices in the drop-downs are the confirmed mapping; the rows are prepared again (pure, no read). */
  const remap = () => {
    if (!source || !analysis) return;
    const confirmed: SavedMapping = {};
    for (const select of Array.from(stage.querySelectorAll("select"))) confirmed[(select as HTMLSelectElement).dataset.header!] = (select as HTMLSelectElement).value || null;
    const again = prepareImport(source, meta.spec, analysis.settings, () => confirmed);
    if (again.ok) prepared = again;
    showMapping();
  };

  // Rejected rows with their cells and reasons, then what was imported but needs a look (an old number used twice,
  // a status past steps nobody recorded): the user sees both before and after importing.
  const problems = (outcome: ImportOutcome) => [
    ...outcome.rejected.flatMap((r) => r.problems.map((p) => `${source!.name}!${p.cell ?? r.sourceRow}${p.field ? ` ${p.field}` : ''}:${pick(p)}`)),
    ...outcome.flagged.map((f) => `${t('import.toCheck')}${pick(f)}`),
  ];
  const counts = (o: ImportOutcome) => ({ imported: o.imported.length, rejected: o.rejected.length, skipped: o.skipped.length, before: o.alreadyImported.length, total: prepared!.rows.length });

  const showPreview = async () => {
    if (!prepared) return;
    if (!ctx.user) return say('warn', t('app.chooseUser'));
    const planned = await ctx.run(meta.id, prepared, ctx.user, { dryRun: true, logExists: analysis?.logExists });
    if (!planned.ok) return say('error', pick(planned));
    const c = counts(planned.outcome);
    const list = problems(planned.outcome);
    say(list.length ? 'warn' : 'info', t('import.previewCounts', c), list);
    const go = h('button', { attrs: { type: 'button', 'data-test': 'import-go' }, props: { disabled: c.imported === 0 }, on: { click: () => void doImport() } }, t('import.go', { count: c.imported }));
    stage.querySelector('[data-test="import-go"]')?.remove();
    stage.append(h('div', { class: 'tz-actions' }, go));
  };

  const doImport = async () => {
    if (!prepared || !ctx.user) return;
    const result = await ctx.run(meta.id, prepared, ctx.user, { dryRun: false, logExists: analysis?.logExists, onChunk: (done, total) => say('info', t('import.progress', { done, total })) });
    if (!result.ok) return say('error', pick(result));
    ctx.wrote();
    const c = counts(result.outcome);
    const list = problems(result.outcome);
    mount(stage);
    say(list.length ? 'warn' : 'ok', t('import.done', c), list);
  };

  const choose = async (sheets: SourceSheet[]) => {
    source = sheets.find((s) => s.rows.length > 0) ?? null;
    if (!source) return say('error', t('import.empty'));
    analysis = await ctx.analyse(meta.id, source, null);
    if (!analysis.prepared.ok) {
      prepared = null;
      mount(stage);
      return say('error', pick(analysis.prepared));
    }
    prepared = analysis.prepared;
    mount(status);
    showMapping();
  };

  const file = h('input', {
    attrs: { type: 'file', accept: ctx.fileSheets ? '.csv,.xlsx' : '.csv', 'data-test': 'import-file', 'aria-label': t('import.file') },
    on: {
      change: async () => {
        const f = file.files?.[0];
        if (!f) return;
        const bytes = await f.arrayBuffer();
        try {
          if (/\.csv$/i.test(f.name) || !ctx.fileSheets) await choose([csvSource(new Uint8Array(bytes), f.name)]);
          else await choose(await ctx.fileSheets(bytes));
        } catch (error) {
          say('error', t('import.unreadable', { file: f.name, message: (error as Error)?.message ?? String(error) }));
        }
      },
    },
  });
  const sheetName = h('input', { attrs: { type: 'text', 'data-test': 'import-sheet', 'aria-label': t('import.sheet'), placeholder: t('import.sheet') } });
  const readSheet = h('button', {
    class: 'tz-secondary',
    attrs: { type: 'button', 'data-test': 'import-read-sheet' },
    on: {
      click: async () => {
        const s = await ctx.readSheet(sheetName.value.trim());
        if (!s) return say('error', t('import.noSheet', { sheet: sheetName.value.trim() }));
        await choose([s]);
      },
    },
  }, t('import.readSheet'));

  mount(
    body,
    h('h2', null, t('import.title', { register: meta.name })),
    h('p', { class: 'tz-hint' }, t(ctx.fileSheets ? 'import.intro' : 'import.introExcel')),
    h('div', { class: 'tz-field' }, h('label', null, t('import.file')), file),
    h('div', { class: 'tz-field' }, h('label', null, t('import.sheet')), sheetName, readSheet),
    status,
    stage,
    h('div', { class: 'tz-actions' }, h('button', { class: 'tz-secondary', attrs: { type: 'button', 'data-test': 'import-back' }, on: { click: () => ctx.back() } }, t('import.back'))),
  );
}
