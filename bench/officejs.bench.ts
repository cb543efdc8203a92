/**
 * Syncs and bytes per user action through the Office.js adapter, at 10, 10,000 and 100,000 rows in a register:
 * the task pane's own Session drives the fake Excel (which counts every context.sync and measures its request
 * and response as UTF-8 JSON). Budget: 2 syncs per action, no request or response over 5 MB.
 *
 *   officejs.syncs.<action>.<rows>            context.sync calls of the action (failed ones included)
 *   officejs.maxRequestBytes.<action>.<rows>  largest request of the action
 *   officejs.maxResponseBytes.<action>.<rows> largest response of the action
 *
 * Actions: open (the records list: the register's last 50 rows, first time in the session), submit, approve
 * (the first step of the record just submitted), summary (刷新汇总: recount every register into 汇总), and queue
 * (the 待办 list as 李志华 sees it: a tenth of the fixture's records are open, each due; a page of 1,000 is read in
 * full, his own first, the rest counted), and timeliness (计算全部时效: every record's step columns and the whole
 * audit log, then 时效分析 — the button shown where 刷新汇总's one read could not carry them; its read is chunked
 * into as many 5 MB responses as it needs, so this is the one action past 2 syncs at 100,000 rows).
 *
 *   officejs.syncs.setup            setting one register up on a blank workbook after the pane opened it
 *   officejs.maxRequestBytes.setup  its largest request (the .xlsx inserted with insertWorksheetsFromBase64)
 */
import { registerColumns } from '../src/core/layout';
import { parseInstant } from '../src/core/dates';
import { Session } from '../src/taskpane/session';
import { OfficeJsWorkbook } from '../src/workbook/officejs/adapter';
import { FakeExcel, WorkbookModel } from '../src/workbook/officejs/testing/fakeExcel';
import { fakeWorkbook, fillRegister } from '../src/workbook/officejs/testing/fixtures';
import { fixtureRegister } from '../test/support/docs';

const SIZES = [10, 10_000, 100_000];
const VALUES = { 收文日期: '2026-03-15', 来文单位: '长沙市财政局', 来文类别: '上级来文', 文件标题: '关于报送年度预算执行情况的通知', 文件类别: '一般文件', 紧急程度: '平件', 密级: '内部', 份数: 1 };

export async function run(): Promise<Record<string, number>> {
  const { spec, settings } = fixtureRegister();
  const out: Record<string, number> = {};
  const blank = new WorkbookModel();
  blank.addSheet('Sheet1');
  const fresh = new FakeExcel(blank);
  const port = new OfficeJsWorkbook({ run: fresh.run, undoGroups: true });
  await new Session(port).open();
  fresh.resetStats();
  await port.setUp!({ specs: [spec], settings });
  out['officejs.syncs.setup'] = fresh.syncCount;
  out['officejs.maxRequestBytes.setup'] = fresh.maxRequestBytes;
  for (const rows of SIZES) {
    const excel = await fakeWorkbook([spec], settings);
    fillRegister(excel.model, spec, settings, rows);
    const session = new Session(new OfficeJsWorkbook({ run: excel.run, undoGroups: true }), () => '2026-03-15T10:00');
    const opened = await session.open();
    if (opened.kind !== 'ready') throw new Error(`workbook did not open: ${JSON.stringify(opened)}`);

    const measure = async (action: string, fn: () => Promise<unknown>) => {
      excel.resetStats();
      await fn();
      out[`officejs.syncs.${action}.${rows}`] = excel.syncCount;
      out[`officejs.maxRequestBytes.${action}.${rows}`] = excel.maxRequestBytes;
      out[`officejs.maxResponseBytes.${action}.${rows}`] = excel.maxResponseBytes;
    };

    await measure('open', () => session.loadRecent(spec.id, 50));
    let number = '';
    await measure('submit', async () => {
      const r = await session.submit(spec.id, VALUES, '孙晓燕');
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      number = r.number;
    });
    await measure('approve', async () => {
      const r = await session.act(spec.id, { row: rows, number }, { kind: 'approve', opinion: '请分管领导阅示' }, '赵敏');
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
    });
    await measure('summary', () => session.refreshSummary());
    await measure('timeliness', () => session.refreshTimeliness());
    await measure('queue', () => session.loadQueue(parseInstant('2026-03-15T10:00')!, 3 * 86_400_000, '李志华'));
    process.stderr.write(`  officejs: ${rows} rows × ${registerColumns(spec).length} columns done\n`);
  }
  return out;
}
