/**
 * The structure guard at the port: a write that names the header row it expects (WriteBatch.expectHeaders) is
 * refused whole when the table, as read in the same action, does not match it — a moved, renamed, inserted or
 * deleted column, merged cells in the body, rows pasted below. Both adapters use this one check.
 */
import { checkStructure, type StructureProblem } from '../core/structure';
import type { TableSnapshot } from './port';

export class StructureGuardError extends Error {
  constructor(readonly problems: StructureProblem[]) {
    super(`表格结构已被改动,未写入任何内容 (structure changed, nothing written): ${problems.map((p) => p.messageEn).join('; ')}`);
    this.name = 'StructureGuardError';
  }
}

/** Problems of one table against the headers the caller expects; the register is named by its sheet. */
export function guardProblems(table: string, expected: string[], snapshot: TableSnapshot | null): StructureProblem[] {
  const sheet = snapshot?.sheet ?? table;
  return checkStructure({ name: sheet, sheet, table, headers: expected }, snapshot);
}

/** Throws StructureGuardError when any expected table does not match. */
export function assertStructure(expect: Record<string, string[]> | undefined, snapshotOf: (table: string) => TableSnapshot | null): void {
  const problems = Object.entries(expect ?? {}).flatMap(([table, headers]) => guardProblems(table, headers, snapshotOf(table)));
  if (problems.length) throw new StructureGuardError(problems);
}

/** A column the write addresses by header was renamed or deleted after the action read the table. */
export function columnGone(sheet: string): StructureProblem {
  return {
    register: sheet,
    sheet,
    kind: 'missing',
    message: `“${sheet}”的表格在读取之后被改动(列被改名或删除),未写入任何内容:请重新打开登记表`,
    messageEn: `The table of "${sheet}" changed after it was read (a column renamed or deleted); nothing was written: open the register again`,
  };
}

/** A batch whose shape is wrong (a row wider than the table, an update past the last row) is refused whole too. */
export class WriteShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteShapeError';
  }
}
