/**
 * zh-CN first, en-US complete, switchable at run time. Messages from core come as { message, messageEn } pairs
 * and are picked with `pick`; data (register and field names from the documents) is shown as written.
 */
import { enUS } from './en-US';
import { zhCN, type MessageKey } from './zh-CN';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', 'en-US': 'English' };

const messages: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
let current: Lang = 'zh-CN';
const listeners = new Set<(lang: Lang) => void>();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const l of listeners) l(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A stored or requested language, zh-CN unless it is clearly English. */
export function toLang(value: string | null | undefined): Lang {
  return value && /^en\b/i.test(value) ? 'en-US' : 'zh-CN';
}

export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Lang = current): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export interface Bilingual {
  message: string;
  messageEn: string;
}

export function pick(m: Bilingual, lang: Lang = current): string {
  return lang === 'en-US' ? m.messageEn : m.message;
}

/** Enumeration joiner of the language: 、 in Chinese, comma in English. */
export function joinList(items: string[], lang: Lang = current): string {
  return items.join(lang === 'en-US' ? ', ' : '、');
}
