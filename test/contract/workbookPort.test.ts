/**
 * One contract, every WorkbookPort adapter: exceljs over a real file re-read from disk, and the Office.js
 * adapter over the fake Excel. What a user's workbook holds after each action must be the same.
 */
import fc from 'fast-check';
import { planSubmit, readsForSubmit } from '../../src/core/actions';
import { auditTail } from '../../src/core/audit';
import { dateTimeToSerial } from '../../src/core/cells';
import { AUDIT_SHEET, SETTINGS_SHEET, registerColumns, tableName } from '../../src/core/layout';
import type { RegisterMeta } from '../../src/core/metadata';
import { compilePattern, numberingProblems } from '../../src/core/numbering';
import { recordToRow, rowToRecord } from '../../src/core/records';
import { settingsFromSheet } from '../../src/core/settings';
import { serialField } from '../../src/core/transitions';
import { buildCatalog } from '../../src/spec/catalog';
import type { RegisterSpec, SettingsSpec } from '../../src/spec/schema';
import { StructureGuardError, WriteShapeError } from '../../src/workbook/guard';
import type { TableSnapshot, WorkbookPort } from '../../src/workbook/port';
import { FIXTURE_DOCS, readDir } from '../support/docs';
import { Session } from '../../src/taskpane/session';
import { HARNESSES, type Harness, type Session as HarnessSession } from './harness';
import { EDGE_DATES, MAX_TEXT, TRAPS, longText, randomRecords, recordArbitrary, type Record_ } from './randomRecords';

const catalog = buildCatalog(readDir(FIXTURE_DOCS));
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const spec: RegisterSpec = catalog.value.registers[0];
const settings: SettingsSpec = catalog.value.settings;
const TABLE = tableName(spec);
const HEADERS = registerColumns(spec).map((c) => c.header);
const blank = (row: unknown[]) => row.every((c) => c === null || c === '');

async function whole(port: WorkbookPort): Promise<TableSnapshot> {
  const r = await port.read({ tables: [TABLE] });
  return r.tables[TABLE]!;
}

/** Non-blank rows as records, in table order (a fresh template's empty row and blank rows are skipped). */
function records(snapshot: TableSnapshot): Record_[] {
  return snapshot.rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => !blank(row))
    .map(({ row, i }) => {
      const { index: _i, sheetRow: _s, ...rest } = rowToRecord(spec, row, snapshot.rowStart + i, snapshot.firstRow);
      return rest;
    });
}

const NO_STEPS = () => Object.fromEntries(registerColumns(spec).filter((c) => c.kind === 'stepActor').map((c) => [c.step!, { actor: null, time: null, opinion: null }]));

const record = (values: Record<string, string | number | boolean | null>): Record_ => ({
  values: Object.fromEntries(spec.fields.map((f) => [f.name, values[f.name] ?? null])),
  submittedBy: '孙晓燕',
  submittedAt: '2026-03-15T09:30',
  status: '待办公室主任拟办',
  steps: NO_STEPS(),
});

/** A valid submission of 收文登记 (the fixture document). */
const VALID = {
  收文日期: '2026-03-15',
  来文单位: '湖南省人民政府办公厅',
  来文类别: '上级来文',
  文件标题: '关于做好2026年安全生产工作的通知',
  文件类别: '一般文件',
  紧急程度: '平件',
  密级: '内部',
  份数: 2,
};

describe.each(HARNESSES.map((h) => [h.name, h] as const))('WorkbookPort contract — %s', (_name, harness: Harness) => {
  let session: HarnessSession;
  beforeEach(async () => {
    session = await harness.open([spec], settings);
  });

  it('sets up a register: metadata with the column map, an empty table with that header', async () => {
    const r = await session.user().read({ meta: true, tables: [TABLE], sheets: [SETTINGS_SHEET, AUDIT_SHEET] });
    expect(r.meta?.ok).toBe(true);
    const meta = r.meta!.ok ? r.meta!.meta.registers : [];
    expect(meta.map((m) => [m.id, m.table, m.headers])).toEqual([[spec.id, TABLE, HEADERS]]);
    const t = r.tables[TABLE]!;
    expect(t.headers).toEqual(HEADERS);
    expect(records(t)).toEqual([]);
    expect([t.firstRow, t.firstColumn, t.mergedInBody, t.rowsBelow]).toEqual([2, 1, [], 0]);
    expect(settingsFromSheet(r.sheets[SETTINGS_SHEET]!).people.map((p) => p.name)).toContain('孙晓燕');
    expect(r.sheets[AUDIT_SHEET]).toHaveLength(1);
  });

  it('appends a record, reads it back inside the table, and a missing sheet or table reads as null', async () => {
    const port = session.user();
    const rec = record({ ...VALID, 收文编号: 'SW-2026-0001', 来文字号: '=湘政办发〔2026〕1号', 备注: '+86 731 8888 8888' });
    await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: [recordToRow(spec, rec)] }] });
    const r = await port.read({ tables: [TABLE, 'tz_nothing'], sheets: ['没有这个表'] });
    expect(records(r.tables[TABLE]!)).toEqual([rec]);
    expect(r.tables[TABLE]!.rowsBelow).toBe(0);
    expect(r.tables['tz_nothing']).toBeNull();
    expect(r.sheets['没有这个表']).toBeNull();
  });

  it('the first submission fills the template’s empty body row: one body row, holding the record', async () => {
    const pane = new Session(session.user(), () => '2026-03-15T10:00');
    expect((await pane.open()).kind).toBe('ready');
    expect(await pane.submit(spec.id, VALID, '孙晓燕')).toMatchObject({ ok: true, number: 'SW-2026-0001' });
    const t = await whole(session.user());
    expect(t.rowCount).toBe(1);
    expect(t.rows).toHaveLength(1);
    expect(records(t).map((r) => [r.values['收文编号'], r.values['文件标题'], r.submittedBy])).toEqual([['SW-2026-0001', VALID.文件标题, '孙晓燕']]);
    expect(t.rowsBelow).toBe(0);
  });

  it('a row whose first and last cells are empty still lands inside the table', async () => {
    const port = session.user();
    const rec = record({ 来文单位: '中间有值' });
    const row = recordToRow(spec, { ...rec, submittedBy: null, submittedAt: null, status: null });
    expect(row[0]).toBeNull();
    expect(row[row.length - 1]).toBeNull();
    await port.write({ appends: [{ table: TABLE, rows: [row, recordToRow(spec, record({ 收文编号: 'SW-2026-0002' }))] }] });
    const t = await whole(port);
    expect(t.rowsBelow).toBe(0);
    expect(records(t).map((r) => r.values['来文单位'])).toEqual(['中间有值', null]);
  });

  it('reads the tail of a sheet as the same rows the whole read ends with', async () => {
    const port = session.user();
    const entries = [
      [1, '2026-03-16T09:30', spec.id, 'SW-2026-0001', '提交', '孙晓燕', 'a', null, 'c'],
      [2, '2026-03-16T09:31', spec.id, 'SW-2026-0002', '提交', '孙晓燕', 'a', 'b', 'c'],
      [null, null, null, null, null, null, null, null, null],
      [4, '2026-03-16T09:33', spec.id, 'SW-2026-0003', '同意', '赵敏', null, null, null],
    ];
    await port.write({ sheetAppends: [{ sheet: AUDIT_SHEET, rows: entries }] });
    const all = (await port.read({ sheets: [AUDIT_SHEET] })).sheets[AUDIT_SHEET]!;
    expect(all.slice(-4)).toEqual([entries[0], entries[1], [], [4, '2026-03-16T09:33', spec.id, 'SW-2026-0003', '同意', '赵敏']]);
    for (const n of [1, 2, 3, all.length, all.length + 5]) {
      const tail = (await port.read({ sheets: [{ sheet: AUDIT_SHEET, lastRows: n }] })).sheets[AUDIT_SHEET]!;
      expect(tail).toEqual(all.slice(Math.max(0, all.length - n)));
    }
  });

  it('updates a step: exactly the addressed cells change', async () => {
    const port = session.user();
    const rows = [1, 2, 3].map((n) => recordToRow(spec, record({ ...VALID, 收文编号: `SW-2026-000${n}` })));
    await port.write({ appends: [{ table: TABLE, rows }] });
    const before = await whole(port);
    const target = before.rows.findIndex((r) => r[0] === 'SW-2026-0002');
    const col = (h: string) => HEADERS.indexOf(h);
    const updates = [
      { column: col('办公室主任拟办'), value: '赵敏' },
      { column: col('办公室主任拟办时间'), value: dateTimeToSerial('2026-03-16T09:30')! },
      { column: col('办公室主任拟办意见'), value: '=请分管领导阅示' },
      { column: col('状态'), value: '待分管领导批示' },
    ].map((u) => ({ table: TABLE, row: before.rowStart + target, ...u }));
    await port.write({ expectHeaders: { [TABLE]: HEADERS }, updates, sheetAppends: [{ sheet: AUDIT_SHEET, rows: [[1, '2026-03-16T09:30', spec.id, 'SW-2026-0002', '同意', '赵敏', 'a', 'b', 'c']] }] });
    const after = await whole(port);
    const changed: string[] = [];
    after.rows.forEach((row, i) => row.forEach((v, j) => v !== before.rows[i][j] && changed.push(`${i}:${HEADERS[j]}`)));
    expect(changed.sort()).toEqual(updates.map((u) => `${target}:${HEADERS[u.column]}`).sort());
    const got = records(after).find((r) => r.values['收文编号'] === 'SW-2026-0002')!;
    expect(got.steps['办公室主任拟办']).toEqual({ actor: '赵敏', time: '2026-03-16T09:30', opinion: '=请分管领导阅示' });
    const audit = (await port.read({ sheets: [{ sheet: AUDIT_SHEET, lastRows: 1 }] })).sheets[AUDIT_SHEET]!;
    expect(audit).toEqual([[1, '2026-03-16T09:30', spec.id, 'SW-2026-0002', '同意', '赵敏', 'a', 'b', 'c']]);
  });

  it('stores what was typed as typed: every trap string, 32,767 characters, edge dates', async () => {
    const port = session.user();
    const recs = TRAPS.map((t, i) =>
      record({ 收文编号: t, 来文单位: t, 文件标题: `${t}${i}`, 收文日期: EDGE_DATES[i % EDGE_DATES.length], 领导批示: i === 0 ? longText(7) : t, 份数: i }),
    );
    await port.write({ appends: [{ table: TABLE, rows: recs.map((r) => recordToRow(spec, r)) }] });
    const got = records(await whole(port));
    expect(got).toEqual(recs);
    expect(got[0].values['领导批示']).toHaveLength(MAX_TEXT);
  });

  it('round-trips 10,000 random records exactly, under several time zones', async () => {
    const recs = randomRecords(spec, 10_000);
    const port = session.user();
    await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: recs.map((r) => recordToRow(spec, r)) }] });
    const zone = process.env.TZ;
    try {
      for (const tz of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe']) {
        process.env.TZ = tz;
        const t = await whole(session.user());
        expect(t.rowCount).toBeGreaterThanOrEqual(recs.length);
        const got = records(t);
        expect(got.length).toBe(recs.length);
        // Cell by cell, so that a failure names the first lost or misplaced one.
        const firstDiff = got.findIndex((g, i) => JSON.stringify(g) !== JSON.stringify(recs[i]));
        expect(firstDiff === -1 ? null : { row: firstDiff, got: got[firstDiff], want: recs[firstDiff] }).toBeNull();
      }
    } finally {
      process.env.TZ = zone;
    }
  }, 300_000);

  it('reads parts of a table exactly as the whole table restricted to them', async () => {
    const port = session.user();
    const recs = randomRecords(spec, 60, 7);
    await port.write({ appends: [{ table: TABLE, rows: recs.map((r) => recordToRow(spec, r)) }] });
    const all = await whole(port);
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.subarray(HEADERS, { minLength: 0 }), { nil: undefined }),
        fc.option(fc.record({ from: fc.integer({ min: -70, max: 70 }), count: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }) }), { nil: undefined }),
        async (columns, rows) => {
          const r = await port.read({ tables: [{ table: TABLE, key: 'part', columns: columns ? [...columns, '不存在的列'] : undefined, rows }] });
          const part = r.tables['part']!;
          const from = rows ? Math.min(all.rowCount, Math.max(0, (rows.from ?? 0) < 0 ? all.rowCount + rows.from : rows.from)) : 0;
          const to = rows?.count === undefined ? all.rowCount : Math.min(all.rowCount, from + rows.count);
          const keep = columns ? HEADERS.map((h) => columns.includes(h)) : HEADERS.map(() => true);
          expect(part.rowStart).toBe(from);
          expect(part.rowCount).toBe(all.rowCount);
          expect(part.firstRow).toBe(all.firstRow + from);
          expect(part.readColumns).toEqual(columns ? HEADERS.flatMap((h, i) => (columns.includes(h) ? [i] : [])) : null);
          expect(part.rows).toEqual(all.rows.slice(from, to).map((row) => row.map((v, j) => (keep[j] ? v : null))));
        },
      ),
      { numRuns: 25, seed: 4 },
    );
  }, 120_000);

  it('reads rows by index exactly as the whole table at those rows, the others blank', async () => {
    const port = session.user();
    const recs = randomRecords(spec, 60, 8);
    await port.write({ appends: [{ table: TABLE, rows: recs.map((r) => recordToRow(spec, r)) }] });
    const all = await whole(port);
    // The first read of a part places it from what the session knows; a second from a fresh session does not.
    await port.read({ tables: [{ table: TABLE, columns: ['状态'] }] });
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.subarray(HEADERS, { minLength: 1 }), { nil: undefined }),
        fc.array(fc.integer({ min: -3, max: 65 }), { maxLength: 40 }),
        fc.boolean(),
        async (columns, rowsAt, fresh) => {
          const reader = fresh ? session.user() : port;
          const r = await reader.read({ tables: [{ table: TABLE, key: 'part', columns, rowsAt }] });
          const part = r.tables['part']!;
          const wanted = new Set(rowsAt);
          const keep = columns ? HEADERS.map((h) => columns.includes(h)) : HEADERS.map(() => true);
          expect(part.rowStart).toBe(0);
          expect(part.rows).toHaveLength(all.rowCount);
          expect(part.rows).toEqual(all.rows.map((row, i) => row.map((v, j) => (wanted.has(i) && keep[j] ? v : null))));
        },
      ),
      { numRuns: 25, seed: 5 },
    );
  }, 120_000);

  describe('structure guard: a table edited by hand is reported and nothing is written', () => {
    const cases: [string, (s: HarnessSession) => Promise<void>, string, string | undefined][] = [
      ['a renamed column', (s) => s.edit.renameHeader(TABLE, 2, '发文单位'), 'renamed', '来文单位'],
      ['two columns swapped', (s) => s.edit.swapColumns(TABLE, 2, 5), 'moved', '来文单位'],
      ['an inserted column', (s) => s.edit.insertColumn(TABLE, 3, '联系人'), 'inserted', '联系人'],
      ['a deleted column', (s) => s.edit.deleteColumn(TABLE, 4), 'missing', '来文字号'],
      ['merged cells in the body', (s) => s.edit.mergeBody(TABLE, 0, 2, 4), 'merged', undefined],
      ['rows pasted below the table', (s) => s.edit.pasteBelow(TABLE, ['SW-2026-0099', 46000, '外面']), 'rowsOutside', undefined],
      ['the table shrunk by hand', (s) => s.edit.shrinkTable(TABLE, 1), 'rowsOutside', undefined],
    ];

    it.each(cases)('%s', async (_what, edit, kind, column) => {
      const port = session.user();
      const seed = [1, 2].map((n) => recordToRow(spec, record({ ...VALID, 收文编号: `SW-2026-000${n}` })));
      await port.write({ appends: [{ table: TABLE, rows: seed }] });
      await edit(session);
      const before = await port.read({ tables: [TABLE], sheets: [AUDIT_SHEET] });
      const batch = {
        expectHeaders: { [TABLE]: HEADERS },
        appends: [{ table: TABLE, rows: [recordToRow(spec, record({ ...VALID, 收文编号: 'SW-2026-0003' }))] }],
        updates: [{ table: TABLE, row: 0, column: 0, value: '改过' }],
        sheetAppends: [{ sheet: AUDIT_SHEET, rows: [[9, 'x']] }],
      };
      const error = await port.write(batch).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StructureGuardError);
      const problems = (error as StructureGuardError).problems;
      expect(problems.map((p) => p.kind)).toContain(kind);
      if (column) expect(problems.find((p) => p.kind === kind)?.column).toBe(column);
      for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      const after = await session.user().read({ tables: [TABLE], sheets: [AUDIT_SHEET] });
      expect(after).toEqual(before);
    });

    it('the same batch with the header it expects goes through', async () => {
      const port = session.user();
      await port.read({ tables: [TABLE] });
      await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: [recordToRow(spec, record(VALID))] }] });
      expect(records(await whole(port))).toHaveLength(1);
    });
  });

  it('refuses a malformed batch whole: a row of the wrong width or an update past the table writes nothing', async () => {
    const port = session.user();
    await port.write({ appends: [{ table: TABLE, rows: [recordToRow(spec, record({ ...VALID, 收文编号: 'SW-2026-0001' }))] }] });
    const before = await port.read({ tables: [TABLE], sheets: [AUDIT_SHEET] });
    const good = { table: TABLE, rows: [recordToRow(spec, record(VALID))] };
    for (const bad of [
      { appends: [good, { table: TABLE, rows: [['too', 'short']] }] },
      { appends: [good], updates: [{ table: TABLE, row: 99, column: 0, value: 'x' }] },
      { appends: [good], sheetAppends: [{ sheet: '没有这个表', rows: [['x']] }] },
      { appends: [good, { table: 'tz_nothing', rows: [['x']] }] },
    ]) {
      await expect(port.write(bad)).rejects.toBeInstanceOf(WriteShapeError);
      expect(await session.user().read({ tables: [TABLE], sheets: [AUDIT_SHEET] })).toEqual(before);
    }
  });

  it('two users appending at once keep both rows, and the duplicate number is reported', async () => {
    const alice = session.user();
    const bob = session.user();
    const first = await alice.read({ meta: true });
    const meta: RegisterMeta = first.meta!.ok ? first.meta!.meta.registers[0] : (undefined as never);
    const plan = async (port: WorkbookPort, who: string, title: string) => {
      const r = await port.read(readsForSubmit(meta));
      const ctx = { meta, settings: settingsFromSheet(r.sheets[SETTINGS_SHEET]!), table: r.tables[TABLE]!, audit: auditTail(r.sheets[AUDIT_SHEET] ?? []), now: '2026-03-15T10:00' };
      const p = await planSubmit(ctx, { ...VALID, 文件标题: title }, who);
      if (!p.ok) throw new Error(JSON.stringify(p.errors));
      return p;
    };
    // Both read before either writes: both number their record SW-2026-0001.
    const [a, b] = [await plan(alice, '孙晓燕', '甲'), await plan(bob, '周婷', '乙')];
    expect(a.number).toBe(b.number);
    await Promise.all([alice.write(a.batch), bob.write(b.batch)]);
    const t = await whole(session.user());
    const got = records(t);
    expect(got.map((r) => r.values['文件标题']).sort()).toEqual(['乙', '甲']);
    // The template's empty row was filled by one of them and the other went below it: no row lost, none blank.
    expect(t.rowCount).toBe(2);
    const serial = serialField(spec)!;
    const column = HEADERS.indexOf(serial.name);
    const numbered = t.rows.flatMap((row, i) => (blank(row) ? [] : [{ row: t.firstRow + i, value: row[column] === null ? null : String(row[column]) }]));
    const duplicates = numberingProblems(compilePattern(serial.rules.pattern!), numbered).filter((p) => p.kind === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ value: a.number });
    const audit = (await session.user().read({ sheets: [AUDIT_SHEET] })).sheets[AUDIT_SHEET]!;
    expect(audit).toHaveLength(3);
  });

  it('replaces a sheet’s content whole and writes ranges in place', async () => {
    const port = session.user();
    await port.read({ sheets: [SETTINGS_SHEET] });
    const first = [['状态', '数量', '说明'], ['已办结', 2, '=不是公式'], ['待办公室主任拟办', 1, '2026-03-15']];
    await port.write({ sheetWrites: [{ sheet: '统计', rows: first }] });
    expect((await port.read({ sheets: ['统计'] })).sheets['统计']).toEqual(first);
    const second = [['状态', '数量'], ['已办结', 3]];
    await port.write({ sheetWrites: [{ sheet: '统计', rows: second }] });
    expect((await port.read({ sheets: ['统计'] })).sheets['统计']).toEqual(second);
    const before = (await port.read({ sheets: [SETTINGS_SHEET] })).sheets[SETTINGS_SHEET]!;
    await port.write({ rangeWrites: [{ sheet: SETTINGS_SHEET, row: 2, column: 7, rows: [['王建国'], ['+李志华']] }] });
    const after = (await port.read({ sheets: [SETTINGS_SHEET] })).sheets[SETTINGS_SHEET]!;
    expect([after[1][6], after[2][6]]).toEqual(['王建国', '+李志华']);
    expect(after.map((r) => r.filter((_, j) => j !== 6))).toEqual(before.map((r) => r.filter((_, j) => j !== 6)));
  });

  it('copies table cells into a sheet written whole, by header, and says what it copied', async () => {
    const port = session.user();
    // Text that would be a formula or a number if typed, so the copy must keep it as it is in the table.
    const numbers = ['SW-2026-0001', '=SUM(A1)', '+86 0731', '０４２'];
    await port.write({ appends: [{ table: TABLE, rows: numbers.map((n) => recordToRow(spec, record({ ...VALID, 收文编号: n }))) }] });
    await port.read({ tables: [{ table: TABLE, columns: ['收文日期'] }] });
    const rows = [['逾期清单'], ['登记表', '编号'], ...[1, 2, 3].map(() => ['收文登记', null])];
    const copies = [3, 0, 2].map((row, i) => ({ cell: `B${3 + i}`, table: TABLE, row, column: '收文编号' }));
    const result = await port.write({ sheetWrites: [{ sheet: '汇总', rows, copies }] });
    expect(result.copied).toEqual({ '汇总!B3': '０４２', '汇总!B4': 'SW-2026-0001', '汇总!B5': '+86 0731' });
    const sheet = (await session.user().read({ sheets: ['汇总'] })).sheets['汇总']!;
    expect(sheet.slice(2).map((r) => r[1] ?? null)).toEqual(['０４２', 'SW-2026-0001', '+86 0731']);
  });

  it('a copy from a column renamed since the read is refused by the structure guard, writing nothing', async () => {
    const port = session.user();
    await port.write({ appends: [{ table: TABLE, rows: [recordToRow(spec, record({ ...VALID, 收文编号: 'SW-2026-0001' }))] }] });
    await port.write({ sheetWrites: [{ sheet: '汇总', rows: [['旧的']] }] });
    await port.read({ tables: [{ table: TABLE, columns: ['收文日期'] }] });
    await session.edit.renameHeader(TABLE, 0, '编号');
    const before = await session.user().read({ tables: [TABLE], sheets: ['汇总'] });
    const error = await port.write({ sheetWrites: [{ sheet: '汇总', rows: [['新的'], [null]], copies: [{ cell: 'A2', table: TABLE, row: 0, column: '收文编号' }] }] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StructureGuardError);
    expect(await session.user().read({ tables: [TABLE], sheets: ['汇总'] })).toEqual(before);
  });

  it('property: any record appended is read back exactly', async () => {
    const port = session.user();
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary(spec), { minLength: 1, maxLength: 5 }), async (recs) => {
        const before = records(await whole(port)).length;
        await port.write({ expectHeaders: { [TABLE]: HEADERS }, appends: [{ table: TABLE, rows: recs.map((r) => recordToRow(spec, r)) }] });
        const got = records(await whole(port));
        expect(got.slice(before)).toEqual(recs);
      }),
      { numRuns: 15, seed: 11 },
    );
  }, 120_000);
});
