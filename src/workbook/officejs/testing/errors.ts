/**
 * Errors shaped like OfficeExtension.Error: a `code` from Excel.ErrorCodes (or the RichApi codes for payload
 * limits), a message, and debugInfo naming the statement that failed — what add-in code catches in real Excel.
 */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

export const notLoaded = (prop: string, on: string) =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object (${on}) and call "context.sync()" on the associated request context.`,
    on,
  );
