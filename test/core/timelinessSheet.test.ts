import { TIMELINESS_SHEET, timelinessLayout, timelinessWriteBatch } from '../../src/core/timelinessSheet';
import { report, sealOffice } from './timelinessScenario';

describe('the 时效分析 sheet layout', () => {
  it('puts the figures, the steps with data bars, the people, the months and what waits, with two charts over them', async () => {
    const r = report(await sealOffice(), '2026-03-10T09:00');
    const layout = timelinessLayout(r);
    const cellAt = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      return layout.cells[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65] ?? null;
    };
    const figure = (label: string) => layout.cells.find((row) => row[0] === label)?.[1];
    expect(figure('办理次数')).toBe(6);
    expect(figure('超时办理')).toBe(1);
    // 5 on time out of 6 acted + 1 waiting over the limit
    expect(figure('按时率')).toBeCloseTo(5 / 7, 10);
    expect(figure('正在等待')).toBe(1);
    expect(figure('最久等待(工作小时)')).toBe(46.5);
    const steps = layout.tables.find((t) => t.name === 'tzt_steps')!;
    expect(steps.rows.find((row) => row[3] === '办公室主任审批')).toEqual(['用印登记·办公室主任审批', 16, '用印登记', '办公室主任审批', 2, 27.2, 0.5, 8, 1, 0, null]);
    expect(steps.dataBarRefs).toHaveLength(2);
    const waiting = layout.tables.find((t) => t.name === 'tzt_waiting')!;
    expect(waiting.rows).toEqual([['用印登记', expect.any(String), '公司领导审批', '2026-03-02 10:30', 46.5, 8, '王建国、李志华']]);
    const months = layout.tables.find((t) => t.name === 'tzt_months')!;
    expect(months.columns.map((c) => c.header)).toEqual(['月份', '用印登记']);
    expect(months.rows).toEqual([['2026-03', 5 / 7]]);
    expect(cellAt(steps.ref.split(':')[0])).toBe('登记表·步骤');
    const batch = timelinessWriteBatch(r);
    const write = batch.sheetWrites![0];
    expect(write.sheet).toBe(TIMELINESS_SHEET);
    expect(write.charts!.map((c) => [c.kind, c.title])).toEqual([['bar', '各步骤中位用时(工作小时)'], ['column', '按时率(按月份)']]);
    // the chart sources are the category column and the series right after it
    expect(write.charts![0].source).toBe(`A${steps.top}:B${steps.bottom}`);
    expect(write.style!.dataBars!.length).toBeGreaterThanOrEqual(4);
  });

  it('an empty report still lays out a sheet that says so, without charts', () => {
    const layout = timelinessLayout({ asOf: '2026-03-10T09:00', month: '2026-02', steps: [], people: [], months: [], waiting: [] });
    expect(layout.cells[0][0]).toBe('审批时效分析 2026-02');
    expect(timelinessWriteBatch({ asOf: '2026-03-10T09:00', month: '2026-02', steps: [], people: [], months: [], waiting: [] }).sheetWrites![0].charts).toEqual([]);
  });
});
