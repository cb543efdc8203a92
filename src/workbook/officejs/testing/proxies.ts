/**
 * The fake's client object model: proxy objects that queue work on a request context and touch the workbook
 * only inside context.sync(), as Office.js does
 * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model):
 *
 * - A method that returns an object (getRange, getRowsBelow, tables.getItem…) only builds a path; the path is
 *   resolved when the first queued action that uses the object runs (lazy instantiation, as the Office.js
 *   runtime's ensureInstantiateObjectPath does), and stays bound to what it found for the rest of the run.
 *   Code that needs "the rows below the table as it is now" must use the object (load 'address') early.
 * - *OrNullObject objects are resolved eagerly, so isNullObject can be read after the next sync; any use of a
 *   null object's children fails the batch.
 * - Reading a property that was not loaded and synced throws PropertyNotLoaded, even right after setting it.
 * - A sync runs its actions in order; the first that fails stops the batch with the error, and what ran before it
 *   stays done (no rollback).
 * - Objects are bound to their context; using one after its Excel.run ended, or from another context, throws.
 */
import { type Rect, decodeRect, encodeRect, intersects } from '../../a1';
import { FakeOfficeError, notLoaded } from './errors';
import { MAX_COLUMNS, MAX_ROWS, type ChartModel, type ConditionalFormatModel, type SheetModel, type TableModel, type ValidationRule, type WorkbookModel } from './model';
import type { Scalar } from './entry';
import { type InsertOptions, type ParsedSource, insertSheets, parseSource } from './insert';

export const NULL = Symbol('null object');
type Null = typeof NULL;

export interface Limits {
  /** Bytes of one request and of one response (Excel on the web: 5 MB). */
  payloadBytes: number;
  /** Cells of one range read or written. */
  cells: number;
}

export interface ContextHost {
  readonly model: WorkbookModel;
  readonly limits: Limits;
  /** Minor version of the highest ExcelApi set the host has (1.18 → 18). */
  readonly apiVersion: number;
  onSync(record: { requestBytes: number; responseBytes: number; mutated: boolean; failed: boolean }): void;
  onTableRowsAdd(): void;
}

export interface Action {
  describe(): unknown;
  /**
   * Work done before the batch runs that the fake can only do asynchronously (parsing an .xlsx file with exceljs).
   * It must not reject: a failure is kept and thrown by run(), in the action's turn, as Excel would fail there.
   */
  prepare?: () => Promise<void>;
  /** Returns what the response carries for this action, if anything. */
  run(): { data: unknown; deliver: () => void } | void;
  mutates: boolean;
}

const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  private queue: Action[] = [];
  closed = false;

  constructor(
    readonly host: ContextHost,
    private readonly onMutatingSync: () => void,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  get model(): WorkbookModel {
    return this.host.model;
  }

  get pendingActions(): number {
    return this.queue.length;
  }

  enqueue(action: Action): void {
    if (this.closed)
      throw new FakeOfficeError('InvalidObjectPath', 'The request context is no longer valid: its Excel.run has finished. Objects cannot be used after their Excel.run.');
    this.queue.push(action);
  }

  async sync(): Promise<void> {
    if (this.closed) throw new FakeOfficeError('InvalidObjectPath', 'context.sync() after Excel.run finished');
    const actions = this.queue;
    this.queue = [];
    const requestBytes = utf8(actions.map((a) => a.describe()));
    const { limits } = this.host;
    if (requestBytes > limits.payloadBytes) {
      this.host.onSync({ requestBytes, responseBytes: 0, mutated: false, failed: true });
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `The request payload size (${requestBytes} bytes) has exceeded the limit of ${limits.payloadBytes} bytes.`);
    }
    for (const action of actions) if (action.prepare) await action.prepare();
    const responses: { data: unknown; deliver: () => void }[] = [];
    let mutated = false;
    try {
      for (const action of actions) {
        if (action.mutates) mutated = true;
        const out = action.run();
        if (out) responses.push(out);
      }
    } catch (error) {
      this.host.onSync({ requestBytes, responseBytes: 0, mutated, failed: true });
      if (mutated) this.onMutatingSync();
      throw error;
    }
    if (mutated) this.onMutatingSync();
    const responseBytes = utf8(responses.map((r) => r.data));
    if (responseBytes > limits.payloadBytes) {
      this.host.onSync({ requestBytes, responseBytes, mutated, failed: true });
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size (${responseBytes} bytes) has exceeded the limit of ${limits.payloadBytes} bytes.`);
    }
    this.host.onSync({ requestBytes, responseBytes, mutated, failed: false });
    for (const r of responses) r.deliver();
    await Promise.resolve();
  }
}

type LoadArg = string | string[] | { select?: string | string[] } | undefined;

function propList(arg: LoadArg): string[] | null {
  if (arg === undefined) return null;
  const raw = typeof arg === 'string' || Array.isArray(arg) ? arg : arg.select;
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : raw.split(',');
  return list.map((p) => p.trim()).filter(Boolean);
}

/** Base of every proxy: path, lazy binding, loaded properties, queued actions. */
export abstract class FakeObject<T> {
  private bound: { target: T | Null } | undefined;
  private nullKnown = false;
  protected readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: FakeRequestContext,
    private readonly parent: FakeObject<unknown> | null,
    readonly path: string,
    private readonly resolve: (parent: unknown) => T | Null,
    eager = false,
  ) {
    if (eager) context.enqueue({ describe: () => ({ instantiate: path }), run: () => void this.targetOrNull(), mutates: false });
  }

  /** Properties a load() without arguments returns. */
  protected abstract readonly scalarProps: readonly string[];
  /** A property's value now, for load. */
  protected abstract snapshot(target: T, prop: string): unknown;
  /** Navigation property (worksheet, format, items…) for "a/b" load paths. */
  protected navigate(_prop: string): FakeObject<unknown> | FakeObject<unknown>[] | undefined {
    return undefined;
  }

  get isNullObject(): boolean {
    if (!this.nullKnown) throw notLoaded('isNullObject', this.path);
    return this.bound?.target === NULL;
  }

  /** Binds the path now if it is not bound yet; the null marker for a null object. */
  targetOrNull(): T | Null {
    if (!this.bound) {
      const parentTarget = this.parent ? this.parent.target() : this.context.model;
      this.bound = { target: this.resolve(parentTarget) };
      this.nullKnown = true;
    }
    return this.bound.target;
  }

  target(): T {
    const t = this.targetOrNull();
    if (t === NULL) throw new FakeOfficeError('ItemNotFound', `${this.path} is a null object: it cannot be used`, this.path);
    return t;
  }

  assertContext(context: FakeRequestContext): void {
    if (context !== this.context)
      throw new FakeOfficeError('InvalidObjectPath', `${this.path} belongs to another request context: objects cannot be used across Excel.run calls`);
  }

  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop, this.path);
    return this.loaded.get(prop) as V;
  }

  load(arg?: LoadArg): this {
    const props = propList(arg);
    this.context.enqueue({
      describe: () => ({ load: this.path, props }),
      run: () => this.runLoad(props),
      mutates: false,
    });
    return this;
  }

  /** Loads now (inside a running batch) and returns the response part and how to deliver it. */
  runLoad(props: string[] | null): { data: unknown; deliver: () => void } {
    const target = this.targetOrNull();
    if (target === NULL) return { data: null, deliver: () => undefined };
    const own = props ?? [...this.scalarProps];
    const data: Record<string, unknown> = {};
    const deliveries: (() => void)[] = [];
    const byNav = new Map<string, string[]>();
    for (const prop of own) {
      const slash = prop.indexOf('/');
      if (slash >= 0) {
        const nav = prop.slice(0, slash);
        byNav.set(nav, [...(byNav.get(nav) ?? []), prop.slice(slash + 1)]);
        continue;
      }
      const nav = this.navigate(prop);
      if (nav) {
        byNav.set(prop, byNav.get(prop) ?? []);
        continue;
      }
      if (!this.scalarProps.includes(prop)) throw new FakeOfficeError('InvalidArgument', `${this.path} has no property '${prop}'`, this.path);
      const value = this.snapshot(target, prop);
      data[prop] = value;
      deliveries.push(() => this.loaded.set(prop, value));
    }
    for (const [navName, sub] of byNav) {
      const nav = this.navigate(navName);
      if (!nav) throw new FakeOfficeError('InvalidArgument', `${this.path} has no navigation property '${navName}'`, this.path);
      const children = Array.isArray(nav) ? nav : [nav];
      const parts = children.map((child) => child.runLoad(sub.length ? sub : null));
      data[navName] = parts.map((p) => p.data);
      deliveries.push(() => {
        if (Array.isArray(nav)) this.loaded.set(navName, nav);
        parts.forEach((p) => p.deliver());
      });
    }
    return { data, deliver: () => deliveries.forEach((d) => d()) };
  }

  protected queueSet(prop: string, value: unknown, apply: (target: T) => void, mutates = true): void {
    this.context.enqueue({ describe: () => ({ set: this.path, prop, value }), run: () => void apply(this.target()), mutates });
  }

  protected queueCall(method: string, args: unknown[], apply: (target: T) => void): void {
    this.context.enqueue({ describe: () => ({ call: this.path, method, args: args.map(describeArg) }), run: () => void apply(this.target()), mutates: true });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

function describeArg(arg: unknown): unknown {
  return arg instanceof FakeObject ? { object: arg.path } : arg;
}

/** A value that only exists after the next sync (collection.getCount()). */
export class FakeClientResult<V> {
  private ready = false;
  private v: V | undefined;
  get value(): V {
    if (!this.ready) throw notLoaded('value', 'ClientResult');
    return this.v as V;
  }
  set(v: V): void {
    this.v = v;
    this.ready = true;
  }
}

function queueResult<V>(context: FakeRequestContext, path: string, compute: () => V): FakeClientResult<V> {
  const result = new FakeClientResult<V>();
  context.enqueue({
    describe: () => ({ call: path }),
    run: () => {
      const v = compute();
      return { data: v, deliver: () => result.set(v) };
    },
    mutates: false,
  });
  return result;
}

// ---------------------------------------------------------------- ranges

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rangeAddress(t: RangeTarget): string {
  return `${quoteSheet(t.sheet.name)}!${encodeRect(t.rect)}`;
}

function checkRect(rect: Rect, what: string): Rect {
  if (rect.top < 1 || rect.left < 1 || rect.bottom > MAX_ROWS || rect.right > MAX_COLUMNS || rect.bottom < rect.top || rect.right < rect.left)
    throw new FakeOfficeError('InvalidArgument', `${what}: the range would fall outside the worksheet`, what);
  return rect;
}

const cellsOf = (r: Rect) => (r.bottom - r.top + 1) * (r.right - r.left + 1);

function usedWithin(t: RangeTarget, valuesOnly: boolean): Rect | null {
  const used = t.sheet.usedRect(valuesOnly);
  if (!used || !intersects(used, t.rect)) return null;
  return { top: Math.max(used.top, t.rect.top), left: Math.max(used.left, t.rect.left), bottom: Math.min(used.bottom, t.rect.bottom), right: Math.min(used.right, t.rect.right) };
}

export class FakeRange extends FakeObject<RangeTarget> {
  protected readonly scalarProps = ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'cellCount', 'values', 'numberFormat', 'formulas', 'valueTypes'] as const;
  private formatObj?: FakeRangeFormat;
  private validationObj?: FakeDataValidation;
  private conditionalObj?: FakeConditionalFormatCollection;

  constructor(context: FakeRequestContext, parent: FakeObject<unknown> | null, path: string, resolve: (parent: unknown) => RangeTarget | Null, eager = false) {
    super(context, parent, path, resolve, eager);
  }

  get address(): string { return this.get('address'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }
  get cellCount(): number { return this.get('cellCount'); }
  get valueTypes(): string[][] { return this.get('valueTypes'); }

  get values(): Scalar[][] { return this.get('values'); }
  set values(values: Scalar[][]) {
    this.queueSet('values', values, (t) => this.write(t, values, 'values'));
  }
  get numberFormat(): string[][] { return this.get('numberFormat'); }
  set numberFormat(formats: string[][]) {
    this.queueSet('numberFormat', formats, (t) => this.write(t, formats, 'numberFormat'));
  }
  get formulas(): Scalar[][] { return this.get('formulas'); }
  set formulas(formulas: Scalar[][]) {
    this.queueSet('formulas', formulas, (t) => this.write(t, formulas, 'formulas'));
  }

  get format(): FakeRangeFormat {
    return (this.formatObj ??= new FakeRangeFormat(this));
  }
  get dataValidation(): FakeDataValidation {
    return (this.validationObj ??= new FakeDataValidation(this));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.conditionalObj ??= new FakeConditionalFormatCollection(this));
  }

  protected navigate(prop: string) {
    if (prop === 'format') return this.format;
    if (prop === 'dataValidation') return this.dataValidation;
    return undefined;
  }

  protected snapshot(t: RangeTarget, prop: string): unknown {
    const { rect, sheet } = t;
    switch (prop) {
      case 'address': return rangeAddress(t);
      case 'rowIndex': return rect.top - 1;
      case 'columnIndex': return rect.left - 1;
      case 'rowCount': return rect.bottom - rect.top + 1;
      case 'columnCount': return rect.right - rect.left + 1;
      case 'cellCount': return cellsOf(rect);
    }
    if (cellsOf(rect) > this.context.host.limits.cells)
      throw new FakeOfficeError('RangeExceedsLimit', `${rangeAddress(t)}: ${cellsOf(rect)} cells exceed the ${this.context.host.limits.cells}-cell limit of one range read`, this.path);
    const out: unknown[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: unknown[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = sheet.cell(r, c);
        switch (prop) {
          case 'values': row.push(cell.value ?? ''); break;
          case 'numberFormat': row.push(cell.format); break;
          case 'formulas': row.push(cell.formula ?? (cell.quotePrefix && typeof cell.value === 'string' ? `'${cell.value}` : cell.value ?? '')); break;
          case 'valueTypes':
            row.push(cell.value === undefined || cell.value === '' ? 'Empty' : typeof cell.value === 'number' ? 'Double' : typeof cell.value === 'boolean' ? 'Boolean' : cell.formula && String(cell.value).startsWith('#') ? 'Error' : 'String');
            break;
        }
      }
      out.push(row);
    }
    return out;
  }

  private write(t: RangeTarget, grid: unknown, what: 'values' | 'numberFormat' | 'formulas'): void {
    const { rect, sheet } = t;
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    if (cellsOf(rect) > this.context.host.limits.cells)
      throw new FakeOfficeError('RangeExceedsLimit', `${rangeAddress(t)}: ${cellsOf(rect)} cells exceed the ${this.context.host.limits.cells}-cell limit of one range write`, this.path);
    if (!Array.isArray(grid) || grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols))
      throw new FakeOfficeError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${rangeAddress(t)} (${rows} × ${cols}).`,
        this.path,
      );
    (grid as unknown[][]).forEach((row, i) =>
      row.forEach((v, j) => {
        if (what === 'values') sheet.enter(rect.top + i, rect.left + j, v);
        else if (what === 'numberFormat') sheet.setFormat(rect.top + i, rect.left + j, v as string);
        else sheet.setFormula(rect.top + i, rect.left + j, v as string);
      }),
    );
    if (what !== 'numberFormat') this.context.model.autoExpand(sheet, rect);
  }

  private derive(name: string, args: unknown[], fn: (t: RangeTarget) => Rect | Null, eager = false): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.${name}(${args.map((a) => JSON.stringify(describeArg(a))).join(',')})`, (p) => {
      const t = p as RangeTarget;
      const rect = fn(t);
      return rect === NULL ? NULL : { sheet: t.sheet, rect: checkRect(rect, `${this.path}.${name}`) };
    }, eager);
  }

  private other(other: FakeRange | string, t: RangeTarget): RangeTarget {
    if (typeof other === 'string') return { sheet: t.sheet, rect: decodeRect(other) };
    other.assertContext(this.context);
    const o = other.target();
    if (o.sheet !== t.sheet) throw new FakeOfficeError('InvalidArgument', 'The ranges are on different worksheets', this.path);
    return o;
  }

  getRowsBelow(count = 1): FakeRange {
    return this.derive('getRowsBelow', [count], ({ rect }) => ({ ...rect, top: rect.bottom + 1, bottom: rect.bottom + count }));
  }
  getRowsAbove(count = 1): FakeRange {
    return this.derive('getRowsAbove', [count], ({ rect }) => ({ ...rect, top: rect.top - count, bottom: rect.top - 1 }));
  }
  getLastRow(): FakeRange {
    return this.derive('getLastRow', [], ({ rect }) => ({ ...rect, top: rect.bottom }));
  }
  getLastColumn(): FakeRange {
    return this.derive('getLastColumn', [], ({ rect }) => ({ ...rect, left: rect.right }));
  }
  getRow(row: number): FakeRange {
    return this.derive('getRow', [row], ({ rect }) => {
      if (row < 0 || rect.top + row > rect.bottom) throw new FakeOfficeError('InvalidArgument', `Row ${row} is outside the range`, this.path);
      return { ...rect, top: rect.top + row, bottom: rect.top + row };
    });
  }
  getColumn(column: number): FakeRange {
    return this.derive('getColumn', [column], ({ rect }) => {
      if (column < 0 || rect.left + column > rect.right) throw new FakeOfficeError('InvalidArgument', `Column ${column} is outside the range`, this.path);
      return { ...rect, left: rect.left + column, right: rect.left + column };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.derive('getCell', [row, column], ({ rect }) => ({ top: rect.top + row, left: rect.left + column, bottom: rect.top + row, right: rect.left + column }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derive('getOffsetRange', [rowOffset, columnOffset], ({ rect }) => ({
      top: rect.top + rowOffset,
      bottom: rect.bottom + rowOffset,
      left: rect.left + columnOffset,
      right: rect.right + columnOffset,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive('getResizedRange', [deltaRows, deltaColumns], ({ rect }) => ({ ...rect, bottom: rect.bottom + deltaRows, right: rect.right + deltaColumns }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derive('getAbsoluteResizedRange', [numRows, numColumns], ({ rect }) => ({ ...rect, bottom: rect.top + numRows - 1, right: rect.left + numColumns - 1 }));
  }
  getEntireRow(): FakeRange {
    return this.derive('getEntireRow', [], ({ rect }) => ({ ...rect, left: 1, right: MAX_COLUMNS }));
  }
  getEntireColumn(): FakeRange {
    return this.derive('getEntireColumn', [], ({ rect }) => ({ ...rect, top: 1, bottom: MAX_ROWS }));
  }
  getBoundingRect(other: FakeRange | string): FakeRange {
    return this.derive('getBoundingRect', [other], (t) => {
      const o = this.other(other, t).rect;
      return { top: Math.min(t.rect.top, o.top), left: Math.min(t.rect.left, o.left), bottom: Math.max(t.rect.bottom, o.bottom), right: Math.max(t.rect.right, o.right) };
    });
  }
  private intersection(other: FakeRange | string, t: RangeTarget): Rect | null {
    const o = this.other(other, t).rect;
    if (!intersects(t.rect, o)) return null;
    return { top: Math.max(t.rect.top, o.top), left: Math.max(t.rect.left, o.left), bottom: Math.min(t.rect.bottom, o.bottom), right: Math.min(t.rect.right, o.right) };
  }
  getIntersection(other: FakeRange | string): FakeRange {
    return this.derive('getIntersection', [other], (t) => {
      const r = this.intersection(other, t);
      if (!r) throw new FakeOfficeError('ItemNotFound', 'The ranges do not intersect', this.path);
      return r;
    });
  }
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return this.derive('getIntersectionOrNullObject', [other], (t) => this.intersection(other, t) ?? NULL, true);
  }
  /**
   * The worksheet's used range within this range (the documented "used range of the given range object"): modelled
   * as the sheet's used range intersected with the range, the reading that uses the fewest assumptions — a value
   * anywhere lower on the sheet extends it. ItemNotFound when nothing in the range is used.
   */
  getUsedRange(valuesOnly = false): FakeRange {
    return this.derive('getUsedRange', [valuesOnly], (t) => {
      const r = usedWithin(t, valuesOnly);
      if (!r) throw new FakeOfficeError('ItemNotFound', `No used cells in ${rangeAddress(t)}`, this.path);
      return r;
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.derive('getUsedRangeOrNullObject', [valuesOnly], (t) => usedWithin(t, valuesOnly) ?? NULL, true);
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, this, `${this.path}.getMergedAreasOrNullObject()`, (p) => {
      const t = p as RangeTarget;
      const areas = t.sheet.mergedAreasIn(t.rect);
      return areas.length ? { sheet: t.sheet, rects: areas } : NULL;
    }, true);
  }

  /**
   * Range.copyFrom (ExcelApi 1.9, https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-copyfrom-member(1))
   * with RangeCopyType "Values" (https://learn.microsoft.com/javascript/api/excel/excel.rangecopytype): each
   * destination cell gets the source cell's value as a constant (a formula's result, not the formula), as Paste
   * Values does; the destination keeps its own number format. The destination takes the source's size from its
   * top-left cell. Only "Values" is modelled, the one copy the add-in makes.
   */
  copyFrom(source: FakeRange | string, copyType = 'All', skipBlanks = false, transpose = false): void {
    this.queueCall('copyFrom', [source, copyType, skipBlanks, transpose], (t) => {
      if (copyType !== 'Values' || skipBlanks || transpose) throw new FakeOfficeError('InvalidArgument', `The fake models copyFrom with "Values" only (got ${copyType})`, this.path);
      const from = typeof source === 'string' ? this.resolveAddress(source, t) : (source.assertContext(this.context), source.target());
      for (let r = 0; r <= from.rect.bottom - from.rect.top; r++)
        for (let c = 0; c <= from.rect.right - from.rect.left; c++) {
          const value = from.sheet.value(from.rect.top + r, from.rect.left + c);
          const row = t.rect.top + r;
          const col = t.rect.left + c;
          t.sheet.put(row, col, { value: value === '' ? undefined : value, quotePrefix: false }, t.sheet.format(row, col));
        }
    });
  }

  /** "Sheet!A1" or "'My sheet'!A1:B2" (or a bare address on this range's sheet). */
  private resolveAddress(address: string, t: RangeTarget): RangeTarget {
    const bang = address.lastIndexOf('!');
    if (bang < 0) return { sheet: t.sheet, rect: decodeRect(address) };
    const name = address.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    const sheet = this.context.model.sheet(name);
    if (!sheet) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet “${name}”`, this.path);
    return { sheet, rect: decodeRect(address.slice(bang + 1)) };
  }

  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.queueCall('clear', [applyTo], (t) => t.sheet.clear(t.rect, applyTo));
  }
  merge(across = false): void {
    this.queueCall('merge', [across], (t) => {
      if (this.context.model.tables.some((tb) => tb.sheet === t.sheet && intersects(tb.rect, t.rect)))
        throw new FakeOfficeError('InvalidOperation', `Cells in a table cannot be merged (${rangeAddress(t)})`, this.path);
      t.sheet.merge(t.rect, across);
    });
  }
  unmerge(): void {
    this.queueCall('unmerge', [], (t) => (t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect))));
  }
  select(): void {
    this.queueCall('select', [], (t) => (this.context.model.activeSheet = t.sheet));
  }
}

export class FakeRangeAreas extends FakeObject<{ sheet: SheetModel; rects: Rect[] }> {
  protected readonly scalarProps = ['address', 'areaCount', 'cellCount'] as const;
  get address(): string { return this.get('address'); }
  get areaCount(): number { return this.get('areaCount'); }
  protected snapshot(t: { sheet: SheetModel; rects: Rect[] }, prop: string): unknown {
    if (prop === 'address') return t.rects.map((rect) => rangeAddress({ sheet: t.sheet, rect })).join(',');
    if (prop === 'areaCount') return t.rects.length;
    return t.rects.reduce((n, r) => n + cellsOf(r), 0);
  }
}

/** The parts of RangeFormat the add-in sets when it lays out a sheet; only column width is kept. */
export class FakeRangeFormat extends FakeObject<RangeTarget> {
  protected readonly scalarProps = ['columnWidth', 'wrapText', 'horizontalAlignment', 'verticalAlignment', 'rowHeight'] as const;
  private readonly styleLog = new Map<string, unknown>();
  readonly font: FakeRangeFont;
  readonly fill: FakeStyleBag;
  constructor(range: FakeRange) {
    super(range.context, range, `${range.path}.format`, (p) => p as RangeTarget);
    this.font = new FakeRangeFont(this);
    this.fill = new FakeStyleBag(this, 'fill', ['color']);
  }
  get columnWidth(): number { return this.get('columnWidth'); }
  set columnWidth(width: number) {
    this.queueSet('columnWidth', width, (t) => {
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.columnWidths.set(c, width);
    });
  }
  set wrapText(v: boolean) { this.queueSet('wrapText', v, () => this.styleLog.set('wrapText', v)); }
  set horizontalAlignment(v: string) { this.queueSet('horizontalAlignment', v, () => this.styleLog.set('horizontalAlignment', v)); }
  set verticalAlignment(v: string) { this.queueSet('verticalAlignment', v, () => this.styleLog.set('verticalAlignment', v)); }
  set rowHeight(v: number) { this.queueSet('rowHeight', v, () => this.styleLog.set('rowHeight', v)); }
  protected snapshot(t: RangeTarget, prop: string): unknown {
    if (prop === 'columnWidth') return t.sheet.columnWidths.get(t.rect.left) ?? 8.43;
    return this.styleLog.get(prop) ?? null;
  }
}

/** fill: accepted and remembered per object, not rendered (the fake has no display). */
export class FakeStyleBag {
  private readonly values = new Map<string, unknown>();
  constructor(owner: FakeRangeFormat, name: string, props: string[], record?: (target: RangeTarget, prop: string, value: unknown) => void) {
    for (const prop of props)
      Object.defineProperty(this, prop, {
        get: () => {
          throw notLoaded(prop, `${owner.path}.${name}`);
        },
        set: (v: unknown) =>
          owner.context.enqueue({
            describe: () => ({ set: `${owner.path}.${name}`, prop, value: v }),
            run: () => {
              this.values.set(prop, v);
              record?.(owner.target(), prop, v);
            },
            mutates: true,
          }),
      });
  }
  [prop: string]: unknown;
}

/**
 * Range.format.font (https://learn.microsoft.com/javascript/api/excel/excel.rangefont): set over the range's cells
 * and kept on the sheet (SheetModel.fonts), so tests can see which cells are bold; not rendered.
 */
export class FakeRangeFont extends FakeStyleBag {
  declare bold: boolean;
  declare color: string;
  declare name: string;
  declare size: number;
  declare italic: boolean;
  constructor(owner: FakeRangeFormat) {
    super(owner, 'font', ['bold', 'color', 'name', 'size', 'italic'], (t, prop, value) => t.sheet.fonts.push({ rect: { ...t.rect }, font: { [prop]: value } }));
  }
}

// ---------------------------------------------------------------- conditional formats

/**
 * Range.conditionalFormats (ExcelApi 1.6,
 * https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection): add() puts a conditional
 * format of the type over the range; the fake keeps type and range (SheetModel.conditionalFormats), not the rule's
 * details, and draws nothing. The types are Excel.ConditionalFormatType's.
 */
const CONDITIONAL_FORMAT_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];

export class FakeConditionalFormatCollection extends FakeObject<RangeTarget> {
  protected readonly scalarProps = [] as const;
  constructor(range: FakeRange) {
    super(range.context, range, `${range.path}.conditionalFormats`, (p) => p as RangeTarget);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  add(type: string): FakeConditionalFormat {
    let created: { sheet: SheetModel; format: ConditionalFormatModel } | undefined;
    const format = new FakeConditionalFormat(this.context, this, `${this.path}.add(${type})`, () => created ?? NULL);
    this.queueCall('add', [type], (t) => {
      if (!CONDITIONAL_FORMAT_TYPES.includes(type)) throw new FakeOfficeError('InvalidArgument', `Unknown conditional format type ${type}`, this.path);
      const model: ConditionalFormatModel = { rect: { ...t.rect }, type };
      // Added "at the first/top priority", as the API reference says.
      t.sheet.conditionalFormats.unshift(model);
      created = { sheet: t.sheet, format: model };
    });
    return format;
  }
  getCount(): FakeClientResult<number> {
    return queueResult(this.context, `${this.path}.getCount()`, () => {
      const t = this.target();
      return t.sheet.conditionalFormats.filter((f) => intersects(f.rect, t.rect)).length;
    });
  }
}

export class FakeConditionalFormat extends FakeObject<{ sheet: SheetModel; format: ConditionalFormatModel }> {
  protected readonly scalarProps = ['type'] as const;
  get type(): string { return this.get('type'); }
  protected snapshot(t: { format: ConditionalFormatModel }, prop: string): unknown {
    return prop === 'type' ? t.format.type : undefined;
  }
}

// ---------------------------------------------------------------- data validation

/** Rules are stored; like Excel they do not stop API writes (only typing is checked), `valid` reports on values. */
export class FakeDataValidation extends FakeObject<RangeTarget> {
  protected readonly scalarProps = ['valid', 'type', 'rule', 'ignoreBlanks', 'prompt', 'errorAlert'] as const;
  constructor(range: FakeRange) {
    super(range.context, range, `${range.path}.dataValidation`, (p) => p as RangeTarget);
  }
  get valid(): boolean { return this.get('valid'); }
  get type(): string { return this.get('type'); }
  get rule(): ValidationRule { return this.get('rule'); }
  set rule(rule: ValidationRule) {
    this.queueSet('rule', rule, (t) => {
      const kinds = Object.keys(rule ?? {}).filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
      if (kinds.length !== 1) throw new FakeOfficeError('InvalidArgument', 'A data validation rule has exactly one kind', this.path);
      t.sheet.validations = t.sheet.validations.filter((v) => !intersects(v.rect, t.rect));
      t.sheet.validations.push({ rect: { ...t.rect }, rule });
    });
  }
  set prompt(prompt: { title?: string; message?: string; showPrompt?: boolean }) {
    this.queueSet('prompt', prompt, (t) => this.each(t, (v) => (v.prompt = prompt)));
  }
  set errorAlert(alert: { title?: string; message?: string; style?: string; showAlert?: boolean }) {
    this.queueSet('errorAlert', alert, (t) => this.each(t, (v) => (v.errorAlert = alert)));
  }
  set ignoreBlanks(v: boolean) {
    this.queueSet('ignoreBlanks', v, (t) => this.each(t, (x) => (x.ignoreBlanks = v)));
  }
  clear(): void {
    this.queueCall('clear', [], (t) => (t.sheet.validations = t.sheet.validations.filter((v) => !intersects(v.rect, t.rect))));
  }
  private each(t: RangeTarget, fn: (v: SheetModel['validations'][number]) => void): void {
    const hit = t.sheet.validations.filter((v) => intersects(v.rect, t.rect));
    if (!hit.length) throw new FakeOfficeError('InvalidOperation', 'Set the rule before its prompt or alert', this.path);
    hit.forEach(fn);
  }
  protected snapshot(t: RangeTarget, prop: string): unknown {
    const hit = t.sheet.validations.filter((v) => intersects(v.rect, t.rect));
    switch (prop) {
      case 'valid':
        return validRange(this.context.model, t, hit);
      case 'type':
        return hit.length === 0 ? 'None' : hit.length > 1 ? 'Inconsistent' : ruleKind(hit[0].rule);
      case 'rule':
        return hit[0]?.rule ?? {};
      case 'ignoreBlanks':
        return hit[0]?.ignoreBlanks ?? true;
      case 'prompt':
        return hit[0]?.prompt ?? {};
      default:
        return hit[0]?.errorAlert ?? {};
    }
  }
}

function ruleKind(rule: ValidationRule): string {
  const kind = Object.keys(rule)[0];
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

function listSource(model: WorkbookModel, sheet: SheetModel, source: string): string[] | null {
  if (!source.startsWith('=')) return source.split(',').map((s) => s.trim());
  const m = /^=(?:'((?:[^']|'')+)'|([^!]+))?!?(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(source);
  if (!m) return null; // a formula such as OFFSET(…): not evaluated, the cell counts as valid
  const target = m[1] || m[2] ? model.sheet((m[1] ?? m[2]).replace(/''/g, "'")) : sheet;
  if (!target) return [];
  const rect = decodeRect(m[3].replace(/\$/g, ''));
  const out: string[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) {
    const v = target.value(r, c);
    if (v !== undefined && v !== '') out.push(String(v));
  }
  return out;
}

function compare(n: number, op: string, a: number, b: number | undefined): boolean {
  switch (op) {
    case 'Between': return n >= a && n <= (b ?? a);
    case 'NotBetween': return n < a || n > (b ?? a);
    case 'EqualTo': return n === a;
    case 'NotEqualTo': return n !== a;
    case 'GreaterThan': return n > a;
    case 'LessThan': return n < a;
    case 'GreaterThanOrEqualTo': return n >= a;
    case 'LessThanOrEqualTo': return n <= a;
    default: return true;
  }
}

function validCell(model: WorkbookModel, sheet: SheetModel, v: Scalar, rule: ValidationRule): boolean {
  if (rule.list) {
    const allowed = listSource(model, sheet, rule.list.source);
    return allowed === null || allowed.includes(String(v));
  }
  const numeric = rule.wholeNumber ?? rule.decimal ?? rule.date ?? rule.time;
  if (numeric) {
    if (typeof v !== 'number') return false;
    if (rule.wholeNumber && !Number.isInteger(v)) return false;
    return compare(v, numeric.operator, Number(numeric.formula1), numeric.formula2 === undefined ? undefined : Number(numeric.formula2));
  }
  if (rule.textLength) {
    const len = String(v).length;
    return compare(len, rule.textLength.operator, Number(rule.textLength.formula1), rule.textLength.formula2 === undefined ? undefined : Number(rule.textLength.formula2));
  }
  return true;
}

function validRange(model: WorkbookModel, t: RangeTarget, rules: SheetModel['validations']): boolean {
  for (const v of rules)
    for (let r = Math.max(v.rect.top, t.rect.top); r <= Math.min(v.rect.bottom, t.rect.bottom); r++)
      for (let c = Math.max(v.rect.left, t.rect.left); c <= Math.min(v.rect.right, t.rect.right); c++) {
        const value = t.sheet.value(r, c);
        if (value === undefined || value === '') continue;
        if (!validCell(model, t.sheet, value, v.rule)) return false;
      }
  return true;
}

// ---------------------------------------------------------------- worksheets

export class FakeWorksheet extends FakeObject<SheetModel> {
  protected readonly scalarProps = ['name', 'visibility', 'position', 'id', 'tabColor'] as const;
  private tablesObj?: FakeTableCollection;
  private chartsObj?: FakeChartCollection;
  private notesObj?: FakeNoteCollection;

  get name(): string { return this.get('name'); }
  set name(name: string) {
    this.queueSet('name', name, (s) => {
      this.context.model.checkSheetName(name, s);
      s.name = name;
    });
  }
  get visibility(): string { return this.get('visibility'); }
  set visibility(v: string) {
    this.queueSet('visibility', v, (s) => this.context.model.setVisibility(s, v));
  }
  get position(): number { return this.get('position'); }
  set position(p: number) {
    this.queueSet('position', p, (s) => {
      const sheets = this.context.model.sheets;
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.max(0, Math.min(p, sheets.length)), 0, s);
    });
  }
  get id(): string { return this.get('id'); }
  set tabColor(color: string) {
    this.queueSet('tabColor', color, (s) => (s.tabColor = color));
  }
  get tables(): FakeTableCollection {
    return (this.tablesObj ??= new FakeTableCollection(this.context, this, `${this.path}.tables`, (p) => p as SheetModel));
  }
  get charts(): FakeChartCollection {
    return (this.chartsObj ??= new FakeChartCollection(this.context, this, `${this.path}.charts`, (p) => p as SheetModel));
  }
  /** Worksheet.notes (ExcelApi 1.18). */
  get notes(): FakeNoteCollection {
    return (this.notesObj ??= new FakeNoteCollection(this.context, this, `${this.path}.notes`, (p) => p as SheetModel));
  }
  protected navigate(prop: string) {
    return prop === 'tables' ? this.tables : prop === 'charts' ? this.charts : undefined;
  }
  protected snapshot(s: SheetModel, prop: string): unknown {
    if (prop === 'position') return this.context.model.sheets.indexOf(s);
    return (s as unknown as Record<string, unknown>)[prop];
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.getRange(${address ?? ''})`, (p) => ({
      sheet: p as SheetModel,
      rect: address ? checkRect(decodeRect(address), address) : { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS },
    }));
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.getCell(${row},${column})`, (p) => ({
      sheet: p as SheetModel,
      rect: checkRect({ top: row + 1, left: column + 1, bottom: row + 1, right: column + 1 }, 'getCell'),
    }));
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.getUsedRange(${valuesOnly})`, (p) => ({
      sheet: p as SheetModel,
      rect: (p as SheetModel).usedRect(valuesOnly) ?? { top: 1, left: 1, bottom: 1, right: 1 },
    }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`, (p) => {
      const rect = (p as SheetModel).usedRect(valuesOnly);
      return rect ? { sheet: p as SheetModel, rect } : NULL;
    }, true);
  }
  delete(): void {
    this.queueCall('delete', [], (s) => this.context.model.deleteSheet(s));
  }
  activate(): void {
    this.queueCall('activate', [], (s) => {
      if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `Hidden sheet ${s.name} cannot be activated`, this.path);
      this.context.model.activeSheet = s;
    });
  }
}

export class FakeWorksheetCollection extends FakeObject<WorkbookModel> {
  protected readonly scalarProps = [] as const;
  get items(): FakeWorksheet[] { return this.get('items'); }

  protected navigate(prop: string) {
    if (prop !== 'items') return undefined;
    return this.context.model.sheets.map((s) => new FakeWorksheet(this.context, null, `worksheets[${s.name}]`, () => s));
  }
  protected snapshot(): unknown {
    return undefined;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, this, `worksheets.getItem(${name})`, (p) => {
      const s = (p as WorkbookModel).sheet(name);
      if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet “${name}”`, `worksheets.getItem(${name})`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, this, `worksheets.getItemOrNullObject(${name})`, (p) => (p as WorkbookModel).sheet(name) ?? NULL, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, this, 'worksheets.getActiveWorksheet()', (p) => (p as WorkbookModel).activeSheet ?? NULL);
  }
  add(name?: string): FakeWorksheet {
    let created: SheetModel | undefined;
    const sheet = new FakeWorksheet(this.context, this, `worksheets.add(${name ?? ''})`, () => created ?? NULL);
    this.queueCall('add', [name], (model) => {
      let n = model.sheets.length + 1;
      let sheetName = name;
      while (!sheetName || (!name && model.sheet(sheetName))) sheetName = `Sheet${n++}`;
      created = model.addSheet(sheetName);
    });
    return sheet;
  }
  getCount(): FakeClientResult<number> {
    return queueResult(this.context, 'worksheets.getCount()', () => this.context.model.sheets.length);
  }
}

// ---------------------------------------------------------------- tables

export class FakeTableCollection extends FakeObject<SheetModel | WorkbookModel> {
  protected readonly scalarProps = [] as const;
  get items(): FakeTable[] { return this.get('items'); }
  private list(owner: SheetModel | WorkbookModel): TableModel[] {
    const tables = this.context.model.tables;
    return 'rows' in owner ? tables.filter((t) => t.sheet === owner) : tables;
  }
  protected navigate(prop: string) {
    if (prop !== 'items') return undefined;
    return this.list(this.target()).map((t) => new FakeTable(this.context, null, `tables[${t.name}]`, () => t));
  }
  protected snapshot(): unknown {
    return undefined;
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.context, this, `${this.path}.getItem(${name})`, (p) => {
      const t = this.list(p as SheetModel | WorkbookModel).find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: table “${name}”`, `${this.path}.getItem(${name})`);
      return t;
    });
  }
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.context, this, `${this.path}.getItemOrNullObject(${name})`, (p) =>
      this.list(p as SheetModel | WorkbookModel).find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? NULL, true);
  }
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableModel | undefined;
    const table = new FakeTable(this.context, this, `${this.path}.add(${typeof address === 'string' ? address : address.path})`, () => created ?? NULL);
    this.queueCall('add', [address, hasHeaders], (owner) => {
      if (!hasHeaders) throw new FakeOfficeError('NotImplemented', 'The fake models tables with a header row only');
      let target: RangeTarget;
      if (typeof address === 'string') {
        const sheetName = address.includes('!') ? address.slice(0, address.lastIndexOf('!')).replace(/^'|'$/g, '').replace(/''/g, "'") : null;
        const sheet = sheetName ? this.context.model.sheet(sheetName) : 'rows' in owner ? owner : undefined;
        if (!sheet) throw new FakeOfficeError('InvalidArgument', `No worksheet for table address ${address}`);
        target = { sheet, rect: decodeRect(address) };
      } else {
        address.assertContext(this.context);
        target = address.target();
      }
      created = this.context.model.addTable(target.sheet, target.rect);
    });
    return table;
  }
  getCount(): FakeClientResult<number> {
    return queueResult(this.context, `${this.path}.getCount()`, () => this.list(this.target()).length);
  }
}

const bodyRect = (t: TableModel): Rect => ({ ...t.rect, top: t.rect.top + 1, bottom: t.rect.bottom - (t.showTotals ? 1 : 0) });

export class FakeTable extends FakeObject<TableModel> {
  protected readonly scalarProps = ['name', 'id', 'showTotals', 'showHeaders', 'style'] as const;
  private worksheetObj?: FakeWorksheet;
  private columnsObj?: FakeTableColumnCollection;
  private rowsObj?: FakeTableRowCollection;

  get name(): string { return this.get('name'); }
  set name(name: string) {
    this.queueSet('name', name, (t) => {
      const other = this.context.model.table(name);
      if (other && other !== t) throw new FakeOfficeError('ItemAlreadyExists', `A table named ${name} already exists`, this.path);
      t.name = name;
    });
  }
  get id(): string { return this.get('id'); }
  get showTotals(): boolean { return this.get('showTotals'); }
  set showTotals(v: boolean) {
    this.queueSet('showTotals', v, (t) => {
      if (v === t.showTotals) return;
      t.rect = { ...t.rect, bottom: t.rect.bottom + (v ? 1 : -1) };
      t.showTotals = v;
    });
  }
  get showHeaders(): boolean { return this.get('showHeaders'); }
  get style(): string { return this.get('style'); }
  set style(style: string) {
    this.queueSet('style', style, (t) => (t.style = style));
  }
  get worksheet(): FakeWorksheet {
    return (this.worksheetObj ??= new FakeWorksheet(this.context, this, `${this.path}.worksheet`, (p) => (p as TableModel).sheet));
  }
  get columns(): FakeTableColumnCollection {
    return (this.columnsObj ??= new FakeTableColumnCollection(this.context, this, `${this.path}.columns`, (p) => p as TableModel));
  }
  get rows(): FakeTableRowCollection {
    return (this.rowsObj ??= new FakeTableRowCollection(this.context, this, `${this.path}.rows`, (p) => p as TableModel));
  }
  protected navigate(prop: string) {
    return prop === 'worksheet' ? this.worksheet : prop === 'columns' ? this.columns : undefined;
  }
  protected snapshot(t: TableModel, prop: string): unknown {
    if (prop === 'showHeaders') return true;
    return (t as unknown as Record<string, unknown>)[prop];
  }
  private range(name: string, fn: (t: TableModel) => Rect | Null): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.${name}()`, (p) => {
      const rect = fn(p as TableModel);
      return rect === NULL ? NULL : { sheet: (p as TableModel).sheet, rect };
    });
  }
  getRange(): FakeRange {
    return this.range('getRange', (t) => ({ ...t.rect }));
  }
  getHeaderRowRange(): FakeRange {
    return this.range('getHeaderRowRange', (t) => ({ ...t.rect, bottom: t.rect.top }));
  }
  getDataBodyRange(): FakeRange {
    return this.range('getDataBodyRange', bodyRect);
  }
  getTotalRowRange(): FakeRange {
    return this.range('getTotalRowRange', (t) => {
      if (!t.showTotals) throw new FakeOfficeError('InvalidOperation', 'The table has no totals row', this.path);
      return { ...t.rect, top: t.rect.bottom };
    });
  }
  resize(newRange: FakeRange | string): void {
    this.queueCall('resize', [newRange], (t) => {
      let rect: Rect;
      if (typeof newRange === 'string') rect = decodeRect(newRange);
      else {
        newRange.assertContext(this.context);
        const r = newRange.target();
        if (r.sheet !== t.sheet) throw new FakeOfficeError('InvalidArgument', 'A table cannot move to another worksheet', this.path);
        rect = r.rect;
      }
      this.context.model.resizeTable(t, rect);
    });
  }
  delete(): void {
    this.queueCall('delete', [], (t) => this.context.model.tables.splice(this.context.model.tables.indexOf(t), 1));
  }
}

export interface ColumnTarget {
  table: TableModel;
  name: string;
}

export class FakeTableColumnCollection extends FakeObject<TableModel> {
  protected readonly scalarProps = ['count'] as const;
  get items(): FakeTableColumn[] { return this.get('items'); }
  protected navigate(prop: string) {
    if (prop !== 'items') return undefined;
    const t = this.target();
    return this.context.model.tableColumns(t).map((name) => new FakeTableColumn(this.context, null, `${this.path}[${name}]`, () => ({ table: t, name })));
  }
  protected snapshot(t: TableModel): unknown {
    return t.rect.right - t.rect.left + 1;
  }
  get count(): number { return this.get('count'); }
  getItem(key: string | number): FakeTableColumn {
    return new FakeTableColumn(this.context, this, `${this.path}.getItem(${key})`, (p) => {
      const t = p as TableModel;
      const names = this.context.model.tableColumns(t);
      const name = typeof key === 'number' ? names[key - 1] : names.find((n) => n.toLowerCase() === key.toLowerCase());
      if (name === undefined) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: column “${key}” of table ${t.name}`, `${this.path}.getItem(${key})`);
      return { table: t, name };
    });
  }
  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this.context, this, `${this.path}.getItemAt(${index})`, (p) => {
      const t = p as TableModel;
      const name = this.context.model.tableColumns(t)[index];
      if (name === undefined) throw new FakeOfficeError('ItemNotFound', `Column ${index} is outside table ${t.name}`, this.path);
      return { table: t, name };
    });
  }
  getCount(): FakeClientResult<number> {
    return queueResult(this.context, `${this.path}.getCount()`, () => this.context.model.tableColumns(this.target()).length);
  }
}

export class FakeTableColumn extends FakeObject<ColumnTarget> {
  protected readonly scalarProps = ['name', 'index', 'id'] as const;
  get name(): string { return this.get('name'); }
  get index(): number { return this.get('index'); }
  private columnIndex(t: ColumnTarget): number {
    const i = this.context.model.tableColumns(t.table).findIndex((n) => n === t.name);
    if (i < 0) throw new FakeOfficeError('ItemNotFound', `Column “${t.name}” is no longer in table ${t.table.name}`, this.path);
    return i;
  }
  protected snapshot(t: ColumnTarget, prop: string): unknown {
    if (prop === 'name') return t.name;
    return this.columnIndex(t) + (prop === 'id' ? 1 : 0);
  }
  private range(name: string, fn: (rect: Rect) => Rect): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.${name}()`, (p) => {
      const t = p as ColumnTarget;
      const c = t.table.rect.left + this.columnIndex(t);
      return { sheet: t.table.sheet, rect: fn({ ...t.table.rect, left: c, right: c }) };
    });
  }
  getRange(): FakeRange {
    return this.range('getRange', (r) => r);
  }
  getHeaderRowRange(): FakeRange {
    return this.range('getHeaderRowRange', (r) => ({ ...r, bottom: r.top }));
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.getDataBodyRange()`, (p) => {
      const t = p as ColumnTarget;
      const c = t.table.rect.left + this.columnIndex(t);
      return { sheet: t.table.sheet, rect: { ...bodyRect(t.table), left: c, right: c } };
    });
  }
}

/** TableRowCollection.add works, and is counted: it conflicts under co-authoring, so the add-in must not use it. */
export class FakeTableRowCollection extends FakeObject<TableModel> {
  protected readonly scalarProps = ['count'] as const;
  get count(): number { return this.get('count'); }
  protected snapshot(t: TableModel): unknown {
    return bodyRect(t).bottom - bodyRect(t).top + 1;
  }
  add(index?: number | null, values?: Scalar[][]): void {
    this.context.host.onTableRowsAdd();
    this.queueCall('add', [index, values], (t) => {
      if (index !== undefined && index !== null) throw new FakeOfficeError('NotImplemented', 'The fake adds table rows at the end only');
      const width = t.rect.right - t.rect.left + 1;
      const rows = values ?? [new Array(width).fill('')];
      if (rows.some((r) => r.length !== width)) throw new FakeOfficeError('InvalidArgument', 'Row width does not match the table', this.path);
      const top = t.rect.bottom + 1;
      rows.forEach((row, i) => row.forEach((v, j) => t.sheet.enter(top + i, t.rect.left + j, v)));
      t.rect = { ...t.rect, bottom: t.rect.bottom + rows.length };
    });
  }
  getCount(): FakeClientResult<number> {
    return queueResult(this.context, `${this.path}.getCount()`, () => {
      const b = bodyRect(this.target());
      return b.bottom - b.top + 1;
    });
  }
}

// ---------------------------------------------------------------- charts

/** Worksheet.notes: add a note to a cell (ExcelApi 1.18; ApiNotFound on a host without it). */
export class FakeNoteCollection extends FakeObject<SheetModel> {
  protected readonly scalarProps = [] as const;
  protected snapshot(): unknown {
    return undefined;
  }
  add(cellAddress: string, content: string): void {
    this.queueCall('add', [cellAddress, content], (sheet) => {
      if (this.context.host.apiVersion < 18) throw new FakeOfficeError('ApiNotFound', 'Worksheet.notes needs ExcelApi 1.18', this.path);
      const rect = decodeRect(cellAddress);
      if (rect.top !== rect.bottom || rect.left !== rect.right) throw new FakeOfficeError('InvalidArgument', `A note goes on one cell, not ${cellAddress}`, this.path);
      sheet.notes.set(cellAddress, String(content));
    });
  }
}

export class FakeChartCollection extends FakeObject<SheetModel> {
  protected readonly scalarProps = ['count'] as const;
  get items(): FakeChart[] { return this.get('items'); }
  get count(): number { return this.get('count'); }
  protected snapshot(s: SheetModel): unknown {
    return s.charts.length;
  }
  protected navigate(prop: string) {
    if (prop !== 'items') return undefined;
    const s = this.target();
    return s.charts.map((c) => new FakeChart(this.context, null, `${this.path}[${c.name}]`, () => ({ sheet: s, chart: c })));
  }
  add(type: string, sourceData: FakeRange, seriesBy = 'Auto'): FakeChart {
    let created: { sheet: SheetModel; chart: ChartModel } | undefined;
    const chart = new FakeChart(this.context, this, `${this.path}.add(${type})`, () => created ?? NULL);
    this.queueCall('add', [type, sourceData, seriesBy], (s) => {
      sourceData.assertContext(this.context);
      const src = sourceData.target();
      if (src.sheet !== s) throw new FakeOfficeError('InvalidArgument', 'The fake draws charts from data on their own sheet only', this.path);
      created = { sheet: s, chart: this.context.model.addChart(s, type, encodeRect(src.rect), seriesBy) };
    });
    return chart;
  }
  getItem(name: string): FakeChart {
    return new FakeChart(this.context, this, `${this.path}.getItem(${name})`, (p) => {
      const c = (p as SheetModel).charts.find((x) => x.name === name);
      if (!c) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: chart “${name}”`, `${this.path}.getItem(${name})`);
      return { sheet: p as SheetModel, chart: c };
    });
  }
  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(this.context, this, `${this.path}.getItemOrNullObject(${name})`, (p) => {
      const c = (p as SheetModel).charts.find((x) => x.name === name);
      return c ? { sheet: p as SheetModel, chart: c } : NULL;
    }, true);
  }
  getCount(): FakeClientResult<number> {
    return queueResult(this.context, `${this.path}.getCount()`, () => this.target().charts.length);
  }
}

export class FakeChart extends FakeObject<{ sheet: SheetModel; chart: ChartModel }> {
  protected readonly scalarProps = ['name', 'chartType', 'id'] as const;
  readonly title: { text: string };
  constructor(context: FakeRequestContext, parent: FakeObject<unknown> | null, path: string, resolve: (p: unknown) => { sheet: SheetModel; chart: ChartModel } | Null, eager = false) {
    super(context, parent, path, resolve, eager);
    const self = this;
    this.title = {
      get text(): string {
        throw notLoaded('text', `${path}.title`);
      },
      set text(text: string) {
        context.enqueue({ describe: () => ({ set: `${path}.title`, prop: 'text', value: text }), run: () => void (self.target().chart.title = text), mutates: true });
      },
    };
  }
  get name(): string { return this.get('name'); }
  set name(name: string) {
    this.queueSet('name', name, (t) => (t.chart.name = name));
  }
  get chartType(): string { return this.get('chartType'); }
  protected snapshot(t: { chart: ChartModel }, prop: string): unknown {
    return prop === 'chartType' ? t.chart.type : prop === 'id' ? String(t.chart.id) : t.chart.name;
  }
  setPosition(startCell: string, endCell?: string): void {
    this.queueCall('setPosition', [startCell, endCell], (t) => (t.chart.position = { start: startCell, end: endCell }));
  }
  delete(): void {
    this.queueCall('delete', [], (t) => t.sheet.charts.splice(t.sheet.charts.indexOf(t.chart), 1));
  }
}

// ---------------------------------------------------------------- workbook

export class FakeWorkbook extends FakeObject<WorkbookModel> {
  protected readonly scalarProps = [] as const;
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  constructor(context: FakeRequestContext) {
    super(context, null, 'workbook', (p) => p as WorkbookModel);
    this.worksheets = new FakeWorksheetCollection(context, this, 'worksheets', (p) => p as WorkbookModel);
    this.tables = new FakeTableCollection(context, this, 'tables', (p) => p as WorkbookModel);
  }
  protected snapshot(): unknown {
    return undefined;
  }
  /** Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13); what it does is modelled in insert.ts. */
  insertWorksheetsFromBase64(base64File: string, options: Omit<InsertOptions, 'relativeTo'> & { relativeTo?: string | FakeWorksheet } = {}): FakeClientResult<string[]> {
    const result = new FakeClientResult<string[]>();
    const relativeTo = options.relativeTo;
    if (relativeTo instanceof FakeWorksheet) relativeTo.assertContext(this.context);
    let parsed: ParsedSource | FakeOfficeError | undefined;
    this.context.enqueue({
      describe: () => ({ call: 'workbook', method: 'insertWorksheetsFromBase64', args: [base64File, { ...options, relativeTo: describeArg(relativeTo) }] }),
      prepare: async () => {
        parsed = await parseSource(base64File).catch((e: unknown) => (e instanceof FakeOfficeError ? e : new FakeOfficeError('InvalidArgument', String(e))));
      },
      run: () => {
        if (parsed instanceof FakeOfficeError) throw parsed;
        const anchor = relativeTo instanceof FakeWorksheet ? relativeTo.target().name : relativeTo;
        const ids = insertSheets(this.context.model, parsed!, { ...options, relativeTo: anchor });
        return { data: ids, deliver: () => result.set(ids) };
      },
      mutates: true,
    });
    return result;
  }
}
