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
import { canonicalJson, sha256Hex } from './hash';
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
 * SHA-256 of UTF-8 text as lowercase hex. WebCrypto by default; a batch job may pass another implementation of
 * the same function (the demo generator uses Node's, which is much faster for thousands of sequential entries).
 */
export type Digest = (text: string) => Promise<string>;

export function recordHash(spec: RegisterSpec, record: Omit<RegisterRecord, 'index' | 'sheetRow'>, digest: Digest = sha256Hex): Promise<string> {
  return digest(canonicalJson(canonicalRecord(spec, record)));
}

/** recordHash of the row recordToRow made of the record. */
export function rowContentHash(spec: RegisterSpec, row: CellValue[], digest: Digest = sha256Hex): Promise<string> {
  return digest(canonicalJson(canonicalRow(spec, row)));
}

export function entryPayload(e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return canonicalJson({ seq: e.seq, time: e.time, register: e.register, number: e.number, action: e.action, actor: e.actor, contentHash: e.contentHash });
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>, digest: Digest = sha256Hex): Promise<string> {
  return digest(prevHash + entryPayload(e));
}

export async function sealEntry(tail: AuditTail, e: Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>, digest: Digest = sha256Hex): Promise<AuditEntry> {
  const seq = tail.seq + 1;
  const entry = { ...e, seq };
  return { ...entry, prevHash: tail.hash, hash: await entryHash(tail.hash, entry, digest) };
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

export function isAuditHeader(row: CellValue[] | undefined): boolean {
  return !!row && AUDIT_HEADER.every((h, i) => s(row[i]) === h);
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
