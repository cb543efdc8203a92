/**
 * The CLI on real .xlsx files: demo → check → verify → tampering → retention, and the bad files a user may
 * hand it. Runs main() with a capturing Io (no child process), as the CLI does.
 */
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { intentsFromNotes } from '../../src/demo/notes';
import { createPurchaseDrafts } from '../../src/taskpane/supplies';
import { Session } from '../../src/taskpane/session';
import { ExcelJsWorkbook, sheetValues } from '../../src/workbook/exceljs/adapter';
import { OLD_LEDGER_HEADERS, OLD_LEDGER_SHEET, oldLedgerRows } from '../../src/demo/oldLedger';

const DIR = path.join(__dirname, '..', 'fixtures', 'demo-templates');
const PROTECTED = path.join(__dirname, '..', 'fixtures', '收文登记-有密码.xlsx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-core-cli-'));
const DEMO = path.join(tmp, '演示.xlsx');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function load(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A copy of the demo with one change made the way a user would make it in Excel. */
async function tampered(name: string, change: (wb: ExcelJS.Workbook) => void | Promise<void>) {
  const wb = await load(DEMO);
  await change(wb);
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

beforeAll(async () => {
  const r = await run('demo', '--out', DEMO, '--templates', DIR);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('演示工作簿');
});

describe('taizhang demo, check and verify on the demo workbook', () => {
  it('check reports exactly the records the 演示说明 sheet lists, and nothing else', async () => {
    const notes = intentsFromNotes(sheetValues((await load(DEMO)).getWorksheet('演示说明')!));
    expect(notes.length).toBeGreaterThan(10);
    const r = await run('check', DEMO, '--json', '--as-of', '2026-11-30');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    const found = report.findings.map((f: { sheet: string; row: number; field: string; rule: string; number: string }) => `${f.sheet}!${f.row} ${f.number} ${f.field} ${f.rule}`).sort();
    expect(found).toEqual(notes.map((n) => `${n.sheet}!${n.row} ${n.number} ${n.field} ${n.rule}`).sort());
    expect(report.summary.records).toBeGreaterThan(1500);
  });

  it('prints located findings in Chinese, or English with --lang en', async () => {
    const zh = await run('check', DEMO, '--as-of', '2026-11-30');
    expect(zh.code).toBe(1);
    expect(zh.out).toMatch(/^错误 \(\d+\):/);
    expect(zh.out).toMatch(/\n {2}采购申请![A-Z]+\d+ \[CG-\d{6}-\d{3}\] .+\(rule\.atLeast\)/);
    expect(zh.out).toContain('逾期');
    const en = await run('check', DEMO, '--as-of', '2026-11-30', '--lang', 'en');
    expect(en.out).toMatch(/^Errors \(\d+\):/);
    expect(en.out).toContain('At least 3 of');
  });

  it('analyze suggests reorders and a purchase plan by supplier for the items 演示说明 says run low', async () => {
    const notes = sheetValues((await load(DEMO)).getWorksheet('演示说明')!).map((r) => String(r[0] ?? ''));
    const line = notes.find((l) => l.startsWith('办公用品:'));
    expect(line).toBeDefined();
    const named = /最后一个月(.+?)被集中领用/.exec(line!)![1].split('、');
    expect(named.length).toBeGreaterThanOrEqual(2);
    const r = await run('analyze', DEMO, '--json', '--as-of', '2026-11-30');
    expect([r.code, r.err]).toEqual([0, '']);
    const report = JSON.parse(r.out);
    const toOrder = report.reorder.filter((l: { suggestedQuantity: number }) => l.suggestedQuantity > 0).map((l: { name: string }) => l.name);
    expect(toOrder).toEqual(expect.arrayContaining(named));
    expect(report.summary.itemsToReorder).toBe(toOrder.length);
    const groups = report.purchasePlan.suppliers as { supplier: string; lines: { quantity: number }[] }[];
    expect(groups.length).toBeGreaterThanOrEqual(2);
    expect(groups.every((g) => g.supplier && g.lines.length > 0 && g.lines.every((l) => l.quantity > 0))).toBe(true);
    expect(report.summary.planBudget).toBeGreaterThan(0);
  });

  it('the pane’s 生成采购申请草稿 drafts one 采购申请 per line of that plan', async () => {
    const wb = await load(DEMO);
    const session = new Session(new ExcelJsWorkbook(wb), () => '2026-11-30T16:00');
    expect((await session.open()).kind).toBe('ready');
    const clerk = session.settings!.people.find((p) => p.roles.includes('办公室文员'))!.name;
    const outcome = await createPurchaseDrafts(session, clerk);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const lines = outcome.analysis.result.plan.groups.reduce((n, g) => n + g.lines.length, 0);
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(outcome.drafts).toHaveLength(lines);
  });

  it('holds the hand-made 旧台账 the README imports, as oldLedgerRows makes it', async () => {
    const sheet = (await load(DEMO)).getWorksheet(OLD_LEDGER_SHEET)!;
    expect(sheetValues(sheet)[3]).toEqual(OLD_LEDGER_HEADERS);
    expect(sheetValues(sheet).length).toBe(oldLedgerRows().rows.length);
    expect(sheet.getCell('A1').isMerged).toBe(true);
  });

  it('verify passes on the demo', async () => {
    const r = await run('verify', DEMO);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ 审计链完整:\d+ 条审计记录/);
  });

  it('verify fails, naming the entry, after one cell of an approved record is edited', async () => {
    let number = '';
    const file = await tampered('edited-record.xlsx', (wb) => {
      const ws = wb.getWorksheet('收文登记')!;
      const header = ws.getRow(1).values as unknown[];
      const status = header.indexOf('状态');
      const title = header.indexOf('文件标题');
      for (let r = 2; r <= ws.rowCount; r++) {
        if (ws.getRow(r).getCell(status).value === '已办结') {
          number = String(ws.getRow(r).getCell(1).value);
          ws.getRow(r).getCell(title).value = `${ws.getRow(r).getCell(title).value}(改)`;
          return;
        }
      }
    });
    const audit = sheetValues((await load(DEMO)).getWorksheet('_审计')!);
    const last = [...audit].reverse().find((row) => row[2] === 'incoming_docs' && row[3] === number)!;
    const r = await run('verify', file, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.firstBreak).toMatchObject({ kind: 'recordEdited', number, seq: last[0] });
    expect(report.firstBreak.message).toContain(`第 ${last[0]} 条`);
    expect(report.firstBreak.message).toMatch(/^收文登记!A\d+:\d+ 记录“/);
  });

  it('verify fails, naming the entry, after an audit row is deleted or two are swapped', async () => {
    const deleted = await tampered('deleted-entry.xlsx', (wb) => {
      wb.getWorksheet('_审计')!.spliceRows(101, 1);
    });
    const d = JSON.parse((await run('verify', deleted, '--json')).out);
    expect(d.ok).toBe(false);
    expect(d.firstBreak).toMatchObject({ kind: 'entryMissing', row: 101, seq: 101 });
    expect(d.firstBreak.message).toContain('缺少第 100 条');

    const swapped = await tampered('swapped-entries.xlsx', (wb) => {
      const ws = wb.getWorksheet('_审计')!;
      const a = ws.getRow(51).values as ExcelJS.CellValue[];
      const b = ws.getRow(52).values as ExcelJS.CellValue[];
      ws.getRow(51).values = b;
      ws.getRow(52).values = a;
    });
    const s = await run('verify', swapped, '--json');
    expect(s.code).toBe(1);
    expect(JSON.parse(s.out).firstBreak).toMatchObject({ kind: 'orderChanged', row: 51, seq: 51 });
  });

  it('retention lists records past their period and writes the 销毁清册 with its approvals into a copy', async () => {
    const out = path.join(tmp, '销毁清册.xlsx');
    const r = await run('retention', DEMO, '--as-of', '2028-12-31', '--out', out, '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out);
    expect(list.items.length).toBeGreaterThan(500);
    expect(new Set(list.items.map((i: { retention: string }) => i.retention))).not.toContain('长期');
    expect(list.approvals.map((a: { step: string }) => a.step)).toEqual(expect.arrayContaining(['编制', '批准', '监销']));
    const sheet = sheetValues((await load(out)).getWorksheet('销毁清册')!);
    expect(sheet[0][0]).toBe('销毁清册(截至 2028-12-31)');
    expect(sheet.length).toBe(list.items.length + 3 + 2 + list.approvals.length);
    const none = await run('retention', DEMO, '--as-of', '2026-12-31');
    expect(none.out).toContain('0 条记录已过保存期限');
  });
});

describe('bad input gives exit 2 or 1 with a located message, never a stack trace', () => {
  it('a file that is not an xlsx', async () => {
    const file = path.join(tmp, '不是工作簿.xlsx');
    writeFileSync(file, '姓名,部门\n张三,销售部\n');
    const r = await run('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: 不是 Excel 工作簿`);
    noStackTrace(r.err);
  });

  it('a password-protected xlsx', async () => {
    const file = path.join(tmp, '有密码.xlsx');
    copyFileSync(PROTECTED, file);
    for (const command of ['check', 'verify', 'retention']) {
      const r = await run(command, file);
      expect(r.code).toBe(2);
      expect(r.err).toContain('有打开密码');
      noStackTrace(r.err);
    }
  });

  it('a workbook with no registers, a damaged one, a missing one', async () => {
    const plain = path.join(tmp, '普通表格.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '台账';
    await wb.xlsx.writeFile(plain);
    const r = await run('verify', plain);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有台账元数据');
    const damaged = path.join(tmp, '损坏.xlsx');
    writeFileSync(damaged, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    const d = await run('check', damaged);
    expect(d.code).toBe(2);
    expect(d.err).toContain('已损坏');
    noStackTrace(d.err);
    const missing = await run('check', path.join(tmp, '没有这个文件.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到文件');
  });

  it('a register with a renamed column is reported at its header cell', async () => {
    const file = await tampered('renamed.xlsx', (wb) => {
      const ws = wb.getWorksheet('收文登记')!;
      ws.getCell('C1').value = '来文机关';
      const table = (ws as unknown as { tables: Record<string, { model: { columns: { name: string }[] } }> }).tables['tz_incoming_docs'];
      table.model.columns[2].name = '来文机关';
    });
    const r = await run('check', file, '--as-of', '2026-11-30');
    expect(r.code).toBe(1);
    expect(r.out).toContain('收文登记!C1 列“来文单位”被改名为“来文机关”');
    noStackTrace(r.out + r.err);
  });

  it('usage mistakes', async () => {
    expect((await run('check')).code).toBe(2);
    const asOf = await run('check', DEMO, '--as-of', '明天');
    expect(asOf.code).toBe(2);
    expect(asOf.err).toContain('--as-of');
    expect((await run('demo')).code).toBe(2);
    expect((await run('retention', DEMO, '--out', DEMO)).code).toBe(2);
  });
});
