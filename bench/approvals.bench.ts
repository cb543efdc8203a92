/**
 * Syncs and bytes of 批量同意 through the Office.js adapter on a register of 100,000 rows: the task pane's own
 * Session drives the fake Excel (which counts every context.sync). The selection is what 待办 shows the approver
 * with the most waiting records. Budget: 2 syncs per user action (one read, one write), whatever the selection.
 *
 *   officejs.syncs.batchApprove.<n>            context.sync calls of approving n records at once
 *   officejs.maxRequestBytes.batchApprove.<n>  its largest request
 *   officejs.maxResponseBytes.batchApprove.<n> its largest response
 *   approvals.batchApprove.done.<n>            records approved (n unless some were skipped)
 */
import { actingAs } from '../src/core/authority';
import type { BatchItem } from '../src/core/batch';
import { parseInstant } from '../src/core/dates';
import { recordNumber } from '../src/core/transitions';
import { deriveState } from '../src/core/workflow';
import { Session } from '../src/taskpane/session';
import { OfficeJsWorkbook } from '../src/workbook/officejs/adapter';
import { fakeWorkbook, fillRegister } from '../src/workbook/officejs/testing/fixtures';
import { fixtureRegister } from '../test/support/docs';

const ROWS = 100_000;
const NOW = '2026-03-15T10:00';

export async function run(): Promise<Record<string, number>> {
  const { spec, settings } = fixtureRegister();
  const out: Record<string, number> = {};
  for (const n of [20, 500]) {
    const excel = await fakeWorkbook([spec], settings);
    fillRegister(excel.model, spec, settings, ROWS);
    const session = new Session(new OfficeJsWorkbook({ run: excel.run, undoGroups: true }), () => NOW);
    if ((await session.open()).kind !== 'ready') throw new Error('workbook did not open');
    const [data] = await session.loadQueue(parseInstant(NOW)!, 3 * 86_400_000);
    const waiting = new Map<string, BatchItem[]>();
    for (const record of data.records) {
      const state = deriveState(spec, record);
      if (!state.pending) continue;
      for (const person of settings.people) {
        if (!actingAs(spec, settings, record, state.pending, person.name, NOW).ok) continue;
        const list = waiting.get(person.name) ?? [];
        list.push({ registerId: spec.id, row: record.index, number: recordNumber(spec, record.values), status: state.status });
        waiting.set(person.name, list);
      }
    }
    const [approver, items] = [...waiting.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    if (items.length < n) throw new Error(`only ${items.length} records wait for ${approver}`);
    excel.resetStats();
    const result = await session.batchAct(items.slice(0, n), { kind: 'approve', opinion: '同意' }, approver);
    if ('ok' in result) throw new Error(JSON.stringify(result.errors));
    out[`officejs.syncs.batchApprove.${n}`] = excel.syncCount;
    out[`officejs.maxRequestBytes.batchApprove.${n}`] = excel.maxRequestBytes;
    out[`officejs.maxResponseBytes.batchApprove.${n}`] = excel.maxResponseBytes;
    out[`approvals.batchApprove.done.${n}`] = result.done.length;
    process.stderr.write(`  approvals: batch of ${n} on ${ROWS} rows done\n`);
  }
  return out;
}
