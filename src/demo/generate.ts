/**
 * The demo workbook's content: a year of a 60-person company's office work (2026-01-01 … 2026-11-30 by default)
 * over whatever registers the catalog holds. Pure and deterministic (seeded): the CLI writes the result into a
 * combined workbook. Most records are complete; some are still pending at the end; a few are deliberately
 * overdue or invalid, and the 演示说明 sheet lists exactly those.
 */
import type { CellValue } from '../core/cells';
import { MS_DAY, formatDate, parseAsOf, parseInstant } from '../core/dates';
import { AUDIT_SHEET } from '../core/layout';
import type { Digest } from '../core/audit';
import { registerMeta, type RegisterMeta } from '../core/metadata';
import { settingsToRows } from '../core/settings';
import type { RegisterSpec, SettingsSpec } from '../spec/schema';
import { planInvalidRecords } from './invalid';
import { drawnDownItems } from './lowStock';
import { MemoryBook } from './memoryBook';
import { notesRows, type NoteItem } from './notes';
import { demoSettings } from './people';
import { paceNote, withDemoDelegation } from './pace';
import type { RecordPlan } from './plan';
import { Rng } from './random';
import { planRecord, type GenContext } from './recordGen';
import { DEFAULT_VOLUME, MONTHLY_VOLUME, anchorOf, copiedValues, recordStarts, referenceOf, startAfter } from './schedule';
import { simulate } from './simulate';
import { SUPPLIES_IDS, planSupplies } from './supplies';

export interface DemoOptions {
  seed?: number;
  /** First day of activity, YYYY-MM-DD. */
  start?: string;
  /** The demo's "today", YYYY-MM-DD: nothing happens after the end of this day. */
  end?: string;
  /** SHA-256 for the audit chain; WebCrypto unless the caller has a faster equivalent (the CLI passes Node's). */
  digest?: Digest;
}

export interface DemoResult {
  settings: SettingsSpec;
  metas: RegisterMeta[];
  /** Body rows by table name. */
  tables: Record<string, CellValue[][]>;
  auditRows: CellValue[][];
  notes: CellValue[][];
  intents: NoteItem[];
  asOf: string;
  stats: { records: number; actions: number; attempts: number; drawFailures: Record<string, number>; failures: string[]; dropped: Record<string, number>; byRegister: Record<string, number> };
}

export const DEMO_NOTES_SHEET = '演示说明';

export async function generateDemo(catalog: { settings: SettingsSpec; registers: RegisterSpec[] }, options: DemoOptions = {}): Promise<DemoResult> {
  const rng = new Rng(options.seed ?? 20260101);
  const start = parseInstant(options.start ?? '2026-01-01')!;
  const endText = options.end ?? '2026-11-30';
  const asOf = parseAsOf(endText)!;
  const settings = withDemoDelegation(demoSettings(catalog.settings, rng.fork('people')));
  const metas = await Promise.all(catalog.registers.map((s) => registerMeta(s, s.name)));
  let id = 0;
  const ctx: GenContext = { settings, asOf, nextId: () => ++id, draws: { attempts: 0, failures: {} } };
  const plans: RecordPlan[] = [];
  const dropped: Record<string, number> = {};
  const keep = (meta: RegisterMeta, plan: RecordPlan | null) => {
    if (plan) plans.push(plan);
    else dropped[meta.name] = (dropped[meta.name] ?? 0) + 1;
  };

  const referrers = new Map(metas.map((m) => [m, referenceOf(m, metas)]));
  // Plain registers first: their records are what referring registers point at.
  for (const meta of metas) {
    if (SUPPLIES_IDS.has(meta.id) || referrers.get(meta)) continue;
    const r = rng.fork(meta.id);
    for (const t0 of recordStarts(MONTHLY_VOLUME[meta.id] ?? DEFAULT_VOLUME, r, start, asOf - 2 * MS_DAY)) keep(meta, planRecord(meta, ctx, r, { t0 }));
  }
  for (const meta of metas) {
    const ref = referrers.get(meta);
    if (!ref || SUPPLIES_IDS.has(meta.id)) continue;
    const r = rng.fork(`${meta.id}:refs`);
    const chainless = meta.spec.chain.length === 0;
    for (const target of plans.filter((p) => p.meta === ref.target)) {
      const anchor = anchorOf(target, asOf);
      if (anchor > asOf - 2 * MS_DAY) continue;
      const count = chainless ? r.int(4, 9) : r.chance(0.75) ? 1 : 0;
      const people = r.shuffle(settings.people);
      for (let i = 0; i < count; i++) keep(meta, planRecord(meta, ctx, r, { t0: startAfter(anchor, r), seed: copiedValues(target, meta, ref), person: people[i % people.length].name }));
    }
  }
  plans.push(...planSupplies(metas, ctx, rng.fork('supplies'), start, dropped));
  const special = planInvalidRecords(metas, plans, ctx, rng.fork('invalid'), start);
  plans.push(...special);

  const book = new MemoryBook(metas, settingsToRows(settings));
  const sim = await simulate(plans, book, settings, metas, options.digest);
  const intents: NoteItem[] = [];
  for (const plan of plans) {
    const placed = sim.placed.get(plan.id);
    if (!placed) continue;
    for (const intent of plan.intents)
      intents.push({ ...intent, register: plan.meta.name, sheet: plan.meta.sheet, row: book.table(plan.meta.table).firstRow + placed.row, number: placed.number });
  }
  const tables: Record<string, CellValue[][]> = {};
  const byRegister: Record<string, number> = {};
  for (const meta of metas) {
    tables[meta.table] = book.table(meta.table).rows;
    byRegister[meta.name] = tables[meta.table].length;
  }
  return {
    settings,
    metas,
    tables,
    auditRows: book.sheets.get(AUDIT_SHEET)!,
    notes: notesRows(intents, {
      start: formatDate(start),
      end: endText,
      records: sim.placed.size,
      actions: sim.actions,
      people: settings.people.length,
      lowStock: drawnDownItems(plans.filter((p) => p.meta.id === 'supplies_issue' && sim.placed.has(p.id))),
      pace: paceNote(settings, metas.flatMap((m) => m.spec.chain.flatMap((r) => r.steps.map((s) => s.text))), endText),
    }),
    intents,
    asOf: endText,
    stats: {
      records: sim.placed.size,
      actions: sim.actions,
      attempts: ctx.draws.attempts,
      drawFailures: ctx.draws.failures,
      failures: sim.failures.map((f) => `${f.plan.meta.name} ${f.event.kind} ${formatDate(f.event.time)}: ${f.errors.map((e) => e.message).join(';')}`),
      dropped,
      byRegister,
    },
  };
}
