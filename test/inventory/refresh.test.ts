import ExcelJS from 'exceljs';
import { dateToSerial } from '../../src/core/cells';
import { analysisFromRead, ledgerReadRequest } from '../../src/inventory/refresh';
import { ExcelJsWorkbook } from '../../src/workbook/exceljs/adapter';
import { defaultGenerateOptions, generateLedger, ledgerWorkbook, supplySpecs } from '../support/suppliesLedger';

describe('refresh analysis through the WorkbookPort', () => {
  it('needs one read and returns the results with the sheets to write', async () => {
    const { settings } = supplySpecs();
    const data = generateLedger({ ...defaultGenerateOptions(settings, 11), items: 6 });
    const port = new ExcelJsWorkbook(await ledgerWorkbook(data));
    const reads: unknown[] = [];
    const read = port.read.bind(port);
    port.read = async (request) => (reads.push(request), read(request));
    const refresh = analysisFromRead(await port.read(ledgerReadRequest()), { asOf: dateToSerial(data.asOf)! });
    expect(reads).toHaveLength(1);
    if (!refresh.ok) throw new Error(refresh.message);
    expect(refresh.layouts.map((l) => l.name)).toEqual(['消耗分析', '采购计划', '消耗明细']);
    expect(refresh.layouts[0].charts).toHaveLength(3);
    expect(refresh.result.stock).toHaveLength(6);
  });

  it('says so when the workbook has no supplies registers', async () => {
    const port = new ExcelJsWorkbook(new ExcelJS.Workbook());
    const refresh = analysisFromRead(await port.read(ledgerReadRequest()), { asOf: 46000 });
    expect(refresh).toEqual({ ok: false, message: expect.stringContaining('没有办公用品登记表'), messageEn: expect.stringContaining('no supplies') });
  });
});
