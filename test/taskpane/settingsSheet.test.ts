/** Settings written back to 设置 in place: what the sheet holds afterwards reads back as what was saved. */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { SETTINGS_SHEET } from '../../src/core/layout';
import { settingsFromSheet } from '../../src/core/settings';
import { applyRangeWrites, settingsBatch, settingsProblems } from '../../src/taskpane/settingsSheet';
import { ExcelJsWorkbook, sheetValues } from '../../src/workbook/exceljs/adapter';
import { writeSettingsSheet } from '../../src/workbook/exceljs/templateWriter';
import { fixtureSettings } from '../support/docs';

const settings = fixtureSettings();
const name = fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z]{1,6}$/);

describe('saving settings to the 设置 sheet', () => {
  it('round-trips departments, roles and people and leaves the lists alone (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(name, { minLength: 1, maxLength: 12 }),
        fc.uniqueArray(name, { minLength: 1, maxLength: 12 }),
        fc.uniqueArray(name, { maxLength: 20 }),
        async (depts, roles, people) => {
          const wb = new ExcelJS.Workbook();
          writeSettingsSheet(wb, settings);
          const port = new ExcelJsWorkbook(wb);
          const next = {
            departments: depts.map((d, i) => ({ name: d, headcount: i % 3 === 0 ? null : i })),
            roles: roles.map((r, i) => ({ name: r, note: i % 2 ? '' : `说明${i}` })),
            people: people.map((p, i) => ({ name: p, department: depts[i % depts.length], roles: [roles[i % roles.length], roles[(i + 1) % roles.length]].filter((r, j, a) => a.indexOf(r) === j) })),
          };
          const before = sheetValues(wb.getWorksheet(SETTINGS_SHEET)!);
          const batch = settingsBatch(before, next);
          await port.write(batch);
          const after = sheetValues(wb.getWorksheet(SETTINGS_SHEET)!);
          const read = settingsFromSheet(after);
          expect(read.departments).toEqual(next.departments);
          expect(read.roles).toEqual(next.roles);
          expect(read.people).toEqual(next.people);
          expect(read.lists).toEqual(settings.lists);
          // What the pane believes without reading again is what the sheet holds.
          expect(settingsFromSheet(applyRangeWrites(before, batch))).toEqual(read);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('names what must be fixed before saving', () => {
    const problems = settingsProblems(
      {
        departments: [{ name: '财务部', headcount: 3 }, { name: '财务部', headcount: -1 }],
        roles: [{ name: '部门领导', note: '' }],
        people: [{ name: '郑芳', department: '审计部', roles: ['部门领导', '出纳'] }],
      },
      'zh-CN',
    );
    expect(problems.map((p) => p.key)).toEqual(['settings.dupe', 'settings.badHeadcount', 'settings.unknownDept', 'settings.unknownRole']);
    expect(problems[3].params).toEqual({ person: '郑芳', role: '出纳' });
  });
});
