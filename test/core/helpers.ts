/** A small office on a MemoryBook: run actions the way the task pane does (one read, one plan, one write). */
import { planAction, planImport, planSubmit, type ActionContext, type PlanResult } from '../../src/core/actions';
import { auditTail } from '../../src/core/audit';
import type { RecordValue } from '../../src/core/cells';
import type { RegisterMeta } from '../../src/core/metadata';
import type { WorkflowAction } from '../../src/core/transitions';
import { MemoryBook } from '../../src/demo/memoryBook';
import { fixtureCatalog, metasOf, settingsRows } from './fixtures';

export async function office() {
  const catalog = fixtureCatalog();
  const metas = await metasOf(catalog);
  const book = new MemoryBook(metas, settingsRows(catalog.settings));
  const meta = (id: string): RegisterMeta => metas.find((m) => m.id === id)!;
  const ctx = (id: string, now: string): ActionContext => ({ meta: meta(id), settings: catalog.settings, table: book.table(meta(id).table), audit: auditTail(book.audit), now });
  const applied = (r: PlanResult) => {
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    book.apply(r.batch);
    return r;
  };
  return {
    catalog,
    metas,
    book,
    meta,
    ctx,
    submit: async (id: string, now: string, values: Record<string, RecordValue>, actor: string) => applied(await planSubmit(ctx(id, now), values, actor)),
    act: async (id: string, now: string, row: number, action: WorkflowAction, actor: string) => applied(await planAction(ctx(id, now), { row }, action, actor)),
    import: async (id: string, now: string, values: Record<string, RecordValue>, actor: string, extra: Parameters<typeof planImport>[1] extends infer T ? Omit<T, 'values'> : never = {}) =>
      applied(await planImport(ctx(id, now), { ...extra, values }, actor)),
    content: () => ({ meta: { formatVersion: 1, registers: metas }, tables: Object.fromEntries(book.tables), settingsRows: book.sheets.get('设置')!, auditRows: book.audit }),
  };
}

export const INCOMING = {
  收文日期: '2026-03-02',
  来文单位: '长沙市人民政府办公厅',
  来文类别: '上级来文',
  文件标题: '关于做好防汛工作的通知',
  文件类别: '一般文件',
  紧急程度: '平件',
  密级: '公开',
  份数: 2,
};
