/**
 * What the task pane costs to load and what each of its actions costs in Excel.
 *
 *   bundle.taskpane.gzipBytes             first-load JS of taskpane.html, gzip -9 (budget ≤ 150 KB; exceljs not in it)
 *   bundle.taskpane.exceljsBytes          bytes of exceljs in that first load (must be 0)
 *   bundle.commands.gzipBytes             first-load JS of the ribbon commands' function file
 *   bundle.standalone.gzipBytes           JS the standalone page loads to work on a file: the page plus its lazy
 *                                         workbook chunk (exceljs), gzip -9
 *   bundle.standalone.firstLoadGzipBytes  the standalone page before a file is opened
 *   bundle.specs.gzipBytes                the built-in register catalogue, loaded only to set registers up
 *   bundle.supplies.gzipBytes             the 办公用品 screen (analysis included), loaded when its tab first opens
 *   taskpane.syncs.<action>               context.sync calls of one pane action on the fake Excel, with 10,000
 *                                         records in the register (budget ≤ 2)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import webpack from 'webpack';
import { buildCatalog } from '../src/spec/catalog';
import { parseInstant } from '../src/core/dates';
import { Session } from '../src/taskpane/session';
import { OfficeJsWorkbook } from '../src/workbook/officejs/adapter';
import { fakeWorkbook, fillRegister } from '../src/workbook/officejs/testing/fixtures';
import { FIXTURE_DOCS, readDir } from '../test/support/docs';

const ROOT = path.join(__dirname, '..');

async function build(out: string): Promise<webpack.StatsCompilation> {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'build-specs.ts')], { stdio: 'ignore' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configure = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<webpack.Configuration>;
  const config = await configure({}, { mode: 'production' });
  config.output = { ...config.output, path: out };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (error, result) => (error || !result ? reject(error ?? new Error('no stats')) : result.hasErrors() ? reject(new Error(result.toString('errors-only'))) : resolve(result))),
  );
  return stats.toJson({ all: false, entrypoints: true, chunkGroups: true, chunks: true, chunkModules: true, assets: true });
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function entryJs(stats: webpack.StatsCompilation, entry: string): string[] {
  return (stats.entrypoints?.[entry]?.assets ?? []).map((a) => a.name).filter((n) => n.endsWith('.js'));
}

/** JS of a chunk group loaded on demand (import() with that webpackChunkName), with the vendor chunks split off it. */
function asyncJs(stats: webpack.StatsCompilation, entry: string, group: string): string[] {
  const initial = new Set(stats.entrypoints?.[entry]?.chunks ?? []);
  const assets = (stats.namedChunkGroups?.[group]?.assets ?? []).map((a) => a.name).filter((n) => n.endsWith('.js'));
  const initialFiles = new Set((stats.chunks ?? []).filter((c) => initial.has(c.id!)).flatMap((c) => c.files ?? []));
  return assets.filter((f) => !initialFiles.has(f));
}

function exceljsBytes(stats: webpack.StatsCompilation, entry: string): number {
  const initial = new Set(stats.entrypoints?.[entry]?.chunks ?? []);
  return (stats.chunks ?? [])
    .filter((c) => initial.has(c.id!))
    .flatMap((c) => c.modules ?? [])
    .filter((m) => /node_modules[\\/]exceljs/.test(m.name ?? ''))
    .reduce((n, m) => n + (m.size ?? 0), 0);
}

async function syncs(): Promise<Record<string, number>> {
  const catalog = buildCatalog(readDir(FIXTURE_DOCS));
  if (!catalog.ok) throw new Error('fixture documents do not parse');
  const spec = catalog.value.registers[0];
  const settings = catalog.value.settings;
  const excel = await fakeWorkbook([spec], settings);
  fillRegister(excel.model, spec, settings, 10_000);
  const session = new Session(new OfficeJsWorkbook({ run: excel.run, undoGroups: true }), () => '2026-03-15T10:00');
  const out: Record<string, number> = {};
  const measure = async <T>(action: string, fn: () => Promise<T>): Promise<T> => {
    excel.resetStats();
    const result = await fn();
    out[`taskpane.syncs.${action}`] = excel.syncCount;
    return result;
  };
  const values = { 收文日期: '2026-03-15', 来文单位: '长沙市财政局', 来文类别: '上级来文', 文件标题: '关于报送年度预算执行情况的通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };
  await measure('open', () => session.open());
  const recent = await measure('records', () => session.loadRecent(spec.id, 200));
  await measure('detail', () => session.loadRecord(spec.id, recent.records[recent.records.length - 1].index));
  await measure('queue', () => session.loadQueue(parseInstant('2026-03-15T10:00')!, 3 * 86_400_000));
  const submitted = await measure('submit', () => session.submit(spec.id, values, '孙晓燕'));
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
  const row = (await session.loadRecent(spec.id, 1)).records[0].index;
  const target = { row, number: submitted.number };
  const approved = await measure('approve', () => session.act(spec.id, target, { kind: 'approve', opinion: '同意' }, '赵敏'));
  const returned = await measure('return', () => session.act(spec.id, target, { kind: 'return', opinion: '请补充' }, '李志华'));
  const resubmitted = await measure('resubmit', () => session.act(spec.id, target, { kind: 'resubmit', values }, '孙晓燕'));
  if (!approved.ok || !returned.ok || !resubmitted.ok) throw new Error('approval flow failed in the bench');
  await measure('print', () => session.print(spec.id, row));
  await measure('summary', () => session.refreshSummary());
  await measure('settings', () => session.saveSettings(session.settings!));
  return out;
}

export async function run(): Promise<Record<string, number>> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'tz-bundle-'));
  try {
    const stats = await build(out);
    const sum = (files: string[]) => files.reduce((n, f) => n + gz(path.join(out, f)), 0);
    const standaloneFirst = entryJs(stats, 'standalone');
    const result: Record<string, number> = {
      'bundle.taskpane.gzipBytes': sum(entryJs(stats, 'taskpane')),
      'bundle.taskpane.exceljsBytes': exceljsBytes(stats, 'taskpane'),
      'bundle.commands.gzipBytes': sum(entryJs(stats, 'commands')),
      'bundle.standalone.gzipBytes': sum([...standaloneFirst, ...asyncJs(stats, 'standalone', 'xlsx')]),
      'bundle.standalone.firstLoadGzipBytes': sum(standaloneFirst),
      'bundle.specs.gzipBytes': sum(asyncJs(stats, 'taskpane', 'specs')),
      'bundle.supplies.gzipBytes': sum(asyncJs(stats, 'taskpane', 'supplies')),
    };
    return { ...result, ...(await syncs()) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
