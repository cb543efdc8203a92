/** A problem in a process document, located so that the person editing it can go straight there. */
export interface DocError {
  file: string;
  line: number;
  column: number;
  /** zh-CN: what is wrong and what to write instead. */
  message: string;
  /** en-US translation of the same message. */
  messageEn: string;
  /** Where a Word user finds it (字段表 第 5 行 “类型”), for documents not read as text lines. */
  place?: { zh: string; en: string };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: DocError[] };

/** `file:line:column: message` — the form editors and CI logs understand. */
export function formatDocError(error: DocError, language: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const text = language === 'zh-CN' ? error.message : error.messageEn;
  if (error.place) return `${error.file}: ${language === 'zh-CN' ? error.place.zh : error.place.en}: ${text}`;
  return `${error.file}:${error.line}:${error.column}: ${text}`;
}

export function sortErrors(errors: DocError[]): DocError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
