/**
 * First load of the task pane as Excel fetches it: the scripts taskpane.html names, from the production build
 * (`npm test` builds dist/web first). Budget 150 KB gzipped, and the xlsx engine (exceljs) is not among them —
 * it exists only in the standalone page's lazy chunk. `npm run bench` records the same figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB = path.join(__dirname, '..', '..', 'dist', 'web');
/**
 * A string only the xlsx engine carries: exceljs writes the SpreadsheetML namespace into every part. (Part names
 * such as xl/workbook.xml are also in the loader that puts other writers' packages into exceljs's shape, which
 * sits in the standalone page's lazy xlsx chunk.)
 */
const XLSX_ENGINE = 'schemas.openxmlformats.org/spreadsheetml/2006/main';

function firstLoad(page: string): string[] {
  const html = readFileSync(path.join(WEB, page), 'utf8');
  // The production HTML is minified: attribute values may be unquoted.
  return [...html.matchAll(/<script[^>]+src=["']?([^"'\s>]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}

describe('task pane bundle', () => {
  it('loads at most 150 KB of gzipped JavaScript first, without exceljs', () => {
    const scripts = firstLoad('taskpane.html');
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.map((s) => readFileSync(path.join(WEB, s)));
    const gz = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    expect(gz).toBeLessThanOrEqual(150 * 1024);
    for (const b of bytes) expect(b.includes(XLSX_ENGINE)).toBe(false);
  });

  it('keeps exceljs in a chunk of its own that the standalone page loads only when a file is opened', () => {
    const withEngine = readdirSync(WEB).filter((f) => f.endsWith('.js') && readFileSync(path.join(WEB, f)).includes(XLSX_ENGINE));
    expect(withEngine).toHaveLength(1);
    expect(firstLoad('standalone.html')).not.toContain(withEngine[0]);
    expect(firstLoad('commands.html').some((s) => readFileSync(path.join(WEB, s)).includes(XLSX_ENGINE))).toBe(false);
  });
});
