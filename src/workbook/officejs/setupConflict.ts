/**
 * A set-up refused because of what the workbook holds (a sheet or table of the same name, damaged metadata, too
 * much at once): nothing was changed. Its own module so that the first-load bundle can name it without loading
 * the set-up chunk (exceljs).
 */
export class SetupConflictError extends Error {
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} (${messageEn})`);
    this.name = 'SetupConflictError';
  }
}
