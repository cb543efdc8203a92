/**
 * Workbooks for tests and benchmarks of the Office.js adapter: the template `taizhang templates` writes, opened
 * in the fake Excel, optionally holding n realistic records per register (numbered, mostly 已办结, the rest
 * waiting at a step) and their audit entries — filled straight into the model, as a workbook that has been in
 * use for years would be.
 */
import ExcelJS from 'exceljs';
import { AUDIT_SHEET, approvalSteps, registerColumns, tableName } from '../../../core/layout';
import { compilePattern, formatNumber } from '../../../core/numbering';
import { recordToRow, type RegisterRecord } from '../../../core/records';
import type { RecordValue } from '../../../core/cells';
import type { RegisterSpec, SettingsSpec } from '../../../spec/schema';
import { buildWorkbook } from '../../exceljs/templateWriter';
import { FakeExcel, type FakeExcelOptions } from './fakeExcel';
import { modelFromExcelJs } from './fromExcelJs';
import type { WorkbookModel } from './model';

export async function templateModel(specs: RegisterSpec[], settings: SettingsSpec): Promise<WorkbookModel> {
  const wb = await buildWorkbook(specs, settings, { combined: specs.length > 1 });
  const reopened = new ExcelJS.Workbook();
  await reopened.xlsx.load(await wb.xlsx.writeBuffer());
  return modelFromExcelJs(reopened);
}

export async function fakeWorkbook(specs: RegisterSpec[], settings: SettingsSpec, options?: FakeExcelOptions): Promise<FakeExcel> {
  return new FakeExcel(await templateModel(specs, settings), options);
}

const ORGS = ['湖南省人民政府办公厅', '长沙市财政局', '集团公司综合部', '市场监督管理局', '岳麓区街道办事处', '省国资委'];
const TITLES = ['关于做好年度安全生产工作的通知', '关于开展档案管理专项检查的函', '关于调整办公用品采购流程的意见', '关于召开季度经营分析会的通知', '关于报送年度预算执行情况的通知'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A plausible value for a field of record i. */
function value(spec: RegisterSpec, settings: SettingsSpec, field: RegisterSpec['fields'][number], i: number, date: string): RecordValue {
  switch (field.type) {
    case 'serial':
      return field.rules.pattern ? formatNumber(compilePattern(field.rules.pattern), Number(date.slice(0, 4)), Number(date.slice(5, 7)), i + 1) : String(i + 1);
    case 'date':
      return date;
    case 'dateTime':
      return `${date}T09:${pad(i % 60)}`;
    case 'time':
      return `${pad(8 + (i % 10))}:30`;
    case 'choice':
      return field.choices?.[i % field.choices.length] ?? null;
    case 'list':
      return settings.lists.find((l) => l.name === field.list)?.values[i % 3] ?? null;
    case 'department':
      return settings.departments[i % settings.departments.length]?.name ?? null;
    case 'person':
      return settings.people[i % settings.people.length]?.name ?? null;
    case 'integer':
    case 'copies':
      return 1 + (i % 9);
    case 'decimal':
    case 'money':
      return Math.round(((i * 37) % 100000) + 0.5) / 100;
    case 'yesNo':
      return i % 2 === 0;
    case 'phone':
      return `0731-8${pad(i % 10000000, 7)}`;
    case 'longText':
      return i % 3 === 0 ? null : `${TITLES[i % TITLES.length]},请按要求办理。`;
    default:
      return field.name.includes('单位') ? ORGS[i % ORGS.length] : field.name.includes('标题') ? `${TITLES[i % TITLES.length]}(第${i + 1}号)` : i % 4 === 0 ? null : `${ORGS[(i + 1) % ORGS.length]}`;
  }
}

/** n records in register `spec`, one audit entry each; every 10th record still waits at its first step. */
export function fillRegister(model: WorkbookModel, spec: RegisterSpec, settings: SettingsSpec, n: number): void {
  const table = model.table(tableName(spec));
  if (!table) throw new Error(`no table ${tableName(spec)}`);
  const audit = model.sheet(AUDIT_SHEET);
  const columns = registerColumns(spec);
  const steps = approvalSteps(spec);
  const start = table.rect.top + 1;
  const auditStart = (audit?.usedRect(true)?.bottom ?? 1) + 1;
  const doneFields = new Set(spec.deadlines.map((d) => d.doneField));
  const hex = (i: number) => (i.toString(16) + 'f'.repeat(64)).slice(0, 64);
  for (let i = 0; i < n; i++) {
    const day = 40000 + Math.floor((i * 3650) / Math.max(1, n));
    const date = new Date(Date.UTC(1899, 11, 30) + day * 86_400_000).toISOString().slice(0, 10);
    const done = i % 10 !== 0;
    const record: Omit<RegisterRecord, 'index' | 'sheetRow'> = {
      // A record still in approval has not reached its deadlines' done fields (阅批日期, 办结日期): it may be overdue.
      values: Object.fromEntries(spec.fields.map((f) => [f.name, !done && doneFields.has(f.name) ? null : value(spec, settings, f, i, date)])),
      submittedBy: settings.people[i % settings.people.length]?.name ?? '经办人',
      submittedAt: `${date}T09:00`,
      status: spec.chain.length ? (done ? '已办结' : `待${steps[0]?.text ?? '审批'}`) : null,
      steps: Object.fromEntries(steps.map((s) => [s.text, done ? { actor: settings.people[(i + 3) % settings.people.length]?.name ?? null, time: `${date}T15:00`, opinion: '同意' } : { actor: null, time: null, opinion: null }])),
    };
    const row = recordToRow(spec, record, columns);
    row.forEach((v, j) => table.sheet.put(start + i, table.rect.left + j, { value: v === null ? undefined : v }));
    if (audit) {
      const number = String(record.values[spec.fields.find((f) => f.type === 'serial')?.name ?? ''] ?? i + 1);
      [i + 1, `${date}T09:00`, spec.id, number, '提交', record.submittedBy!, hex(i), hex(i + 7), hex(i + 13)].forEach((v, j) =>
        audit.put(auditStart + i, j + 1, { value: v }),
      );
    }
  }
  table.rect = { ...table.rect, bottom: Math.max(table.rect.bottom, start + n - 1) };
}
