/**
 * A summary sheet as data: where every cell, table, number format, data bar and chart goes. Both hosts write the
 * same layout — exceljs (tables + data bars, no charts) and Office.js (tables + native charts) — so a sheet looks
 * the same whichever wrote it, and what a test reads back can be checked against the layout.
 */
import { columnName } from '../core/a1';
import type { CellValue } from '../core/cells';

export type CellFormat = 'text' | 'integer' | 'money' | 'percent' | 'decimal' | 'date';

export const NUMBER_FORMATS: Record<CellFormat, string> = {
  text: '@',
  integer: '#,##0',
  money: '¥#,##0.00',
  percent: '0.0%',
  decimal: '#,##0.00',
  date: 'yyyy-mm-dd',
};

export interface TableColumn {
  header: string;
  format: CellFormat;
}

export interface TableBlock {
  /** Excel table name, unique in the workbook. */
  name: string;
  title: string;
  columns: TableColumn[];
  rows: CellValue[][];
  /** Headers of columns that get a data bar. */
  dataBars?: string[];
}

export type ChartKind = 'line' | 'column' | 'bar';

export interface ChartBlock {
  kind: ChartKind;
  title: string;
  /** Name of the table the chart plots. */
  table: string;
  category: string;
  series: string[];
}

export interface Figure {
  label: string;
  value: CellValue;
  format: CellFormat;
}

export interface SheetSpec {
  name: string;
  title: string;
  notes: string[];
  figures: Figure[];
  tables: TableBlock[];
  charts: ChartBlock[];
}

export interface PlacedTable extends TableBlock {
  /** 1-based row and column of the header's first cell. */
  top: number;
  left: number;
  /** Last body row (a table always has at least one body row; an empty one is blank). */
  bottom: number;
  right: number;
  ref: string;
  titleRow: number;
  dataBarRefs: string[];
}

export interface PlacedChart extends ChartBlock {
  /** Sheet-qualified A1 ranges. */
  categoriesRef: string;
  series: string[];
  seriesRefs: { name: string; ref: string }[];
  /** 0-based cell box the chart covers (top-left inclusive, bottom-right exclusive). */
  anchor: { top: number; left: number; bottom: number; right: number };
}

export interface SheetLayout {
  name: string;
  /** Values from A1, row by row (ragged). */
  cells: CellValue[][];
  /** Number formats by range. */
  formats: { ref: string; format: CellFormat }[];
  tables: PlacedTable[];
  charts: PlacedChart[];
  /** Column widths in characters, from column A. */
  widths: number[];
  /** 1-based rows that hold the sheet title and the table titles, for bold type. */
  titleRow: number;
  headingRows: number[];
}

export { columnName };

export const a1 = (row: number, col: number) => `${columnName(col)}${row}`;
export const sheetQualified = (sheet: string, ref: string) => `'${sheet.replace(/'/g, "''")}'!${ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;

const CHART_ROWS = 16;
const CHART_COLUMNS = 8;

function displayWidth(value: CellValue, format: CellFormat): number {
  if (value === null) return 0;
  if (typeof value === 'number') return format === 'money' ? String(Math.round(value)).length + 6 : format === 'date' ? 10 : String(value).length + 2;
  const text = String(value);
  let w = 0;
  for (let i = 0; i < text.length; i++) w += text.charCodeAt(i) > 0x2e80 ? 2 : 1;
  return w;
}

export function layoutSheet(spec: SheetSpec): SheetLayout {
  const cells: CellValue[][] = [];
  const formats: { ref: string; format: CellFormat }[] = [];
  const widths: number[] = [];
  const widen = (col: number, w: number) => {
    widths[col - 1] = Math.min(60, Math.max(widths[col - 1] ?? 8, w + 2));
  };
  const put = (row: number, col: number, value: CellValue) => {
    while (cells.length < row) cells.push([]);
    const r = cells[row - 1];
    while (r.length < col) r.push(null);
    r[col - 1] = value;
  };
  put(1, 1, spec.title);
  let row = 2;
  for (const note of spec.notes) put(row++, 1, note);
  row++;
  const headingRows: number[] = [];
  if (spec.figures.length) {
    for (const f of spec.figures) {
      put(row, 1, f.label);
      put(row, 2, f.value);
      widen(1, displayWidth(f.label, 'text'));
      if (typeof f.value === 'number') formats.push({ ref: a1(row, 2), format: f.format });
      widen(2, displayWidth(f.value, f.format));
      row++;
    }
    row++;
  }
  const tables: PlacedTable[] = [];
  for (const block of spec.tables) {
    const titleRow = row;
    put(titleRow, 1, block.title);
    headingRows.push(titleRow);
    const top = titleRow + 1;
    const left = 1;
    block.columns.forEach((c, j) => {
      put(top, left + j, c.header);
      widen(left + j, displayWidth(c.header, 'text') + 2);
    });
    block.rows.forEach((r, i) =>
      r.forEach((v, j) => {
        put(top + 1 + i, left + j, v);
        widen(left + j, displayWidth(v, block.columns[j].format));
      }),
    );
    const bodyRows = Math.max(1, block.rows.length);
    const bottom = top + bodyRows;
    const right = left + block.columns.length - 1;
    block.columns.forEach((c, j) => formats.push({ ref: `${a1(top + 1, left + j)}:${a1(bottom, left + j)}`, format: c.format }));
    const dataBarRefs = (block.dataBars ?? [])
      .map((h) => block.columns.findIndex((c) => c.header === h))
      .filter((j) => j >= 0 && block.rows.length > 0)
      .map((j) => `${a1(top + 1, left + j)}:${a1(bottom, left + j)}`);
    tables.push({ ...block, top, left, bottom, right, ref: `${a1(top, left)}:${a1(bottom, right)}`, titleRow, dataBarRefs });
    row = bottom + 2;
  }
  const chartLeft = Math.max(2, ...tables.map((t) => t.right)) + 1;
  let nextChartTop = 0;
  const charts: PlacedChart[] = [];
  for (const chart of spec.charts) {
    const t = tables.find((x) => x.name === chart.table);
    if (!t) continue;
    const col = (h: string) => t.left + t.columns.findIndex((c) => c.header === h);
    const range = (h: string) => sheetQualified(spec.name, `${a1(t.top + 1, col(h))}:${a1(t.bottom, col(h))}`);
    const top = Math.max(t.titleRow - 1, nextChartTop);
    charts.push({
      ...chart,
      categoriesRef: range(chart.category),
      seriesRefs: chart.series.map((h) => ({ name: h, ref: range(h) })),
      anchor: { top, left: chartLeft, bottom: top + CHART_ROWS, right: chartLeft + CHART_COLUMNS },
    });
    nextChartTop = top + CHART_ROWS + 1;
  }
  for (let i = 0; i < widths.length; i++) widths[i] ??= 8;
  return { name: spec.name, cells, formats, tables, charts, widths, titleRow: 1, headingRows };
}
