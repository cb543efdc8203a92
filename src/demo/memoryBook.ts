/**
 * A workbook held as plain arrays: register tables, the audit log and other sheets. The demo simulates a year of
 * office work on it (each action planned by core and applied here, exactly what a port.write would do), and
 * tests use it to run actions without a spreadsheet library.
 */
import type { CellValue } from '../core/cells';
import { AUDIT_HEADER } from '../core/auditLayout';
import { AUDIT_SHEET } from '../core/layout';
import type { RegisterMeta } from '../core/metadata';
import type { TableSnapshot, WriteBatch } from '../workbook/port';

export class MemoryBook {
  readonly tables = new Map<string, TableSnapshot>();
  readonly sheets = new Map<string, CellValue[][]>();

  constructor(metas: RegisterMeta[], settingsRows: CellValue[][] = []) {
    for (const m of metas)
      this.tables.set(m.table, { table: m.table, sheet: m.sheet, headers: [...m.headers], rows: [], rowCount: 0, rowStart: 0, readColumns: null, firstRow: 2, firstColumn: 1, mergedInBody: [], rowsBelow: 0 });
    this.sheets.set(AUDIT_SHEET, [[...AUDIT_HEADER]]);
    this.sheets.set('设置', settingsRows);
  }

  /** The live snapshot (not a copy): plans only read it. */
  table(name: string): TableSnapshot {
    const t = this.tables.get(name);
    if (!t) throw new Error(`No table ${name}`);
    return t;
  }

  get audit(): CellValue[][] {
    return this.sheets.get(AUDIT_SHEET)!;
  }

  apply(batch: WriteBatch): void {
    for (const [table, headers] of Object.entries(batch.expectHeaders ?? {})) {
      const t = this.table(table);
      if (t.headers.join('\u0000') !== headers.join('\u0000')) throw new Error(`Structure of ${table} changed`);
    }
    for (const u of batch.updates ?? []) {
      const t = this.table(u.table);
      if (!t.rows[u.row] || u.column >= t.headers.length) throw new Error(`Update outside ${u.table}`);
      t.rows[u.row][u.column] = u.value;
    }
    for (const a of batch.appends ?? []) {
      const t = this.table(a.table);
      for (const row of a.rows) t.rows.push(t.headers.map((_, i) => row[i] ?? null));
      t.rowCount = t.rows.length;
    }
    for (const a of batch.sheetAppends ?? []) {
      const rows = this.sheets.get(a.sheet);
      if (!rows) throw new Error(`No sheet ${a.sheet}`);
      rows.push(...a.rows.map((r) => [...r]));
    }
    for (const w of batch.sheetWrites ?? []) this.sheets.set(w.sheet, w.rows.map((r) => [...r]));
  }
}
