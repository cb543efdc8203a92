/**
 * taizhang import SOURCE --into WORKBOOK --register NAME [--sheet SHEET] [--map FILE] [--out FILE] [--report FILE]
 *                 [--dry-run] [--json] [--in-place] [--as PERSON] [--lang en]
 * A hand-made ledger (.xlsx or .csv in UTF-8/GB18030) into a register of a Taizhang workbook. Exit 0 when every
 * data row was imported (or had been before), 1 when some rows were rejected (each listed with sheet!row, field and
 * reason; the others are imported), 2 when the input is unusable or a required field has no column.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CellValue } from '../core/cells';
import { columnName } from '../core/a1';
import { META_SHEET, SETTINGS_SHEET, AUDIT_SHEET } from '../core/layout';
import type { RegisterMeta } from '../core/metadata';
import { findPerson } from '../core/settings';
import { officeTimeZone } from '../core/officeClock';
import { IMPORT_LOG_SHEET } from '../core/import/importLog';
import { REPORT_HEADER, confirmedMapping, type MappingResult, type SavedMapping } from '../core/import/mapping';
import type { ImportOutcome } from '../core/import/plan';
import type { SourceSheet } from '../core/import/prepare';
import { csvSource, toCsv } from '../import/csvSource';
import { analyseImport, defaultImporter, runImport } from '../import/runImport';
import { readXlsxSheets, type XlsxSheet } from '../import/xlsxFileSource';
import { xlsxSource } from '../import/xlsxSource';
import { ExcelJsWorkbook } from '../workbook/exceljs/adapter';
import { saveXlsx } from '../workbook/exceljs/saveXlsx';
import { UsageError } from './args';
import type { Io } from './io';
import { nodeDigest } from './nodeDigest';
import { InputError, nowText, openWorkbook, say, type Lang } from './workbookFile';

export interface ImportOptions {
  into: string;
  register: string;
  sheet?: string;
  map?: string;
  out?: string;
  report?: string;
  dryRun: boolean;
  json: boolean;
  inPlace: boolean;
  as?: string;
  lang: Lang;
}


/** Sheets of a Taizhang workbook that are never a ledger to import. */
const OWN_SHEETS = new Set([META_SHEET, SETTINGS_SHEET, AUDIT_SHEET, IMPORT_LOG_SHEET]);

interface LoadedSource {
  sheet: SourceSheet;
  /** The .xlsx source (the --report copy is written from it, loaded whole only then); null for CSV. */
  xlsx: string | null;
  encoding?: string;
}

/** The source's sheets: streamed, or loaded whole when the streaming reader cannot take the file (which then says what is wrong). */
async function xlsxSheets(file: string): Promise<XlsxSheet[]> {
  try {
    return await readXlsxSheets(file);
  } catch {
    const wb = await openWorkbook(file);
    return wb.worksheets.map((ws) => ({ ...xlsxSource(ws), state: ws.state ?? 'visible' }));
  }
}

async function loadSource(file: string, sheetName: string | undefined, pick: (sheets: SourceSheet[]) => SourceSheet | null): Promise<LoadedSource> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) throw new InputError(`${file}: 找不到文件`, `${file}: no such file`);
    const sheet = csvSource(bytes, path.basename(file));
    if (sheet.rows.length === 0) throw new InputError(`${file}: 文件是空的`, `${file}: the file is empty`);
    return { sheet, xlsx: null, encoding: sheet.encoding };
  }
  const all = await xlsxSheets(file);
  const visible = all.filter((ws) => ws.state !== 'veryHidden' && ws.state !== 'hidden' && !OWN_SHEETS.has(ws.name));
  const source = ({ name, rows, merges }: XlsxSheet): SourceSheet => ({ name, rows, merges });
  if (sheetName !== undefined) {
    const ws = all.find((w) => w.name === sheetName);
    if (!ws) throw new InputError(`${file}: 没有名为“${sheetName}”的工作表;有:${visible.map((w) => w.name).join('、')}`, `${file}: no sheet named "${sheetName}"; it has: ${visible.map((w) => w.name).join(', ')}`);
    return { sheet: source(ws), xlsx: file };
  }
  const chosen = pick(visible.map(source));
  if (!chosen) throw new InputError(`${file}: 没有一个工作表像要导入的台账;用 --sheet 指定工作表(有:${visible.map((w) => w.name).join('、')})`, `${file}: no sheet looks like a ledger to import; name one with --sheet (${visible.map((w) => w.name).join(', ')})`);
  return { sheet: chosen, xlsx: file };
}

function findRegister(metas: RegisterMeta[], name: string): RegisterMeta | null {
  return metas.find((m) => m.name === name || m.id === name || m.sheet === name) ?? null;
}

async function readMapFile(file: string): Promise<SavedMapping | null> {
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text.replace(/^\ufeff/, ''));
    const columns = parsed?.columns;
    if (!columns || typeof columns !== 'object' || Object.values(columns).some((v) => v !== null && typeof v !== 'string')) throw new Error('shape');
    return columns as SavedMapping;
  } catch {
    throw new InputError(`${file}: 映射文件不是有效的 JSON;应为 {"columns": {"源列名": "字段名" 或 null}}`, `${file}: the mapping file is not valid; it should be {"columns": {"source header": "field" or null}}`);
  }
}

function mappingJson(register: string, mapping: MappingResult): string {
  const suggestions: Record<string, string> = {};
  for (const c of mapping.columns) if (!c.target && c.suggestion) suggestions[c.header] = c.suggestion;
  return JSON.stringify({ register, columns: confirmedMapping(mapping), suggestions }, null, 2) + '\n';
}

function defaultOut(workbook: string): string {
  const ext = path.extname(workbook);
  return path.join(path.dirname(workbook), `${path.basename(workbook, ext)}-导入${ext || '.xlsx'}`);
}

/** The source again with a 问题 column saying what to fix per row (rejected) or check (flagged). */
async function writeReport(file: string, source: LoadedSource, headerRow: number, outcome: ImportOutcome, lang: Lang): Promise<void> {
  const notes = new Map<number, string>();
  for (const r of outcome.rejected) notes.set(r.sourceRow, r.problems.map((p) => (lang === 'en-US' ? p.messageEn : p.message)).join(';'));
  for (const f of outcome.flagged) notes.set(f.sourceRow, lang === 'en-US' ? f.messageEn : f.message);
  const rows = source.sheet.rows;
  const header = rows[headerRow] ?? [];
  const existing = header.findIndex((h) => typeof h === 'string' && h.trim() === REPORT_HEADER);
  const column = existing >= 0 ? existing : Math.max(header.length, ...rows.map((r) => r.length));
  if (!source.xlsx) {
    const copy: CellValue[][] = rows.map((r, i) => {
      const row = [...r];
      while (row.length <= column) row.push(null);
      row[column] = i === headerRow ? REPORT_HEADER : notes.get(i + 1) ?? null;
      return row;
    });
    await fs.writeFile(file, toCsv(copy), 'utf8');
    return;
  }
  const workbook = await openWorkbook(source.xlsx);
  const ws = workbook.getWorksheet(source.sheet.name)!;
  ws.getCell(`${columnName(column + 1)}${headerRow + 1}`).value = REPORT_HEADER;
  for (let r = headerRow + 2; r <= rows.length; r++) ws.getCell(`${columnName(column + 1)}${r}`).value = notes.get(r) ?? null;
  ws.getColumn(column + 1).width = 60;
  await fs.writeFile(file, await saveXlsx(workbook));
}

export async function importCommand(sourceFile: string, options: ImportOptions, io: Io): Promise<number> {
  const L = (zh: string, en: string) => say(options.lang, zh, en);
  const out = options.inPlace ? options.into : options.out ?? defaultOut(options.into);
  if (!options.dryRun && path.resolve(out) === path.resolve(options.into) && !options.inPlace)
    throw new UsageError('--out 与 --into 是同一个文件;要覆盖原工作簿请加 --in-place (--out is the input workbook: add --in-place to overwrite it)');
  try {
    const wb = await openWorkbook(options.into);
    const port = new ExcelJsWorkbook(wb);
    const first = await port.read({ meta: true });
    if (!first.meta?.ok) throw new InputError(`${options.into}: 不是台账工作簿(没有台账元数据);请用 taizhang templates 或 taizhang demo 生成的工作簿`, `${options.into}: not a Taizhang workbook (no metadata)`);
    const metas = first.meta.meta.registers;
    const meta = findRegister(metas, options.register);
    if (!meta) throw new InputError(`${options.into}: 没有登记表“${options.register}”;有:${metas.map((m) => m.name).join('、')}`, `${options.into}: no register "${options.register}"; it has: ${metas.map((m) => `${m.name} (${m.id})`).join(', ')}`);
    const given = options.map ? await readMapFile(options.map) : null;
    let analysis: Awaited<ReturnType<typeof analyseImport>> | null = null;
    const source = await loadSource(sourceFile, options.sheet, (sheets) => sheets.find((s) => !metas.some((m) => m.sheet === s.name) && s.rows.length > 0) ?? null);
    analysis = await analyseImport(port, meta, source.sheet, given);
    const prepared = analysis.prepared;
    if (!prepared.ok) {
      io.err(`taizhang import: ${L(prepared.message, prepared.messageEn)}`);
      return 2;
    }
    const headers = prepared.header.headers.filter((h) => h !== '');
    if (prepared.mapping.missing.length) {
      if (options.map && !given) await fs.writeFile(options.map, mappingJson(meta.name, prepared.mapping), 'utf8');
      if (options.json)
        io.out(JSON.stringify({ error: 'requiredFieldsUnmapped', source: sourceFile, sheet: source.sheet.name, register: meta.name, headerRow: prepared.header.row + 1, headers, missing: prepared.mapping.missing, suggestions: Object.fromEntries(prepared.mapping.unmapped.filter((c) => c.suggestion).map((c) => [c.header, c.suggestion])) }, null, 2));
      io.err(L(`taizhang import: 必填字段没有对应的列:${prepared.mapping.missing.join('、')}`, `taizhang import: required fields have no column: ${prepared.mapping.missing.join(', ')}`));
      io.err(L(`  找到的表头(${source.sheet.name} 第 ${prepared.header.row + 1} 行):${headers.join('、')}`, `  headers found (${source.sheet.name} row ${prepared.header.row + 1}): ${headers.join(', ')}`));
      for (const c of prepared.mapping.unmapped.filter((c) => c.suggestion))
        io.err(L(`  建议:“${c.header}” → “${c.suggestion}”(须确认)`, `  suggestion: "${c.header}" → "${c.suggestion}" (to confirm)`));
      io.err(
        options.map && !given
          ? L(`  已把建议的对应关系写入 ${options.map}:确认后把列名写进 "columns",再运行同一命令`, `  the proposed mapping is in ${options.map}: confirm it under "columns" and run the same command again`)
          : L(`  用 --map FILE 给出对应关系:{"columns": {"源列名": "字段名"}}`, `  give the mapping with --map FILE: {"columns": {"source header": "field"}}`),
      );
      return 2;
    }
    const actor = options.as ?? defaultImporter(meta, analysis.settings);
    if (!actor || !findPerson(analysis.settings, actor))
      throw new InputError(`${options.into}: 导入人“${actor ?? ''}”不在“设置”的人员名单中;用 --as 姓名 指定`, `${options.into}: the importer "${actor ?? ''}" is not listed on 设置; name one with --as`);
    const result = await runImport(port, meta, prepared, { actor, now: nowText(officeTimeZone(analysis.settings)), digest: nodeDigest, dryRun: options.dryRun, chunkRows: Number.MAX_SAFE_INTEGER, logExists: analysis.logExists });
    if (!result.ok) throw new InputError(`${options.into}: ${result.message}`, `${options.into}: ${result.messageEn}`);
    const outcome = result.outcome;
    if (!options.dryRun && outcome.imported.length) await fs.writeFile(out, await saveXlsx(wb));
    if (options.map && !options.dryRun) await fs.writeFile(options.map, mappingJson(meta.name, prepared.mapping), 'utf8');
    if (options.report) await writeReport(options.report, source, prepared.header.row + prepared.header.height - 1, outcome, options.lang);
    const total = prepared.rows.length;
    if (options.json) {
      io.out(JSON.stringify({
        source: sourceFile, sheet: source.sheet.name, encoding: source.encoding, register: meta.name, out: options.dryRun || !outcome.imported.length ? null : out, dryRun: options.dryRun, importer: actor,
        header: { row: prepared.header.row + 1, height: prepared.header.height, headers: prepared.header.headers },
        mapping: { source: analysis.mappingSource, columns: prepared.mapping.columns.map((c) => ({ header: c.header, column: columnName(c.column + 1), field: c.target, how: c.kind, suggestion: c.suggestion, skipped: c.skipped })) },
        summary: { sourceRows: total, imported: outcome.imported.length, rejected: outcome.rejected.length, blankOrSubtotal: outcome.skipped.length, alreadyImported: outcome.alreadyImported.length, flagged: outcome.flagged.length },
        imported: outcome.imported, rejected: outcome.rejected, skipped: outcome.skipped, alreadyImported: outcome.alreadyImported, flagged: outcome.flagged,
        unmapped: prepared.mapping.unmapped.map((c) => ({ header: c.header, column: columnName(c.column + 1), suggestion: c.suggestion })),
      }, null, 2));
      return outcome.rejected.length ? 1 : 0;
    }
    io.out(L(`表头:${source.sheet.name} 第 ${prepared.header.row + 1}${prepared.header.height > 1 ? `~${prepared.header.row + 2}` : ''} 行${source.encoding ? `(编码 ${source.encoding})` : ''}`, `Header: ${source.sheet.name} row ${prepared.header.row + 1}${prepared.header.height > 1 ? `–${prepared.header.row + 2}` : ''}${source.encoding ? ` (encoding ${source.encoding})` : ''}`));
    for (const c of prepared.mapping.columns.filter((c) => c.target)) io.out(`  ${columnName(c.column + 1)} ${c.header} → ${c.target}${c.kind === 'exact' ? '' : `  (${c.kind})`}`);
    for (const c of prepared.mapping.unmapped)
      io.out(L(`  ${columnName(c.column + 1)} ${c.header} → (未导入)${c.suggestion ? `  建议对应“${c.suggestion}”,确认请用 --map` : ''}`, `  ${columnName(c.column + 1)} ${c.header} → (not imported)${c.suggestion ? `  suggested: "${c.suggestion}", confirm with --map` : ''}`));
    if (outcome.rejected.length) {
      io.out(L(`拒绝的行 (${outcome.rejected.length}):`, `Rejected rows (${outcome.rejected.length}):`));
      for (const r of outcome.rejected)
        for (const p of r.problems) io.out(`  ${source.sheet.name}!${p.cell ?? r.sourceRow}${p.field ? ` ${p.field}` : ''}: ${L(p.message, p.messageEn)}`);
    }
    if (outcome.flagged.length) {
      io.out(L(`请核对 (${outcome.flagged.length}):`, `To check (${outcome.flagged.length}):`));
      for (const f of outcome.flagged) io.out(`  ${L(f.message, f.messageEn)}`);
    }
    io.out(L(
      `${options.dryRun ? '试运行,未写入:' : ''}源数据 ${total} 行 = 导入 ${outcome.imported.length} + 拒绝 ${outcome.rejected.length} + 空行/合计 ${outcome.skipped.length} + 此前已导入 ${outcome.alreadyImported.length}`,
      `${options.dryRun ? 'Dry run, nothing written: ' : ''}${total} source rows = ${outcome.imported.length} imported + ${outcome.rejected.length} rejected + ${outcome.skipped.length} blank/subtotal + ${outcome.alreadyImported.length} imported before`,
    ));
    if (!options.dryRun) io.out(outcome.imported.length ? L(`✓ 已写入 ${out}(导入人 ${actor})`, `✓ written to ${out} (imported by ${actor})`) : L('没有新记录,未写入文件', 'no new records; nothing written'));
    if (options.report) io.out(L(`问题清单:${options.report}(改正“问题”列所指的行后可直接再次导入)`, `report: ${options.report} (fix the rows its 问题 column names and import it again)`));
    return outcome.rejected.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`taizhang import: ${say(options.lang, error.message, error.messageEn)}`);
    return 2;
  }
}
