/**
 * Names from the process documents as the pane shows them: in Chinese as written, in English from the document's
 * 英文名称 where it gives one. Statuses stay Chinese in the workbook and are translated here, for display only.
 */
import { englishNameOf, statusInEnglish } from '../../core/statusNames';
import { getLang } from '../../i18n';
import type { RegisterSpec } from '../../spec/schema';

type Named = Pick<RegisterSpec, 'englishNames'>;

const english = () => getLang() === 'en-US';

/** A register's, a field's or a step's name in the pane's language. */
export function nameOf(spec: Named, name: string): string {
  return english() ? englishNameOf(spec, name) : name;
}

export function registerName(spec: Pick<RegisterSpec, 'name' | 'englishNames'>): string {
  return nameOf(spec, spec.name);
}

export function statusText(spec: Pick<RegisterSpec, 'chain' | 'englishNames'>, status: string): string {
  return english() ? statusInEnglish(spec, status) : status;
}
