/**
 * Blank register workbooks, written with exceljs: the register table with validation, formats, conditional
 * formats and print setup; the printable 申请单; the 说明 sheet; the 设置 sheet; hidden metadata.
 */
import { delegationRows } from '../../core/delegation';
import { emailColumn, emailRows } from '../../core/settings';
import { calendarCells } from '../../core/calendarSheet';
import ExcelJS from 'exceljs';
import { columnName } from '../../core/a1';
import type { ExcelValidation, ListRanges } from '../../core/excelValidation';
import { excelValidation } from '../../core/excelValidation';
import {
  AUDIT_SHEET,
  META_SHEET,
  SETTINGS_SHEET,
  SUMMARY_SHEET,
  approvalSteps,
  columnWidth,
  formSheetName,
  numberFormat,
  registerColumns,
  tableName,
  type Column,
} from '../../core/layout';
import { META_FORMAT_VERSION, metaToRows, registerMeta, type RegisterMeta } from '../../core/metadata';
import { AUDIT_HEADER } from '../../core/auditLayout';
import { TIME_ZONE_COLUMN, TIME_ZONE_HEADER } from '../../core/officeClock';
import { OUTLINE_SECTIONS, RETENTION_YEARS, type Condition, type RegisterSpec, type SettingsSpec } from '../../spec/schema';
import { formatCondition, formatDuration } from '../../spec/rulesText';

/** Data validation covers this many rows; Excel copies it to rows added to the table beyond them. */
export const VALIDATED_ROWS = 1000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF7F7F7F' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '等线';

/** Kept under this name for callers of the template writer. */
export const columnLetter = columnName;

const sheetRef = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** A 设置 column as a range that grows with what the office adds to it (data validation lists refer to it). */
export function settingsColumnRange(col: string): string {
  const MAX = 300;
  return `OFFSET(${sheetRef(SETTINGS_SHEET)}!$${col}$2,0,0,MAX(1,COUNTA(${sheetRef(SETTINGS_SHEET)}!$${col}$2:$${col}$${MAX})),1)`;
}

/** The 设置 sheet: departments (A:B), roles (D:E), people (G:I), the office's 时区 (J), then one column per list from K. */
export function writeSettingsSheet(wb: ExcelJS.Workbook, settings: SettingsSpec): ListRanges {
  const ws = wb.addWorksheet(SETTINGS_SHEET, { properties: { tabColor: { argb: 'FF808080' } } });
  const dyn = settingsColumnRange;
  const heads: [number, string][] = [
    [1, '部门'], [2, '人数'], [4, '角色'], [5, '说明'], [7, '姓名'], [8, '部门'], [9, '角色'],
  ];
  for (const [c, text] of heads) styleHeader(ws.getCell(1, c), text);
  settings.departments.forEach((d, i) => {
    ws.getCell(i + 2, 1).value = d.name;
    ws.getCell(i + 2, 2).value = d.headcount;
  });
  settings.roles.forEach((r, i) => {
    ws.getCell(i + 2, 4).value = r.name;
    ws.getCell(i + 2, 5).value = r.note;
  });
  settings.people.forEach((p, i) => {
    ws.getCell(i + 2, 7).value = p.name;
    ws.getCell(i + 2, 8).value = p.department;
    ws.getCell(i + 2, 9).value = p.roles.join('、');
  });
  const lists: Record<string, string> = {};
  settings.lists.forEach((list, i) => {
    const col = 11 + i;
    styleHeader(ws.getCell(1, col), list.name);
    list.values.forEach((v, j) => (ws.getCell(j + 2, col).value = v));
    ws.getColumn(col).width = Math.max(12, ...list.values.map((v) => v.length * 2 + 2));
    lists[list.name] = dyn(columnLetter(col));
  });
  if (settings.timeZone !== undefined) {
    styleHeader(ws.getCell(1, TIME_ZONE_COLUMN + 1), TIME_ZONE_HEADER);
    ws.getCell(2, TIME_ZONE_COLUMN + 1).value = settings.timeZone;
    ws.getColumn(TIME_ZONE_COLUMN + 1).width = 16;
  }
  // 委托 (delegations) after the lists and a blank column: an office fills them in on the sheet.
  const delegationCol = 11 + settings.lists.length + 1;
  delegationRows(settings.delegations ?? []).forEach((row, i) =>
    row.forEach((v, j) => (i === 0 ? styleHeader(ws.getCell(1, delegationCol + j), String(v)) : (ws.getCell(i + 1, delegationCol + j).value = v))),
  );
  for (let j = 0; j < 5; j++) ws.getColumn(delegationCol + j).width = j === 4 ? 24 : 12;
  // 邮箱 (for 催办 e-mail drafts) after the 委托, 节假日 and 时限 blocks.
  const emailCol = emailColumn(settings) + 1;
  emailRows(settings).forEach((row, i) =>
    row.forEach((v, j) => (i === 0 ? styleHeader(ws.getCell(1, emailCol + j), String(v)) : (ws.getCell(i + 1, emailCol + j).value = v))),
  );
  ws.getColumn(emailCol).width = 10;
  ws.getColumn(emailCol + 1).width = 26;
  // 工作时间, 审批时限 under the 时区; 节假日 and per-step limits after the 委托 block.
  for (const c of calendarCells(settings, delegationCol - 1)) {
    if (c.header) styleHeader(ws.getCell(c.row + 1, c.col + 1), String(c.value));
    else ws.getCell(c.row + 1, c.col + 1).value = c.value;
    ws.getColumn(c.col + 1).width = Math.max(ws.getColumn(c.col + 1).width ?? 0, c.col === TIME_ZONE_COLUMN ? 24 : 14);
  }
  for (const [c, w] of [[1, 14], [2, 8], [4, 14], [5, 36], [7, 10], [8, 14], [9, 30]] as const) ws.getColumn(c).width = w;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { departments: dyn('A'), people: dyn('G'), lists };
}

function styleHeader(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
  cell.fill = HEADER_FILL;
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cell.border = BOX;
}

/** exceljs supports range validations (worksheet.dataValidations) but its typings omit them. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function toExcelJsValidation(v: ExcelValidation): ExcelJS.DataValidation {
  return {
    type: v.type,
    operator: v.operator,
    formulae: v.formulae,
    allowBlank: v.allowBlank,
    showInputMessage: true,
    promptTitle: v.promptTitle,
    prompt: v.prompt.slice(0, 255),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.errorTitle,
    error: v.error.slice(0, 255),
  } as ExcelJS.DataValidation;
}

/** A document condition as an Excel test on one cell. */
function conditionFormula(condition: Condition, cell: string): string {
  if (condition.op === 'in') {
    const tests = condition.values.map((v) => `${cell}="${v.replace(/"/g, '""')}"`);
    return tests.length === 1 ? tests[0] : `OR(${tests.join(',')})`;
  }
  return `AND(ISNUMBER(${cell}),${cell}${condition.op}${condition.value})`;
}

/** Excel formula for "this deadline has passed and the done field is empty", relative to row 2. */
function deadlineFormulas(spec: RegisterSpec, columns: Column[]) {
  const letter = (name: string) => columnLetter(columns.findIndex((c) => c.header === name) + 1);
  return spec.deadlines.map((d) => {
    const from = `$${letter(d.from)}2`;
    const done = `$${letter(d.doneField)}2`;
    const days = d.unit === 'hour' ? `${d.amount}/24` : d.unit === 'day' ? `${d.amount}` : null;
    const due =
      days !== null
        ? `${from}+${days}`
        : `EDATE(${from},${d.unit === 'month' ? d.amount : d.amount * 12})`;
    const now = d.unit === 'hour' ? 'NOW()' : 'TODAY()';
    const applies = d.when ? `,${conditionFormula(d.when, `$${letter(d.when.field)}2`)}` : '';
    return { deadline: d, doneLetter: letter(d.doneField), formula: `AND(${done}="",${from}<>""${applies},${now}>${due})` };
  });
}

export async function writeRegisterSheet(wb: ExcelJS.Workbook, spec: RegisterSpec, ranges: ListRanges): Promise<RegisterMeta> {
  const columns = registerColumns(spec);
  const ws = wb.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '1:1',
    },
    headerFooter: {
      oddHeader: `&C&"${FONT},Bold"&14${spec.name}`,
      oddFooter: `&L${spec.formCode}&C第 &P 页,共 &N 页&R保存期限:${spec.retention}`,
    },
  });
  ws.addTable({
    name: tableName(spec),
    ref: 'A1',
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: [columns.map(() => null)],
  });
  columns.forEach((column, i) => {
    const col = ws.getColumn(i + 1);
    col.width = columnWidth(column);
    col.numFmt = numberFormat(column);
    const header = ws.getCell(1, i + 1);
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    const letter = columnLetter(i + 1);
    const body = `${letter}2:${letter}${VALIDATED_ROWS + 1}`;
    if (column.field) {
      const v = excelValidation(column.field, ranges);
      if (v) rangeValidations(ws).add(body, toExcelJsValidation(v));
      if (column.field.required) header.note = '必填';
      if (column.field.type === 'longText') col.alignment = { wrapText: true, vertical: 'top' };
    } else if (column.kind === 'stepActor') {
      rangeValidations(ws).add(body, toExcelJsValidation({
        type: 'list', formulae: [ranges.people], allowBlank: true, promptTitle: column.header.slice(0, 32),
        prompt: '由台账在审批时填写;手工填写请选择人员', errorTitle: '人员', error: '请选择“设置”工作表中的人员',
      }));
    }
  });
  ws.getRow(1).height = 32;

  const last = columnLetter(columns.length);
  const dataRef = `A2:${last}${VALIDATED_ROWS + 1}`;
  const statusIndex = columns.findIndex((c) => c.kind === 'status');
  if (statusIndex >= 0) {
    const s = `$${columnLetter(statusIndex + 1)}2`;
    ws.addConditionalFormatting({
      ref: `${columnLetter(statusIndex + 1)}2:${columnLetter(statusIndex + 1)}${VALIDATED_ROWS + 1}`,
      rules: [
        { type: 'expression', priority: 3, formulae: [`${s}="已办结"`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }, font: { color: { argb: 'FF006100' } } } },
        { type: 'expression', priority: 4, formulae: [`OR(${s}="已退回",${s}="已驳回")`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } } },
        { type: 'expression', priority: 5, formulae: [`LEFT(${s},1)="待"`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } }, font: { color: { argb: 'FF9C5700' } } } },
      ],
    });
  }
  deadlineFormulas(spec, columns).forEach(({ formula }, i) => {
    ws.addConditionalFormatting({
      ref: dataRef,
      rules: [{ type: 'expression', priority: 1 + i, formulae: [formula], style: { font: { color: { argb: 'FFC00000' }, bold: true } } }],
    });
  });
  return registerMeta(spec, ws.name);
}

/** A printable 申请单: one labelled box per field, then a signature box per approval step. */
export function writeFormSheet(wb: ExcelJS.Workbook, spec: RegisterSpec): void {
  const ws = wb.addWorksheet(formSheetName(spec), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${spec.formCode}&R保存期限:${spec.retention}` },
  });
  ws.columns = [{ width: 18 }, { width: 24 }, { width: 18 }, { width: 24 }];
  ws.mergeCells('A1:D1');
  const title = ws.getCell('A1');
  title.value = `${spec.name}申请单`;
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  ws.mergeCells('A2:D2');
  ws.getCell('A2').value = `表单编号:${spec.formCode}`;
  ws.getCell('A2').alignment = { horizontal: 'right' };
  let row = 3;
  for (const field of spec.fields) {
    const long = field.type === 'longText';
    ws.getCell(row, 1).value = field.required ? `${field.name} *` : field.name;
    ws.getCell(row, 1).font = { name: FONT, bold: true };
    ws.getCell(row, 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    ws.getCell(row, 1).alignment = { vertical: 'middle', wrapText: true };
    ws.mergeCells(row, 2, row, 4);
    for (let c = 1; c <= 4; c++) ws.getCell(row, c).border = BOX;
    ws.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = long ? 60 : 24;
    row++;
  }
  const steps = approvalSteps(spec);
  if (steps.length) {
    row++;
    ws.mergeCells(row, 1, row, 4);
    ws.getCell(row, 1).value = '审批签字';
    ws.getCell(row, 1).font = { name: FONT, bold: true, size: 13 };
    row++;
    for (const [c, text] of ['步骤', '签字', '日期', '意见'].entries()) {
      const cell = ws.getCell(row, c + 1);
      cell.value = text;
      cell.font = { name: FONT, bold: true };
      cell.border = BOX;
      cell.alignment = { horizontal: 'center' };
    }
    row++;
    for (const step of steps) {
      ws.getCell(row, 1).value = step.text;
      ws.getCell(row, 1).alignment = { vertical: 'middle', wrapText: true };
      for (let c = 1; c <= 4; c++) ws.getCell(row, c).border = BOX;
      ws.getRow(row).height = 40;
      row++;
    }
  }
  ws.pageSetup.printArea = `A1:D${row}`;
}

/** The process text of one or more registers, for reading and printing. */
export function writeGuideSheet(wb: ExcelJS.Workbook, name: string, specs: RegisterSpec[]): void {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 90;
  let row = 1;
  const put = (label: string, text: string, bold = false) => {
    ws.getCell(row, 1).value = label;
    ws.getCell(row, 1).font = { name: FONT, bold: true };
    ws.getCell(row, 1).alignment = { vertical: 'top' };
    ws.getCell(row, 2).value = text;
    ws.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
    if (bold) ws.getCell(row, 2).font = { name: FONT, bold: true };
    const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 45)), 0);
    ws.getRow(row).height = Math.min(409, Math.max(18, lines * 16));
    row++;
  };
  for (const spec of specs) {
    ws.mergeCells(row, 1, row, 2);
    ws.getCell(row, 1).value = `${spec.name}(${spec.formCode})`;
    ws.getCell(row, 1).font = { name: FONT, bold: true, size: 14 };
    row++;
    const years = RETENTION_YEARS[spec.retention];
    put('保存期限', `${spec.retention}${years ? `(自“${spec.retentionFrom}”起 ${years} 年后销毁)` : '(长期保存,不销毁)'};销毁责任人:${spec.destroyedBy}`);
    put('版本', String(spec.version));
    OUTLINE_SECTIONS.forEach((section) => put(section, spec.outline[section] ?? ''));
    if (spec.chain.length)
      put('审批流程', spec.chain.map((r) => `${r.when ? `当 ${formatCondition(r.when)}:` : r.label === '其他' ? '其他:' : ''}${r.steps.map((s) => s.text).join('——')}`).join('\n'));
    if (spec.deadlines.length) put('期限', spec.deadlines.map((d) => `${d.name}:${d.from} ${formatDuration(d)}内完成“${d.doneField}”${d.when ? `(仅当 ${formatCondition(d.when)})` : ''}`).join('\n'));
    if (spec.rules.length) put('校验规则', spec.rules.map((r) => r.text).join('\n'));
    row++;
  }
}

export function writeSummarySheet(wb: ExcelJS.Workbook, specs: RegisterSpec[]): void {
  const ws = wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF1F4E79' } }, views: [{ state: 'frozen', ySplit: 3 }] });
  ws.getCell('A1').value = '台账汇总';
  ws.getCell('A1').font = { name: FONT, bold: true, size: 16 };
  ws.getCell('A2').value = '记录数按登记表实时计算;按状态的统计、逾期清单和图表由任务窗格“刷新汇总”写入。';
  ['表单编号', '登记表', '类别', '保存期限', '记录数'].forEach((h, i) => styleHeader(ws.getCell(3, i + 1), h));
  specs.forEach((spec, i) => {
    const r = i + 4;
    ws.getCell(r, 1).value = spec.formCode;
    ws.getCell(r, 2).value = { text: spec.name, hyperlink: `#'${spec.name}'!A1` };
    ws.getCell(r, 3).value = spec.category;
    ws.getCell(r, 4).value = spec.retention;
    // A record always has its first required field; no cached result, so every spreadsheet program computes it.
    const counted = (spec.fields.find((f) => f.required) ?? spec.fields[0]).name;
    ws.getCell(r, 5).value = { formula: `COUNTA(${tableName(spec)}[${counted}])` } as ExcelJS.CellFormulaValue;
  });
  ws.columns.forEach((c, i) => (c.width = [14, 22, 12, 10, 10][i] ?? 12));
}

export function writeMetaSheets(wb: ExcelJS.Workbook, metas: RegisterMeta[]): void {
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  metaToRows({ formatVersion: META_FORMAT_VERSION, registers: metas }).forEach((row) => meta.addRow(row));
  const audit = wb.addWorksheet(AUDIT_SHEET, { state: 'veryHidden' });
  audit.addRow(AUDIT_HEADER);
}

export interface BuildOptions {
  /** Combined office workbook: 汇总 first and one 说明 sheet for all. */
  combined: boolean;
}

export async function buildWorkbook(specs: RegisterSpec[], settings: SettingsSpec, options: BuildOptions): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Taizhang 台账';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  if (options.combined) writeSummarySheet(wb, specs);
  // 设置 must exist before register sheets reference its ranges, but users expect it after the registers:
  // ranges are plain formulas, so the sheet order is fixed afterwards.
  const registerSheets: RegisterMeta[] = [];
  const settingsWb = new ExcelJS.Workbook();
  const ranges = writeSettingsSheet(settingsWb, settings);
  for (const spec of specs) registerSheets.push(await writeRegisterSheet(wb, spec, ranges));
  for (const spec of specs) if (spec.chain.length) writeFormSheet(wb, spec);
  writeGuideSheet(wb, options.combined ? '说明' : `${specs[0].name.slice(0, 29)}说明`, specs);
  writeSettingsSheet(wb, settings);
  writeMetaSheets(wb, registerSheets);
  return wb;
}
