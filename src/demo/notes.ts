/**
 * The 演示说明 sheet: what the demo workbook holds, what to try, and the exact list of records that are
 * deliberately invalid or overdue — what `taizhang check --as-of <end>` is expected to report, and nothing else.
 */
import type { CellValue } from '../core/cells';
import type { Intent } from './plan';

export interface NoteItem extends Intent {
  register: string;
  sheet: string;
  /** 1-based worksheet row. */
  row: number;
  number: string;
}

export const NOTES_HEADER = ['类型', '登记表', '工作表', '行', '编号', '字段', '规则', '说明'];
const KIND_WORD = { invalid: '故意错误', overdue: '故意逾期' } as const;

export function notesRows(items: NoteItem[], about: { start: string; end: string; records: number; actions: number; people: number; lowStock?: string[]; pace?: string }): CellValue[][] {
  const lowStock = about.lowStock ?? [];
  const rows: CellValue[][] = [
    ['台账演示工作簿说明'],
    [`本工作簿模拟一家 ${about.people} 人公司 ${about.start} 至 ${about.end} 的办公室台账:${about.records} 条记录,${about.actions} 次登记、审批和更新,每一次都记入隐藏的审计日志。`],
    ['大部分记录已办结;月底前后提交的记录仍在审批中;少数记录被退回后重新提交,或被驳回、撤回。下表所列记录是故意留下的错误和逾期,用来演示检查功能。'],
    [`试一试:taizhang check 本文件 --as-of ${about.end}(应恰好报告下表各项);taizhang verify 本文件(审计链完整);taizhang retention 本文件 --as-of 2028-12-31(销毁清册)。`],
    ...(lowStock.length
      ? [[`办公用品:最后一个月${lowStock.join('、')}被集中领用(办公用品领用中的计划外领用,备注写明原因),库存偏低。taizhang analyze 本文件 --as-of ${about.end} 会建议补货并按供应商列出下月采购计划;任务窗格“办公用品”中可据此生成采购申请草稿。`]]
      : []),
    ...(about.pace ? [[about.pace]] : []),
    [
      'Demo workbook: a year of office registers. The rows below are deliberately invalid or overdue; `taizhang check FILE --as-of ' + about.end + '` reports exactly these.' +
        (lowStock.length ? ` In the last month ${lowStock.length} supplies items were drawn down: \`taizhang analyze FILE --as-of ${about.end}\` suggests reorders and a purchase plan by supplier.` : ''),
    ],
    [],
    NOTES_HEADER,
  ];
  for (const i of items) rows.push([KIND_WORD[i.kind], i.register, i.sheet, i.row, i.number, i.field, i.rule, i.description]);
  return rows;
}

/** The listed items back from the sheet (what tests and curious users compare `check` with). */
export function intentsFromNotes(rows: CellValue[][]): NoteItem[] {
  const start = rows.findIndex((r) => NOTES_HEADER.every((h, i) => r?.[i] === h));
  if (start < 0) return [];
  const kinds = Object.fromEntries(Object.entries(KIND_WORD).map(([k, v]) => [v, k])) as Record<string, Intent['kind']>;
  return rows.slice(start + 1).filter((r) => r && kinds[String(r[0])]).map((r) => ({
    kind: kinds[String(r[0])],
    register: String(r[1]),
    sheet: String(r[2]),
    row: Number(r[3]),
    number: String(r[4]),
    field: String(r[5]),
    rule: String(r[6]),
    description: String(r[7] ?? ''),
  }));
}
