/**
 * The supplies ledgers through the WorkbookPort: one read of the six register tables (found by spec id, tz_<id>)
 * and the 设置 sheet, whatever the host. The add-in's refresh and the CLI use this same request.
 */
import { SETTINGS_SHEET } from '../core/layout';
import type { ReadRequest, ReadResult } from '../workbook/port';
import { LEDGER_KINDS, READ_FIELDS, SUPPLY_REGISTERS, type LedgerKind } from './fields';
import { LedgerBuilder, type Ledger } from './ledger';

export const ledgerTable = (kind: LedgerKind) => `tz_${SUPPLY_REGISTERS[kind]}`;

/**
 * Only the columns the analysis reads: a 领用 register of 10,000 rows then fits one response of Excel on the web
 * (its 23 columns would not), and the result is the same as from the whole table.
 */
export function ledgerReadRequest(): ReadRequest {
  return { tables: LEDGER_KINDS.map((kind) => ({ table: ledgerTable(kind), columns: [...READ_FIELDS[kind]] })), sheets: [SETTINGS_SHEET] };
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
