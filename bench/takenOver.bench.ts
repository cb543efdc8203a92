/**
 * 刷新汇总 and 待办 on a register most of which was imported from a hand-made ledger: nine records in ten closed
 * (已办结) with blank step columns and blank 阅批日期/办结日期, each "overdue" by its empty dates unless recognised as
 * taken over (core/takenOver); the rest are the fixture's own records (a tenth of them open). Through the Office.js
 * adapter on the fake Excel, which counts syncs and measures each request and response.
 *
 *   officejs.syncs.<action>.ledger.<rows>            context.sync calls (summary, queue)
 *   officejs.maxResponseBytes.<action>.ledger.<rows> largest response
 *   takenOver.overdue.summary.ledger.<rows>          overdue items 汇总 counts (the office's own only)
 *
 * The summary reads the candidates' first approval step (its actor) in one read between its read and its write: 3
 * syncs where a workbook without a ledger takes 2 (officejs.syncs.summary.*); the queue reads it within its page
 * read: 2 syncs either way.
 */
import { approvalSteps, registerColumns } from '../src/core/layout';
import { parseInstant } from '../src/core/dates';
import { Session } from '../src/taskpane/session';
import { OfficeJsWorkbook } from '../src/workbook/officejs/adapter';
import { fakeWorkbook, fillRegister } from '../src/workbook/officejs/testing/fixtures';
import { fixtureRegister } from '../test/support/docs';

const SIZES = [2_000, 100_000];
const NOW = '2026-03-15T10:00';

export async function run(): Promise<Record<string, number>> {
  const { spec, settings } = fixtureRegister();
  const out: Record<string, number> = {};
  const headers = registerColumns(spec).map((c) => c.header);
  const stepHeaders = new Set(approvalSteps(spec).flatMap((s) => [s.text, `${s.text}时间`, `${s.text}意见`]));
  const doneFields = new Set(spec.deadlines.map((d) => d.doneField));
  const status = headers.indexOf('状态');
  for (const rows of SIZES) {
    const excel = await fakeWorkbook([spec], settings);
    fillRegister(excel.model, spec, settings, rows);
    const table = excel.model.table(`tz_${spec.id}`)!;
    const ledgerRows = Math.floor(rows * 0.9);
    for (let i = 0; i < ledgerRows; i++) {
      const r = table.rect.top + 1 + i;
      if (table.sheet.value(r, table.rect.left + status) !== '已办结') continue;
      headers.forEach((h, j) => {
        if (stepHeaders.has(h) || doneFields.has(h)) table.sheet.put(r, table.rect.left + j, { value: undefined });
      });
    }
    const session = new Session(new OfficeJsWorkbook({ run: excel.run, undoGroups: true }), () => NOW);
    await session.open();
    // As in officejs.bench: the pane has shown the register's records before (the adapter knows the table's size).
    await session.loadRecent(spec.id, 50);
    const measure = async <T>(action: string, fn: () => Promise<T>): Promise<T> => {
      excel.resetStats();
      const result = await fn();
      out[`officejs.syncs.${action}.ledger.${rows}`] = excel.syncCount;
      out[`officejs.maxResponseBytes.${action}.ledger.${rows}`] = excel.maxResponseBytes;
      return result;
    };
    const summary = await measure('summary', () => session.refreshSummary());
    out[`takenOver.overdue.summary.ledger.${rows}`] = summary.overdueTotal;
    await measure('queue', () => session.loadQueue(parseInstant(NOW)!, 3 * 86_400_000, '李志华'));
    process.stderr.write(`  takenOver: ${rows} rows, ${ledgerRows} from a ledger, done\n`);
  }
  return out;
}
