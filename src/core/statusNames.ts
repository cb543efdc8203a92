/**
 * Statuses are stored in Chinese in the workbook (the 状态 column, the audit log) and read back by their words;
 * an English reader gets them translated from their structure: the fixed words, and 待<step> → "Awaiting <step's
 * English name>" from the document's 英文名称. A status that is neither (typed by hand) is shown as it is.
 */
import type { RegisterSpec } from '../spec/schema';
import { PENDING_PREFIX, STATUS_DONE, STATUS_DRAFT, STATUS_REJECTED, STATUS_RETURNED, STATUS_WITHDRAWN } from './workflow';

export const STATUS_ENGLISH: Readonly<Record<string, string>> = {
  [STATUS_DRAFT]: 'Draft',
  [STATUS_DONE]: 'Completed',
  [STATUS_RETURNED]: 'Returned',
  [STATUS_REJECTED]: 'Rejected',
  [STATUS_WITHDRAWN]: 'Withdrawn',
};

/** A name the document gives in English (register, field, step or deadline), or the Chinese name when it gives none. */
export function englishNameOf(spec: Pick<RegisterSpec, 'englishNames'>, name: string): string {
  return spec.englishNames?.[name] ?? name;
}

/** "Department head review" reads "awaiting department head review"; "HR review" keeps its capitals. */
function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
}

export function statusInEnglish(spec: Pick<RegisterSpec, 'chain' | 'englishNames'>, status: string): string {
  const fixed = STATUS_ENGLISH[status];
  if (fixed) return fixed;
  if (status.startsWith(PENDING_PREFIX)) {
    const step = status.slice(PENDING_PREFIX.length);
    if (spec.chain.some((route) => route.steps.some((s) => s.text === step))) return `Awaiting ${inSentence(englishNameOf(spec, step))}`;
  }
  return status;
}
