import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseSettingsDocument, settingsContext } from '../../src/spec/parseSettings';
import { buildCatalog, type SourceFile } from '../../src/spec/catalog';

export const ROOT = path.join(__dirname, '..', '..');
export const TEMPLATES_DIR = path.join(ROOT, 'templates');
export const FIXTURE_DOCS = path.join(ROOT, 'test', 'fixtures', 'docs');

export function readDir(dir: string): SourceFile[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md') && n !== 'README.md')
    .sort()
    .map((n) => ({ file: path.join(dir, n), source: readFileSync(path.join(dir, n), 'utf8') }));
}

export function fixtureSettings() {
  const parsed = parseSettingsDocument(readFileSync(path.join(FIXTURE_DOCS, '_设置.md'), 'utf8'), '_设置.md');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

export function fixtureContext() {
  return settingsContext(fixtureSettings());
}

export function fixtureDocument(): string {
  return readFileSync(path.join(FIXTURE_DOCS, '收文登记.md'), 'utf8');
}

/** The fixture 收文登记 and its 设置, parsed, for benches that drive a register. */
export function fixtureRegister() {
  const catalog = buildCatalog(readDir(FIXTURE_DOCS));
  if (!catalog.ok) throw new Error('fixture documents do not parse');
  return { spec: catalog.value.registers[0], settings: catalog.value.settings };
}
