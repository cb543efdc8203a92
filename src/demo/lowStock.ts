/**
 * The demo's last month runs a few supplies low, so that what the supplies analysis is for shows on the demo:
 * `taizhang analyze` suggests reorders and a purchase plan by supplier, and the pane's 生成采购申请草稿 has lines
 * to draft. Each item is drawn down by one unplanned department issue with a stated reason, leaving about a tenth
 * of its stock; the issues that follow it that month get what is left. The items have different default suppliers.
 */
import type { Rng } from './random';
import { timeOnDay } from './timeline';

export interface RunLow {
  item: string;
  department: string;
  /** Why the department took so much: the issue's 备注 (an unplanned issue must say why). */
  reason: string;
}

export const RUN_LOW: readonly RunLow[] = [
  { item: 'A4复印纸', department: '综合办公室', reason: '年终总结材料集中印制,计划外领用' },
  { item: '中性笔', department: '销售部', reason: '新员工入职集中领用,计划外领用' },
  { item: '便利贴', department: '市场部', reason: '客户活动物料准备,计划外领用' },
  { item: '硒鼓', department: '技术部', reason: '打印机集中更换硒鼓,计划外领用' },
];

/** What the drawdown leaves of `available`: about a tenth, at least one unit. */
export function leftAfterDrawdown(available: number): number {
  return Math.min(available, Math.max(1, Math.round(available * 0.1)));
}

/**
 * When and by whom each item is drawn down: on a working day past the middle of the month's issuing days, in the
 * morning before the day's other issues. `days` are the month's working days after the plan day, up to the end.
 */
export function drawdowns(days: readonly number[], staffOf: (department: string) => string[], rng: Rng): { runLow: RunLow; day: number; t0: number; who: string }[] {
  if (!days.length) return [];
  return RUN_LOW.flatMap((runLow) => {
    const staff = staffOf(runLow.department);
    if (!staff.length) return [];
    const day = days[Math.min(days.length - 1, Math.floor(days.length * 0.6) + rng.int(0, 1))];
    return [{ runLow, day, t0: timeOnDay(day, rng, 9 * 60 + 30, 10 * 60 + 20), who: rng.pick(staff) }];
  });
}

/** The items a placed issue actually drew down (what 演示说明 may say runs low). */
export function drawnDownItems(issues: readonly { final: Record<string, unknown> }[]): string[] {
  const reasons = new Map(RUN_LOW.map((r) => [r.reason, r.item]));
  return RUN_LOW.map((r) => r.item).filter((item) => issues.some((p) => reasons.get(String(p.final['备注'])) === item && p.final['物品名称'] === item));
}
