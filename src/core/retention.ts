/**
 * Retention (保存期限) and the destruction list (销毁清册). Each register keeps its records 一年/二年/…/十年 from its
 * 保存起算 date, or for good (长期); the register's 销毁责任人 destroys them. A record may be destroyed from the
 * anniversary of its start date. Records still in approval are held back, whatever their age.
 * The approvals a 销毁清册 needs follow the seed's 档案管理 rule: 销毁前要造销毁清册,提出销毁报告,经总经理批准,
 * 并由档案人员监销 — so: 编制 by each register's 销毁责任人, 批准 by 总经理, 监销 by 档案管理员.
 */
import type { CellValue } from './cells';
import { valueText } from './conditions';
import { addMonths, formatDate, parseInstant, startOfDay } from './dates';
import type { RegisterRecord } from './records';
import { roleHolders } from './settings';
import { recordNumber } from './transitions';
import { deriveState, STATUS_DONE, STATUS_REJECTED, STATUS_WITHDRAWN } from './workflow';
import { RETENTION_YEARS, type RegisterSpec, type SettingsSpec } from '../spec/schema';

export interface DestructionItem {
  register: string;
  registerId: string;
  formCode: string;
  sheet: string;
  row: number;
  number: string;
  /** The 保存起算 date (or 登记时间 when it is blank). */
  from: string;
  retention: string;
  /** First day the record may be destroyed. */
  due: string;
  destroyedBy: string;
  /** True when 登记时间 stood in for a blank 保存起算 field. */
  fromSubmission: boolean;
}

export interface RetentionRegister {
  spec: RegisterSpec;
  sheet: string;
  records: RegisterRecord[];
}

export interface DestructionApproval {
  step: string;
  role: string;
  names: string[];
}

export interface DestructionList {
  asOf: string;
  items: DestructionItem[];
  /** Past retention but still in approval (待…/已退回): not destroyed yet. */
  held: DestructionItem[];
  /** Records whose start date is unknown: cannot be scheduled. */
  undated: { register: string; sheet: string; row: number; number: string }[];
  approvals: DestructionApproval[];
}

/** First day a record may be destroyed, or null when kept for good or undated. */
export function destructionDue(spec: RegisterSpec, record: RegisterRecord): { due: number; from: number; fromSubmission: boolean } | null {
  const years = RETENTION_YEARS[spec.retention];
  if (years === null) return null;
  let from = parseInstant(valueText(record.values[spec.retentionFrom]));
  let fromSubmission = false;
  if (from === null) {
    from = parseInstant(record.submittedAt);
    fromSubmission = true;
  }
  if (from === null) return null;
  return { due: addMonths(startOfDay(from), years * 12), from: startOfDay(from), fromSubmission };
}

function finished(spec: RegisterSpec, record: RegisterRecord): boolean {
  if (!spec.chain.length) return true;
  const status = deriveState(spec, record).status;
  return status === STATUS_DONE || status === STATUS_REJECTED || status === STATUS_WITHDRAWN || status === '草稿';
}

export function destructionList(registers: RetentionRegister[], asOf: number, settings: SettingsSpec | null): DestructionList {
  const list: DestructionList = { asOf: formatDate(asOf), items: [], held: [], undated: [], approvals: [] };
  const roles = new Set<string>();
  for (const { spec, sheet, records } of registers) {
    if (RETENTION_YEARS[spec.retention] === null) continue;
    for (const record of records) {
      const number = recordNumber(spec, record.values);
      const d = destructionDue(spec, record);
      if (!d) {
        list.undated.push({ register: spec.name, sheet, row: record.sheetRow, number });
        continue;
      }
      if (d.due > asOf) continue;
      const item: DestructionItem = {
        register: spec.name,
        registerId: spec.id,
        formCode: spec.formCode,
        sheet,
        row: record.sheetRow,
        number,
        from: formatDate(d.from),
        retention: spec.retention,
        due: formatDate(d.due),
        destroyedBy: spec.destroyedBy,
        fromSubmission: d.fromSubmission,
      };
      if (finished(spec, record)) {
        list.items.push(item);
        roles.add(spec.destroyedBy);
      } else list.held.push(item);
    }
  }
  const names = (role: string) => (settings ? roleHolders(settings, role).map((p) => p.name) : []);
  list.approvals = [
    ...[...roles].map((role) => ({ step: '编制', role, names: names(role) })),
    { step: '批准', role: '总经理', names: names('总经理') },
    { step: '监销', role: '档案管理员', names: names('档案管理员') },
  ];
  return list;
}

export const DESTRUCTION_SHEET = '销毁清册';

/** The 销毁清册 as sheet rows: title, the list, then a signature row per approval. */
export function destructionSheetRows(list: DestructionList): CellValue[][] {
  const rows: CellValue[][] = [
    [`销毁清册(截至 ${list.asOf})`],
    [`共 ${list.items.length} 条记录已过保存期限,经批准后销毁;未办结的 ${list.held.length} 条暂缓销毁。`],
    ['序号', '登记表', '表单编号', '编号', '所在位置', '保存起算', '保存期限', '可销毁日期', '销毁责任人', '备注'],
  ];
  list.items.forEach((item, i) =>
    rows.push([i + 1, item.register, item.formCode, item.number, `${item.sheet}!A${item.row}`, item.from, item.retention, item.due, item.destroyedBy, item.fromSubmission ? '保存起算为空,按登记时间计' : null]),
  );
  rows.push([], ['审批', '角色', '人员', '签字', '日期']);
  for (const a of list.approvals) rows.push([a.step, a.role, a.names.join('、'), null, null]);
  return rows;
}
