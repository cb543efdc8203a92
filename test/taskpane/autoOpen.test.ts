/**
 * The pane opening by itself with the workbook: Excel reads the document setting Office.AutoShowTaskpaneWithDocument
 * (the manifest's ShowTaskpane actions carry that TaskpaneId), which documentAutoOpen reads and saves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Callback = (r: { status: string; error?: { message: string } }) => void;

function fakeDocumentSettings(failSave = false) {
  const stored = new Map<string, unknown>();
  const saved = new Map<string, unknown>();
  return {
    stored,
    saved,
    get: (name: string) => (stored.has(name) ? stored.get(name) : null),
    set: (name: string, value: unknown) => void stored.set(name, value),
    saveAsync: (callback: Callback) => {
      if (failSave) return callback({ status: 'failed', error: { message: 'read-only workbook' } });
      for (const [k, v] of stored) saved.set(k, v);
      callback({ status: 'succeeded' });
    },
  };
}

beforeAll(() => {
  (globalThis as unknown as { Office: unknown }).Office = { AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } };
});

describe('auto-open with the workbook', () => {
  it('is unset at first, then saved in the document when turned on or off', async () => {
    const { documentAutoOpen, AUTO_OPEN_SETTING } = await import('../../src/taskpane/officeHost');
    const settings = fakeDocumentSettings();
    const autoOpen = documentAutoOpen(settings as never);
    expect(autoOpen.enabled()).toBeNull();
    await autoOpen.set(true);
    expect(settings.saved.get(AUTO_OPEN_SETTING)).toBe(true);
    expect(autoOpen.enabled()).toBe(true);
    await autoOpen.set(false);
    expect(settings.saved.get(AUTO_OPEN_SETTING)).toBe(false);
    expect(autoOpen.enabled()).toBe(false);
  });

  it('says so when the workbook cannot save the setting', async () => {
    const { documentAutoOpen } = await import('../../src/taskpane/officeHost');
    await expect(documentAutoOpen(fakeDocumentSettings(true) as never).set(true)).rejects.toThrow('read-only workbook');
  });

  it('every ribbon button opens the one pane that Excel opens with the document', () => {
    const manifest = readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
    const ids = [...manifest.matchAll(/<TaskpaneId>([^<]+)<\/TaskpaneId>/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids)).toEqual(new Set(['Office.AutoShowTaskpaneWithDocument']));
  });
});
