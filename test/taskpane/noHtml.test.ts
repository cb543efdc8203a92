/**
 * Cell text is never rendered as HTML: the pane builds its DOM with textContent only (src/taskpane/dom.ts).
 * This fails as soon as any UI code reaches for an HTML-parsing API. The e2e test shows the same in Chromium.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const UI_DIRS = ['src/taskpane', 'src/standalone', 'src/commands', 'src/i18n'];
const HTML_SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|DOMParser|srcdoc)\b|document\.write|\.html\(/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|html)$/.test(n) ? [full] : [];
  });
}

describe('no HTML from data', () => {
  const all = UI_DIRS.flatMap((d) => files(path.join(ROOT, d)));

  it('scans the UI code', () => {
    expect(all.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['src/taskpane/dom.ts', 'src/taskpane/ui/form.ts', 'src/standalone/standalone.ts']));
  });

  it('uses no HTML-parsing API anywhere in the UI', () => {
    const hits = all.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(ROOT, f)}:${i + 1}` }))
        .filter(({ line }) => HTML_SINKS.test(line) && !/^\s*(\*|\/\/)/.test(line)),
    );
    expect(hits.map((h) => h.at)).toEqual([]);
  });

  it('would catch one', () => {
    expect(HTML_SINKS.test('el.innerHTML = value;')).toBe(true);
    expect(HTML_SINKS.test("el.insertAdjacentHTML('beforeend', v)")).toBe(true);
  });
});
