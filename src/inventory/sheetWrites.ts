/**
 * The analysis sheets as one WorkbookPort write: every layout becomes a sheetWrite with its values, its style
 * (number formats, tables, data bars, widths) and its charts as ChartRequests. The add-in's 刷新消耗分析 sends this
 * batch through whichever adapter it runs on; Office.js draws the charts, exceljs writes tables and data bars.
 */
import type { ChartRequest, SheetStyle, WriteBatch } from '../workbook/port';
import { a1, NUMBER_FORMATS, type ChartKind, type PlacedChart, type SheetLayout } from './sheetLayout';

/**
 * The port has no line chart yet (ChartRequest.kind): the monthly trend is drawn as columns until the Office.js
 * adapter maps 'line' to Excel's Line type; then this table is the one place to change.
 */
const PORT_CHART: Record<ChartKind, ChartRequest['kind']> = { line: 'column', column: 'column', bar: 'bar' };

export function layoutStyle(layout: SheetLayout): SheetStyle {
  return {
    formats: layout.formats.map((f) => ({ ref: f.ref, numberFormat: NUMBER_FORMATS[f.format] })),
    tables: layout.tables.map((t) => ({ name: t.name, ref: t.ref })),
    dataBars: layout.tables.flatMap((t) => t.dataBarRefs),
    widths: layout.widths,
    titleRows: [layout.titleRow],
    headingRows: layout.headingRows,
  };
}

/**
 * A chart's source as Charts.add takes it: one range, categories in its first column and series names in its
 * header row. The layout puts the series columns right after the category column; anything else is a layout bug.
 */
export function chartSource(layout: SheetLayout, chart: PlacedChart): string {
  const table = layout.tables.find((t) => t.name === chart.table);
  if (!table) throw new Error(`chart "${chart.title}" plots table ${chart.table}, which is not on sheet ${layout.name}`);
  const index = (header: string) => table.columns.findIndex((c) => c.header === header);
  const category = index(chart.category);
  const series = chart.series.map(index);
  if (category < 0 || series.some((s, i) => s !== category + 1 + i))
    throw new Error(`chart "${chart.title}": series ${chart.series.join(', ')} must follow ${chart.category} in table ${chart.table}`);
  const left = table.left + category;
  return `${a1(table.top, left)}:${a1(table.bottom, left + series.length)}`;
}

/** The layout's charts over tables that have rows (a chart of an empty table would be a blank frame). */
export function chartRequests(layout: SheetLayout): ChartRequest[] {
  return layout.charts
    .filter((chart) => (layout.tables.find((t) => t.name === chart.table)?.rows.length ?? 0) > 0)
    .map((chart) => ({
      kind: PORT_CHART[chart.kind],
      title: chart.title,
      source: chartSource(layout, chart),
      anchor: a1(chart.anchor.top + 1, chart.anchor.left + 1),
    }));
}

export function analysisWriteBatch(layouts: SheetLayout[]): WriteBatch {
  return { sheetWrites: layouts.map((layout) => ({ sheet: layout.name, rows: layout.cells, charts: chartRequests(layout), style: layoutStyle(layout) })) };
}
