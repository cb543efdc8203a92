/**
 * The supplies registers and the field names the analysis reads, as fixed in the process documents
 * (templates/办公用品*.md, 采购申请.md). Registers are found by spec id (table tz_<id>), fields by these names.
 */
import { STATUS_HEADER } from '../core/layout';
import { STATUS_REJECTED, STATUS_WITHDRAWN } from '../core/workflow';

export const SUPPLY_REGISTERS = {
  catalog: 'supplies_catalog',
  demand: 'supplies_demand',
  receipt: 'supplies_receipt',
  issue: 'supplies_issue',
  stocktake: 'supplies_stocktake',
  purchase: 'purchase_requests',
} as const;
export type LedgerKind = keyof typeof SUPPLY_REGISTERS;
export const LEDGER_KINDS = Object.keys(SUPPLY_REGISTERS) as LedgerKind[];

/** The register name users know, for messages when a register is missing (its sheet cannot be named then). */
export const REGISTER_NAMES: Record<LedgerKind, string> = {
  catalog: '办公用品目录',
  demand: '办公用品需求计划',
  receipt: '办公用品入库',
  issue: '办公用品领用',
  stocktake: '办公用品盘点',
  purchase: '采购申请',
};

export const CATALOG_FIELDS = {
  code: '物品编码',
  name: '物品名称',
  category: '物品类别',
  spec: '规格',
  unit: '单位',
  packSize: '采购单位数量',
  refPrice: '参考单价',
  supplier: '默认供应商',
  leadDays: '提前期天数',
  safetyStock: '安全库存',
  serviceLevel: '服务水平',
  inactive: '是否停用',
} as const;

export const DEMAND_FIELDS = {
  no: '需求单号',
  submitted: '提交日期',
  month: '需求月份',
  department: '需求部门',
  code: '物品编码',
  quantity: '需求数量',
  /** 办公室主任 adjusted quantity; when filled it replaces 需求数量. */
  approved: '核定数量',
} as const;

export const RECEIPT_FIELDS = {
  no: '入库单号',
  date: '入库日期',
  code: '物品编码',
  quantity: '数量',
  price: '单价',
  amount: '金额',
  supplier: '供应商',
  request: '采购申请单号',
  inspector: '验收人',
  verdict: '验收结论',
} as const;

export const ISSUE_FIELDS = {
  no: '领用单号',
  date: '领用日期',
  department: '领用部门',
  code: '物品编码',
  requested: '申领数量',
  issued: '实发数量',
  recipient: '领用人',
  signed: '领用人签字',
  issuer: '发放人',
} as const;

export const STOCKTAKE_FIELDS = {
  no: '盘点单号',
  date: '盘点日期',
  code: '物品编码',
  book: '账面数量',
  counted: '实盘数量',
  reason: '差异原因',
  counter: '盘点人',
  reviewer: '复核人',
} as const;

export const PURCHASE_FIELDS = {
  no: '申请单号',
  date: '申请日期',
  needed: '需用日期',
  department: '申请部门',
  code: '物品编码',
  name: '物品名称',
  quantity: '申购数量',
  budget: '预算金额',
  purpose: '用途',
  category: '采购类别',
  supplier1: '供应商一',
  quote1: '供应商一报价',
  supplier2: '供应商二',
  quote2: '供应商二报价',
  supplier3: '供应商三',
  quote3: '供应商三报价',
  chosen: '选定供应商',
  comparison: '比价说明',
  arrived: '到货日期',
} as const;

/** Every column the analysis reads from each register (the status column included); others are never looked at. */
export const READ_FIELDS: Record<LedgerKind, readonly string[]> = {
  catalog: Object.values(CATALOG_FIELDS),
  demand: Object.values(DEMAND_FIELDS),
  receipt: [...Object.values(RECEIPT_FIELDS), STATUS_HEADER],
  // The register that grows with the office (100,000 rows in a few years): only what the analysis uses, which
  // halves what one read of it moves (Excel on the web answers at most 5 MB per request).
  issue: [ISSUE_FIELDS.date, ISSUE_FIELDS.department, ISSUE_FIELDS.code, ISSUE_FIELDS.issued, ISSUE_FIELDS.signed, STATUS_HEADER],
  stocktake: Object.values(STOCKTAKE_FIELDS),
  purchase: [...Object.values(PURCHASE_FIELDS), STATUS_HEADER],
};

/** Fields without which a register's rows cannot be used at all; the others are read when present. */
export const REQUIRED_FIELDS: Record<LedgerKind, readonly string[]> = {
  catalog: [CATALOG_FIELDS.code, CATALOG_FIELDS.name],
  demand: [DEMAND_FIELDS.month, DEMAND_FIELDS.department, DEMAND_FIELDS.code, DEMAND_FIELDS.quantity],
  receipt: [RECEIPT_FIELDS.date, RECEIPT_FIELDS.code, RECEIPT_FIELDS.quantity],
  issue: [ISSUE_FIELDS.date, ISSUE_FIELDS.department, ISSUE_FIELDS.code, ISSUE_FIELDS.issued],
  stocktake: [STOCKTAKE_FIELDS.date, STOCKTAKE_FIELDS.code, STOCKTAKE_FIELDS.counted],
  purchase: [PURCHASE_FIELDS.code, PURCHASE_FIELDS.quantity],
};

/**
 * Statuses of a record that is closed without effect: a rejected or withdrawn issue or receipt did not move stock,
 * a rejected or withdrawn request will not be bought. A returned one (已退回) may be resubmitted, so it counts.
 */
export const CLOSED_STATUSES: readonly string[] = [STATUS_REJECTED, STATUS_WITHDRAWN];
