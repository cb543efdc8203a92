/**
 * The report bench's workbook, written in a process of its own (an exceljs workbook of 100,000 records and their
 * audit log is held whole while it is written): `tsx bench/reportWorkbook.ts FILE records`.
 */
import '../src/workbook/exceljs/nodeZipFix';
import type { CellValue } from '../src/core/cells';
import { formatDateTime } from '../src/core/dates';
import { tableName } from '../src/core/layout';
import { recordToRow, type RegisterRecord, type StepEntry } from '../src/core/records';
import { approvalStepsOf, routeFor } from '../src/core/workflow';
import { buildCatalog } from '../src/spec/catalog';
import { ExcelJsWorkbook } from '../src/workbook/exceljs/adapter';
import { buildWorkbook } from '../src/workbook/exceljs/templateWriter';
import { TEMPLATES_DIR, readDir } from '../test/support/docs';

const TYPES = ['日常事务', '经济合同', '正式文件', '日常事务', '日常事务'];
const SEALS = ['公司行政章', '合同专用章', '公司行政章', '公司行政章', '公司行政章'];
const MINUTE = 60_000;
/** report and check never look at the hashes (verify does): one shared string keeps the generator's memory down. */
const HASH = 'e'.repeat(64);

async function workbook(file: string, records: number): Promise<void> {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));
  if (!catalog.ok) throw new Error('templates do not parse');
  const spec = catalog.value.registers.find((r) => r.id === 'seal_use')!;
  const settings = catalog.value.settings;
  const people = settings.people.filter((p) => p.department !== '总经理室');
  const head = (dept: string) => settings.people.find((p) => p.department === dept && p.roles.includes('部门领导'))?.name ?? '赵敏';
  const actorOf: Record<string, (dept: string, i: number) => string> = {
    部门领导审核: (dept) => head(dept),
    法律部门审查: () => '黄蕾',
    公司领导审批: (_, i) => (i % 3 ? '王建国' : '李志华'),
    办公室主任审批: (_, i) => (i % 40 === 7 ? '孙晓燕(代 赵敏)' : '赵敏'),
    综合办公室盖章: (_, i) => (i % 2 ? '孙晓燕' : '周婷'),
  };
  const rows: CellValue[][] = [];
  const audit: CellValue[][] = [];
  const perMonth = new Map<string, number>();
  const entry = (time: number, number: string, action: string, actor: string) => audit.push([audit.length + 1, formatDateTime(time), spec.id, number, action, actor, HASH, HASH, HASH]);
  for (let i = 0; i < records; i++) {
    const day = Date.UTC(2026, 0, 5) + Math.floor((i * 320) / records) * 86_400_000;
    const t0 = day + (9 * 60 + (i % 16) * 30) * MINUTE;
    const who = people[i % people.length];
    const month = new Date(day).toISOString().slice(0, 7);
    const n = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, n);
    const number = `YY-${month.replace('-', '')}-${String(n).padStart(3, '0')}`;
    const type = TYPES[i % TYPES.length];
    const values: Record<string, CellValue> = {
      用印编号: number, 用印日期: formatDateTime(day).slice(0, 10), 用印部门: who.department, 经办人: who.name, 用印类型: type, 印章名称: SEALS[i % SEALS.length],
      文件名称: `第 ${i + 1} 份用印文件`, 用印份数: 1 + (i % 5), 批准方式: '文字批准', 领导书面批示: type === '日常事务' ? null : '同意用印',
    };
    const steps = approvalStepsOf(routeFor(spec, values)!);
    const returned = i % 25 === 1;
    const submittedAt = returned ? t0 - 2 * 86_400_000 : t0;
    entry(submittedAt, number, '提交', who.name);
    if (returned) {
      entry(submittedAt + 90 * MINUTE, number, '退回', actorOf[steps[0].text](who.department, i));
      entry(t0, number, '重新提交', who.name);
    }
    // One record in twenty still waits, at a step that depends on it; the others are done.
    const waitAt = i % 20 === 0 ? i % steps.length : steps.length;
    const columns: Record<string, StepEntry> = {};
    let t = t0;
    steps.forEach((step, k) => {
      if (k >= waitAt) return;
      t += (20 + ((i * 7919 + k * 104_729) % 960)) * MINUTE;
      const actor = actorOf[step.text](who.department, i);
      columns[step.text] = { actor, time: formatDateTime(t), opinion: '同意' };
      entry(t, number, '审批', actor);
    });
    const record: Omit<RegisterRecord, 'index' | 'sheetRow'> = {
      values, submittedBy: who.name, submittedAt: formatDateTime(submittedAt), status: waitAt < steps.length ? `待${steps[waitAt].text}` : '已办结', steps: columns,
    };
    rows.push(recordToRow(spec, record));
  }
  const wb = await buildWorkbook([spec], settings, { combined: false });
  await new ExcelJsWorkbook(wb).write({ appends: [{ table: tableName(spec), rows }], sheetAppends: [{ sheet: '_审计', rows: audit }] });
  await wb.xlsx.writeFile(file);
  process.stderr.write(`  report: ${records} records, ${audit.length} audit entries written\n`);
}


workbook(process.argv[2], Number(process.argv[3])).catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
