/** Ledgers for unit tests, straight from rows of field → value (dates as ISO text), through the real builder. */
import type { CellValue } from '../../src/core/cells';
import type { LedgerKind } from '../../src/inventory/fields';
import { LedgerBuilder, type Ledger } from '../../src/inventory/ledger';

export type CellRow = Record<string, CellValue>;
export type LedgerRows = Partial<Record<LedgerKind, CellRow[]>> & { settings?: CellValue[][] };

export const SHEET: Record<LedgerKind, string> = {
  catalog: '办公用品目录',
  demand: '办公用品需求计划',
  receipt: '办公用品入库',
  issue: '办公用品领用',
  stocktake: '办公用品盘点',
  purchase: '采购申请',
};

const DEFAULT_HEADERS: Record<LedgerKind, string[]> = {
  catalog: ['物品编码', '物品名称', '单位', '采购单位数量', '参考单价', '默认供应商', '提前期天数', '安全库存', '服务水平', '是否停用'],
  demand: ['需求月份', '需求部门', '物品编码', '需求数量', '核定数量'],
  receipt: ['入库日期', '物品编码', '数量', '单价', '金额', '供应商', '采购申请单号', '验收结论'],
  issue: ['领用日期', '领用部门', '物品编码', '实发数量', '领用人签字'],
  stocktake: ['盘点日期', '物品编码', '账面数量', '实盘数量'],
  purchase: ['申请单号', '申请日期', '物品编码', '申购数量', '到货日期', '状态'],
};

/** A catalogue row with workable defaults. */
export function item(code: string, over: CellRow = {}): CellRow {
  return { 物品编码: code, 物品名称: `物品${code}`, 单位: '个', 采购单位数量: 1, 参考单价: 1, 默认供应商: '甲公司', 提前期天数: 30, 安全库存: 0, 服务水平: '95%', 是否停用: '否', ...over };
}

/** Rows start on worksheet row 2, as under a table header in row 1. */
export function ledgerOf(rows: LedgerRows): Ledger {
  const b = new LedgerBuilder();
  for (const kind of Object.keys(SHEET) as LedgerKind[]) {
    const list = rows[kind];
    if (!list) continue;
    const headers = [...new Set([...DEFAULT_HEADERS[kind], ...list.flatMap((r) => Object.keys(r))])];
    b.begin(kind, SHEET[kind], headers);
    list.forEach((r, i) => b.row(kind, i + 2, headers.map((h) => (h in r ? r[h] : null))));
  }
  if (rows.settings) b.settings(rows.settings);
  return b.finish();
}
