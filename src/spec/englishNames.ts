/**
 * The optional `## 英文名称` section of a process document: a table `| 名称 | 英文 |` that gives the register's name,
 * its fields', its approval steps' and its deadlines' names in English, for the task pane in English. A separate section
 * rather than a column, so that the 字段 table stays the document's own; a name it does not give stays Chinese.
 */
import { nonBlank, readTables, type Section } from './markdown';

export const ENGLISH_NAMES_SECTION = '英文名称';
/** Longer than this is a sentence, not a name (it has to fit a form label and a tab of the register list). */
const MAX_ENGLISH = 80;

/** What a document names: the names an English name may be given for. */
export interface NamedThings {
  register: string;
  fields: readonly string[];
  steps: readonly string[];
  deadlines: readonly string[];
}

type Report = (line: number, column: number, message: string, messageEn: string) => void;

/**
 * Reads the section into Chinese name → English name. `unsure(name)` is true for a name whose own definition had
 * an error (a broken field row, a chain that did not parse): not reported a second time here.
 */
export function readEnglishNames(section: Section, named: NamedThings, report: Report, unsure: (name: string) => boolean): Record<string, string> {
  const names: Record<string, string> = {};
  const table = readTables(section.body)[0];
  const header = table?.header.cells.map((c) => c.text.trim()) ?? [];
  const nameColumn = header.indexOf('名称');
  const englishColumn = header.indexOf('英文');
  if (!table || nameColumn < 0 || englishColumn < 0) {
    const at = table?.line ?? nonBlank(section.body)[0]?.line ?? section.line;
    report(at, 1, '“英文名称”章节写一个表格 | 名称 | 英文 |,每行一个登记表名称、字段名、审批步骤或期限事项及其英文名', 'The 英文名称 section needs a table | 名称 | 英文 | with one register, field, step or deadline name and its English name per row');
    return names;
  }
  if (table.missingSeparator) report(table.line + 1, 1, '表头下缺少分隔行 | --- | --- |', 'The table lacks its | --- | separator row');
  const known = new Set([named.register, ...named.fields, ...named.steps, ...named.deadlines]);
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const nameCell = row.cells[nameColumn];
    const englishCell = row.cells[englishColumn];
    const name = nameCell?.text.trim() ?? '';
    const english = englishCell?.text.trim() ?? '';
    const nameAt = nameCell?.column ?? 1;
    if (name === '') {
      report(row.line, nameAt, '“名称”为空:写登记表名称、字段名、审批步骤或期限事项(如“收文日期”)', 'Empty 名称: write a register, field, step or deadline name (e.g. 收文日期)');
      continue;
    }
    if (firstLine.has(name)) {
      report(row.line, nameAt, `“${name}”的英文名称重复(第 ${firstLine.get(name)} 行已有),删去一行`, `English name for "${name}" given twice (first on line ${firstLine.get(name)}); delete one row`);
      continue;
    }
    firstLine.set(name, row.line);
    if (!known.has(name)) {
      if (!unsure(name))
        report(
          row.line,
          nameAt,
          `“${name}”不是本文件中的登记表名称、字段名、审批步骤或期限事项:按“# 标题”、字段表、审批流程或期限表中的写法写`,
          `"${name}" names nothing in this document: write the register name, a field, an approval step or a deadline exactly as the title, the field table, the chain or the deadline table writes it`,
        );
      continue;
    }
    if (english === '') {
      report(row.line, englishCell?.column ?? nameAt, `“${name}”的英文名称为空:写上英文,或删去这一行(不写则显示中文)`, `The English name for "${name}" is empty: write one, or delete the row (the Chinese name is shown then)`);
      continue;
    }
    if (english.length > MAX_ENGLISH) {
      report(row.line, englishCell?.column ?? nameAt, `“${name}”的英文名称太长(最多 ${MAX_ENGLISH} 个字符)`, `The English name for "${name}" is too long (${MAX_ENGLISH} characters at most)`);
      continue;
    }
    names[name] = english;
  }
  return names;
}

/** The section as writeRegisterDocument writes it; empty when there are no English names. */
export function writeEnglishNames(names: Record<string, string> | undefined): string[] {
  const entries = Object.entries(names ?? {});
  if (entries.length === 0) return [];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [`## ${ENGLISH_NAMES_SECTION}`, '', '| 名称 | 英文 |', '| --- | --- |', ...entries.map(([name, english]) => `| ${cell(name)} | ${cell(english)} |`), ''];
}
