/**
 * `taizhang check` as a pure function over what one read of a workbook returns: every record of every register
 * against its stored spec (field and cross-field rules, numbering, status vs steps, overdue deadlines), plus the
 * structure guard. Findings are located by sheet, row, cell and field.
 */
import type { CellValue } from './cells';
import { consumptionFromRecords, CONSUMPTION_SOURCE, type ConsumptionEvent } from './consumption';
import { deadlineMessage, deadlineView, displayDue, type DeadlineItem } from './deadlines';
import { columnName } from './a1';
import { sortFindings, type FieldError, type Finding } from './findings';
import type { RegisterMeta, WorkbookMeta } from './metadata';
import { compilePattern, numberingProblems, type NumberingProblem } from './numbering';
import { tableRecords, type RegisterRecord } from './records';
import { settingsFromSheet } from './settings';
import { checkStructure } from './structure';
import { recordNumber, serialField } from './transitions';
import { validateValues } from './validate';
import { STATUS_DRAFT, deriveState, stepDone, stepProblems } from './workflow';
import { isTakenOver } from './takenOver';
import { stepActorProblems, stepAuthority } from './authority';
import { auditNumber, pendingNumberState } from './numberingStep';
import { isAuditHeader, rowToEntry } from './audit';
import { parseReminder, type ReminderEntry } from './reminders';
import { STATUS_HEADER, SETTINGS_SHEET } from './layout';
import type { TableSnapshot } from '../workbook/port';
import { importedNumbers } from './import/importLog';
import type { SettingsSpec } from '../spec/schema';

export interface WorkbookContent {
  meta: WorkbookMeta;
  /** By table name; null when the table is missing. */
  tables: Record<string, TableSnapshot | null>;
  /** The 设置 sheet's values, or null when it is missing. */
  settingsRows: CellValue[][] | null;
  /** Rows of _导入: records taken over from a hand-made ledger keep the status it gave them. */
  importLogRows?: CellValue[][] | null;
  /** Rows of _审计: 催办 entries, for records chased and still late. */
  auditRows?: CellValue[][] | null;
}

export interface DueSoon {
  register: string;
  sheet: string;
  row: number;
  cell: string | null;
  number: string;
  deadline: string;
  due: string;
}

export interface RegisterSummary {
  register: string;
  sheet: string;
  records: number;
  errors: number;
  overdue: number;
}

export interface CheckReport {
  findings: Finding[];
  dueSoon: DueSoon[];
  registers: RegisterSummary[];
}

const HEADER_KINDS = new Set(['missingTable', 'renamed', 'moved', 'missing', 'inserted']);

interface Place {
  meta: RegisterMeta;
  table: TableSnapshot;
}

function cellOf(place: Place, header: string | null, row: number): string | null {
  if (header === null) return null;
  const i = place.table.headers.indexOf(header);
  return i < 0 ? null : `${columnName(place.table.firstColumn + i)}${row}`;
}

function locate(place: Place, record: RegisterRecord, e: FieldError, severity: Finding['severity'] = 'error'): Finding {
  return {
    ...e,
    severity,
    register: place.meta.name,
    registerId: place.meta.id,
    sheet: place.table.sheet,
    row: record.sheetRow,
    cell: cellOf(place, e.field, record.sheetRow),
    number: recordNumber(place.meta.spec, record.values) || null,
  };
}

function numberingFinding(p: NumberingProblem, pattern: string, field: string): FieldError {
  switch (p.kind) {
    case 'missing':
      return { field, rule: 'number.missing', message: `“${field}”为空:每条记录都应有编号`, messageEn: `"${field}" is empty: every record needs a number` };
    case 'malformed':
      return { field, rule: 'number.malformed', message: `编号“${p.value}”不符合格式 ${pattern}`, messageEn: `Number "${p.value}" does not follow the pattern ${pattern}` };
    case 'format':
      return { field, rule: 'number.format', message: `编号“${p.value}”应写作“${p.canonical}”`, messageEn: `Number "${p.value}" should be written "${p.canonical}"` };
    case 'duplicate':
      return { field, rule: 'number.duplicate', message: `编号“${p.value}”与第 ${p.firstRow} 行重复`, messageEn: `Number "${p.value}" duplicates row ${p.firstRow}` };
    case 'gap': {
      const range = p.count > 1 ? `${p.from}~${p.to}` : p.from;
      return { field, rule: 'number.gap', message: `编号跳号:缺 ${range}(共 ${p.count} 个),请查明是否有记录被删除`, messageEn: `Numbering gap: ${range} missing (${p.count}); check whether records were deleted` };
    }
  }
}

function checkRegister(place: Place, records: RegisterRecord[], settings: SettingsSpec | null, consumption: ConsumptionEvent[], asOf: number, report: CheckReport, imported: Set<string> = new Set(), chases: Chases = new Map()): void {
  const spec = place.meta.spec;
  const before = report.findings.length;
  // A record closed with no step acted on in Taizhang has nothing waiting (isTakenOver): no deadline is chased, as in
  // the pane. Its status is the ledger's only when an import says so (_导入): a status typed over a record submitted
  // here, before anyone approved it, looks the same and is reported.
  const takenOver = new Set(records.filter((r) => isTakenOver(spec, r)));
  const statusFromLedger = (r: RegisterRecord) => imported.has(recordNumber(spec, r.values)) && !Object.values(r.steps).some(stepDone);
  for (const record of records) {
    for (const e of validateValues(spec, record.values, { settings, consumption })) report.findings.push(locate(place, record, e));
    if (spec.chain.length && !statusFromLedger(record)) {
      const state = deriveState(spec, record);
      const derived = state.status;
      const stored = record.status ?? '';
      if (!(stored === derived || (stored === '' && derived === STATUS_DRAFT)))
        report.findings.push(locate(place, record, {
          field: STATUS_HEADER,
          rule: 'status.mismatch',
          message: `状态为“${stored || '(空)'}”,但审批栏显示应为“${derived}”`,
          messageEn: `Status is "${stored || '(blank)'}" but the approval columns say "${derived}"`,
        }));
      for (const e of stepProblems(spec, record)) report.findings.push(locate(place, record, e));
      if (settings) for (const e of stepActorProblems(spec, settings, record)) report.findings.push(locate(place, record, e));
      // A record waiting at a step that nobody in 设置 may do waits for ever: say so, with what 设置 lacks.
      const who = stored === derived && settings && state.pending ? stepAuthority(spec, settings, record, state.pending) : null;
      if (who && !who.ok) report.findings.push(locate(place, record, { ...who.error, field: STATUS_HEADER }));
    }
  }
  const serial = serialField(spec);
  if (serial) {
    const byRow = new Map(records.map((r) => [r.sheetRow, r]));
    const numbered: RegisterRecord[] = [];
    for (const r of records) {
      const state = pendingNumberState(spec, r);
      if (state === 'numbered') numbered.push(r);
      else if (state !== 'waiting') report.findings.push(locate(place, r, state));
    }
    const rows = numbered.map((r) => ({ row: r.sheetRow, value: r.values[serial.name] === null ? null : String(r.values[serial.name]) }));
    for (const p of numberingProblems(compilePattern(serial.rules.pattern!), rows))
      report.findings.push(locate(place, byRow.get(p.row)!, numberingFinding(p, serial.rules.pattern!, serial.name)));
  }
  const view = deadlineView(spec, takenOver.size ? records.filter((r) => !takenOver.has(r)) : records, asOf);
  const overdue = view.overdue.map((item: DeadlineItem) => locate(place, item.record, { field: item.deadline.doneField, rule: 'deadline.overdue', ...deadlineMessage(item) }, 'overdue'));
  report.findings.push(...overdue);
  let chasedCount = 0;
  for (const record of new Set(view.overdue.map((item) => item.record))) {
    const chased = chases.get(`${spec.id}\u0000${auditNumber(spec, record, recordNumber(spec, record.values))}`);
    if (!chased?.length) continue;
    chasedCount++;
    const last = chased.at(-1)!;
    report.findings.push(locate(place, record, {
      field: null,
      rule: 'deadline.chased',
      message: `已催办 ${chased.length} 次仍未办理(最近一次 ${last.time.replace('T', ' ')} ${last.by} 催 ${last.to.join('、') || '(未记)'})`,
      messageEn: `Chased ${chased.length} time(s) and still not done (last on ${last.time.replace('T', ' ')}, ${last.by} chased ${last.to.join(', ') || '(not recorded)'})`,
    }, 'overdue'));
  }
  for (const item of view.dueSoon)
    report.dueSoon.push({
      register: spec.name,
      sheet: place.table.sheet,
      row: item.record.sheetRow,
      cell: cellOf(place, item.deadline.doneField, item.record.sheetRow),
      number: recordNumber(spec, item.record.values),
      deadline: item.deadline.name,
      due: displayDue(item.deadline, item.due),
    });
  report.registers.push({ register: spec.name, sheet: place.table.sheet, records: records.length, errors: report.findings.length - before - overdue.length - chasedCount, overdue: overdue.length });
}

/** 催办 entries by register id and record (audit) number, oldest first. */
type Chases = Map<string, ReminderEntry[]>;

function chasesOf(rows: CellValue[][] | null): Chases {
  const out: Chases = new Map();
  for (const row of rows ?? []) {
    if (isAuditHeader(row) || !row.some((c) => c !== null && c !== '')) continue;
    const entry = rowToEntry(row);
    const chase = parseReminder(entry);
    if (!chase) continue;
    const key = `${entry.register}\u0000${entry.number}`;
    out.set(key, [...(out.get(key) ?? []), chase]);
  }
  return out;
}

export function checkWorkbook(content: WorkbookContent, asOf: number): CheckReport {
  const report: CheckReport = { findings: [], dueSoon: [], registers: [] };
  const settings = content.settingsRows ? settingsFromSheet(content.settingsRows) : null;
  if (!settings)
    report.findings.push({ field: null, rule: 'settings.missing', severity: 'error', register: SETTINGS_SHEET, registerId: '', sheet: SETTINGS_SHEET, row: null, cell: null, number: null, message: '缺少“设置”工作表:人员、部门和列表值无法核对', messageEn: 'The 设置 sheet is missing: people, departments and list values cannot be checked' });
  const places: { place: Place; records: RegisterRecord[] }[] = [];
  for (const meta of content.meta.registers) {
    const table = content.tables[meta.table] ?? null;
    const problems = checkStructure(meta, table);
    for (const p of problems)
      report.findings.push({ field: p.column ?? null, rule: `structure.${p.kind}`, severity: 'error', register: meta.name, registerId: meta.id, sheet: table?.sheet ?? meta.sheet, row: null, cell: null, number: null, message: p.message, messageEn: p.messageEn });
    if (!table || problems.some((p) => HEADER_KINDS.has(p.kind))) {
      report.registers.push({ register: meta.name, sheet: meta.sheet, records: 0, errors: problems.length, overdue: 0 });
      continue;
    }
    places.push({ place: { meta, table }, records: tableRecords(meta.spec, table.rows, table.firstRow) });
  }
  const source = places.find((p) => p.place.meta.id === CONSUMPTION_SOURCE.register);
  const consumption = source ? consumptionFromRecords(source.place.meta.spec, source.records) : [];
  const imported = importedNumbers(content.importLogRows ?? null);
  const chases = chasesOf(content.auditRows ?? null);
  for (const { place, records } of places) checkRegister(place, records, settings, consumption, asOf, report, imported.get(place.meta.id), chases);
  report.findings = sortFindings(report.findings);
  return report;
}
