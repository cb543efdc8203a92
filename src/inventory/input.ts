/**
 * The supplies ledgers through the WorkbookPort: one read of the six register tables (found by spec id, tz_<id>)
 * and the 设置 sheet, whatever the host. The add-in's refresh and the CLI use this same request.
 */
import { SETTINGS_SHEET } from '../core/layout';
import type { ReadRequest, ReadResult } from '../workbook/port';
import { LEDGER_KINDS, SUPPLY_REGISTERS, type LedgerKind } from './fields';
import { LedgerBuilder, type Ledger } from './ledger';

export const ledgerTable = (kind: LedgerKind) => `tz_${SUPPLY_REGISTERS[kind]}`;

export function ledgerReadRequest(): ReadRequest {
  return { tables: LEDGER_KINDS.map(ledgerTable), sheets: [SETTINGS_SHEET] };
}

/** True when the workbook has none of the supplies registers: nothing to analyse at all. */
export function hasNoSupplies(result: ReadResult): boolean {
  return LEDGER_KINDS.every((k) => !result.tables[ledgerTable(k)]);
}

export function ledgerFromReadResult(result: ReadResult): Ledger {
  const builder = new LedgerBuilder();
  for (const kind of LEDGER_KINDS) {
    const table = result.tables[ledgerTable(kind)];
    if (!table) {
      builder.missing(kind);
      continue;
    }
    if (!builder.begin(kind, table.sheet, table.headers)) continue;
    table.rows.forEach((row, i) => builder.row(kind, table.firstRow + i, row));
  }
  const settings = result.sheets[SETTINGS_SHEET];
  if (settings) builder.settings(settings);
  return builder.finish();
}
