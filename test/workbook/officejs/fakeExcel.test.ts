/**
 * The fake Excel is only worth its tests if it is as strict as Excel: each behaviour it claims to model
 * (fakeExcel.ts lists them with their sources) is pinned here.
 */
import ExcelJS from 'exceljs';
import { FakeExcel, FakeOfficeError, WorkbookModel } from '../../../src/workbook/officejs/testing/fakeExcel';
import type { FakeRequestContext } from '../../../src/workbook/officejs/testing/proxies';

function workbook(): FakeExcel {
  const model = new WorkbookModel();
  const sheet = model.addSheet('Sheet1');
  model.addSheet('_hidden').visibility = 'VeryHidden';
  sheet.put(1, 1, { value: '编号' });
  sheet.put(1, 2, { value: '标题' });
  sheet.put(1, 3, { value: '日期' });
  sheet.columnFormats.set(2, '@');
  sheet.columnFormats.set(3, 'yyyy-mm-dd');
  model.addTable(sheet, { top: 1, left: 1, bottom: 2, right: 3 }, 'tz_t');
  return new FakeExcel(model);
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (e) {
    return (e as FakeOfficeError).code;
  }
}

const sheetOf = (ctx: FakeRequestContext) => ctx.workbook.worksheets.getItem('Sheet1');

/** Queues what `fn` asks in one Excel.run and syncs: the error code it fails with, or undefined. */
const attempt = (excel: FakeExcel, fn: (ctx: FakeRequestContext) => void) =>
  code(
    excel.run(async (ctx) => {
      fn(ctx);
      await ctx.sync();
    }),
  );

describe('fake Excel: proxies, load and sync', () => {
  it('a property can be read only after load and sync, and not after a set', async () => {
    const excel = workbook();
    await excel.run(async (ctx) => {
      const range = sheetOf(ctx).getRange('A1:B1');
      expect(() => range.values).toThrow(/not available/);
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([['编号', '标题']]);
      expect(() => range.address).toThrow(/not available/);
      range.values = [['x', 'y']];
      await ctx.sync();
      expect(range.values).toEqual([['编号', '标题']]);
      range.load('values');
      await ctx.sync();
      expect(range.values).toEqual([['x', 'y']]);
    });
  });

  it('counts syncs and measures them; a request over the limit throws and runs nothing', async () => {
    const excel = new FakeExcel(workbook().model, { limits: { payloadBytes: 2_000 } });
    const big = [[ 'x'.repeat(3_000) ]];
    const c = await code(
      excel.run(async (ctx) => {
        sheetOf(ctx).getRange('D1').values = [['ran']];
        sheetOf(ctx).getRange('E1').values = big;
        await ctx.sync();
      }),
    );
    expect(c).toBe('RequestPayloadSizeLimitExceeded');
    expect(excel.model.sheet('Sheet1')!.value(1, 4)).toBeUndefined();
    expect(excel.syncCount).toBe(1);
    expect(excel.stats.syncs[0].requestBytes).toBeGreaterThan(3_000);
  });

  it('a response over the limit throws after the batch ran (its writes stay)', async () => {
    const excel = new FakeExcel(workbook().model, { limits: { payloadBytes: 2_000 } });
    excel.model.sheet('Sheet1')!.put(5, 1, { value: '台'.repeat(1_000) });
    const c = await code(
      excel.run(async (ctx) => {
        sheetOf(ctx).getRange('D1').values = [['ran']];
        sheetOf(ctx).getRange('A5').load('values');
        await ctx.sync();
      }),
    );
    expect(c).toBe('ResponsePayloadSizeLimitExceeded');
    expect(excel.model.sheet('Sheet1')!.value(1, 4)).toBe('ran');
  });

  it('values must have the range shape; null is refused; a range over the cell limit is refused', async () => {
    const excel = new FakeExcel(workbook().model, { limits: { cells: 10 } });
    const run = (fn: (ctx: FakeRequestContext) => void) => attempt(excel, fn);
    expect(await run((ctx) => (sheetOf(ctx).getRange('A5:B5').values = [['a']]))).toBe('InvalidArgument');
    expect(await run((ctx) => (sheetOf(ctx).getRange('A5:B6').values = [['a', 'b']]))).toBe('InvalidArgument');
    expect(await run((ctx) => (sheetOf(ctx).getRange('A5').values = 'a' as unknown as string[][]))).toBe('InvalidArgument');
    expect(await run((ctx) => (sheetOf(ctx).getRange('A5').values = [[null as unknown as string]]))).toBe('InvalidArgument');
    expect(await run((ctx) => void sheetOf(ctx).getRange('A1:A11').load('values'))).toBe('RangeExceedsLimit');
    expect(await run((ctx) => (sheetOf(ctx).getRange('A5:B5').values = [['a', 'b']]))).toBeUndefined();
  });

  it('a failing action stops the batch; what ran before it stays (no rollback)', async () => {
    const excel = workbook();
    const c = await code(
      excel.run(async (ctx) => {
        sheetOf(ctx).getRange('D1').values = [['first']];
        ctx.workbook.worksheets.getItem('没有').getRange('A1').values = [['never']];
        sheetOf(ctx).getRange('D2').values = [['after']];
        await ctx.sync();
      }),
    );
    expect(c).toBe('ItemNotFound');
    expect(excel.model.sheet('Sheet1')!.value(1, 4)).toBe('first');
    expect(excel.model.sheet('Sheet1')!.value(2, 4)).toBeUndefined();
  });

  it('*OrNullObject: isNullObject after sync; using a null object fails the batch', async () => {
    const excel = workbook();
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('没有');
      const there = ctx.workbook.worksheets.getItemOrNullObject('Sheet1');
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect([missing.isNullObject, there.isNullObject]).toEqual([true, false]);
      missing.getRange('A1').load('values');
      expect((await code(ctx.sync()))).toBe('ItemNotFound');
    });
  });

  it('object paths resolve when first used: a range built before a write but used after it sees the write', async () => {
    const excel = workbook();
    await excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem('tz_t');
      const early = table.getRange().getRowsBelow(1).load('address');
      const late = table.getRange().getRowsBelow(1);
      ctx.workbook.tables.getItem('tz_t').resize('A1:C5');
      late.load('address');
      await ctx.sync();
      expect(early.address).toBe('Sheet1!A3:C3');
      expect(late.address).toBe('Sheet1!A6:C6');
    });
  });

  it('objects belong to their Excel.run; a run that ends with unsynced actions throws', async () => {
    const excel = workbook();
    let kept: ReturnType<FakeRequestContext['workbook']['worksheets']['getItem']> | undefined;
    await excel.run(async (ctx) => {
      kept = sheetOf(ctx);
      await ctx.sync();
    });
    expect(() => kept!.getRange('A1').load('values')).toThrow(/no longer valid/);
    expect(await code(excel.run(async (ctx) => void sheetOf(ctx).getRange('A1').load('values')))).toBe('InvalidOperation');
  });
});

describe('fake Excel: what a written value becomes', () => {
  async function enter(value: string | number, address: string, format?: string) {
    const excel = workbook();
    return excel.run(async (ctx) => {
      const range = sheetOf(ctx).getRange(address);
      if (format) range.numberFormat = [[format]];
      range.values = [[value]];
      range.load('values,formulas,numberFormat,valueTypes');
      await ctx.sync();
      return { value: range.values[0][0], formula: range.formulas[0][0], format: range.numberFormat[0][0], type: range.valueTypes[0][0] };
    });
  }

  it.each([
    ['=1+1', { value: '#NAME?', formula: '=1+1' }],
    ['+abc', { value: '#NAME?', formula: '=+abc' }],
    ['-abc', { value: '#NAME?', formula: '=-abc' }],
    ['@user', { value: '#NAME?', formula: '=user' }],
    ['-5', { value: -5 }],
    ['00123', { value: 123 }],
    ['１２３', { value: 123 }],
    ['1,234', { value: 1234 }],
    ['50%', { value: 0.5, format: '0%' }],
    ['2026-03-15', { value: 46096, format: 'yyyy-mm-dd' }],
    ['2026年3月15日', { value: 46096, format: 'yyyy-mm-dd' }],
    ['09:30', { value: 0.395833333333333, format: 'h:mm' }],
    ['TRUE', { value: true }],
    ['普通文字', { value: '普通文字' }],
  ])('typed into a General cell, %j becomes %j', async (typed, want) => {
    expect(await enter(typed, 'E5')).toMatchObject(want);
  });

  it.each(['=1+1', '+86 138', '-5', '@user', '00123', '１２３', '2026-03-15', 'TRUE'])('in a Text (@) cell %j stays text', async (typed) => {
    expect(await enter(typed, 'E5', '@')).toMatchObject({ value: typed, type: 'String' });
  });

  it.each(['=1+1', '-5', '00123', "'already"])('with the quote prefix %j is text in any format, without the apostrophe', async (typed) => {
    expect(await enter(`'${typed}`, 'E5')).toMatchObject({ value: typed, formula: `'${typed}` });
    expect(await enter(`'${typed}`, 'E5', '@')).toMatchObject({ value: typed });
  });

  it('holds 32,767 characters and refuses one more; keeps 15 significant digits', async () => {
    expect((await enter('台'.repeat(32_767), 'E5', '@')).value).toHaveLength(32_767);
    await expect(enter('台'.repeat(32_768), 'E5', '@')).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect((await enter(0.1234567890123456789, 'E5')).value).toBe(0.123456789012346);
  });
});

describe('fake Excel: tables, validation, sheets, charts, undo', () => {
  it('takes rows written right below a table into it only when their first cell is filled (AutoExpansion, pessimistic)', async () => {
    const excel = workbook();
    await excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem('tz_t');
      table.getRange().getRowsBelow(1).values = [['', 'no first cell', '']];
      await ctx.sync();
    });
    expect(excel.model.table('tz_t')!.rect).toEqual({ top: 1, left: 1, bottom: 2, right: 3 });
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A3:C3').values = [['x', '', '']];
      await ctx.sync();
    });
    expect(excel.model.table('tz_t')!.rect.bottom).toBe(3);
  });

  it('resize keeps the header row and must overlap; cells in a table cannot be merged; rows.add is counted', async () => {
    const excel = workbook();
    const run = (fn: (ctx: FakeRequestContext) => void) => attempt(excel, fn);
    expect(await run((ctx) => ctx.workbook.tables.getItem('tz_t').resize('A2:C9'))).toBe('InvalidArgument');
    expect(await run((ctx) => ctx.workbook.tables.getItem('tz_t').resize('E1:F9'))).toBe('InvalidArgument');
    expect(await run((ctx) => sheetOf(ctx).getRange('A2:B2').merge())).toBe('InvalidOperation');
    expect(await run((ctx) => ctx.workbook.tables.getItem('tz_t').rows.add(null, [['a', 'b', 'c']]))).toBeUndefined();
    expect(excel.stats.tableRowsAdd).toBe(1);
    expect(await run((ctx) => ctx.workbook.tables.getItem('tz_t').resize('A1:D9'))).toBeUndefined();
    expect(excel.model.tableColumns(excel.model.table('tz_t')!)).toEqual(['编号', '标题', '日期', 'Column1']);
  });

  it('data validation does not stop a value written through the API; `valid` reports it', async () => {
    const excel = workbook();
    await excel.run(async (ctx) => {
      const body = ctx.workbook.tables.getItem('tz_t').columns.getItem('编号').getDataBodyRange();
      body.dataValidation.rule = { wholeNumber: { formula1: 1, formula2: 9, operator: 'Between' } };
      body.values = [[42]];
      body.dataValidation.load('valid,type');
      await ctx.sync();
      expect(body.dataValidation.valid).toBe(false);
      expect(body.dataValidation.type).toBe('WholeNumber');
    });
    expect(excel.model.sheet('Sheet1')!.value(2, 1)).toBe(42);
  });

  it('worksheets: very hidden, at least one visible, Excel’s names', async () => {
    const excel = workbook();
    const run = (fn: (ctx: FakeRequestContext) => void) => attempt(excel, fn);
    await excel.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load('items/name,items/visibility');
      await ctx.sync();
      expect(list.items.map((s) => [s.name, s.visibility])).toEqual([['Sheet1', 'Visible'], ['_hidden', 'VeryHidden']]);
    });
    expect(await run((ctx) => (sheetOf(ctx).visibility = 'Hidden'))).toBe('InvalidOperation');
    expect(await run((ctx) => ctx.workbook.worksheets.add('a/b'))).toBe('InvalidArgument');
    expect(await run((ctx) => ctx.workbook.worksheets.add('x'.repeat(32)))).toBe('InvalidArgument');
    expect(await run((ctx) => ctx.workbook.worksheets.add('sheet1'))).toBe('ItemAlreadyExists');
    expect(await run((ctx) => ctx.workbook.worksheets.getItem('_hidden').activate())).toBe('InvalidOperation');
  });

  it('copyFrom "Values": the source’s values as constants (a formula’s result, text kept as text), the destination’s format kept', async () => {
    const excel = workbook();
    const other = excel.model.addSheet('汇 总');
    other.put(1, 2, { value: undefined }, '0.00');
    const sheet = excel.model.sheet('Sheet1')!;
    sheet.put(2, 1, { value: 3, formula: '=1+2' });
    sheet.put(2, 2, { value: '=SUM(A1)', quotePrefix: true });
    const loaded = await excel.run(async (ctx) => {
      const target = ctx.workbook.worksheets.getItem('汇 总').getRange('A1:B1');
      target.copyFrom('Sheet1!A2:B2', 'Values');
      ctx.workbook.worksheets.getItem('汇 总').getRange('A2').copyFrom(sheetOf(ctx).getRange('A1'), 'Values');
      target.load('values,formulas,numberFormat');
      await ctx.sync();
      return { values: target.values, formulas: target.formulas, numberFormat: target.numberFormat };
    });
    expect(loaded).toEqual({ values: [[3, '=SUM(A1)']], formulas: [[3, '=SUM(A1)']], numberFormat: [['General', '0.00']] });
    expect(other.value(2, 1)).toBe('编号');
    expect(other.cell(1, 2).formula).toBeUndefined();
    expect(await attempt(excel, (ctx) => sheetOf(ctx).getRange('D1').copyFrom('A1', 'All' as 'Values'))).toBe('InvalidArgument');
  });

  it('notes: Worksheet.notes.add keeps a note on one cell on ExcelApi 1.18; below it the batch fails with ApiNotFound', async () => {
    const excel = new FakeExcel(workbook().model, { apiVersion: 18 });
    expect(await attempt(excel, (ctx) => sheetOf(ctx).notes.add('B1', '必填'))).toBeUndefined();
    expect([...excel.model.sheet('Sheet1')!.notes]).toEqual([['B1', '必填']]);
    const older = new FakeExcel(workbook().model, { apiVersion: 17 });
    expect(await attempt(older, (ctx) => sheetOf(ctx).notes.add('B1', '必填'))).toBe('ApiNotFound');
  });

  it('charts: added over a range of their sheet, named, deleted', async () => {
    const excel = workbook();
    await excel.run(async (ctx) => {
      const ws = sheetOf(ctx);
      const chart = ws.charts.add('ColumnClustered', ws.getRange('A1:C2'), 'Auto');
      chart.title.text = '按状态';
      chart.setPosition('E2');
      chart.load('name');
      await ctx.sync();
      expect(chart.name).toBe('Chart 1');
      ws.charts.getItem('Chart 1').delete();
      const count = ws.charts.getCount();
      await ctx.sync();
      expect(count.value).toBe(0);
    });
  });

  it('undo: one step per changing sync, one per run with mergeUndoGroup on ExcelApi 1.20 only', async () => {
    const twoSyncs = async (excel: FakeExcel, merge: boolean) => {
      await excel.run({ mergeUndoGroup: merge }, async (ctx) => {
        sheetOf(ctx).getRange('E1').values = [['a']];
        await ctx.sync();
        sheetOf(ctx).getRange('E1').load('values');
        await ctx.sync();
        sheetOf(ctx).getRange('E2').values = [['b']];
        await ctx.sync();
      });
      return excel.stats.undoSteps;
    };
    expect(await twoSyncs(workbook(), false)).toBe(2);
    expect(await twoSyncs(workbook(), true)).toBe(1);
    expect(await twoSyncs(new FakeExcel(workbook().model, { apiVersion: 19 }), true)).toBe(2);
  });
});

describe('fake Excel: inserting sheets from a file (insertWorksheetsFromBase64), used range of a range', () => {
  /** A small source workbook: a list sheet, a sheet with a table whose validation and a formula point at it. */
  async function source(options: { note?: boolean; hidden?: boolean; table?: string } = {}): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const lists = wb.addWorksheet('清单');
    ['甲', '乙'].forEach((v, i) => (lists.getCell(i + 1, 1).value = v));
    const reg = wb.addWorksheet('登记', options.hidden ? { state: 'veryHidden' } : {});
    reg.addTable({ name: options.table ?? 'tz_new', ref: 'A1', headerRow: true, columns: [{ name: '编号' }, { name: '部门' }], rows: [[null, null]] });
    reg.getColumn(1).numFmt = '@';
    (reg as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('B2:B100', {
      type: 'list', allowBlank: true, formulae: ["'清单'!$A$1:$A$2"], showInputMessage: true, promptTitle: '部门', prompt: '请选择',
    } as ExcelJS.DataValidation);
    reg.mergeCells('D5:E5');
    reg.getCell('G1').value = { formula: `COUNTA(${options.table ?? 'tz_new'}[编号])` } as ExcelJS.CellFormulaValue;
    reg.getCell('G2').value = { formula: "'清单'!A1" } as ExcelJS.CellFormulaValue;
    if (options.note) reg.getCell('A1').note = '必填';
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  const insert = (excel: FakeExcel, base64: string, options: Parameters<FakeRequestContext['workbook']['insertWorksheetsFromBase64']>[1]) =>
    excel.run(async (ctx) => {
      const ids = ctx.workbook.insertWorksheetsFromBase64(base64, options);
      await ctx.sync();
      return ids.value;
    });

  it('inserts copies of the named sheets where asked, with values, formats, merges, validation and tables; returns their ids', async () => {
    const excel = workbook();
    const ids = await insert(excel, await source({ hidden: true }), { sheetNamesToInsert: ['清单', '登记'], positionType: 'Before', relativeTo: '_hidden' });
    const model = excel.model;
    expect(model.sheets.map((s) => [s.name, s.visibility])).toEqual([['Sheet1', 'Visible'], ['清单', 'Visible'], ['登记', 'Visible'], ['_hidden', 'VeryHidden']]);
    expect(ids).toEqual([model.sheet('清单')!.id, model.sheet('登记')!.id]);
    const reg = model.sheet('登记')!;
    expect(model.table('tz_new')).toMatchObject({ sheet: reg, rect: { top: 1, left: 1, bottom: 2, right: 2 } });
    expect(reg.format(2, 1)).toBe('@');
    expect(reg.merges).toEqual([{ top: 5, left: 4, bottom: 5, right: 5 }]);
    expect(reg.validations.map((v) => [v.rect, v.prompt?.title])).toEqual([[{ top: 2, left: 2, bottom: 100, right: 2 }, '部门']]);
    expect(model.sheet('清单')!.value(2, 1)).toBe('乙');
    expect(excel.stats.undoSteps).toBe(1);
    // Only the sheets asked for; all of them when the list is empty, at the end by default.
    const again = workbook();
    await insert(again, await source(), { sheetNamesToInsert: ['登记'] });
    expect(again.model.sheets.map((s) => s.name)).toEqual(['Sheet1', '_hidden', '登记']);
    const all = workbook();
    await insert(all, await source(), { sheetNamesToInsert: [] });
    expect(all.model.sheets.map((s) => s.name)).toEqual(['Sheet1', '_hidden', '清单', '登记']);
  });

  it('as Excel on the web: references to other sheets and to tables become links to the source file', async () => {
    const excel = workbook();
    await insert(excel, await source(), {});
    const reg = excel.model.sheet('登记')!;
    expect(reg.cell(1, 7).formula).toBe(`=COUNTA('source.xlsx'!tz_new[编号])`);
    expect(reg.cell(2, 7).formula).toBe(`='[source.xlsx]清单'!A1`);
    expect(reg.validations[0].rule.list?.source).toBe(`='[source.xlsx]清单'!$A$1:$A$2`);
  });

  it('refuses the whole insert on a name clash, comments, an unknown sheet, a file that is not a workbook', async () => {
    const cases: [string, string, Promise<string>, Parameters<typeof insert>[2]][] = [
      ['a sheet name taken', 'ItemAlreadyExists', source(), {}],
      ['a table name taken (in any case)', 'ItemAlreadyExists', source({ table: 'TZ_T' }), {}],
      ['a cell note (comment)', 'UnsupportedFeature', source({ note: true }), {}],
      ['a sheet the file does not have', 'InvalidArgument', source(), { sheetNamesToInsert: ['没有'] }],
      ['not a workbook', 'InvalidArgument', Promise.resolve(Buffer.from('not a workbook').toString('base64')), {}],
      ['After without relativeTo', 'InvalidArgument', source(), { positionType: 'After' }],
    ];
    for (const [what, expected, file, options] of cases) {
      const excel = workbook();
      if (what.startsWith('a sheet name')) excel.model.addSheet('清单');
      const before = { sheets: excel.model.sheets.map((s) => s.name), tables: excel.model.tables.map((t) => t.name) };
      expect({ what, code: await code(insert(excel, await file, options)) }).toEqual({ what, code: expected });
      expect({ sheets: excel.model.sheets.map((s) => s.name), tables: excel.model.tables.map((t) => t.name) }).toEqual(before);
    }
  });

  it('the used range of a range is the sheet’s used range within it; none is ItemNotFound or a null object', async () => {
    const excel = workbook();
    excel.model.sheet('Sheet1')!.put(6, 9, { value: '远处' });
    await excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem('tz_t').getRange().getUsedRange(true).load('address');
      const wide = sheetOf(ctx).getRange('A1:C9').getUsedRange(true).load('address');
      const none = sheetOf(ctx).getRange('K1:K9').getUsedRangeOrNullObject(true);
      await ctx.sync();
      expect(table.address).toBe('Sheet1!A1:C2');
      // A value lower down elsewhere on the sheet extends it.
      expect(wide.address).toBe('Sheet1!A1:C6');
      expect(none.isNullObject).toBe(true);
    });
    expect(await code(excel.run(async (ctx) => {
      sheetOf(ctx).getRange('K1:K9').getUsedRange(true).load('address');
      await ctx.sync();
    }))).toBe('ItemNotFound');
  });
});
