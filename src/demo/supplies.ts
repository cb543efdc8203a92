/**
 * Office supplies that add up: a catalog of 40 coded items, monthly department demand plans, purchase requests
 * with three quotes when stock runs low (never above six months of use), receipts that bring the goods in,
 * department issues that never take more than is in stock, and a stocktake at every month end whose book
 * quantity is the ledger balance. Goods received on a day can be issued from the next day, so the stock is never
 * negative whatever order a reader applies one day's receipts and issues in.
 */
import { halfYearUse, type ConsumptionEvent } from '../core/consumption';
import { MS_DAY, MS_MINUTE, formatDate, startOfDay } from '../core/dates';
import type { RegisterMeta } from '../core/metadata';
import { roleHolders } from '../core/settings';
import type { SettingsSpec } from '../spec/schema';
import type { DemoValue, RecordPlan } from './plan';
import type { Rng } from './random';
import { planRecord, type GenContext } from './recordGen';
import { drawdowns, leftAfterDrawdown, type RunLow } from './lowStock';
import { isWorkday, timeOnDay, workdaysOfMonth } from './timeline';

export const SUPPLIES_IDS = new Set(['supplies_catalog', 'supplies_demand', 'supplies_receipt', 'supplies_issue', 'supplies_stocktake', 'purchase_requests']);

interface Item {
  code: string;
  name: string;
  category: string;
  spec: string;
  unit: string;
  pack: number;
  price: number;
  /** Company use per month, in units. */
  monthly: number;
  lead: number;
  /** Only these departments use it; all when empty. */
  only?: string[];
}

// name, category, spec, unit, pack, price, monthly use, lead days
const ITEMS: [string, string, string, string, number, number, number, number, string[]?][] = [
  ['A4复印纸', '纸张', '70g 500张/包', '包', 5, 23.5, 60, 3],
  ['A3复印纸', '纸张', '70g 500张/包', '包', 5, 46, 6, 5],
  ['彩色打印纸', '纸张', 'A4 80g 100张/包', '包', 10, 12.8, 4, 5],
  ['中性笔', '书写工具', '0.5mm 黑色', '支', 12, 1.8, 90, 3],
  ['中性笔芯', '书写工具', '0.5mm 黑色', '支', 20, 0.6, 120, 3],
  ['圆珠笔', '书写工具', '0.7mm 蓝色', '支', 12, 1.2, 20, 3],
  ['白板笔', '书写工具', '黑色 可擦', '支', 10, 2.5, 15, 3],
  ['荧光笔', '书写工具', '五色', '支', 10, 2.2, 18, 3],
  ['铅笔', '书写工具', 'HB', '支', 12, 0.8, 10, 3],
  ['笔记本', '文件管理', 'A5 80页', '本', 10, 6.5, 40, 4],
  ['便利贴', '文件管理', '76×76mm 100张', '本', 12, 3.2, 30, 3],
  ['文件夹', '文件管理', 'A4 单强力夹', '个', 10, 5.5, 25, 4],
  ['档案盒', '文件管理', 'A4 55mm 蓝色', '个', 10, 7.8, 20, 5],
  ['资料册', '文件管理', 'A4 60页', '本', 5, 15, 8, 5],
  ['文件袋', '文件管理', 'A4 按扣透明', '个', 20, 1.5, 40, 3],
  ['长尾夹', '办公耗材', '25mm 12只/盒', '盒', 10, 4.5, 12, 3],
  ['回形针', '办公耗材', '29mm 100枚/盒', '盒', 10, 2, 10, 3],
  ['订书机', '办公耗材', '12号 中号', '个', 1, 18, 3, 4],
  ['订书钉', '办公耗材', '12号 1000枚/盒', '盒', 10, 2.5, 15, 3],
  ['胶水', '办公耗材', '50ml 液体', '瓶', 12, 3, 8, 3],
  ['双面胶', '办公耗材', '12mm×10m', '卷', 10, 1.5, 15, 3],
  ['透明胶带', '办公耗材', '48mm×100m', '卷', 6, 6, 18, 3],
  ['剪刀', '办公耗材', '210mm', '个', 1, 8.5, 3, 4],
  ['计算器', '电子配件', '12位 桌面型', '台', 1, 35, 2, 5, ['财务部', '销售部', '物资部']],
  ['硒鼓', '办公耗材', 'HP 88A 黑色', '个', 1, 168, 5, 7],
  ['墨盒', '办公耗材', 'Canon 彩色', '个', 1, 125, 3, 7, ['市场部', '综合办公室']],
  ['U盘', '电子配件', '32G USB3.0', '个', 1, 39, 4, 5],
  ['鼠标', '电子配件', '有线 USB', '个', 1, 29, 4, 5],
  ['键盘', '电子配件', '有线 USB', '个', 1, 59, 2, 5],
  ['五号电池', '电子配件', 'AA 碱性 4节/卡', '套', 10, 9.9, 8, 3],
  ['插线板', '电子配件', '5孔 3米', '个', 1, 45, 2, 5],
  ['抽纸', '清洁用品', '3层 130抽', '包', 24, 3.8, 80, 3, ['综合办公室']],
  ['洗手液', '清洁用品', '500ml', '瓶', 12, 15.5, 10, 4, ['综合办公室']],
  ['垃圾袋', '清洁用品', '45×50cm 50只/卷', '卷', 20, 4.8, 30, 3, ['综合办公室']],
  ['纸杯', '清洁用品', '250ml 50只/包', '包', 20, 6.5, 40, 3, ['综合办公室']],
  ['信封', '文件管理', '5号 牛皮纸', '个', 100, 0.3, 120, 3, ['综合办公室', '财务部', '销售部']],
  ['印油', '办公耗材', '红色 40ml', '瓶', 10, 4, 4, 3, ['综合办公室', '财务部']],
  ['橡皮', '书写工具', '4B', '个', 20, 1, 10, 3],
  ['桌面收纳盒', '其他', '三格', '个', 1, 22, 3, 5],
  ['装订夹条', '文件管理', 'A4 10mm', '盒', 5, 12, 3, 5],
];

const round2 = (n: number) => Math.round(n * 100) / 100;
const pick = <T>(values: T[] | undefined, wanted: T): T => (values && values.length && !values.includes(wanted) ? values[0] : wanted);

function items(settings: SettingsSpec): Item[] {
  const cats = settings.lists.find((l) => l.name === '物品类别')?.values;
  const units = settings.lists.find((l) => l.name === '计量单位')?.values;
  return ITEMS.map(([name, category, spec, unit, pack, price, monthly, lead, only], i) => ({
    code: `BG-${String(i + 1).padStart(3, '0')}`,
    name,
    category: pick(cats, category),
    spec,
    unit: pick(units, unit),
    pack,
    price,
    monthly,
    lead,
    only,
  }));
}

class Ledger {
  private stock = new Map<string, number>();
  private pendingIn = new Map<string, { day: number; qty: number }[]>();
  issues: ConsumptionEvent[] = [];
  onOrder = new Map<string, number>();
  /** Goods received on `day` become issuable the next day. */
  receive(code: string, day: number, qty: number) {
    this.pendingIn.set(code, [...(this.pendingIn.get(code) ?? []), { day, qty }]);
  }
  available(code: string, day: number): number {
    const arrived = (this.pendingIn.get(code) ?? []).filter((r) => r.day < day);
    if (arrived.length) {
      this.stock.set(code, (this.stock.get(code) ?? 0) + arrived.reduce((s, r) => s + r.qty, 0));
      this.pendingIn.set(code, (this.pendingIn.get(code) ?? []).filter((r) => r.day >= day));
    }
    return this.stock.get(code) ?? 0;
  }
  /** Book quantity at the end of `day`, goods received that day included. */
  book(code: string, day: number): number {
    return this.available(code, day) + (this.pendingIn.get(code) ?? []).filter((r) => r.day === day).reduce((s, r) => s + r.qty, 0);
  }
  issue(code: string, day: number, qty: number) {
    this.stock.set(code, this.available(code, day) - qty);
    if (qty > 0) this.issues.push({ item: code, date: startOfDay(day), quantity: qty });
  }
  /** A stocktake's count replaces the book quantity. */
  adjust(code: string, day: number, counted: number) {
    const book = this.book(code, day);
    this.stock.set(code, this.available(code, day) + counted - book);
  }
}

export function planSupplies(metas: RegisterMeta[], ctx: GenContext, rng: Rng, start: number, dropped: Record<string, number>): RecordPlan[] {
  const by = (id: string) => metas.find((m) => m.id === id);
  const [catalog, demand, receipt, issue, stocktake, purchase] = ['supplies_catalog', 'supplies_demand', 'supplies_receipt', 'supplies_issue', 'supplies_stocktake', 'purchase_requests'].map(by);
  if (!catalog && !demand && !receipt && !issue && !stocktake && !purchase) return [];
  const settings = ctx.settings;
  const plans: RecordPlan[] = [];
  const keep = (meta: RegisterMeta, plan: RecordPlan | null) => {
    if (plan) plans.push(plan);
    else dropped[meta.name] = (dropped[meta.name] ?? 0) + 1;
    return plan;
  };
  const list = items(settings);
  const people = (dept: string) => settings.people.filter((p) => p.department === dept);
  const clerk = roleHolders(settings, '办公室文员')[0]?.name ?? settings.people[0].name;
  const director = roleHolders(settings, '办公室主任')[0]?.name ?? clerk;
  const purchaser = people('物资部').find((p) => p.roles.length === 0) ?? people('物资部')[0] ?? settings.people[0];
  const inspector = roleHolders(settings, '验收人')[0]?.name ?? purchaser.name;
  const suppliers = settings.lists.find((l) => l.name === '供应商')?.values ?? [];
  const departments = settings.departments.filter((d) => (d.headcount ?? 0) > 0);
  const total = departments.reduce((s, d) => s + (d.headcount ?? 0), 0) || 1;
  const firstDay = workdaysOfMonth(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, ctx.asOf).find((d) => d >= start) ?? start;
  const ledger = new Ledger();

  // The catalog, as registered on the first working day.
  if (catalog)
    list.forEach((it, i) =>
      keep(catalog, planRecord(catalog, ctx, rng, {
        t0: firstDay + (9 * 60 + i) * MS_MINUTE,
        person: clerk,
        seed: {
          物品编码: it.code, 物品名称: it.name, 物品类别: it.category, 规格: it.spec, 单位: it.unit, 采购单位数量: it.pack, 参考单价: it.price,
          默认供应商: suppliers[i % Math.max(1, suppliers.length)] ?? null, 提前期天数: it.lead, 安全库存: Math.ceil(it.monthly / 2), 服务水平: '95%',
          是否停用: false, 启用日期: formatDate(firstDay), 停用日期: null, 备注: null,
        },
      })),
    );

  // Opening stock, taken in on the first day.
  for (const it of list) {
    const qty = Math.ceil((it.monthly * 1.5) / it.pack) * it.pack;
    if (!receipt || keep(receipt, planRecord(receipt, ctx, rng, {
        t0: firstDay + 10 * 60 * MS_MINUTE,
        person: purchaser.name,
        fate: 'done',
        seed: {
          到货日期: formatDate(firstDay), 入库日期: formatDate(firstDay), 采购申请单号: null, 物品编码: it.code, 物品名称: it.name, 规格: it.spec,
          到货数量: qty, 数量: qty, 单价: it.price, 金额: round2(qty * it.price), 供应商: suppliers[0] ?? null, 验收人: inspector,
          验收结论: '合格', 交货单已签字: true, 不合格说明: null, 备注: '期初库存',
        },
      })))
      ledger.receive(it.code, firstDay, qty);
  }

  const year0 = new Date(start).getUTCFullYear();
  for (let m = new Date(start).getUTCMonth() + 1, y = year0; Date.UTC(y, m - 1, 1) <= ctx.asOf; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const days = workdaysOfMonth(y, m, ctx.asOf).filter((d) => d > firstDay);
    if (!days.length) continue;
    const month = `${y}-${String(m).padStart(2, '0')}`;
    // Purchases early in the month for items that will run short.
    const buyDay = days[Math.min(days.length - 1, rng.int(1, 4))];
    for (const it of list) {
      const stock = ledger.book(it.code, buyDay) + (ledger.onOrder.get(it.code) ?? 0);
      if (stock >= Math.ceil(it.monthly / 2) + it.monthly * 1.2) continue;
      let qty = Math.ceil((it.monthly * 2 + Math.ceil(it.monthly / 2) - stock) / it.pack) * it.pack;
      const cap = halfYearUse(ledger.issues, it.code, startOfDay(buyDay));
      if (cap !== null) qty = Math.min(qty, Math.floor((cap * 0.9) / it.pack) * it.pack || Math.floor(cap * 0.9));
      if (qty < 1) continue;
      const need = startOfDay(buyDay) + Math.max(3, it.lead) * MS_DAY;
      let arrive = need - rng.int(0, 1) * MS_DAY;
      while (!isWorkday(arrive)) arrive -= MS_DAY;
      if (arrive < startOfDay(buyDay) + 3 * MS_DAY) arrive = need;
      const quotes = rng.shuffle(suppliers).slice(0, 3).map((name) => ({ name, price: round2(qty * it.price * (0.92 + rng.next() * 0.18)) }));
      const best = [...quotes].sort((a, b) => a.price - b.price)[0] ?? { name: suppliers[0] ?? '', price: round2(qty * it.price) };
      const budget = round2(qty * it.price);
      const arrivalTime = timeOnDay(arrive, rng, 9 * 60, 11 * 60);
      let buyPlan: RecordPlan | null = null;
      if (purchase) {
        buyPlan = keep(purchase, planRecord(purchase, ctx, rng, {
          t0: timeOnDay(buyDay, rng, 9 * 60, 11 * 60),
          person: purchaser.name,
          fate: 'done',
          seed: {
            申请日期: formatDate(buyDay), 需用日期: formatDate(need), 申请部门: purchaser.department, 申请人: purchaser.name,
            采购类别: budget < 300 ? '零星采购' : budget > 8000 ? '大宗物品' : '一般物品', 采购方式: '采购', 物品编码: it.code, 物品名称: it.name, 规格: it.spec,
            申购数量: qty, 预算金额: budget, 用途: '补充库存', 供应商一: quotes[0]?.name ?? null, 供应商一报价: quotes[0]?.price ?? null,
            供应商二: quotes[1]?.name ?? null, 供应商二报价: quotes[1]?.price ?? null, 供应商三: quotes[2]?.name ?? null, 供应商三报价: quotes[2]?.price ?? null,
            选定供应商: best.name, 比价说明: `三家比价,选择报价最低的${best.name}`, 备注: null,
          },
          updates: arrivalTime <= ctx.asOf ? [{ time: arrivalTime + 60 * MS_MINUTE, values: { 到货日期: formatDate(arrive) } }] : [],
        }));
      }
      if (arrivalTime > ctx.asOf) {
        ledger.onOrder.set(it.code, (ledger.onOrder.get(it.code) ?? 0) + qty);
        continue;
      }
      const partial = rng.chance(0.06) && qty > it.pack;
      const accepted = partial ? qty - rng.int(1, Math.min(3, qty - 1)) : qty;
      const unit = round2(best.price / qty);
      if (!receipt || keep(receipt, planRecord(receipt, ctx, rng, {
          t0: arrivalTime,
          person: purchaser.name,
          fate: 'done',
          seed: {
            到货日期: formatDate(arrive), 入库日期: formatDate(arrive), 采购申请单号: buyPlan ? { ref: buyPlan.id } : null, 物品编码: it.code, 物品名称: it.name,
            规格: it.spec, 到货数量: qty, 数量: accepted, 单价: unit, 金额: round2(accepted * unit), 供应商: best.name, 发票号码: String(rng.int(10000000, 99999999)),
            验收人: inspector, 验收结论: partial ? '部分合格' : '合格', 交货单已签字: true,
            不合格说明: partial ? `外包装破损 ${qty - accepted} ${it.unit},已退回供应商换货` : null, 备注: null,
          },
        })))
        ledger.receive(it.code, startOfDay(arrive), accepted);
    }

    // Each department's plan for the month, summarised by the office, then issued against it — in time order,
    // so that what is issued on a day is what the ledger holds that day.
    const planDay = days[Math.min(days.length - 1, 2)];
    const after = days.filter((d) => d > planDay);
    const requests: { t0: number; day: number; it: Item; dept: string; asked: number; demandPlan: RecordPlan | null; unplanned: boolean; who: string; runLow?: RunLow }[] = [];
    for (const dept of departments) {
      const staff = people(dept.name);
      if (!staff.length) continue;
      const share = (dept.headcount ?? 0) / total;
      const usable = list.filter((it) => !it.only || it.only.includes(dept.name));
      const submitter = rng.pick(staff).name;
      for (const it of rng.shuffle(usable).slice(0, rng.int(3, 6))) {
        const base = it.only ? it.monthly / it.only.length : it.monthly * share;
        const asked = Math.max(1, Math.round(base * (0.8 + rng.next() * 0.5)));
        const approved = rng.chance(0.85) ? asked : Math.max(1, asked - rng.int(1, Math.max(1, Math.floor(asked / 4))));
        const submitted = timeOnDay(planDay, rng, 9 * 60, 12 * 60);
        let demandPlan: RecordPlan | null = null;
        if (demand)
          demandPlan = keep(demand, planRecord(demand, ctx, rng, {
            t0: submitted,
            person: submitter,
            fate: 'done',
            seed: { 提交日期: formatDate(submitted), 需求月份: month, 需求部门: dept.name, 提交人: submitter, 物品编码: it.code, 物品名称: it.name, 需求数量: asked, 用途说明: null, 需求类型: '月度需求', 备注: null },
            updates: [{ time: submitted + rng.int(4, 30) * 60 * MS_MINUTE, values: { 汇总日期: formatDate(submitted + rng.int(0, 1) * MS_DAY), 核定数量: approved } }],
          }));
        if (!after.length) continue;
        const parts = approved >= 4 && rng.chance(0.4) ? [Math.ceil(approved / 2), Math.floor(approved / 2)] : [approved];
        for (const part of parts) {
          const day = rng.pick(after);
          requests.push({ t0: timeOnDay(day, rng, 10 * 60 + 30, 17 * 60), day, it, dept: dept.name, asked: part, demandPlan, unplanned: false, who: rng.pick(staff).name });
        }
      }
      if (after.length && rng.chance(0.15)) {
        const it = rng.pick(usable);
        const day = rng.pick(after);
        requests.push({ t0: timeOnDay(day, rng, 10 * 60 + 30, 17 * 60), day, it, dept: dept.name, asked: Math.max(1, Math.round(it.monthly * share * 0.3)), demandPlan: null, unplanned: true, who: rng.pick(staff).name });
      }
    }
    // The last month: a few items drawn down, so the demo ends with reorders to suggest.
    if (Date.UTC(y, m, 1) > ctx.asOf)
      for (const d of drawdowns(after, (dept) => people(dept).map((p) => p.name), rng.fork('runLow'))) {
        const it = list.find((i) => i.name === d.runLow.item);
        if (it) requests.push({ t0: d.t0, day: d.day, it, dept: d.runLow.department, asked: 0, demandPlan: null, unplanned: true, who: d.who, runLow: d.runLow });
      }
    for (const r of requests.sort((a, b) => a.t0 - b.t0)) {
      if (r.t0 > ctx.asOf) continue;
      if (r.runLow) {
        const available = ledger.available(r.it.code, r.day);
        r.asked = available - leftAfterDrawdown(available);
        if (r.asked < 1) continue;
      }
      const given = Math.min(r.asked, ledger.available(r.it.code, r.day));
      const seed: Record<string, DemoValue> = {
        领用日期: formatDate(r.day), 领用部门: r.dept, 需求单号: r.demandPlan ? { ref: r.demandPlan.id } : null, 物品编码: r.it.code, 物品名称: r.it.name,
        申领数量: r.asked, 实发数量: given, 用途: '日常办公', 领用人: r.who, 领用人签字: true, 发放人: clerk, 计划外领用: r.unplanned,
        备注: r.runLow ? r.runLow.reason : given < r.asked ? `库存不足,实发 ${given},余数到货后补发` : r.unplanned ? '临时工作需要,计划外领用' : null,
      };
      if (!issue || keep(issue, planRecord(issue, ctx, rng, { t0: r.t0, person: r.who, fate: 'done', seed }))) ledger.issue(r.it.code, r.day, given);
    }

    // Month-end stocktake of every item.
    const countDay = days[days.length - 1];
    if (stocktake && countDay + 17 * 60 * MS_MINUTE <= ctx.asOf)
      list.forEach((it, i) => {
        const book = ledger.book(it.code, countDay);
        const short = book >= 3 && rng.chance(0.06) ? rng.int(1, 2) : 0;
        const at = countDay + (14 * 60 + Math.floor(i / 2)) * MS_MINUTE;
        const review = at + rng.int(1, 3) * 20 * 60 * MS_MINUTE;
        const kept = keep(stocktake, planRecord(stocktake, ctx, rng, {
          t0: at,
          person: clerk,
          fate: 'done',
          seed: {
            盘点日期: formatDate(countDay), 物品编码: it.code, 物品名称: it.name, 账面数量: book, 实盘数量: book - short,
            差异原因: short ? `盘点发现 ${short} ${it.unit}破损无法使用` : null, 处理方式: short ? '报损' : '无差异', 盘点人: clerk, 备注: null,
          },
          updates: review <= ctx.asOf ? [{ time: review, values: { 复核人: director, 复核日期: formatDate(review) } }] : [],
        }));
        if (short && kept) ledger.adjust(it.code, countDay, book - short);
      });
  }
  return plans;
}
