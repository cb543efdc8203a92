/**
 * Must show: `taizhang report --json` on the demo matches figures this test computes on its own from the demo's
 * step columns (and, for records returned and resubmitted, the audit entries of their first round), with its own
 * working-hours count over the 2026 calendar; the demo's slow steps, late people and delegated leave show; `--out`
 * writes a 时效分析 sheet that openpyxl and LibreOffice open. Nothing here calls src/core/timeliness.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli';
import { TEMPLATES_DIR } from '../support/docs';
import { convertToCsv, readCsv } from '../support/libreoffice';
import { loadInOpenpyxl } from '../support/openpyxl';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-report-'));
const DEMO = path.join(dir, 'demo.xlsx');
const AS_OF = Date.UTC(2026, 10, 30, 23, 59, 59);
const LIMIT = 8;

// ---- the test's own working-hours count: 09:00-12:00, 13:00-18:00 on workdays of 2026 as the State Council set them
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) out.push(iso(t));
  return out;
};
const OFF = new Set([
  ...days('2026-01-01', '2026-01-03'), ...days('2026-02-15', '2026-02-23'), ...days('2026-04-04', '2026-04-06'), ...days('2026-05-01', '2026-05-05'),
  ...days('2026-06-19', '2026-06-21'), ...days('2026-09-25', '2026-09-27'), ...days('2026-10-01', '2026-10-07'),
]);
const WORK = new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
const workday = (day: number) => {
  const d = iso(day);
  if (OFF.has(d)) return false;
  if (WORK.has(d)) return true;
  const w = new Date(day).getUTCDay();
  return w !== 0 && w !== 6;
};
const PERIODS = [[9, 12], [13, 18]];
function workingHours(a: number, b: number): number {
  let minutes = 0;
  for (let day = Math.floor(a / DAY) * DAY; day <= b; day += DAY) {
    if (!workday(day)) continue;
    for (const [from, to] of PERIODS) minutes += Math.max(0, Math.min(b, day + to * 3_600_000) - Math.max(a, day + from * 3_600_000)) / 60_000;
  }
  return minutes / 60;
}
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const rank = p * (s.length - 1);
  return s[Math.floor(rank)] + (s[Math.ceil(rank)] - s[Math.floor(rank)]) * (rank - Math.floor(rank));
}
const r1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const r3 = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

// ---- reading the workbook as a user's script would
const ms = (v: ExcelJS.CellValue): number | null => (v instanceof Date ? v.getTime() : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(`${v}Z`) : null);
const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v).trim());
const person = (actor: string) => actor.replace(/\s*[((]代.*$/, '');
const auditTime = (t: string) => Date.parse(`${t.length === 16 ? `${t}:00` : t}Z`);

interface Pass { register: string; step: string; hours: number; acted: boolean; actor: string | null }
interface Json {
  steps: { register: string; registerId: string; step: string; passed: number; medianHours: number | null; p90Hours: number | null; onTimeShare: number | null; waiting: number }[];
  people: { person: string; acted: number; medianHours: number | null; waiting: number }[];
}

let json: Json;
let book: ExcelJS.Workbook;

beforeAll(async () => {
  const demo = await runCli(['demo', '--out', DEMO, '--templates', TEMPLATES_DIR]);
  if (demo.code !== 0) throw new Error(demo.stderr);
  const r = await runCli(['report', DEMO, '--json', '--as-of', '2026-11-30']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  json = JSON.parse(r.stdout);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(DEMO);
}, 300_000);

/** Every pass, computed here; registers whose figures cannot be told from their columns are named. */
function ownPasses(): { passes: Pass[]; unverifiable: Set<string> } {
  const audit = new Map<string, { seq: number; time: string; action: string; actor: string }[]>();
  book.getWorksheet('_审计')!.eachRow((row, i) => {
    if (i === 1) return;
    const v = row.values as ExcelJS.CellValue[];
    const key = `${text(v[3])}\u0000${text(v[4])}`;
    (audit.get(key) ?? audit.set(key, []).get(key)!).push({ seq: Number(v[1]), time: text(v[2]), action: text(v[5]), actor: text(v[6]) });
  });
  const notes = book.getWorksheet('演示说明')!.getSheetValues().map((r) => (Array.isArray(r) ? r.map((c) => text(c as ExcelJS.CellValue)) : []));
  const unverifiable = new Set(notes.filter((r) => r[7] === 'status.mismatch').map((r) => r[2]));
  const passes: Pass[] = [];
  const registers = [...new Map(json.steps.map((s) => [s.register, s.registerId])).entries()];
  for (const [register, registerId] of registers) {
    const steps = json.steps.filter((s) => s.register === register).map((s) => s.step);
    const rows = book.getWorksheet(register)!.getSheetValues() as ExcelJS.CellValue[][];
    const header = rows[1].map((h) => text(h));
    const col = (h: string) => header.indexOf(h);
    for (const row of rows.slice(2)) {
      if (!row || ms(row[col('登记时间')]) === null) continue;
      const number = text(row[1]);
      // A register numbered at a step (编号时机) knows a record as 待编号 <登记时间> <登记人> until then.
      const provisional = `待编号 ${new Date(ms(row[col('登记时间')])!).toISOString().slice(0, 16)} ${text(row[col('登记人')])}`;
      const entries = [...(audit.get(`${registerId}\u0000${number}`) ?? []), ...(audit.get(`${registerId}\u0000${provisional}`) ?? [])].sort((a, b) => a.seq - b.seq);
      let prev = ms(row[col('登记时间')])!;
      const filled = steps
        .map((step, order) => ({ step, order, actor: text(row[col(step)]), time: ms(row[col(`${step}时间`)]), opinion: text(row[col(`${step}意见`)]) }))
        .filter((f) => f.actor && f.time !== null)
        .sort((a, b) => a.time! - b.time! || a.order - b.order);
      const resubmitted = entries.findIndex((e) => e.action === '重新提交');
      if (resubmitted >= 0) {
        // The first round, before 重新提交: its acts are the route's first steps, which the columns name in order.
        const round = entries.slice(0, resubmitted).filter((e) => ['审批', '退回', '驳回'].includes(e.action));
        if (round.length > filled.length || resubmitted !== entries.map((e) => e.action).lastIndexOf('重新提交')) unverifiable.add(register);
        let start = auditTime(entries[0].time);
        round.forEach((e, i) => {
          const end = auditTime(e.time);
          if (filled[i]) passes.push({ register, step: filled[i].step, hours: workingHours(start, end), acted: true, actor: person(e.actor) });
          start = end;
        });
        prev = auditTime(entries[resubmitted].time);
      }
      for (const f of filled) {
        if (f.opinion.startsWith('【撤回】')) break;
        passes.push({ register, step: f.step, hours: workingHours(prev, f.time!), acted: true, actor: person(f.actor) });
        prev = f.time!;
        if (f.opinion.startsWith('【退回】') || f.opinion.startsWith('【驳回】')) break;
      }
      const status = text(row[col('状态')]);
      if (status.startsWith('待') && steps.includes(status.slice(1))) passes.push({ register, step: status.slice(1), hours: workingHours(prev, AS_OF), acted: false, actor: null });
    }
  }
  return { passes, unverifiable };
}

describe('taizhang report on the demo', () => {
  it('--json gives, per register and step, the figures computed here from the step columns', () => {
    const { passes, unverifiable } = ownPasses();
    expect(unverifiable.size).toBeLessThanOrEqual(2);
    const compared = json.steps.filter((s) => !unverifiable.has(s.register));
    expect(compared.length).toBeGreaterThan(100);
    for (const s of compared) {
      const own = passes.filter((p) => p.register === s.register && p.step === s.step);
      const acted = own.filter((p) => p.acted);
      const pending = own.filter((p) => !p.acted);
      const onTime = acted.filter((p) => p.hours <= LIMIT).length;
      const over = pending.filter((p) => p.hours > LIMIT).length;
      const expected = {
        register: s.register,
        step: s.step,
        passed: acted.length,
        medianHours: r1(percentile(own.map((p) => p.hours), 0.5)),
        p90Hours: r1(percentile(own.map((p) => p.hours), 0.9)),
        onTimeShare: acted.length + over ? r3(onTime / (acted.length + over)) : null,
        waiting: pending.length,
      };
      expect({ register: s.register, step: s.step, passed: s.passed, medianHours: s.medianHours, p90Hours: s.p90Hours, onTimeShare: s.onTimeShare, waiting: s.waiting }).toEqual(expected);
    }
  });

  it('--json gives, per person, the acts and median time computed here, a delegated act counted for the delegate', () => {
    const { passes } = ownPasses();
    const acted = passes.filter((p) => p.acted);
    const names = [...new Set(acted.map((p) => p.actor!))];
    expect(json.people.filter((p) => p.acted > 0).map((p) => p.person).sort()).toEqual(names.sort());
    for (const name of names) {
      const own = acted.filter((p) => p.actor === name).map((p) => p.hours);
      expect(json.people.find((p) => p.person === name)).toMatchObject({ acted: own.length, medianHours: r1(percentile(own, 0.5)) });
    }
  });

  it('shows what the demo was made to show: slow steps, late people, a delegated leave, returns', () => {
    const median = (pred: (s: Json['steps'][number]) => boolean) => percentile(json.steps.filter(pred).map((s) => s.medianHours!), 0.5)!;
    const usual = median((s) => !/法律部门审查|财务处/.test(s.step) && s.passed > 20);
    expect(median((s) => s.step === '法律部门审查')).toBeGreaterThan(3 * usual);
    expect(median((s) => s.step.includes('财务处'))).toBeGreaterThan(3 * usual);
    const of = (name: string) => json.people.find((p) => p.person === name)!;
    for (const late of ['马超', '刘洋']) expect(of(late).medianHours!).toBeGreaterThan(2 * of('孙晓燕').medianHours!);
    const actors: string[] = [];
    const actions: string[] = [];
    book.getWorksheet('_审计')!.eachRow((row) => {
      actors.push(text((row.values as ExcelJS.CellValue[])[6]));
      actions.push(text((row.values as ExcelJS.CellValue[])[5]));
    });
    expect(actors).toContain('孙晓燕(代 赵敏)');
    expect(actions).toEqual(expect.arrayContaining(['退回', '重新提交']));
  });

  it('prints readable tables, and --out writes a 时效分析 sheet that openpyxl and LibreOffice open', async () => {
    const out = path.join(dir, '时效.xlsx');
    const r = await runCli(['report', DEMO, '--as-of', '2026-11-30', '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('审批时效 全部月份(截至 2026-11-30 23:59;用时为工作小时)');
    expect(r.stdout).toMatch(/\n {2}用印登记 +法律部门审查 +\d+ +\d+\.\d/);
    expect(r.stdout).toContain(`✓ 已写入 ${out}:时效分析`);
    expect(await loadInOpenpyxl(out)).toBeNull();
    const csv = readCsv(convertToCsv([out]), '时效', '时效分析')!;
    expect(csv[0][0]).toBe('审批时效分析 全部月份');
    const header = csv.findIndex((row) => row[0] === '登记表·步骤');
    const legal = csv.slice(header + 1).find((row) => row[0] === '用印登记·法律部门审查')!;
    const fromJson = json.steps.find((s) => s.register === '用印登记' && s.step === '法律部门审查')!;
    expect(Number(legal[1])).toBeCloseTo(fromJson.medianHours!, 1);
    expect(Number(legal[4])).toBe(fromJson.passed);
  }, 300_000);

  it('filters by month, and says what is wrong with the input (exit 2, --json too)', async () => {
    const march = JSON.parse((await runCli(['report', DEMO, '--json', '--as-of', '2026-11-30', '--month', '2026-03'])).stdout) as Json;
    expect(march.steps.reduce((n, s) => n + s.passed, 0)).toBeLessThan(json.steps.reduce((n, s) => n + s.passed, 0) / 5);
    const missing = await runCli(['report', path.join(dir, 'nope.xlsx'), '--json']);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toContain('找不到文件');
    const badMonth = await runCli(['report', DEMO, '--month', '2026-13']);
    expect(badMonth.code).toBe(2);
    expect(badMonth.stderr).toContain('--month 应为 YYYY-MM');
    const same = await runCli(['report', DEMO, '--out', DEMO]);
    expect(same.code).toBe(2);
  });
});
