import { actingAs } from '../../src/core/authority';
import { checkWorkbook } from '../../src/core/check';
import { parseActor } from '../../src/core/delegation';
import { settingsFromSheet, settingsToRows } from '../../src/core/settings';
import { verifyWorkbook } from '../../src/core/verify';
import { routeFor } from '../../src/core/workflow';
import { parseSettingsDocument } from '../../src/spec/parseSettings';
import type { Delegation, SettingsSpec } from '../../src/spec/schema';
import { SETTINGS_DOC, fixtureCatalog, spec } from './fixtures';
import { office } from './helpers';

const catalog = fixtureCatalog();
const seal = spec(catalog, 'seal_use');
const SEAL = { 用印编号: 'YY-202603-001', 用印日期: '2026-03-02', 用印部门: '技术部', 经办人: '周婷', 用印类型: '日常事务', 文件名称: '客户回函', 用印份数: 1 };
const AWAY: Delegation = { delegator: '何静', delegate: '冯磊', from: '2026-03-02', to: '2026-03-06', scope: [] };
const withDelegations = (...delegations: Delegation[]): SettingsSpec => ({ ...catalog.settings, delegations });
const head = routeFor(seal, SEAL)!.steps[1]; // 部门领导审核: 何静 for 技术部
const record = (submittedBy = '周婷') => ({ values: SEAL as never, submittedBy });

describe('委托: a delegate acts on the delegator’s steps while the delegation is active', () => {
  it('records 受托人(代 委托人) inside the window, refuses outside it', () => {
    const s = withDelegations(AWAY);
    expect(actingAs(seal, s, record(), head, '冯磊', '2026-03-04T10:00')).toEqual({ ok: true, recorded: '冯磊(代 何静)', onBehalfOf: '何静' });
    expect(actingAs(seal, s, record(), head, '冯磊', '2026-03-06T23:59').ok).toBe(true);
    expect(actingAs(seal, s, record(), head, '冯磊', '2026-03-07T08:00').ok).toBe(false);
    expect(actingAs(seal, s, record(), head, '冯磊', '2026-03-01T18:00').ok).toBe(false);
    expect(actingAs(seal, s, record(), head, '何静', '2026-03-04T10:00')).toEqual({ ok: true, recorded: '何静', onBehalfOf: null });
  });

  it('honours 范围, never lets the delegate approve their own application, and follows no chains', () => {
    expect(actingAs(seal, withDelegations({ ...AWAY, scope: ['收文登记'] }), record(), head, '冯磊', '2026-03-04T10:00').ok).toBe(false);
    expect(actingAs(seal, withDelegations({ ...AWAY, scope: ['用印登记'] }), record(), head, '冯磊', '2026-03-04T10:00').ok).toBe(true);
    expect(actingAs(seal, withDelegations({ ...AWAY, scope: ['部门领导审核'] }), record(), head, '冯磊', '2026-03-04T10:00').ok).toBe(true);
    expect(actingAs(seal, withDelegations(AWAY), record('冯磊'), head, '冯磊', '2026-03-04T10:00').ok).toBe(false);
    const chained = withDelegations(AWAY, { delegator: '冯磊', delegate: '刘洋', from: '2026-03-01', to: '2026-03-31', scope: [] });
    expect(actingAs(seal, chained, record(), head, '刘洋', '2026-03-04T10:00').ok).toBe(false);
  });

  it('the 委托 table lives on the 设置 sheet after the lists, and in _设置.md', () => {
    const s = withDelegations(AWAY, { ...AWAY, delegator: '赵敏', delegate: '孙晓燕', scope: ['用印登记', '发文登记'] });
    expect(settingsFromSheet(settingsToRows(s))).toEqual(s);
    const doc = SETTINGS_DOC.replace('| --- | --- | --- | --- | --- |\n', '| --- | --- | --- | --- | --- |\n| 何静 | 冯磊 | 2026-03-02 | 2026-03-06 |  |\n');
    const parsed = parseSettingsDocument(doc, '_设置.md');
    expect(parsed.ok && parsed.value.delegations).toEqual([AWAY]);
    const bad = parseSettingsDocument(SETTINGS_DOC.replace('| --- | --- | --- | --- | --- |\n', '| --- | --- | --- | --- | --- |\n| 何静 | 张三 | 3月2日 | 2026-03-06 |  |\n'), '_设置.md');
    expect(!bad.ok && bad.errors.map((e) => e.message)).toEqual(expect.arrayContaining(['委托表中的“张三”不在人员表中', '委托的日期“3月2日”应写成 YYYY-MM-DD']));
  });

  it('the audit entry names both; check and verify accept it inside the delegation and report it without one', async () => {
    const o = await office();
    const rows = settingsToRows(withDelegations(AWAY));
    o.book.sheets.set('设置', rows);
    const ctx = (now: string) => ({ ...o.ctx('seal_use', now), settings: withDelegations(AWAY) });
    const { planAction, planSubmit } = await import('../../src/core/actions');
    const submitted = await planSubmit(ctx('2026-03-03T09:00'), SEAL, '周婷');
    if (!submitted.ok) throw new Error(submitted.errors[0].message);
    o.book.apply(submitted.batch);
    const approved = await planAction(ctx('2026-03-04T10:00'), { row: 0 }, { kind: 'approve', opinion: '同意' }, '冯磊');
    if (!approved.ok) throw new Error(approved.errors[0].message);
    o.book.apply(approved.batch);
    expect(approved.record.steps['部门领导审核'].actor).toBe('冯磊(代 何静)');
    expect(approved.entry.actor).toBe('冯磊(代 何静)');
    expect(parseActor(approved.entry.actor)).toEqual({ actor: '冯磊', onBehalfOf: '何静' });
    expect(checkWorkbook(o.content(), Date.parse('2026-03-05')).findings).toEqual([]);
    expect((await verifyWorkbook({ ...o.content(), settingsRows: rows })).breaks).toEqual([]);
    // the 委托 ended before the approval: both report it
    const ended = settingsToRows(withDelegations({ ...AWAY, to: '2026-03-03' }));
    o.book.sheets.set('设置', ended);
    const findings = checkWorkbook(o.content(), Date.parse('2026-03-05')).findings;
    expect(findings.map((f) => f.rule)).toEqual(['workflow.actor']);
    expect(findings[0].message).toContain('没有何静委托冯磊的有效委托');
    const verified = await verifyWorkbook({ ...o.content(), settingsRows: ended });
    expect(verified.breaks.map((b) => b.kind)).toEqual(['delegation']);
    expect(verified.breaks[0].message).toMatch(/^_审计!F\d+ /);
  });
});
