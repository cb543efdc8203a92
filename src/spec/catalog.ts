/**
 * All process documents of an office together: the settings document plus one document per register.
 * Pure: the caller reads the files; this checks each document and what must be unique across them.
 */
import type { DocError, ParseResult } from './errors';
import { sortErrors } from './errors';
import { parseRegisterDocument } from './parseRegister';
import { SETTINGS_FILE, parseSettingsDocument, settingsContext } from './parseSettings';
import type { RegisterSpec, SettingsSpec } from './schema';

export interface SourceFile {
  /** Path as shown in messages, e.g. templates/收文登记.md. */
  file: string;
  source: string;
}

export interface Catalog {
  settings: SettingsSpec;
  /** Sorted by form code, the order of the combined workbook. */
  registers: RegisterSpec[];
  /** Which file each register came from, by id. */
  files: Record<string, string>;
}

export function isSettingsFile(file: string): boolean {
  const name = file.replace(/\\/g, '/').split('/').pop();
  return name === SETTINGS_FILE || name === SETTINGS_FILE.replace(/\.md$/, '.docx');
}

export function buildCatalog(sources: SourceFile[]): ParseResult<Catalog> {
  const settingsSource = sources.find((s) => isSettingsFile(s.file));
  if (!settingsSource) {
    const file = sources[0]?.file.replace(/[^/\\]*$/, SETTINGS_FILE) ?? SETTINGS_FILE;
    return { ok: false, errors: [{ file, line: 1, column: 1, message: `缺少设置文件 ${SETTINGS_FILE}(部门、角色、人员、列表)`, messageEn: `Missing the settings document ${SETTINGS_FILE}` }] };
  }
  const settings = parseSettingsDocument(settingsSource.source, settingsSource.file);
  if (!settings.ok) return settings;
  const context = settingsContext(settings.value);
  const errors: DocError[] = [];
  const registers: RegisterSpec[] = [];
  const files: Record<string, string> = {};
  const firstBy = { id: new Map<string, string>(), formCode: new Map<string, string>(), name: new Map<string, string>() };
  for (const { file, source } of sources) {
    if (isSettingsFile(file)) continue;
    const result = parseRegisterDocument(source, file, context);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const spec = result.value;
    let clash = false;
    for (const [key, label] of [['id', '标识'], ['formCode', '表单编号'], ['name', '登记表名称']] as const) {
      const other = firstBy[key].get(spec[key]);
      if (other) {
        errors.push({ file, line: 1, column: 1, message: `${label}“${spec[key]}”与 ${other} 重复,请改用另一个`, messageEn: `${key} "${spec[key]}" is also used by ${other}` });
        clash = true;
      } else firstBy[key].set(spec[key], file);
    }
    if (!clash) {
      registers.push(spec);
      files[spec.id] = file;
    }
  }
  if (errors.length) return { ok: false, errors: sortErrors(errors) };
  if (registers.length === 0)
    return { ok: false, errors: [{ file: settingsSource.file, line: 1, column: 1, message: '目录中没有任何登记表流程文件(*.md 或 *.docx)', messageEn: 'No register documents (*.md or *.docx) in the folder' }] };
  registers.sort((a, b) => a.formCode.localeCompare(b.formCode, 'en', { numeric: true }));
  return { ok: true, value: { settings: settings.value, registers, files } };
}
