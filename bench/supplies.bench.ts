/**
 * The 办公用品 screen's actions in Excel: context.sync per action through the Office.js adapter on the fake Excel,
 * with a supplies ledger of 10, 10,000 and 100,000 issue rows (test/support/suppliesFake.ts). Budget: 2 syncs per
 * action, no request or response over 5 MB.
 *
 *   taskpane.syncs.analysis.<rows>            刷新消耗分析: read the ledgers, write 消耗分析 / 采购计划 / 消耗明细 with charts
 *   taskpane.maxRequestBytes.analysis.<rows>  largest request of that action
 *   taskpane.maxResponseBytes.analysis.<rows> largest response Excel delivered (refused ones are counted below)
 *   taskpane.refusedSyncs.analysis.<rows>     syncs Excel refused for size (the adapter then reads in chunks)
 *   taskpane.syncs.purchaseDrafts             生成采购申请草稿 at 10,000 issue rows (as the other taskpane.syncs.*)
 *   taskpane.syncs.purchaseDrafts.<rows>      the same at each size
 *   taskpane.purchaseDrafts.records.<rows>    采购申请 records the plan turned into
 */
import { Session } from '../src/taskpane/session';
import { createPurchaseDrafts, refreshAnalysis } from '../src/taskpane/supplies';
import { OfficeJsWorkbook } from '../src/workbook/officejs/adapter';
import type { FakeExcel } from '../src/workbook/officejs/testing/fakeExcel';
import { fakeLedgerExcel, ledgerOfSize } from '../test/support/suppliesFake';

const SIZES = [10, 10_000, 100_000];

export async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const rows of SIZES) {
    const data = ledgerOfSize(rows);
    const excel: FakeExcel = await fakeLedgerExcel(data);
    const session = new Session(new OfficeJsWorkbook({ run: excel.run, undoGroups: true }), () => `${data.asOf}T09:00`);
    if ((await session.open()).kind !== 'ready') throw new Error('the supplies workbook did not open');

    excel.resetStats();
    const refreshed = await refreshAnalysis(session);
    if (!refreshed.ok) throw new Error(refreshed.message);
    out[`taskpane.syncs.analysis.${rows}`] = excel.syncCount;
    out[`taskpane.maxRequestBytes.analysis.${rows}`] = excel.maxRequestBytes;
    out[`taskpane.maxResponseBytes.analysis.${rows}`] = Math.max(0, ...excel.stats.syncs.filter((s) => !s.failed).map((s) => s.responseBytes));
    out[`taskpane.refusedSyncs.analysis.${rows}`] = excel.stats.syncs.filter((s) => s.failed).length;

    excel.resetStats();
    const drafted = await createPurchaseDrafts(session, '孙晓燕');
    if (!drafted.ok) throw new Error(JSON.stringify(drafted.errors));
    out[`taskpane.syncs.purchaseDrafts.${rows}`] = excel.syncCount;
    out[`taskpane.purchaseDrafts.records.${rows}`] = drafted.drafts.length;
    if (rows === 10_000) out['taskpane.syncs.purchaseDrafts'] = excel.syncCount;
    process.stderr.write(`  supplies: ${rows} issue rows done\n`);
  }
  return out;
}
