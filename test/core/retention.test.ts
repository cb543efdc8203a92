import { destructionList, destructionSheetRows, destructionDue } from '../../src/core/retention';
import { formatDate, parseAsOf } from '../../src/core/dates';
import type { RegisterRecord } from '../../src/core/records';
import { fixtureCatalog, spec } from './fixtures';

const catalog = fixtureCatalog();
const incoming = spec(catalog, 'incoming_docs');
const issue = spec(catalog, 'supplies_issue');
const STEPS = ['办公室主任拟办', '分管领导批示', '承办部门办理', '办公室文员归档'];
const done = (opinion: string, n: number) => Object.fromEntries(STEPS.slice(0, n).map((s, i) => [s, { actor: '赵敏', time: '2026-03-03T10:00', opinion: i === n - 1 ? opinion : '同意' }]));
/** The step columns say what happened; the status column only repeats it. */
const STATE: Record<string, RegisterRecord['steps']> = { 已办结: done('同意', 4), 待分管领导批示: done('同意', 1), 已驳回: done('【驳回】不予办理', 1) };
const rec = (values: Record<string, string | number | null>, status: string | null, row: number, submittedAt: string | null = '2026-03-02T09:00'): RegisterRecord => ({
  index: row - 2,
  sheetRow: row,
  values: { 文件类别: '一般文件', ...values },
  submittedBy: '孙晓燕',
  submittedAt,
  status,
  steps: status ? STATE[status] ?? {} : {},
});

describe('retention and the 销毁清册', () => {
  it('counts the retention period from the 保存起算 field', () => {
    expect(incoming.retention).toBe('二年');
    const d = destructionDue(incoming, rec({ 收文日期: '2026-03-02' }, '已办结', 2))!;
    expect(formatDate(d.due)).toBe('2028-03-02');
    expect(destructionDue({ ...incoming, retention: '长期' }, rec({ 收文日期: '2026-03-02' }, '已办结', 2))).toBeNull();
  });

  it('lists records past retention, holds back those still in approval, and names the approvals needed', () => {
    const list = destructionList(
      [
        {
          spec: incoming,
          sheet: '收文登记',
          records: [
            rec({ 收文编号: 'SW-2026-0001', 收文日期: '2026-03-02' }, '已办结', 2),
            rec({ 收文编号: 'SW-2026-0002', 收文日期: '2026-03-02' }, '待分管领导批示', 3),
            rec({ 收文编号: 'SW-2026-0003', 收文日期: '2026-09-01' }, '已办结', 4),
            rec({ 收文编号: 'SW-2026-0004', 收文日期: null }, '已驳回', 5, '2026-01-05T10:00'),
            rec({ 收文编号: 'SW-2026-0005', 收文日期: null }, '已驳回', 6, null),
          ],
        },
        { spec: issue, sheet: '办公用品领用', records: [rec({ 领用单号: 'LY-202603-001', 领用日期: '2026-03-01' }, null, 2)] },
      ],
      parseAsOf('2028-06-30')!,
      catalog.settings,
    );
    expect(list.items.map((i) => `${i.number} ${i.due}${i.fromSubmission ? ' *' : ''}`)).toEqual(['SW-2026-0001 2028-03-02', 'SW-2026-0004 2028-01-05 *', 'LY-202603-001 2028-03-01']);
    expect(list.held.map((i) => i.number)).toEqual(['SW-2026-0002']);
    expect(list.undated.map((i) => i.number)).toEqual(['SW-2026-0005']);
    expect(list.approvals).toEqual([
      { step: '编制', role: '办公室主任', names: ['赵敏'] },
      { step: '批准', role: '总经理', names: ['王建国'] },
      { step: '监销', role: '档案管理员', names: ['周婷'] },
    ]);
    const rows = destructionSheetRows(list);
    expect(rows[0][0]).toBe('销毁清册(截至 2028-06-30)');
    expect(rows).toContainEqual([1, '收文登记', 'GL/YJ-BG-01', 'SW-2026-0001', '收文登记!A2', '2026-03-02', '二年', '2028-03-02', '办公室主任', null]);
    expect(rows[rows.length - 2]).toEqual(['批准', '总经理', '王建国', null, null]);
  });
});
