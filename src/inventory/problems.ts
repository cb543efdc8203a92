/** Problems found in the ledgers: data with a location (sheet and 1-based worksheet row), in zh-CN and en-US. */
export type ProblemCode =
  | 'missingRegister'
  | 'missingField'
  | 'duplicateRegister'
  | 'unknownItem'
  | 'duplicateItem'
  | 'blankItem'
  | 'notNumber'
  | 'notInteger'
  | 'negativeQuantity'
  | 'badDate'
  | 'badMonth'
  | 'blankDepartment'
  | 'negativeStock'
  | 'futureStocktake'
  | 'bookMismatch'
  | 'zeroPrice'
  | 'missingPrice'
  | 'amountMismatch'
  | 'unsigned'
  | 'badCatalogValue'
  | 'unknownStatus';

export interface Problem {
  code: ProblemCode;
  sheet: string;
  /** 1-based worksheet row; null for a problem with a whole register. */
  row: number | null;
  field?: string;
  message: string;
  messageEn: string;
}

/** "办公用品领用!第 12 行" / the sheet alone for register-level problems. */
export function problemPlace(p: Problem): string {
  return p.row === null ? p.sheet : `${p.sheet}!第 ${p.row} 行`;
}

/** In the order of the given sheets (the registers' order), then by row; unknown sheets last. */
export function sortProblems(problems: Problem[], sheetOrder: readonly string[] = []): Problem[] {
  const rank = (sheet: string) => {
    const i = sheetOrder.indexOf(sheet);
    return i < 0 ? sheetOrder.length : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.sheet) - rank(b.p.sheet) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
