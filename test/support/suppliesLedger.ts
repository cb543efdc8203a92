/**
 * A seeded year of office-supplies activity for tests and benches: catalogue, monthly receipts sized to the
 * month's issues, issues by department, quarterly stocktakes with small differences, next month's stated needs and
 * a few purchase requests in every state that matters for stock on order. Written into a real workbook built by
 * buildWorkbook() from the fixture documents in test/fixtures/inventory.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { RecordValue } from '../../src/core/cells';
import { tableName } from '../../src/core/layout';
import { recordToRow, type RegisterRecord } from '../../src/core/records';
import { buildCatalog } from '../../src/spec/catalog';
import type { RegisterSpec, SettingsSpec } from '../../src/spec/schema';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../../src/workbook/exceljs/templateWriter';

export const SUPPLY_FIXTURES = path.join(__dirname, '..', 'fixtures', 'inventory');

export type Values = Record<string, RecordValue>;
export interface Row {
  values: Values;
  status?: string | null;
}

export interface LedgerData {
  year: number;
  asOf: string;
  catalog: Row[];
  receipts: Row[];
  issues: Row[];
  stocktakes: Row[];
  demand: Row[];
  purchases: Row[];
  /** Catalogue codes whose receipts all come at the reference price (their cost is qty × price by construction). */
  constantPrice: Set<string>;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function supplySources() {
  return readdirSync(SUPPLY_FIXTURES)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => ({ file: path.join(SUPPLY_FIXTURES, n), source: readFileSync(path.join(SUPPLY_FIXTURES, n), 'utf8') }));
}

export function supplySpecs(): { registers: RegisterSpec[]; settings: SettingsSpec } {
  const catalog = buildCatalog(supplySources());
  if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors, null, 1));
  return { registers: catalog.value.registers, settings: catalog.value.settings };
}

const NAMES = ['A4复印纸', '中性笔', '文件夹', '订书钉', '便利贴', '笔记本', '硒鼓', '抽纸', 'U盘', '胶水', '档案盒', '计算器', '长尾夹', '透明胶带', '白板笔'];
const CATEGORIES = ['纸张', '书写工具', '文件管理', '文件管理', '办公耗材', '纸张', '办公耗材', '清洁用品', '电子配件', '其他'];
const UNITS = ['包', '支', '个', '盒', '本', '本', '个', '包', '个', '瓶'];
const LEVELS = ['90%', '95%', '98%', '99%'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export interface GenerateOptions {
  seed: number;
  year?: number;
  items?: number;
  /** Scales the number of issues (1 ≈ a small office: a few hundred a year). */
  issueRate?: number;
  departments: string[];
  suppliers: string[];
  people: string[];
}

export function generateLedger(options: GenerateOptions): LedgerData {
  const rnd = mulberry32(options.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const year = options.year ?? 2025;
  const itemCount = options.items ?? 10;
  const rate = options.issueRate ?? 1;
  const people = options.people;
  const data: LedgerData = { year, asOf: iso(year + 1, 1, 5), catalog: [], receipts: [], issues: [], stocktakes: [], demand: [], purchases: [], constantPrice: new Set() };

  interface ItemState { code: string; pack: number; priceFen: number; constant: boolean; use: number; onHand: number; inactiveFrom: number | null; startMonth: number }
  const items: ItemState[] = [];
  for (let i = 1; i <= itemCount; i++) {
    const code = `BG-${pad(i, 3)}`;
    const pack = pick([1, 5, 10, 12]);
    const priceFen = int(50, 8000);
    const inactive = i === itemCount && itemCount > 3;
    const constant = i % 2 === 1;
    if (constant) data.constantPrice.add(code);
    // One item is new in November: too little history for statistics.
    const startMonth = i === itemCount - 1 && itemCount > 4 ? 11 : 1;
    items.push({ code, pack, priceFen, constant, use: 0.2 + rnd() * 1.2, onHand: 0, inactiveFrom: inactive ? 7 : null, startMonth });
    data.catalog.push({
      values: {
        物品编码: code,
        物品名称: `${NAMES[(i - 1) % NAMES.length]}${i > NAMES.length ? `-${i}` : ''}`,
        物品类别: CATEGORIES[(i - 1) % CATEGORIES.length],
        规格: `规格${i}`,
        单位: UNITS[(i - 1) % UNITS.length],
        采购单位数量: pack,
        参考单价: priceFen / 100,
        默认供应商: options.suppliers[i % options.suppliers.length],
        提前期天数: pick([3, 7, 10, 14, 30]),
        安全库存: int(0, 20),
        服务水平: pick(LEVELS),
        是否停用: inactive,
        启用日期: iso(year - 1, 12, 1),
        停用日期: inactive ? iso(year, 7, 1) : null,
        备注: null,
      },
    });
  }

  let receiptNo = 0;
  let issueNo = 0;
  let stocktakeNo = 0;
  for (let m = 1; m <= 12; m++) {
    // Issues first in the generator (they decide the month's receipt), dated after the receipt on day 1.
    const monthIssues: Row[] = [];
    const demandByItem = new Map<string, number>();
    for (const dept of options.departments) {
      for (const it of items) {
        if ((it.inactiveFrom !== null && m >= it.inactiveFrom) || m < it.startMonth) continue;
        const n = Math.floor(rnd() * (1 + it.use * rate * 2));
        for (let k = 0; k < n; k++) {
          const qty = int(1, 6);
          const extra = rnd() < 0.2 ? 1 : 0;
          demandByItem.set(it.code, (demandByItem.get(it.code) ?? 0) + qty);
          monthIssues.push({
            values: {
              领用单号: null,
              领用日期: iso(year, m, int(1, 28)),
              领用部门: dept,
              物品编码: it.code,
              申领数量: qty + extra,
              实发数量: qty,
              领用人: pick(people),
              领用人签字: true,
              发放人: people[0],
              计划外领用: false,
            },
            status: '已办结',
          });
        }
      }
    }
    for (const it of items) {
      const need = demandByItem.get(it.code) ?? 0;
      if (m < it.startMonth) continue;
      const shortfall = need + int(0, 8) - it.onHand;
      if (shortfall <= 0) continue;
      const qty = Math.ceil(shortfall / it.pack) * it.pack;
      const priceFen = it.constant ? it.priceFen : it.priceFen + ((m * 7 + qty) % 9) - 4;
      it.onHand += qty;
      receiptNo++;
      data.receipts.push({
        values: {
          入库单号: `RK-${year}${pad(m)}-${pad(receiptNo, 3)}`,
          到货日期: iso(year, m, 1),
          入库日期: iso(year, m, 1),
          采购申请单号: null,
          物品编码: it.code,
          到货数量: qty,
          数量: qty,
          单价: priceFen / 100,
          金额: (qty * priceFen) / 100,
          供应商: options.suppliers[(receiptNo + m) % options.suppliers.length],
          验收人: people[1],
          验收结论: '合格',
          交货单已签字: true,
        },
        status: '已办结',
      });
    }
    if (m === 3) {
      // A batch refused at acceptance: returned whole, never in stock.
      const it = items[0];
      data.receipts.push({
        values: { 入库单号: `RK-${year}03-999`, 到货日期: iso(year, 3, 2), 入库日期: iso(year, 3, 2), 物品编码: it.code, 到货数量: 40, 数量: 40, 单价: 1, 金额: 40, 供应商: options.suppliers[0], 验收人: people[1], 验收结论: '不合格', 不合格说明: '包装破损', 交货单已签字: true },
        status: '已办结',
      });
    }
    if (m === 12 && items.length >= 6) {
      // Part of purchase request 5 has come in: 5 of 20 received against it.
      const it = items[5];
      it.onHand += 5;
      data.receipts.push({
        values: { 入库单号: `RK-${year}12-998`, 到货日期: iso(year, 12, 15), 入库日期: iso(year, 12, 15), 采购申请单号: `CG-${year}12-005`, 物品编码: it.code, 到货数量: 5, 数量: 5, 单价: it.priceFen / 100, 金额: (5 * it.priceFen) / 100, 供应商: options.suppliers[0], 验收人: people[1], 验收结论: '合格', 交货单已签字: true },
        status: '已办结',
      });
    }
    for (const row of monthIssues) {
      issueNo++;
      row.values.领用单号 = `LY-${year}${pad(m)}-${pad(issueNo, 4)}`;
      data.issues.push(row);
      const it = items.find((x) => x.code === row.values.物品编码)!;
      it.onHand -= row.values.实发数量 as number;
    }
    if (m % 3 === 0) {
      for (const it of items) {
        if ((it.inactiveFrom !== null && m >= it.inactiveFrom) || m < it.startMonth) continue;
        const diff = pick([0, 0, 0, -1, -2, 1]);
        const counted = Math.max(0, it.onHand + diff);
        stocktakeNo++;
        data.stocktakes.push({
          values: { 盘点单号: `PD-${year}${pad(m)}-${pad(stocktakeNo, 3)}`, 盘点日期: iso(year, m, lastDay(year, m)), 物品编码: it.code, 账面数量: it.onHand, 实盘数量: counted, 差异原因: counted === it.onHand ? null : '清点差异', 处理方式: counted === it.onHand ? '无差异' : '补登调账', 盘点人: people[1], 复核人: people[0] },
          status: '已办结',
        });
        it.onHand = counted;
      }
    }
  }

  // Next month's stated needs, submitted at the end of December.
  let demandNo = 0;
  for (const dept of options.departments) {
    for (const it of items) {
      if (it.inactiveFrom !== null || rnd() < 0.5) continue;
      demandNo++;
      data.demand.push({
        values: { 需求单号: `XQ-${year}12-${pad(demandNo, 3)}`, 提交日期: iso(year, 12, 25), 需求月份: `${year + 1}-${pad(1)}`, 需求部门: dept, 提交人: pick(people), 物品编码: it.code, 需求数量: int(1, 12), 需求类型: '月度需求' },
        status: '已办结',
      });
    }
  }

  if (itemCount >= 2) {
    // A need far beyond six months of use: the plan caps it.
    demandNo++;
    data.demand.push({
      values: { 需求单号: `XQ-${year}12-${pad(demandNo, 3)}`, 提交日期: iso(year, 12, 26), 需求月份: `${year + 1}-01`, 需求部门: options.departments[1], 提交人: people[0], 物品编码: items[0].code, 需求数量: 900, 用途说明: '新办公区启用', 需求类型: '临时需求' },
      status: '已办结',
    });
  }

  const request = (no: number, code: string, qty: number, status: string, arrived: string | null): Row => ({
    values: {
      申请单号: `CG-${year}12-${pad(no, 3)}`,
      申请日期: iso(year, 12, 10),
      需用日期: iso(year, 12, 20),
      申请部门: options.departments[0],
      申请人: people[0],
      采购类别: '一般物品',
      采购方式: '采购',
      物品编码: code,
      物品名称: code,
      申购数量: qty,
      预算金额: qty,
      用途: '办公',
      供应商一: options.suppliers[0],
      供应商一报价: qty,
      供应商二: options.suppliers[1],
      供应商二报价: qty + 1,
      供应商三: options.suppliers[2],
      供应商三报价: qty + 2,
      到货日期: arrived,
    },
    status,
  });
  if (itemCount >= 6) {
    data.purchases.push(request(1, items[1].code, 30, '待总经理批准', null));
    data.purchases.push(request(2, items[2].code, 12, '待办公室主任审核调整', null));
    data.purchases.push(request(3, items[3].code, 50, '已驳回', null));
    data.purchases.push(request(4, items[4].code, 25, '已办结', iso(year, 12, 18)));
    data.purchases.push(request(5, items[5].code, 20, '已办结', null));
  }
  return data;
}

export function defaultGenerateOptions(settings: SettingsSpec, seed: number): GenerateOptions {
  return {
    seed,
    departments: settings.departments.map((d) => d.name),
    suppliers: settings.lists.find((l) => l.name === '供应商')!.values,
    people: settings.people.map((p) => p.name),
  };
}

function toRecord(row: Row): Omit<RegisterRecord, 'index' | 'sheetRow'> {
  return { values: row.values, submittedBy: '孙晓燕', submittedAt: null, status: row.status ?? null, steps: {} };
}

/** A combined workbook of the supplies registers holding the data. */
export async function ledgerWorkbook(data: LedgerData): Promise<ExcelJS.Workbook> {
  const { registers, settings } = supplySpecs();
  const wb = await buildWorkbook(registers, settings, { combined: true });
  const port = new ExcelJsWorkbook(wb);
  const byId = (id: string) => registers.find((r) => r.id === id)!;
  const rows = (id: string, list: Row[]) => {
    const spec = byId(id);
    return { table: tableName(spec), rows: list.map((r) => recordToRow(spec, toRecord(r))) };
  };
  const appends = [
    rows('supplies_catalog', data.catalog),
    rows('supplies_receipt', data.receipts),
    rows('supplies_issue', data.issues),
    rows('supplies_stocktake', data.stocktakes),
    rows('supplies_demand', data.demand),
    rows('purchase_requests', data.purchases),
  ].filter((a) => a.rows.length > 0);
  await port.write({ appends });
  return wb;
}

export async function writeLedgerWorkbook(data: LedgerData, file: string): Promise<void> {
  const wb = await ledgerWorkbook(data);
  await wb.xlsx.writeFile(file);
}
