/**
 * The audit chain kept in the hidden _审计 sheet. Every submission and approval appends one entry: sequence, time,
 * register, record number, action, actor, the record's canonical content hash, the previous entry's hash and
 * SHA-256(previous hash + canonical entry). Hashing goes through WebCrypto (hash.ts), so the pane in Excel, the
 * standalone page and the CLI compute the same chain.
 *
 * Canonical record content (what contentHash covers): the row as it reads back from the sheet — field values by
 * column name (dates as ISO text, 是/否 as booleans), 登记人, 登记时间, 状态 and every step's actor, time and
 * opinion — serialised by canonicalJson: keys sorted by UTF-16 code unit, strings in Unicode NFC, so the hash does
 * not depend on property order or on whether a name was typed composed or decomposed. Nothing else is folded:
 * full-width and half-width text, spaces and letter case are different content.
 */
import type { CellValue } from './cells';
import { canonicalJson, canonicalKey, sha256Hex } from './hash';
import { recordToRow, rowToRecord, type RegisterRecord } from './records';
import { AUDIT_HEADER } from './auditLayout';
import type { RegisterSpec } from '../spec/schema';
import { specColumns } from './layout';

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = {
  submit: '提交',
  approve: '审批',
  return: '退回',
  reject: '驳回',
  withdraw: '撤回',
  resubmit: '重新提交',
  update: '更新',
  import: '导入',
  recall: '取回',
  remind: '催办',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditEntry {
  seq: number;
  /** Naive local time, YYYY-MM-DDTHH:mm[:ss]. Kept as text so the hashed bytes are exactly what the cell holds. */
  time: string;
  /** Register id (stable across renames of the register). */
  register: string;
  number: string;
  /** Chinese action word (AUDIT_ACTIONS). */
  action: string;
  actor: string;
  contentHash: string;
  prevHash: string;
  hash: string;
}

export interface AuditTail {
  seq: number;
  hash: string;
}

export const EMPTY_TAIL: AuditTail = { seq: 0, hash: GENESIS_HASH };

/** The record as the sheet will hold it: toCell/fromCell applied, so what is hashed now is what verify reads. */
export function canonicalRecord(spec: RegisterSpec, record: Omit<RegisterRecord, 'index' | 'sheetRow'>): unknown {
  return canonicalRow(spec, recordToRow(spec, record, specColumns(spec)));
}

/** canonicalRecord of the row recordToRow made (a plan that has the row already need not make it twice). */
export function canonicalRow(spec: RegisterSpec, row: CellValue[]): unknown {
  const back = rowToRecord(spec, row, 0, 0, specColumns(spec));
  return { register: spec.id, values: back.values, submittedBy: back.submittedBy, submittedAt: back.submittedAt, status: back.status, steps: back.steps };
}

/**
 * canonicalJson(canonicalRow(spec, row)), written member by member in an order worked out once per register:
 * verify and a large import hash every record, and sorting a record's keys cost more than hashing it.
 * The same bytes as the general path (test/core/audit.test.ts compares them on every shipped register).
 */
export function canonicalRowJson(spec: RegisterSpec, row: CellValue[]): string {
  const order = memberOrder(spec);
  if (!order) return canonicalJson(canonicalRow(spec, row));
  const back = rowToRecord(spec, row, 0, 0, specColumns(spec));
  let steps = '';
  for (const step of order.steps) {
    const entry = back.steps[step.name];
    if (entry === undefined) continue;
    steps += (steps ? ',' : '') + step.json + ':{"actor":' + canonicalJson(entry.actor) + ',"opinion":' + canonicalJson(entry.opinion) + ',"time":' + canonicalJson(entry.time) + '}';
  }
  return '{"register":' + canonicalJson(spec.id) + ',"status":' + canonicalJson(back.status) + ',"steps":{' + steps + '},"submittedAt":' + canonicalJson(back.submittedAt) + ',"submittedBy":' + canonicalJson(back.submittedBy) + ',"values":' + canonicalValuesJson(spec, back.values) + '}';
}

/** canonicalJson of field values by name, in the register's member order when every name is one of its fields. */
export function canonicalValuesJson(spec: RegisterSpec, values: Record<string, unknown>): string {
  const order = memberOrder(spec);
  if (!order) return canonicalJson(values);
  let out = '';
  let members = 0;
  for (const field of order.values) {
    const value = values[field.name];
    if (value === undefined) continue;
    out += (out ? ',' : '') + field.json + ':' + canonicalJson(value);
    members++;
  }
  let defined = 0;
  for (const key of Object.keys(values)) if (values[key] !== undefined) defined++;
  // A name that is not a field (or an inherited one) is not in the order: the general path places it.
  return defined === members ? '{' + out + '}' : canonicalJson(values);
}

interface MemberOrder {
  values: { name: string; json: string }[];
  steps: { name: string; json: string }[];
}

const memberOrders = new WeakMap<RegisterSpec, MemberOrder | null>();

/** Field and step names sorted as canonicalJson sorts keys; null when a name needs NFC or two collide (the general path handles both). */
function memberOrder(spec: RegisterSpec): MemberOrder | null {
  if (memberOrders.has(spec)) return memberOrders.get(spec)!;
  const sorted = (names: string[]) => {
    const unique = [...new Set(names)];
    if (unique.length !== names.length) return null;
    const out: { name: string; json: string }[] = [];
    for (const name of unique.sort()) {
      const json = canonicalKey(name);
      if (json === null) return null;
      out.push({ name, json });
    }
    return out;
  };
  const columns = specColumns(spec);
  const values = sorted(columns.filter((c) => c.kind === 'field').map((c) => c.header));
  const steps = sorted([...new Set(columns.filter((c) => c.step !== undefined).map((c) => c.step!))]);
  const order = values && steps ? { values, steps } : null;
  memberOrders.set(spec, order);
  return order;
}

/**
 * SHA-256 of UTF-8 text as lowercase hex. WebCrypto by default; a batch job may pass another implementation of
 * the same function (the demo generator uses Node's, which is much faster for thousands of sequential entries).
 */
export type Digest = (text: string) => Promise<string>;

export function recordHash(spec: RegisterSpec, record: Omit<RegisterRecord, 'index' | 'sheetRow'>, digest: Digest = sha256Hex): Promise<string> {
  return digest(canonicalRowJson(spec, recordToRow(spec, record, specColumns(spec))));
}

/** recordHash of the row recordToRow made of the record. */
export function rowContentHash(spec: RegisterSpec, row: CellValue[], digest: Digest = sha256Hex): Promise<string> {
  return digest(canonicalRowJson(spec, row));
}

/** canonicalJson of the entry's members, written in their sorted order (an import seals one entry per record). */
export function entryPayload(e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  if (e.action === undefined || e.actor === undefined || e.contentHash === undefined || e.number === undefined || e.register === undefined || e.seq === undefined || e.time === undefined)
    return canonicalJson({ action: e.action, actor: e.actor, contentHash: e.contentHash, number: e.number, register: e.register, seq: e.seq, time: e.time });
  return '{"action":' + canonicalJson(e.action) + ',"actor":' + canonicalJson(e.actor) + ',"contentHash":' + canonicalJson(e.contentHash) + ',"number":' + canonicalJson(e.number) + ',"register":' + canonicalJson(e.register) + ',"seq":' + canonicalJson(e.seq) + ',"time":' + canonicalJson(e.time) + '}';
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>, digest: Digest = sha256Hex): Promise<string> {
  return digest(prevHash + entryPayload(e));
}

export async function sealEntry(tail: AuditTail, e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>, digest: Digest = sha256Hex): Promise<AuditEntry> {
  // Members named one by one (not spread): an import seals one entry per record.
  const entry = { time: e.time, register: e.register, number: e.number, action: e.action, actor: e.actor, contentHash: e.contentHash, seq: tail.seq + 1 };
  const hash = await entryHash(tail.hash, entry, digest);
  return { time: e.time, register: e.register, number: e.number, action: e.action, actor: e.actor, contentHash: e.contentHash, seq: entry.seq, prevHash: tail.hash, hash };
}

export function entryToRow(e: AuditEntry): CellValue[] {
  return [e.seq, e.time, e.register, e.number, e.action, e.actor, e.contentHash, e.prevHash, e.hash];
}

const s = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v));

/** A sheet row as an entry; text cells are taken as they are, so an edited cell changes what is hashed. */
export function rowToEntry(row: CellValue[]): AuditEntry {
  return {
    seq: typeof row[0] === 'number' ? row[0] : Number(s(row[0]).trim() || NaN),
    time: s(row[1]),
    register: s(row[2]),
    number: s(row[3]),
    action: s(row[4]),
    actor: s(row[5]),
    contentHash: s(row[6]),
    prevHash: s(row[7]),
    hash: s(row[8]),
  };
}

/** The header row, or its first `columns` cells where only those were read (AUDIT_WHO_COLUMNS). */
export function isAuditHeader(row: CellValue[] | undefined, columns: number = AUDIT_HEADER.length): boolean {
  return !!row && AUDIT_HEADER.slice(0, columns).every((h, i) => s(row[i]) === h);
}

/** Where the next entry chains from: the last row of the audit sheet (an adapter may read just that row). */
export function auditTail(rows: CellValue[][]): AuditTail {
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (!row || row.every((c) => c === null || c === '') || isAuditHeader(row)) continue;
    const e = rowToEntry(row);
    return { seq: Number.isFinite(e.seq) ? e.seq : 0, hash: e.hash || GENESIS_HASH };
  }
  return EMPTY_TAIL;
}
