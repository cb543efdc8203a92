import { readFileSync } from 'node:fs';
import path from 'node:path';
import { planAction, planSubmit, readsForRecord } from '../../src/core/actions';
import { auditTail } from '../../src/core/audit';
import { buildCatalog } from '../../src/spec/catalog';
import { checkWorkbook } from '../../src/core/check';
import { registerMeta } from '../../src/core/metadata';
import { numbersKey } from '../../src/core/numberingStep';
import { verifyWorkbook } from '../../src/core/verify';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { settingsContext } from '../../src/spec/parseSettings';
import { writeRegisterDocument } from '../../src/spec/writeRegister';
import { MemoryBook } from '../../src/demo/memoryBook';
import { SETTINGS_DOC, settingsRows } from './fixtures';

const OUTGOING_DOC = readFileSync(path.join(__dirname, '..', '..', 'templates', '发文登记.md'), 'utf8');
const built = buildCatalog([
  { file: 'templates/_设置.md', source: SETTINGS_DOC },
  { file: 'templates/发文登记.md', source: OUTGOING_DOC },
]);
if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
const catalog = built.value;
const outgoing = catalog.registers[0];
const VALUES = { 拟稿日期: '2026-03-02', 文件标题: '关于调整作息时间的通知', 文种: '通知', 文件类别: '一般文件', 拟稿部门: '综合办公室', 拟稿人: '周婷', 是否会签: '否', 签发方式: '公司领导签发', 密级: '内部', 紧急程度: '平件', 主送单位: '各部门', 印制份数: 20 };
// 其他 route: 综合办公室核稿 → 公司领导签发 → 综合办公室编号 → …
const WALK: [string, string][] = [['孙晓燕', '综合办公室核稿'], ['王建国', '公司领导签发'], ['孙晓燕', '综合办公室编号']];

async function office() {
  const meta = await registerMeta(outgoing, outgoing.name);
  const book = new MemoryBook([meta], settingsRows(catalog.settings));
  const ctx = (now: string, row = 0) => {
    const reads = readsForRecord(meta, row);
    const numbers = reads.tables!.some((t) => typeof t !== 'string' && t.key === numbersKey(meta.table)) ? book.table(meta.table) : undefined;
    return { meta, settings: catalog.settings, table: book.table(meta.table), audit: auditTail(book.audit), now, numbers };
  };
  const apply = (r: Awaited<ReturnType<typeof planSubmit>>) => {
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    book.apply(r.batch);
    return r;
  };
  const content = () => ({ meta: { formatVersion: 1, registers: [meta] }, tables: Object.fromEntries(book.tables), settingsRows: book.sheets.get('设置')!, auditRows: book.audit });
  return { meta, book, ctx, apply, content };
}

describe('numbering at the step the document names (编号时机)', () => {
  it('the shipped 发文登记 numbers at 综合办公室编号, and the document round-trips', () => {
    expect(outgoing.numberAt).toBe('综合办公室编号');
    const again = parseRegisterDocument(writeRegisterDocument(outgoing), '发文登记.md', settingsContext(catalog.settings));
    expect(again.ok && again.value).toEqual(outgoing);
  });

  it('lint names a 编号时机 that is not a step of every route', () => {
    const bad = parseRegisterDocument(OUTGOING_DOC.replace('编号时机:综合办公室编号', '编号时机:有关部门会签'), '发文登记.md', settingsContext(catalog.settings));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].message).toContain('“编号时机”应写“提交”或每条审批路线上都有的一个审批步骤');
    const submit = parseRegisterDocument(OUTGOING_DOC.replace('编号时机:综合办公室编号', '编号时机:提交'), '发文登记.md', settingsContext(catalog.settings));
    expect(submit.ok && submit.value.numberAt).toBeUndefined();
  });

  it('a record is 待编号 until 综合办公室编号, then numbered 〔yyyy〕N号 in turn; check and verify pass throughout', async () => {
    const o = await office();
    const first = o.apply(await planSubmit(o.ctx('2026-03-02T09:00'), VALUES, '周婷'));
    expect(first.number).toBe('待编号');
    expect(first.entry.number).toBe('待编号 2026-03-02T09:00 周婷');
    o.apply(await planSubmit(o.ctx('2026-03-02T09:30'), { ...VALUES, 文件标题: '第二份' }, '周婷'));
    expect(checkWorkbook(o.content(), Date.parse('2026-03-03')).findings).toEqual([]);
    expect((await verifyWorkbook(o.content())).breaks).toEqual([]);
    // the second record reaches 编号 first: it takes number 1
    let minute = 10;
    for (const row of [1, 0])
      for (const [actor] of WALK) {
        const r = o.apply(await planAction(o.ctx(`2026-03-03T10:${minute++}`, row), { row }, { kind: 'approve' }, actor));
        if (actor === '孙晓燕' && r.record.steps['综合办公室编号'].actor) expect(r.number).toBe(row === 1 ? '综办发〔2026〕1号' : '综办发〔2026〕2号');
        else expect(r.number).toBe('待编号');
      }
    const report = checkWorkbook(o.content(), Date.parse('2026-03-04'));
    expect(report.findings).toEqual([]);
    const verified = await verifyWorkbook(o.content());
    expect(verified.breaks).toEqual([]);
  });

  it('check reports a record left 待编号 after its numbering step', async () => {
    const o = await office();
    o.apply(await planSubmit(o.ctx('2026-03-02T09:00'), VALUES, '周婷'));
    let minute = 10;
    for (const [actor] of WALK) o.apply(await planAction(o.ctx(`2026-03-03T10:${minute++}`), { row: 0 }, { kind: 'approve' }, actor));
    const table = o.book.table(o.meta.table);
    table.rows[0][table.headers.indexOf('发文字号')] = '待编号';
    const findings = checkWorkbook(o.content(), Date.parse('2026-03-04')).findings;
    expect(findings.map((f) => f.rule)).toContain('number.pending');
  });
});
