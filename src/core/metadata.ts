/**
 * What a workbook says about its own registers, kept in a very hidden worksheet (_taizhang).
 * Why a sheet: it travels with the file through co-authoring, Excel on the web, Mac, WPS and LibreOffice;
 * document settings are lost on Mac and custom document properties are not kept by Excel on the web.
 * Each register row carries its spec (without the outline prose) so that a filled workbook can be checked
 * without the documents it came from.
 */
import type { CellValue } from './cells';
import { canonicalJson, sha256Hex } from './hash';
import { registerColumns, tableName } from './layout';
import { RegisterSpecSchema, type RegisterSpec } from '../spec/schema';

export const META_FORMAT = 'taizhang-workbook';
export const META_FORMAT_VERSION = 1;
/** Excel keeps at most 32,767 characters in a cell: longer JSON is split across cells of the row. */
const CHUNK = 32_000;

export interface RegisterMeta {
  id: string;
  name: string;
  version: number;
  sheet: string;
  table: string;
  /** Header row as written, in order: the structure guard compares against this. */
  headers: string[];
  /** SHA-256 of the canonical spec JSON. */
  specHash: string;
  spec: RegisterSpec;
}

export interface WorkbookMeta {
  formatVersion: number;
  registers: RegisterMeta[];
}

export const META_HEADER = ['标识', '名称', '版本', '工作表', '表名', '列', '规格哈希', '规格'];

/** The spec as kept in the workbook: everything but the outline prose (that lives on the 说明 sheet). */
export function storedSpec(spec: RegisterSpec): RegisterSpec {
  return { ...spec, outline: {} };
}

export async function registerMeta(spec: RegisterSpec, sheet: string): Promise<RegisterMeta> {
  const stored = storedSpec(spec);
  return {
    id: spec.id,
    name: spec.name,
    version: spec.version,
    sheet,
    table: tableName(spec),
    headers: registerColumns(spec).map((c) => c.header),
    specHash: await sha256Hex(canonicalJson(stored)),
    spec: stored,
  };
}

export function metaToRows(meta: WorkbookMeta): CellValue[][] {
  const rows: CellValue[][] = [[META_FORMAT, meta.formatVersion], META_HEADER];
  for (const r of meta.registers) {
    const json = JSON.stringify(r.spec);
    const chunks: string[] = [];
    for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
    rows.push([r.id, r.name, r.version, r.sheet, r.table, JSON.stringify(r.headers), r.specHash, ...chunks]);
  }
  return rows;
}

export type MetaResult = { ok: true; meta: WorkbookMeta } | { ok: false; message: string; messageEn: string };

export function metaFromRows(rows: CellValue[][]): MetaResult {
  const bad = (message: string, messageEn: string): MetaResult => ({ ok: false, message, messageEn });
  if (rows.length < 2 || rows[0][0] !== META_FORMAT)
    return bad('工作簿中没有台账元数据(_taizhang 工作表):它不是由台账模板生成的', 'No Taizhang metadata sheet: this workbook was not made from a Taizhang template');
  const formatVersion = Number(rows[0][1]);
  if (formatVersion > META_FORMAT_VERSION)
    return bad(`工作簿格式版本 ${formatVersion} 比本程序新,请升级台账`, `Workbook format ${formatVersion} is newer than this program`);
  const registers: RegisterMeta[] = [];
  for (let i = 2; i < rows.length; i++) {
    const row = rows[i];
    if (!row || row.every((c) => c === null || c === '')) continue;
    try {
      const specJson = row.slice(7).filter((c) => typeof c === 'string').join('');
      const spec = RegisterSpecSchema.parse(JSON.parse(specJson));
      const headers = JSON.parse(String(row[5]));
      if (!Array.isArray(headers)) throw new Error('headers');
      registers.push({
        id: String(row[0]),
        name: String(row[1]),
        version: Number(row[2]),
        sheet: String(row[3]),
        table: String(row[4]),
        headers: headers.map(String),
        specHash: String(row[6]),
        spec,
      });
    } catch {
      return bad(`_taizhang 工作表第 ${i + 1} 行已损坏(被手工修改过?)`, `_taizhang row ${i + 1} is damaged (edited by hand?)`);
    }
  }
  return { ok: true, meta: { formatVersion, registers } };
}
