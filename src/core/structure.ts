/**
 * Structure guard: before anything is written, the table as it is now must match the column map the register
 * was created with. A moved, renamed, inserted or deleted column, merged cells in the body or rows pasted
 * below the table are reported by column and nothing is written.
 */
import { columnName } from './a1';
import type { RegisterMeta } from './metadata';

export interface StructureProblem {
  register: string;
  sheet: string;
  kind: 'missingTable' | 'renamed' | 'moved' | 'missing' | 'inserted' | 'merged' | 'rowsOutside';
  column?: string;
  message: string;
  messageEn: string;
}

export interface TableShape {
  sheet: string;
  headers: string[];
  mergedInBody: string[];
  rowsBelow: number;
}

/** Only what the check compares is needed of the register, so the port's guard can check a bare table too. */
export type StructureExpectation = Pick<RegisterMeta, 'name' | 'sheet' | 'table' | 'headers'>;

export function checkStructure(meta: StructureExpectation, shape: TableShape | null): StructureProblem[] {
  const base = { register: meta.name, sheet: meta.sheet };
  if (!shape)
    return [{ ...base, kind: 'missingTable', message: `找不到“${meta.name}”的表格 ${meta.table}(工作表或表格被删除或改名)`, messageEn: `Table ${meta.table} of "${meta.name}" is missing (sheet or table deleted or renamed)` }];
  const problems: StructureProblem[] = [];
  const expected = meta.headers;
  const actual = shape.headers;
  const where = `${shape.sheet}!`;
  const colName = (i: number) => columnName(i + 1);
  const expectedSet = new Set(expected);
  const actualSet = new Set(actual);
  for (const h of expected) {
    if (!actualSet.has(h)) {
      const i = expected.indexOf(h);
      const now = actual[i];
      if (now !== undefined && !expectedSet.has(now))
        problems.push({ ...base, kind: 'renamed', column: h, message: `${where}${colName(i)}1 列“${h}”被改名为“${now}”`, messageEn: `${where}${colName(i)}1 column "${h}" was renamed to "${now}"` });
      else problems.push({ ...base, kind: 'missing', column: h, message: `列“${h}”被删除`, messageEn: `Column "${h}" was deleted` });
    }
  }
  for (const [i, h] of actual.entries()) {
    if (!expectedSet.has(h) && !(expected[i] !== undefined && !actualSet.has(expected[i])))
      problems.push({ ...base, kind: 'inserted', column: h, message: `${where}${colName(i)}1 插入了未知列“${h}”`, messageEn: `${where}${colName(i)}1 unknown column "${h}" was inserted` });
  }
  if (problems.length === 0) {
    for (const [i, h] of expected.entries()) {
      if (actual[i] !== h) {
        problems.push({ ...base, kind: 'moved', column: h, message: `列“${h}”被移动:应在 ${colName(i)} 列,现在在 ${colName(actual.indexOf(h))} 列`, messageEn: `Column "${h}" was moved from ${colName(i)} to ${colName(actual.indexOf(h))}` });
        break;
      }
    }
  }
  for (const ref of shape.mergedInBody)
    problems.push({ ...base, kind: 'merged', message: `${where}${ref} 有合并单元格:请取消合并`, messageEn: `${where}${ref} has merged cells: unmerge them` });
  if (shape.rowsBelow > 0)
    problems.push({ ...base, kind: 'rowsOutside', message: `${shape.sheet} 表格下方有 ${shape.rowsBelow} 行数据不在表格内(粘贴到了表格外):请把它们并入表格或移走`, messageEn: `${shape.rowsBelow} row(s) below the table in ${shape.sheet} are outside it` });
  return problems;
}
