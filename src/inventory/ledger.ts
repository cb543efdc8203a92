/**
 * The supplies ledgers, dictionary-encoded into typed columns while they are read. Hosts push rows one at a time
 * (a whole table from the WorkbookPort, or rows as exceljs streams them), so a ledger is never held twice.
 * Every unusable row is reported with its sheet and row and left out; the rest is kept.
 */
import type { CellValue } from '../core/cells';
import { STATUS_HEADER } from '../core/layout';
import { timeZoneFromSheet } from '../core/officeClock';
import { STATUS_DONE, STATUS_DRAFT, STATUS_REJECTED, STATUS_RETURNED, STATUS_WITHDRAWN } from '../core/workflow';
import { cellDay, cellNumber, cellPercent, cellText, cellYesNo } from './cellValues';
import { Dictionary, FloatColumn, IntColumn } from './columns';
import {
  CATALOG_FIELDS as C,
  CLOSED_STATUSES,
  DEMAND_FIELDS as D,
  ISSUE_FIELDS as I,
  PURCHASE_FIELDS as P,
  RECEIPT_FIELDS as R,
  READ_FIELDS,
  REGISTER_NAMES,
  REQUIRED_FIELDS,
  SUPPLY_REGISTERS,
  STOCKTAKE_FIELDS as S,
  type LedgerKind,
} from './fields';
import { toFen } from './money';
import { parseMonth, serialToMonth } from './months';
import type { Problem, ProblemCode } from './problems';

export const SERVICE_LEVELS = [0.9, 0.95, 0.98, 0.99] as const;

export interface CatalogItem {
  /** Dictionary id of the code: the index used by every column. */
  item: number;
  code: string;
  name: string;
  category: string;
  spec: string;
  unit: string;
  /** Units per purchase pack (采购单位数量), at least 1. */
  packSize: number;
  refPriceFen: number;
  supplier: string;
  /** null when the catalogue row does not give a usable lead time. */
  leadDays: number | null;
  safetyStock: number;
  serviceLevel: number;
  inactive: boolean;
  row: number;
}

export interface PurchaseRow {
  row: number;
  no: string;
  item: number;
  code: string;
  quantity: number;
  /** Serial day or null. */
  date: number | null;
  arrived: number | null;
  status: string;
  department: string;
}

export interface Ledger {
  sheets: Record<LedgerKind, string | null>;
  items: Dictionary;
  departments: Dictionary;
  suppliers: Dictionary;
  /** By item id; undefined for codes that are not in the catalogue. */
  catalog: (CatalogItem | undefined)[];
  /** Catalogue items in catalogue order. */
  catalogItems: CatalogItem[];
  receipts: {
    n: number;
    row: Int32Array;
    day: Int32Array;
    item: Int32Array;
    qty: Float64Array;
    /** Integer fen; NaN while the value is still to be taken from the catalogue's reference price. */
    value: Float64Array;
    /** Supplier id or −1. */
    supplier: Int32Array;
    /** 1 when accepted into stock (合格 / 部分合格), 0 for 不合格 (returned whole). */
    accepted: Uint8Array;
  };
  issues: { n: number; row: Int32Array; day: Int32Array; month: Int32Array; dept: Int32Array; item: Int32Array; qty: Float64Array };
  stocktakes: { n: number; row: Int32Array; day: Int32Array; item: Int32Array; book: Float64Array; counted: Float64Array };
  demand: { n: number; row: Int32Array; month: Int32Array; dept: Int32Array; item: Int32Array; qty: Float64Array };
  purchases: PurchaseRow[];
  /** Accepted quantity received against each 采购申请单号. */
  receivedByRequest: Map<string, number>;
  /** Serial day of the earliest issue with a quantity (of any item, catalogued or not); Infinity when none. */
  firstIssueDay: number;
  /** 设置: department → headcount. */
  headcount: Map<string, number>;
  /** 设置: the 供应商 list. */
  supplierList: string[];
  /** The office's 时区 as 设置 writes it (J2), when it does: "today" is taken there. */
  timeZone?: string;
  problems: Problem[];
}

type Field = number;

interface Begun {
  sheet: string;
  col: Record<string, Field>;
}

const isBlankCell = (c: CellValue | undefined) => c === null || c === undefined || c === '';

export class LedgerBuilder {
  private readonly begun: Partial<Record<LedgerKind, Begun>> = {};
  /** Registers begun without a field they cannot do without: their rows are ignored. */
  private readonly disabled = new Set<LedgerKind>();
  private readonly problems: Problem[] = [];
  private readonly items = new Dictionary();
  private readonly departments = new Dictionary();
  private readonly suppliers = new Dictionary();
  private readonly catalog: (CatalogItem | undefined)[] = [];
  private readonly catalogItems: CatalogItem[] = [];
  private readonly rc = { row: new IntColumn(), day: new IntColumn(), item: new IntColumn(), qty: new FloatColumn(), value: new FloatColumn(), supplier: new IntColumn(), accepted: [] as number[] };
  private readonly is = { row: new IntColumn(), day: new IntColumn(), month: new IntColumn(), dept: new IntColumn(), item: new IntColumn(), qty: new FloatColumn() };
  private readonly st = { row: new IntColumn(), day: new IntColumn(), item: new IntColumn(), book: new FloatColumn(), counted: new FloatColumn() };
  private readonly dm = { row: new IntColumn(), month: new IntColumn(), dept: new IntColumn(), item: new IntColumn(), qty: new FloatColumn() };
  private readonly purchases: PurchaseRow[] = [];
  private readonly receivedByRequest = new Map<string, number>();
  private readonly headcount = new Map<string, number>();
  private supplierList: string[] = [];
  private timeZone: string | undefined;
  /** Earliest issue of anything: where the issue history starts (半年使用数 of a young register). */
  private firstIssueDay = Infinity;

  /**
   * Starts a register from its header row. Returns false (and reports it) when a field the analysis cannot do
   * without is missing; that register's rows are then ignored.
   */
  begin(kind: LedgerKind, sheet: string, headers: readonly string[]): boolean {
    if (this.begun[kind]) {
      this.report('duplicateRegister', sheet, null, undefined, `${REGISTER_NAMES[kind]}出现了两次,只分析了工作表“${this.begun[kind]!.sheet}”`, `${REGISTER_NAMES[kind]} appears twice; only sheet "${this.begun[kind]!.sheet}" was analysed`);
      return false;
    }
    const col: Record<string, Field> = {};
    const wanted = new Set(READ_FIELDS[kind]);
    headers.forEach((h, i) => {
      const name = String(h ?? '').trim();
      if (wanted.has(name) && col[name] === undefined) col[name] = i;
    });
    const missing = REQUIRED_FIELDS[kind].filter((f) => col[f] === undefined);
    if (missing.length) {
      for (const f of missing)
        this.report('missingField', sheet, 1, f, `${REGISTER_NAMES[kind]}缺少“${f}”列,该登记表未能分析:请恢复此列`, `${REGISTER_NAMES[kind]} has no "${f}" column, so it was not analysed: restore the column`);
      this.begun[kind] = { sheet, col: {} };
      this.disabled.add(kind);
      return false;
    }
    this.begun[kind] = { sheet, col };
    return true;
  }

  /** Positions (in the header row given to begin) of the columns this register's rows are read from. */
  columnsRead(kind: LedgerKind): number[] {
    const b = this.begun[kind];
    return b && !this.disabled.has(kind) ? Object.values(b.col).sort((x, y) => x - y) : [];
  }

  /** One table body row; sheetRow is the 1-based worksheet row used in messages. Only columnsRead need values. */
  row(kind: LedgerKind, sheetRow: number, cells: readonly CellValue[]): void {
    const b = this.begun[kind];
    if (!b || this.disabled.has(kind)) return;
    switch (kind) {
      case 'catalog':
        return this.catalogRow(b, sheetRow, cells);
      case 'receipt':
        return this.receiptRow(b, sheetRow, cells);
      case 'issue':
        return this.issueRow(b, sheetRow, cells);
      case 'stocktake':
        return this.stocktakeRow(b, sheetRow, cells);
      case 'demand':
        return this.demandRow(b, sheetRow, cells);
      case 'purchase':
        return this.purchaseRow(b, sheetRow, cells);
    }
  }

  /** The 设置 sheet as values from A1: departments with 人数, the 供应商 list and the 时区. */
  settings(rows: readonly (readonly CellValue[])[]): void {
    this.timeZone = timeZoneFromSheet(rows);
    const header = (rows[0] ?? []).map((c) => cellText(c ?? null));
    const countCol = header.indexOf('人数');
    const deptCol = countCol > 0 && header[countCol - 1] === '部门' ? countCol - 1 : header.indexOf('部门');
    const supplierCol = header.lastIndexOf('供应商');
    for (const r of rows.slice(1)) {
      if (deptCol >= 0 && countCol >= 0) {
        const name = cellText(r[deptCol] ?? null);
        const n = cellNumber(r[countCol] ?? null);
        if (name && n !== null && Number.isFinite(n) && n > 0) this.headcount.set(name, n);
      }
      if (supplierCol >= 0) {
        const s = cellText(r[supplierCol] ?? null);
        if (s) this.supplierList.push(s);
      }
    }
  }

  finish(): Ledger {
    const known = (item: number) => this.catalog[item] !== undefined;
    // Without a usable catalogue every row would be "not in the catalogue": its own problem says it all.
    const haveCatalog = this.begun.catalog !== undefined && !this.disabled.has('catalog');
    const unknown = (kind: LedgerKind, rows: Int32Array, items: Int32Array) => {
      if (!haveCatalog) return;
      for (let i = 0; i < rows.length; i++) {
        if (!known(items[i])) this.unknownItem(kind, rows[i], this.items.values[items[i]]);
      }
    };
    const receipts = {
      n: this.rc.row.length,
      row: this.rc.row.view(),
      day: this.rc.day.view(),
      item: this.rc.item.view(),
      qty: this.rc.qty.view(),
      value: this.rc.value.view(),
      supplier: this.rc.supplier.view(),
      accepted: Uint8Array.from(this.rc.accepted),
    };
    // Values left for the catalogue's reference price: the catalogue may come after the receipts in the file.
    for (let i = 0; i < receipts.n; i++) {
      if (Number.isNaN(receipts.value[i])) receipts.value[i] = receipts.qty[i] * (this.catalog[receipts.item[i]]?.refPriceFen ?? 0);
    }
    const issues = { n: this.is.row.length, row: this.is.row.view(), day: this.is.day.view(), month: this.is.month.view(), dept: this.is.dept.view(), item: this.is.item.view(), qty: this.is.qty.view() };
    const stocktakes = { n: this.st.row.length, row: this.st.row.view(), day: this.st.day.view(), item: this.st.item.view(), book: this.st.book.view(), counted: this.st.counted.view() };
    const demand = { n: this.dm.row.length, row: this.dm.row.view(), month: this.dm.month.view(), dept: this.dm.dept.view(), item: this.dm.item.view(), qty: this.dm.qty.view() };
    unknown('receipt', receipts.row, receipts.item);
    unknown('issue', issues.row, issues.item);
    unknown('stocktake', stocktakes.row, stocktakes.item);
    unknown('demand', demand.row, demand.item);
    if (haveCatalog) for (const p of this.purchases) if (!known(p.item)) this.unknownItem('purchase', p.row, p.code);
    const sheets = {} as Record<LedgerKind, string | null>;
    for (const kind of Object.keys(REGISTER_NAMES) as LedgerKind[]) sheets[kind] = this.begun[kind]?.sheet ?? null;
    return {
      sheets,
      items: this.items,
      departments: this.departments,
      suppliers: this.suppliers,
      catalog: this.catalog,
      catalogItems: this.catalogItems,
      receipts,
      issues,
      stocktakes,
      demand,
      purchases: this.purchases,
      receivedByRequest: this.receivedByRequest,
      firstIssueDay: this.firstIssueDay,
      headcount: this.headcount,
      supplierList: [...new Set(this.supplierList)],
      ...(this.timeZone === undefined ? {} : { timeZone: this.timeZone }),
      problems: this.problems,
    };
  }

  /** A register the workbook does not have at all. */
  missing(kind: LedgerKind): void {
    this.report('missingRegister', REGISTER_NAMES[kind], null, undefined, `工作簿中没有“${REGISTER_NAMES[kind]}”登记表(表格 tz_${SUPPLY_REGISTERS[kind]}),相关分析从缺:请用含此登记表的模板`, `The workbook has no "${REGISTER_NAMES[kind]}" register (table tz_${SUPPLY_REGISTERS[kind]}); that part of the analysis is missing`);
  }

  // ——— rows ———

  private catalogRow(b: Begun, row: number, cells: readonly CellValue[]): void {
    const get = (f: string) => (b.col[f] === undefined ? null : (cells[b.col[f]] ?? null));
    const code = cellText(get(C.code));
    if (!code) {
      if (!allBlank(b, cells)) this.report('blankItem', b.sheet, row, C.code, '物品编码为空,此行未计入目录', 'Item code is blank; row left out of the catalogue');
      return;
    }
    const item = this.items.id(code);
    if (this.catalog[item]) {
      this.report('duplicateItem', b.sheet, row, C.code, `物品编码“${code}”在目录中重复(第 ${this.catalog[item]!.row} 行已有),此行未计入`, `Item code "${code}" is already on row ${this.catalog[item]!.row}; this row was left out`);
      return;
    }
    const catalogValue = (field: string, fallback: number, min: number, integer: boolean, what: string): number => {
      const n = cellNumber(get(field));
      if (n === null && b.col[field] === undefined) return fallback;
      if (n === null || Number.isNaN(n) || n < min || (integer && !Number.isInteger(n))) {
        this.report('badCatalogValue', b.sheet, row, field, `“${field}”应为${what},现为“${cellText(get(field))}”,按 ${fallback} 计`, `"${field}" should be ${what === '不小于 1 的整数' ? 'an integer ≥ 1' : 'a number ≥ 0'}, is "${cellText(get(field))}"; ${fallback} used`);
        return fallback;
      }
      return n;
    };
    const packSize = catalogValue(C.packSize, 1, 1, true, '不小于 1 的整数');
    const refPrice = cellNumber(get(C.refPrice));
    let refPriceFen = 0;
    if (refPrice !== null) {
      if (Number.isNaN(refPrice) || refPrice < 0) this.report('badCatalogValue', b.sheet, row, C.refPrice, `“参考单价”不是金额:“${cellText(get(C.refPrice))}”`, `"参考单价" is not an amount: "${cellText(get(C.refPrice))}"`);
      else refPriceFen = toFen(refPrice);
    }
    const lead = cellNumber(get(C.leadDays));
    let leadDays: number | null = null;
    if (lead !== null && !Number.isNaN(lead) && lead >= 0 && Number.isInteger(lead)) leadDays = lead;
    else this.report('badCatalogValue', b.sheet, row, C.leadDays, `“提前期天数”应为不小于 0 的整数,现为“${cellText(get(C.leadDays))}”:此物品按安全库存补货`, `"提前期天数" should be an integer ≥ 0, is "${cellText(get(C.leadDays))}"; the item is reordered at its safety stock`);
    const safetyStock = catalogValue(C.safetyStock, 0, 0, true, '不小于 0 的整数');
    let serviceLevel = cellPercent(get(C.serviceLevel));
    if (serviceLevel === null || !SERVICE_LEVELS.some((l) => Math.abs(l - serviceLevel!) < 1e-9)) {
      this.report('badCatalogValue', b.sheet, row, C.serviceLevel, `“服务水平”应为 90%、95%、98% 或 99%,现为“${cellText(get(C.serviceLevel))}”,按 95% 计`, `"服务水平" should be 90%, 95%, 98% or 99%, is "${cellText(get(C.serviceLevel))}"; 95% used`);
      serviceLevel = 0.95;
    } else serviceLevel = SERVICE_LEVELS.find((l) => Math.abs(l - serviceLevel!) < 1e-9)!;
    const entry: CatalogItem = {
      item,
      code,
      name: cellText(get(C.name)),
      category: cellText(get(C.category)),
      spec: cellText(get(C.spec)),
      unit: cellText(get(C.unit)),
      packSize,
      refPriceFen,
      supplier: cellText(get(C.supplier)),
      leadDays,
      safetyStock,
      serviceLevel,
      inactive: cellYesNo(get(C.inactive)) === true,
      row,
    };
    this.catalog[item] = entry;
    this.catalogItems.push(entry);
  }

  private receiptRow(b: Begun, row: number, cells: readonly CellValue[]): void {
    const col = b.col;
    const code = cellText(cells[col[R.code]] ?? null);
    if (!code) {
      if (!allBlank(b, cells)) this.report('blankItem', b.sheet, row, R.code, '物品编码为空,此行未计入库存', 'Item code is blank; row left out of stock');
      return;
    }
    if (this.closed(b, row, cells)) return;
    const day = this.day(b, row, cells, R.date);
    const qty = this.quantity(b, row, cells, R.quantity, true);
    if (day === null || qty === null) return;
    const item = this.items.id(code);
    const verdict = col[R.verdict] === undefined ? '' : cellText(cells[col[R.verdict]] ?? null);
    const accepted = verdict !== '不合格';
    const price = col[R.price] === undefined ? null : cellNumber(cells[col[R.price]] ?? null);
    const amount = col[R.amount] === undefined ? null : cellNumber(cells[col[R.amount]] ?? null);
    let value: number;
    if (price === 0 || (price === null && amount === 0)) {
      if (accepted && qty > 0)
        this.report('zeroPrice', b.sheet, row, R.price, `“${code}”入库单价为 0:按目录参考单价计价,请补填实际单价`, `Unit price of "${code}" is 0; valued at the catalogue reference price — enter the real price`);
      value = Number.NaN;
    } else if (amount !== null && !Number.isNaN(amount) && amount >= 0) {
      value = toFen(amount);
      if (price !== null && !Number.isNaN(price) && Math.abs(value - toFen(qty * price)) > 1)
        this.report('amountMismatch', b.sheet, row, R.amount, `金额 ${amount} 不等于 数量 ${qty} × 单价 ${price}:按金额计价`, `Amount ${amount} is not quantity ${qty} × price ${price}; the amount is used`);
    } else if (price !== null && !Number.isNaN(price) && price > 0) {
      value = toFen(qty * price);
    } else {
      if (accepted && qty > 0)
        this.report('missingPrice', b.sheet, row, R.price, `“${code}”入库没有可用的单价或金额:按目录参考单价计价`, `No usable price or amount for "${code}"; valued at the catalogue reference price`);
      value = Number.NaN;
    }
    const supplierText = col[R.supplier] === undefined ? '' : cellText(cells[col[R.supplier]] ?? null);
    const request = col[R.request] === undefined ? '' : cellText(cells[col[R.request]] ?? null);
    if (request && accepted) this.receivedByRequest.set(request, (this.receivedByRequest.get(request) ?? 0) + qty);
    this.rc.row.push(row);
    this.rc.day.push(day);
    this.rc.item.push(item);
    this.rc.qty.push(qty);
    this.rc.value.push(value);
    this.rc.supplier.push(supplierText ? this.suppliers.id(supplierText) : -1);
    this.rc.accepted.push(accepted ? 1 : 0);
  }

  private issueRow(b: Begun, row: number, cells: readonly CellValue[]): void {
    const col = b.col;
    const code = cellText(cells[col[I.code]] ?? null);
    const dept = cellText(cells[col[I.department]] ?? null);
    if (!code) {
      if (!allBlank(b, cells)) this.report('blankItem', b.sheet, row, I.code, '物品编码为空,此行未计入消耗', 'Item code is blank; row left out of consumption');
      return;
    }
    if (this.closed(b, row, cells)) return;
    const day = this.day(b, row, cells, I.date);
    const qty = this.quantity(b, row, cells, I.issued, true);
    if (day === null || qty === null) return;
    if (qty > 0 && day < this.firstIssueDay) this.firstIssueDay = day;
    if (!dept) {
      this.report('blankDepartment', b.sheet, row, I.department, '领用部门为空,此行未计入消耗', 'Department is blank; row left out of consumption');
      return;
    }
    if (qty > 0 && col[I.signed] !== undefined && cellYesNo(cells[col[I.signed]] ?? null) !== true)
      this.report('unsigned', b.sheet, row, I.signed, `已发放 ${qty} 但领用人未签字:请补签`, `${qty} issued without the recipient's signature`);
    this.is.row.push(row);
    this.is.day.push(day);
    this.is.month.push(serialToMonth(day));
    this.is.dept.push(this.departments.id(dept));
    this.is.item.push(this.items.id(code));
    this.is.qty.push(qty);
  }

  private stocktakeRow(b: Begun, row: number, cells: readonly CellValue[]): void {
    const col = b.col;
    const code = cellText(cells[col[S.code]] ?? null);
    if (!code) {
      if (!allBlank(b, cells)) this.report('blankItem', b.sheet, row, S.code, '物品编码为空,此行未计入盘点', 'Item code is blank; row left out of the stocktake');
      return;
    }
    const day = this.day(b, row, cells, S.date);
    const counted = this.quantity(b, row, cells, S.counted, true);
    if (day === null || counted === null) return;
    const book = col[S.book] === undefined ? null : cellNumber(cells[col[S.book]] ?? null);
    this.st.row.push(row);
    this.st.day.push(day);
    this.st.item.push(this.items.id(code));
    this.st.book.push(book === null ? Number.NaN : book);
    this.st.counted.push(counted);
  }

  private demandRow(b: Begun, row: number, cells: readonly CellValue[]): void {
    const col = b.col;
    const code = cellText(cells[col[D.code]] ?? null);
    if (!code) {
      if (!allBlank(b, cells)) this.report('blankItem', b.sheet, row, D.code, '物品编码为空,此行未计入需求', 'Item code is blank; row left out of demand');
      return;
    }
    const monthCell = cells[col[D.month]] ?? null;
    const month = typeof monthCell === 'number' && monthCell > 0 ? serialToMonth(monthCell) : parseMonth(cellText(monthCell));
    if (month === null) {
      this.report('badMonth', b.sheet, row, D.month, `需求月份“${cellText(monthCell)}”不是 YYYY-MM`, `Month "${cellText(monthCell)}" is not YYYY-MM`);
      return;
    }
    const dept = cellText(cells[col[D.department]] ?? null);
    if (!dept) {
      this.report('blankDepartment', b.sheet, row, D.department, '需求部门为空,此行未计入需求', 'Department is blank; row left out of demand');
      return;
    }
    let qty: number | null;
    const approved = col[D.approved] === undefined ? null : cellNumber(cells[col[D.approved]] ?? null);
    if (approved !== null && !Number.isNaN(approved)) qty = this.quantity(b, row, cells, D.approved, true);
    else qty = this.quantity(b, row, cells, D.quantity, true);
    if (qty === null) return;
    this.dm.row.push(row);
    this.dm.month.push(month);
    this.dm.dept.push(this.departments.id(dept));
    this.dm.item.push(this.items.id(code));
    this.dm.qty.push(qty);
  }

  private purchaseRow(b: Begun, row: number, cells: readonly CellValue[]): void {
    const col = b.col;
    const get = (f: string) => (col[f] === undefined ? null : (cells[col[f]] ?? null));
    const code = cellText(get(P.code));
    if (!code) {
      if (!allBlank(b, cells)) this.report('blankItem', b.sheet, row, P.code, '物品编码为空,此行未计入在途', 'Item code is blank; row left out of stock on order');
      return;
    }
    const quantity = this.quantity(b, row, cells, P.quantity, true);
    if (quantity === null) return;
    const date = cellDay(get(P.date));
    const arrived = cellDay(get(P.arrived));
    this.purchases.push({
      row,
      no: cellText(get(P.no)),
      item: this.items.id(code),
      code,
      quantity,
      date: date === null || Number.isNaN(date) ? null : date,
      arrived: arrived === null || Number.isNaN(arrived) ? null : arrived,
      status: cellText(get(STATUS_HEADER)),
      department: cellText(get(P.department)),
    });
  }

  // ——— cells ———

  /**
   * A rejected or withdrawn row moves no stock. A status no approval chain produces is reported, and the row is
   * counted as the register's other live rows are — never left out without a word.
   */
  private closed(b: Begun, row: number, cells: readonly CellValue[]): boolean {
    if (closed(b, cells)) return true;
    const at = b.col[STATUS_HEADER];
    const status = at === undefined ? '' : cellText(cells[at] ?? null);
    if (status && !KNOWN_STATUSES.includes(status) && !status.startsWith('待'))
      this.report('unknownStatus', b.sheet, row, STATUS_HEADER, `状态“${status}”不是审批流程中的状态,此行按有效记录计入:请更正状态`, `Status "${status}" is not one the approval chain sets; the row is counted as live — correct the status`);
    return false;
  }

  private day(b: Begun, row: number, cells: readonly CellValue[], field: string): number | null {
    const cell = cells[b.col[field]] ?? null;
    const day = cellDay(cell);
    if (day === null || Number.isNaN(day)) {
      this.report('badDate', b.sheet, row, field, day === null ? `“${field}”为空,此行未计入` : `“${field}”不是日期:“${cellText(cell)}”,此行未计入`, day === null ? `"${field}" is blank; row left out` : `"${field}" is not a date: "${cellText(cell)}"; row left out`);
      return null;
    }
    return day;
  }

  /** A whole, non-negative quantity, or null after reporting why the row cannot be used. */
  private quantity(b: Begun, row: number, cells: readonly CellValue[], field: string, required: boolean): number | null {
    const cell = cells[b.col[field]] ?? null;
    const n = cellNumber(cell);
    if (n === null) {
      if (required) this.report('notNumber', b.sheet, row, field, `“${field}”为空,此行未计入`, `"${field}" is blank; row left out`);
      return null;
    }
    if (Number.isNaN(n)) {
      this.report('notNumber', b.sheet, row, field, `“${field}”应为数量,现为文字“${cellText(cell)}”,此行未计入`, `"${field}" should be a quantity, is the text "${cellText(cell)}"; row left out`);
      return null;
    }
    if (!Number.isInteger(n)) {
      this.report('notInteger', b.sheet, row, field, `“${field}”应为整数,现为 ${n},此行未计入`, `"${field}" should be a whole number, is ${n}; row left out`);
      return null;
    }
    if (n < 0) {
      this.report('negativeQuantity', b.sheet, row, field, `“${field}”为负数 ${n},此行未计入`, `"${field}" is negative (${n}); row left out`);
      return null;
    }
    return n;
  }

  private unknownItem(kind: LedgerKind, row: number, code: string): void {
    const sheet = this.begun[kind]?.sheet ?? REGISTER_NAMES[kind];
    this.report('unknownItem', sheet, row, '物品编码', `物品编码“${code}”不在办公用品目录中,此行未计入:请先在目录中登记或更正编码`, `Item code "${code}" is not in the catalogue; row left out — add it to the catalogue or correct the code`);
  }

  private report(code: ProblemCode, sheet: string, row: number | null, field: string | undefined, message: string, messageEn: string): void {
    this.problems.push(field === undefined ? { code, sheet, row, message, messageEn } : { code, sheet, row, field, message, messageEn });
  }
}

const KNOWN_STATUSES: readonly string[] = [STATUS_DRAFT, STATUS_DONE, STATUS_RETURNED, STATUS_REJECTED, STATUS_WITHDRAWN];

function closed(b: Begun, cells: readonly CellValue[]): boolean {
  const at = b.col[STATUS_HEADER];
  return at !== undefined && CLOSED_STATUSES.includes(cellText(cells[at] ?? null));
}

function allBlank(b: Begun, cells: readonly CellValue[]): boolean {
  for (const i of Object.values(b.col)) if (!isBlankCell(cells[i])) return false;
  return true;
}
