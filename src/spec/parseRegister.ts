/**
 * Process document (Markdown, Chinese) → RegisterSpec, or located errors. Never throws.
 */
import type { DocError, ParseResult } from './errors';
import { sortErrors } from './errors';
import { ENGLISH_NAMES_SECTION, readEnglishNames } from './englishNames';
import { FirstSeen, deadlineKey, repeatedStep, routeKey, ruleKey } from './duplicates';
import { bodyText, foldWidth, nonBlank, parseMarkdown, readTables, type Section, type Table } from './markdown';
import {
  KNOWN_TYPE_WORDS,
  fieldTypeFromWord,
  formatCondition,
  parseCondition,
  parseDuration,
  parseFieldRules,
  parseRequired,
  parseStep,
  splitChain,
  splitValues,
} from './rulesText';
import {
  OUTLINE_SECTIONS,
  RETENTION_PERIODS,
  RegisterSpecSchema,
  type ChainRoute,
  type CrossRule,
  type Deadline,
  type FieldSpec,
  type RegisterSpec,
} from './schema';
import { isNumberAtLine, readNumberAt } from './numberAt';

/** What a register document may refer to, taken from the settings document (_设置.md). */
export interface SpecContext {
  roles: readonly string[];
  lists: readonly string[];
}

export const EXTRA_SECTIONS = ['审批流程', '字段', '期限', '校验规则'] as const;
const INFO_KEYS = ['标识', '表单编号', '版本', '类别', '保存期限', '销毁责任人', '保存起算'] as const;
/** Info items a document may leave out: 标题字段 names the field that titles a record in the pane's lists. */
const OPTIONAL_INFO_KEYS = ['标题字段'] as const;
const MAX_SOURCE_CHARS = 2_000_000;

class Collector {
  errors: DocError[] = [];
  constructor(private file: string) {}
  add(line: number, column: number, message: string, messageEn: string): void {
    if (this.errors.length < 200) this.errors.push({ file: this.file, line, column, message, messageEn });
  }
}

export function parseRegisterDocument(source: string, file: string, context: SpecContext): ParseResult<RegisterSpec> {
  const errors = new Collector(file);
  try {
    return parseUnsafe(source, file, context, errors);
  } catch (cause) {
    // A parser bug must still come out as a located message, never as a stack trace to the user.
    errors.add(1, 1, `解析器内部错误:${String(cause)};请把此文件发给开发者`, `Internal parser error: ${String(cause)}`);
    return { ok: false, errors: errors.errors };
  }
}

function looksBinary(source: string): boolean {
  const sample = source.slice(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) control++;
  }
  return control > 0 && control / Math.max(1, sample.length) > 0.01;
}

function parseUnsafe(source: string, file: string, context: SpecContext, errors: Collector): ParseResult<RegisterSpec> {
  if (source.trim() === '') {
    errors.add(1, 1, '文件是空的:请按 templates/README.md 的格式写流程文件', 'The file is empty: follow templates/README.md');
    return { ok: false, errors: errors.errors };
  }
  if (looksBinary(source)) {
    errors.add(1, 1, '这不是文本文件(含有二进制字符):流程文件须是 UTF-8 编码的 Markdown', 'Not a text file: process documents are UTF-8 Markdown');
    return { ok: false, errors: errors.errors };
  }
  if (source.length > MAX_SOURCE_CHARS) {
    errors.add(1, 1, `文件过大(${source.length} 字符,上限 ${MAX_SOURCE_CHARS}):一个登记表的流程文件不应这么长`, `File too large (${source.length} characters, limit ${MAX_SOURCE_CHARS})`);
    return { ok: false, errors: errors.errors };
  }
  const doc = parseMarkdown(source);
  if (!doc.title) {
    errors.add(1, 1, '缺少一级标题:第一行写“# 登记表名称”,如“# 收文登记”', 'Missing title: start with "# Register name"');
  }
  const name = doc.title?.text ?? '';
  if (doc.title && (name === '' || name.length > 28))
    errors.add(doc.title.line, 1, '登记表名称须为 1~28 个字(它也是工作表名称)', 'The register name must be 1–28 characters (it names the sheet)');
  if (doc.title && /[\\/?*[\]:]/.test(name))
    errors.add(doc.title.line, 1, '登记表名称不能含有 \\ / ? * [ ] : (Excel 工作表名称不允许)', 'The register name cannot contain \\ / ? * [ ] : (not allowed in sheet names)');

  const sections = new Map<string, Section>();
  const knownSections = new Set<string>([...OUTLINE_SECTIONS, ...EXTRA_SECTIONS, '基本信息', ENGLISH_NAMES_SECTION]);
  for (const section of doc.sections) {
    if (section.level !== 2) {
      errors.add(section.line, 1, `“${section.title}”应是二级标题(## ${section.title})`, `"${section.title}" should be a level-2 heading`);
      continue;
    }
    if (!knownSections.has(section.title)) {
      errors.add(
        section.line,
        4,
        `未知的章节“${section.title}”。章节应为:${[...OUTLINE_SECTIONS, ...EXTRA_SECTIONS].join('、')}`,
        `Unknown section "${section.title}". Sections are: ${[...OUTLINE_SECTIONS, ...EXTRA_SECTIONS].join(', ')}`,
      );
      continue;
    }
    if (sections.has(section.title)) {
      errors.add(section.line, 1, `章节“${section.title}”重复(第 ${sections.get(section.title)!.line} 行已有)`, `Section "${section.title}" appears twice`);
      continue;
    }
    sections.set(section.title, section);
  }

  const info = readInfo(doc.preamble, sections.get('基本信息'), doc.title?.line ?? 1, errors);

  const outline: Record<string, string> = {};
  for (const title of OUTLINE_SECTIONS) {
    const section = sections.get(title);
    if (!section) {
      errors.add(lastLine(doc), 1, `缺少章节“## ${title}”(办公室流程模板的 11 个章节都要写)`, `Missing section "## ${title}"`);
      continue;
    }
    const text = bodyText(section.body);
    if (text === '') errors.add(section.line, 1, `章节“${title}”是空的:请写上内容`, `Section "${title}" is empty`);
    outline[title] = text;
  }

  const fieldsSection = sections.get('字段');
  const broken: Broken = new Set();
  const fields = fieldsSection ? readFields(fieldsSection, context, errors, broken) : [];
  if (!fieldsSection) errors.add(lastLine(doc), 1, '缺少“## 字段”表:| 字段 | 类型 | 必填 | 规则 | 选项 |', 'Missing "## 字段" table');
  const fieldByName = new Map(fields.map((f) => [f.name, f]));

  const chainSection = sections.get('审批流程');
  const known = (name: string) => fieldByName.has(name) || broken.has(name);
  const errorsBeforeChain = errors.errors.length;
  const chain = chainSection ? readChain(chainSection, context, fieldByName, errors, known) : [];
  const chainBroken = errors.errors.length > errorsBeforeChain;
  const numberAt = chainSection ? readNumberAt(chainSection, chain, fields, (...a) => errors.add(...a)) : undefined;
  if (!chainSection)
    errors.add(lastLine(doc), 1, '缺少“## 审批流程”:写审批链(如“经办人申请——公司领导审批——综合办公室盖章”),无需审批写“无”', 'Missing "## 审批流程" (write 无 when there is none)');

  const errorsBeforeDeadlines = errors.errors.length;
  const deadlines = sections.get('期限') ? readDeadlines(sections.get('期限')!, fieldByName, errors, known) : [];
  const deadlinesBroken = errors.errors.length > errorsBeforeDeadlines;
  const rules = sections.get('校验规则') ? readRules(sections.get('校验规则')!, fieldByName, errors, known) : [];

  const englishSection = sections.get(ENGLISH_NAMES_SECTION);
  const englishNames = englishSection
    ? readEnglishNames(
        englishSection,
        { register: name, fields: fields.map((f) => f.name), steps: chain.flatMap((r) => r.steps.map((s) => s.text)), deadlines: deadlines.map((d) => d.name) },
        (line, column, message, messageEn) => errors.add(line, column, message, messageEn),
        (unknown) => broken.has(unknown) || chainBroken || deadlinesBroken,
      )
    : {};

  const reserved = reservedHeaders(chain);
  for (const field of fields) {
    const clash = reserved.get(field.name);
    if (clash && fieldsSection) {
      const line = fieldsSection.body.find((b) => b.text.includes(field.name))?.line ?? fieldsSection.line;
      const system = field.name === SYSTEM_HEADERS.submittedBy || field.name === SYSTEM_HEADERS.submittedAt;
      errors.add(
        line,
        1,
        system
          ? `字段“${field.name}”不用写:台账自动记录每条记录的登记人和登记时间(${clash}),删去这一行即可`
          : `字段名“${field.name}”与${clash}同名,请改用别的名称(如“${field.name === '状态' ? '使用状态' : field.name + '情况'}”)`,
        system ? `Field "${field.name}" is recorded automatically (${clash}); delete this row` : `Field "${field.name}" clashes with a built-in column (${clash}); rename it`,
      );
    }
  }

  if (info?.titleField && fieldsSection && !known(info.titleField.value))
    errors.add(info.titleField.line, info.titleField.column, `“标题字段”应是字段表中的一个字段,“${info.titleField.value}”不是`, `"标题字段" must name a field of the field table; "${info.titleField.value}" is not one`);
  if (info) {
    const retentionField = fieldByName.get(info.retentionFrom.value);
    if (fieldsSection && !broken.has(info.retentionFrom.value) && (!retentionField || !['date', 'dateTime'].includes(retentionField.type)))
      errors.add(info.retentionFrom.line, info.retentionFrom.column, `“保存起算”应是一个日期字段的名称,“${info.retentionFrom.value}”不是`, `"保存起算" must name a date field`);
    if (!context.roles.includes(info.destroyedBy.value))
      errors.add(info.destroyedBy.line, info.destroyedBy.column, `销毁责任人“${info.destroyedBy.value}”不是已知角色:${context.roles.join('、')}`, `Unknown role "${info.destroyedBy.value}"`);
  }

  if (errors.errors.length > 0 || !info) return { ok: false, errors: sortErrors(errors.errors) };

  const candidate: RegisterSpec = {
    id: info.id,
    name,
    formCode: info.formCode,
    version: info.version,
    category: info.category,
    retention: info.retention,
    destroyedBy: info.destroyedBy.value,
    retentionFrom: info.retentionFrom.value,
    outline,
    fields,
    chain,
    deadlines,
    rules,
    ...(info.titleField ? { titleField: info.titleField.value } : {}),
    ...(Object.keys(englishNames).length ? { englishNames } : {}),
    ...(numberAt ? { numberAt } : {}),
  };
  const parsed = RegisterSpecSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.add(doc.title?.line ?? 1, 1, `登记表定义不完整:${issue.path.join('.')} ${issue.message}`, `Invalid register: ${issue.path.join('.')} ${issue.message}`);
    }
    return { ok: false, errors: errors.errors };
  }
  return { ok: true, value: parsed.data };
}

function lastLine(doc: ReturnType<typeof parseMarkdown>): number {
  const last = doc.sections[doc.sections.length - 1];
  if (!last) return (doc.title?.line ?? 1);
  return last.body.length ? last.body[last.body.length - 1].line : last.line;
}

interface Located {
  value: string;
  line: number;
  column: number;
}

function readInfo(
  preamble: { line: number; text: string }[],
  infoSection: Section | undefined,
  titleLine: number,
  errors: Collector,
) {
  const tables = [...readTables(preamble), ...(infoSection ? readTables(infoSection.body) : [])];
  const table = tables[0];
  if (!table) {
    errors.add(
      titleLine + 1,
      1,
      `标题下缺少基本信息表:| 项目 | 内容 |,含 ${INFO_KEYS.join('、')}`,
      `Missing the info table under the title (| 项目 | 内容 |) with ${INFO_KEYS.join(', ')}`,
    );
    return null;
  }
  const values = new Map<string, Located>();
  for (const row of table.rows) {
    const key = row.cells[0]?.text ?? '';
    const cell = row.cells[1];
    if (!([...INFO_KEYS, ...OPTIONAL_INFO_KEYS] as string[]).includes(key)) {
      errors.add(row.line, row.cells[0]?.column ?? 1, `基本信息表中未知的项目“${key}”,应为:${INFO_KEYS.join('、')}`, `Unknown info item "${key}"`);
      continue;
    }
    values.set(key, { value: foldWidth(cell?.text ?? '').trim(), line: row.line, column: cell?.column ?? 1 });
  }
  let ok = true;
  const need = (key: (typeof INFO_KEYS)[number]): Located => {
    const v = values.get(key);
    if (!v || v.value === '') {
      errors.add(v?.line ?? table.line, v?.column ?? 1, `基本信息缺少“${key}”`, `Info table lacks "${key}"`);
      ok = false;
      return { value: '', line: table.line, column: 1 };
    }
    return v;
  };
  const id = need('标识');
  if (id.value && !/^[a-z][a-z0-9_]{1,40}$/.test(id.value)) {
    errors.add(id.line, id.column, `标识“${id.value}”只能用小写英文字母、数字和下划线,以字母开头,如 incoming_docs`, 'The id must be lowercase ASCII letters, digits and _');
    ok = false;
  }
  const formCode = need('表单编号');
  if (formCode.value && !/^[A-Z]{1,6}(\/[A-Z]{1,6})*-[A-Z]{1,6}-\d{2,3}$/.test(formCode.value)) {
    errors.add(formCode.line, formCode.column, `表单编号“${formCode.value}”格式不对,应像 GL/YJ-BG-01`, 'The form code must look like GL/YJ-BG-01');
    ok = false;
  }
  const versionText = need('版本');
  const version = Number(versionText.value);
  if (versionText.value && !(Number.isInteger(version) && version > 0)) {
    errors.add(versionText.line, versionText.column, `版本应是正整数,如 1`, 'The version must be a positive integer');
    ok = false;
  }
  const category = need('类别');
  const retention = need('保存期限');
  if (retention.value && !(RETENTION_PERIODS as readonly string[]).includes(retention.value)) {
    errors.add(retention.line, retention.column, `保存期限“${retention.value}”不是已知期限,应为:${RETENTION_PERIODS.join('、')}`, `Unknown retention "${retention.value}"; use ${RETENTION_PERIODS.join(', ')}`);
    ok = false;
  }
  const destroyedBy = need('销毁责任人');
  const retentionFrom = need('保存起算');
  const titleField = values.get('标题字段')?.value ? values.get('标题字段') : undefined;
  if (!ok) return null;
  return {
    id: id.value,
    formCode: formCode.value,
    version,
    category: category.value,
    retention: retention.value as RegisterSpec['retention'],
    destroyedBy,
    retentionFrom,
    titleField,
  };
}

function columnIndex(table: Table, names: string[]): number {
  return table.header.cells.findIndex((c) => names.includes(foldWidth(c.text).trim()));
}

/** Field names whose row had an error: later references to them are not reported again. */
type Broken = Set<string>;

function readFields(section: Section, context: SpecContext, errors: Collector, broken: Broken): FieldSpec[] {
  const table = readTables(section.body)[0];
  if (!table) {
    errors.add(section.line, 1, '“字段”章节下缺少表格:| 字段 | 类型 | 必填 | 规则 | 选项 | 说明 |', 'The 字段 section needs a table');
    return [];
  }
  if (table.missingSeparator)
    errors.add(table.line + 1, 1, '表头下缺少分隔行 | --- | --- | … |', 'The table lacks its | --- | separator row');
  const col = {
    name: columnIndex(table, ['字段', '字段名', '名称']),
    type: columnIndex(table, ['类型']),
    required: columnIndex(table, ['必填']),
    rules: columnIndex(table, ['规则']),
    choices: columnIndex(table, ['选项']),
    note: columnIndex(table, ['说明', '备注']),
    aliases: columnIndex(table, ['别名']),
  };
  for (const [key, word] of [['name', '字段'], ['type', '类型'], ['required', '必填']] as const) {
    if (col[key] < 0) {
      errors.add(table.line, 1, `字段表缺少“${word}”列`, `The field table lacks the "${word}" column`);
      return [];
    }
  }
  const fields: FieldSpec[] = [];
  const seen = new Map<string, number>();
  let serials = 0;
  if (table.rows.length === 0) errors.add(table.line, 1, '字段表没有任何字段', 'The field table has no fields');
  for (const row of table.rows) {
    const cell = (i: number) => (i >= 0 ? row.cells[i] : undefined);
    const at = (i: number) => cell(i)?.column ?? 1;
    const name = (cell(col.name)?.text ?? '').trim();
    if (row.cells.length < table.header.cells.length - (col.note >= 0 ? 1 : 0) - (col.aliases >= 0 ? 1 : 0)) {
      errors.add(row.line, 1, `这一行只有 ${row.cells.length} 格,表头有 ${table.header.cells.length} 格:表格没写完整`, `Row has ${row.cells.length} cells, header has ${table.header.cells.length}`);
      continue;
    }
    if (name === '') {
      errors.add(row.line, at(col.name), '字段名为空', 'Empty field name');
      continue;
    }
    if (name.length > 40 || /[\r\n\t]/.test(name)) {
      errors.add(row.line, at(col.name), `字段名“${name.slice(0, 20)}…”太长(最多 40 字)`, 'Field name too long (40 max)');
      continue;
    }
    if (seen.has(name)) {
      errors.add(row.line, at(col.name), `字段“${name}”重复(第 ${seen.get(name)} 行已定义),请改名或删去一行`, `Duplicate field "${name}" (first on line ${seen.get(name)})`);
      continue;
    }
    seen.set(name, row.line);
    broken.add(name);
    const typeWord = cell(col.type)?.text ?? '';
    const type = fieldTypeFromWord(typeWord);
    if (!type) {
      errors.add(row.line, at(col.type), `字段“${name}”的类型“${typeWord}”未知,应为:${KNOWN_TYPE_WORDS}`, `Unknown type "${typeWord}" for "${name}"`);
      continue;
    }
    const required = parseRequired(cell(col.required)?.text ?? '');
    if (required === null) {
      errors.add(row.line, at(col.required), `字段“${name}”的“必填”应写“是”或“否”`, `"必填" for "${name}" must be 是 or 否`);
      continue;
    }
    const rules = parseFieldRules(cell(col.rules)?.text ?? '', type);
    if (!rules.ok) {
      errors.add(row.line, at(col.rules), `字段“${name}”:${rules.message}`, `Field "${name}": ${rules.messageEn}`);
      continue;
    }
    const field: FieldSpec = { name, type, required, rules: rules.value };
    const choicesText = (cell(col.choices)?.text ?? '').trim();
    if (type === 'choice') {
      const values = splitValues(choicesText);
      if (values.length < 2) {
        errors.add(row.line, at(col.choices), `选项字段“${name}”至少要两个选项,用顿号隔开,如“重要文件、一般文件”`, `Choice field "${name}" needs at least two choices`);
        continue;
      }
      if (new Set(values).size !== values.length) {
        errors.add(row.line, at(col.choices), `选项字段“${name}”的选项有重复`, `Choice field "${name}" repeats a choice`);
        continue;
      }
      field.choices = values;
    } else if (type === 'list') {
      const listName = foldWidth(choicesText).replace(/^设置\s*:\s*/, '').trim();
      if (listName === '') {
        errors.add(row.line, at(col.choices), `列表字段“${name}”须在“选项”列写设置中的列表名,如“设置:密级”`, `List field "${name}" must name a settings list`);
        continue;
      }
      if (!context.lists.includes(listName)) {
        errors.add(
          row.line,
          at(col.choices),
          `列表字段“${name}”引用的设置列表“${listName}”不存在。已有列表:${context.lists.join('、')}(在 _设置.md 的“列表”表中添加)`,
          `Settings list "${listName}" does not exist`,
        );
        continue;
      }
      field.list = listName;
    } else if (choicesText !== '' && choicesText !== '-') {
      errors.add(row.line, at(col.choices), `只有 选项、列表 字段才写“选项”列;“${name}”是${typeWord}`, `Only choice and list fields take choices`);
      continue;
    }
    if (type === 'serial') serials++;
    broken.delete(name);
    const note = (cell(col.note)?.text ?? '').trim();
    if (note !== '') field.note = note;
    const aliases = splitValues(cell(col.aliases)?.text ?? '');
    if (aliases.length) field.aliases = aliases;
    fields.push(field);
  }
  if (serials > 1) errors.add(table.line, 1, '一个登记表最多一个“编号”字段', 'At most one serial field per register');
  return fields;
}

function readChain(section: Section, context: SpecContext, fields: Map<string, FieldSpec>, errors: Collector, known: (name: string) => boolean): ChainRoute[] {
  const lines = nonBlank(section.body).filter((l) => !isNumberAtLine(l.text));
  if (lines.length === 1 && foldWidth(lines[0].text).trim().replace(/^-\s*/, '') === '无') return [];
  if (lines.length === 0) {
    errors.add(section.line, 1, '“审批流程”是空的:写审批链,或写“无”', '"审批流程" is empty: write a chain or 无');
    return [];
  }
  const routes: ChainRoute[] = [];
  const routeLines = new FirstSeen();
  let defaultSeen = false;
  for (const { line, text } of lines) {
    const t = foldWidth(text).trim().replace(/^[-*]\s*/, '');
    let chainText = t;
    let route: Pick<ChainRoute, 'when' | 'label'> = { when: null, label: '' };
    const conditional = /^当\s*(.+?)\s*:\s*(.+)$/.exec(t);
    const otherwise = /^其他\s*:\s*(.+)$/.exec(t);
    if (conditional) {
      const condition = parseCondition(conditional[1]);
      if (!condition.ok) {
        errors.add(line, 1, condition.message, condition.messageEn);
        continue;
      }
      const field = fields.get(condition.value.field);
      if (!field) {
        if (known(condition.value.field)) continue;
        errors.add(line, 1, `条件中的字段“${condition.value.field}”不在字段表中`, `Condition field "${condition.value.field}" is not in the field table`);
        continue;
      }
      if (condition.value.op === 'in' && field.choices && condition.value.values.some((v) => !field.choices!.includes(v))) {
        errors.add(line, 1, `条件值不在“${field.name}”的选项(${field.choices.join('、')})中`, `Condition value is not a choice of "${field.name}"`);
        continue;
      }
      route = { when: condition.value, label: formatCondition(condition.value) };
      chainText = conditional[2];
    } else if (otherwise) {
      route = { when: null, label: '其他' };
      chainText = otherwise[1];
      defaultSeen = true;
    } else if (lines.length > 1) {
      errors.add(line, 1, '有多条审批路线时,每行以“当 字段 为 值:”或“其他:”开头', 'With several routes, start each line with 当 …: or 其他:');
      continue;
    } else {
      defaultSeen = true;
    }
    const sameRoute = routeLines.seenBefore(routeKey(route.when), line);
    if (sameRoute !== null) {
      const which = route.when ? `“当 ${route.label}”` : '“其他”(默认)';
      errors.add(line, 1, `审批路线${which}重复(第 ${sameRoute} 行已有),请删去一行或合并`, `The route ${route.when ? `"${route.label}"` : '"其他" (default)'} appears twice (first on line ${sameRoute})`);
      continue;
    }
    const stepTexts = splitChain(chainText);
    if (stepTexts.length < 2) {
      errors.add(line, 1, '审批链至少两步,用“——”或“→”连接,如“经办人申请——公司领导审批”', 'A chain needs at least two steps joined by —— or →');
      continue;
    }
    const steps = [];
    let stepsOk = true;
    for (const stepText of stepTexts) {
      const step = parseStep(stepText, context.roles);
      if (!step.ok) {
        const column = foldWidth(text).indexOf(stepText) + 1;
        errors.add(line, Math.max(1, column), step.message, step.messageEn);
        stepsOk = false;
        continue;
      }
      steps.push(step.value);
    }
    const repeated = stepsOk ? repeatedStep(steps) : -1;
    if (repeated >= 0) {
      const folded = foldWidth(text);
      let column = -1;
      for (let i = 0, from = 0; i <= repeated; i++) {
        column = folded.indexOf(stepTexts[i], from);
        from = column + stepTexts[i].length;
      }
      const name = steps[repeated].text;
      errors.add(line, Math.max(1, column + 1), `同一审批链中有重复的步骤“${name}”:每步只写一次`, `The step "${name}" appears twice in one chain`);
      stepsOk = false;
    }
    if (stepsOk) routes.push({ ...route, steps });
  }
  if (routes.length > 1 && !defaultSeen && routes.every((r) => r.when !== null))
    errors.add(section.line, 1, '条件审批路线需要一条“其他:”路线兜底', 'Conditional routes need an 其他: route');
  return routes;
}

function readDeadlines(section: Section, fields: Map<string, FieldSpec>, errors: Collector, known: (name: string) => boolean): Deadline[] {
  const lines = nonBlank(section.body);
  if (lines.length === 1 && foldWidth(lines[0].text).trim() === '无') return [];
  const table = readTables(section.body)[0];
  if (!table) {
    errors.add(section.line, 1, '“期限”章节写表格 | 事项 | 起算 | 时限 | 完成 |,没有期限写“无”', 'The 期限 section needs a table or 无');
    return [];
  }
  const col = {
    name: columnIndex(table, ['事项']),
    from: columnIndex(table, ['起算']),
    limit: columnIndex(table, ['时限']),
    done: columnIndex(table, ['完成']),
  };
  const conditionColumn = columnIndex(table, ['条件']);
  if (Object.values(col).some((c) => c < 0)) {
    errors.add(table.line, 1, '期限表的列应为:| 事项 | 起算 | 时限 | 完成 |', 'Deadline table columns: 事项 | 起算 | 时限 | 完成');
    return [];
  }
  const result: Deadline[] = [];
  const names = new FirstSeen();
  const meanings = new FirstSeen();
  const broken = (name: string) => !fields.has(name) && known(name);
  for (const row of table.rows) {
    const get = (i: number) => row.cells[i]?.text.trim() ?? '';
    const at = (i: number) => row.cells[i]?.column ?? 1;
    const from = fields.get(get(col.from));
    if (broken(get(col.from)) || broken(get(col.done))) continue;
    if (!from || !['date', 'dateTime'].includes(from.type)) {
      errors.add(row.line, at(col.from), `“起算”应是日期或日期时间字段,“${get(col.from)}”不是`, `"起算" must be a date field`);
      continue;
    }
    if (!fields.has(get(col.done))) {
      errors.add(row.line, at(col.done), `“完成”字段“${get(col.done)}”不在字段表中`, `"完成" field "${get(col.done)}" is not in the field table`);
      continue;
    }
    const duration = parseDuration(get(col.limit));
    if (!duration.ok) {
      errors.add(row.line, at(col.limit), duration.message, duration.messageEn);
      continue;
    }
    if (get(col.name) === '') {
      errors.add(row.line, at(col.name), '期限的“事项”为空', 'Empty deadline name');
      continue;
    }
    const deadline: Deadline = { name: get(col.name), from: from.name, doneField: get(col.done), ...duration.value };
    const conditionText = conditionColumn >= 0 ? get(conditionColumn) : '';
    if (conditionText !== '' && conditionText !== '-') {
      const condition = parseCondition(conditionText);
      if (!condition.ok) {
        errors.add(row.line, at(conditionColumn), condition.message, condition.messageEn);
        continue;
      }
      const field = fields.get(condition.value.field);
      if (!field) {
        if (!known(condition.value.field))
          errors.add(row.line, at(conditionColumn), `条件中的字段“${condition.value.field}”不在字段表中`, `Condition field "${condition.value.field}" is not in the field table`);
        continue;
      }
      deadline.when = condition.value;
    }
    const sameName = names.seenBefore(deadline.name, row.line);
    if (sameName !== null) {
      errors.add(row.line, at(col.name), `期限“${deadline.name}”重复(第 ${sameName} 行已有),请改名或删去一行`, `Duplicate deadline "${deadline.name}" (first on line ${sameName})`);
      continue;
    }
    const sameMeaning = meanings.seenBefore(deadlineKey(deadline), row.line);
    if (sameMeaning !== null) {
      errors.add(row.line, at(col.name), `期限“${deadline.name}”与第 ${sameMeaning} 行的期限相同(起算、时限、完成、条件都一样),请删去一行`, `Deadline "${deadline.name}" repeats the deadline on line ${sameMeaning}`);
      continue;
    }
    result.push(deadline);
  }
  return result;
}

function readRules(section: Section, fields: Map<string, FieldSpec>, errors: Collector, known: (name: string) => boolean): CrossRule[] {
  const rules: CrossRule[] = [];
  const seen = new FirstSeen();
  const lines = nonBlank(section.body);
  if (lines.length === 1 && foldWidth(lines[0].text).trim().replace(/^-\s*/, '') === '无') return [];
  for (const { line, text } of lines) {
    const t = foldWidth(text).trim().replace(/^[-*]\s*/, '').replace(/[。.]$/, '');
    const rule = readRule(t);
    if (!rule.ok) {
      errors.add(line, 1, rule.message, rule.messageEn);
      continue;
    }
    const missing = ruleFields(rule.value).filter((f) => !fields.has(f));
    if (missing.some(known)) continue;
    if (missing.length) {
      errors.add(line, 1, `规则中的字段“${missing.join('、')}”不在字段表中`, `Rule names unknown fields: ${missing.join(', ')}`);
      continue;
    }
    const typeProblem = ruleTypeProblem(rule.value, fields);
    if (typeProblem) {
      errors.add(line, 1, typeProblem, typeProblem);
      continue;
    }
    const same = seen.seenBefore(ruleKey(rule.value), line);
    if (same !== null) {
      errors.add(line, 1, `校验规则“${t}”与第 ${same} 行的规则相同,请删去一行`, `The rule "${t}" repeats the rule on line ${same}`);
      continue;
    }
    rules.push(rule.value);
  }
  return rules;
}

export function ruleFields(rule: CrossRule): string[] {
  switch (rule.kind) {
    case 'notBefore':
    case 'notMoreThan':
      return [rule.field, rule.other];
    case 'requiredWhen':
      return [rule.when.field, ...rule.fields];
    case 'halfYearCap':
      return [rule.field, rule.itemField];
    case 'atLeast':
      return rule.when ? [rule.when.field, ...rule.fields] : rule.fields;
  }
}

function ruleTypeProblem(rule: CrossRule, fields: Map<string, FieldSpec>): string | null {
  const isDate = (n: string) => ['date', 'dateTime', 'time'].includes(fields.get(n)!.type);
  const isNumber = (n: string) => ['integer', 'decimal', 'money', 'copies'].includes(fields.get(n)!.type);
  if (rule.kind === 'notBefore' && !(isDate(rule.field) && isDate(rule.other)))
    return `“不早于”两边都应是日期字段:${rule.field}、${rule.other}`;
  if (rule.kind === 'notMoreThan' && !(isNumber(rule.field) && isNumber(rule.other)))
    return `“不大于”两边都应是数值字段:${rule.field}、${rule.other}`;
  if (rule.kind === 'halfYearCap' && !isNumber(rule.field)) return `“半年用量”上限只适用于数值字段:${rule.field}`;
  return null;
}

export function readRule(t: string): { ok: true; value: CrossRule } | { ok: false; message: string; messageEn: string } {
  let m: RegExpExecArray | null;
  if ((m = /^(\S+)\s+不早于\s+(\S+?)(?:\s*(?:加|后)\s*(\d+)\s*天)?$/.exec(t)))
    return { ok: true, value: { kind: 'notBefore', field: m[1], other: m[2], offsetDays: Number(m[3] ?? 0), text: t } };
  if ((m = /^(\S+)\s+不晚于\s+(\S+?)(?:\s*(减|前|加|后)\s*(\d+)\s*天)?$/.exec(t))) {
    // A 不晚于 B 减 N 天 ⇔ B ≥ A + N;A 不晚于 B 加 N 天 ⇔ B ≥ A − N.
    const days = Number(m[4] ?? 0) * (m[3] === '加' || m[3] === '后' ? -1 : 1);
    return { ok: true, value: { kind: 'notBefore', field: m[2], other: m[1], offsetDays: days, text: t } };
  }
  if ((m = /^(\S+)\s+不超过\s+半年用量\s*\(\s*(\S+?)\s*\)$/.exec(t)))
    return { ok: true, value: { kind: 'halfYearCap', field: m[1], itemField: m[2], text: t } };
  if ((m = /^(\S+)\s+(?:不大于|不超过)\s+(\S+)$/.exec(t)))
    return { ok: true, value: { kind: 'notMoreThan', field: m[1], other: m[2], text: t } };
  if ((m = /^当\s*(.+?)\s*时\s*必填\s*(.+)$/.exec(t))) {
    const condition = parseCondition(m[1]);
    if (!condition.ok) return condition;
    return { ok: true, value: { kind: 'requiredWhen', when: condition.value, fields: splitValues(m[2]), text: t } };
  }
  if ((m = /^(?:当\s*(.+?)\s*时\s*)?至少填写\s*(\d+)\s*项\s*:\s*(.+)$/.exec(t))) {
    const fieldsList = splitValues(m[3]);
    const count = Number(m[2]);
    if (count > fieldsList.length)
      return { ok: false, message: `“至少填写 ${count} 项”但只列了 ${fieldsList.length} 个字段`, messageEn: `"at least ${count}" but only ${fieldsList.length} fields listed` };
    if (m[1] === undefined) return { ok: true, value: { kind: 'atLeast', count, fields: fieldsList, text: t } };
    const condition = parseCondition(m[1]);
    if (!condition.ok) return condition;
    return { ok: true, value: { kind: 'atLeast', count, fields: fieldsList, when: condition.value, text: t } };
  }
  return {
    ok: false,
    message: `看不懂校验规则“${t}”。可写:A 不早于 B;A 不早于 B 加 3 天;A 不晚于 B;A 不晚于 B 加 30 天;A 不大于 B;A 不超过 半年用量(物品编码);当 X 为 值 时 必填 A、B;至少填写 3 项:A、B、C;当 X 为 值 时 至少填写 3 项:A、B、C`,
    messageEn: `Cannot read rule "${t}". Forms: A 不早于 B [加 N 天]; A 不晚于 B; A 不大于 B; A 不超过 半年用量(item); 当 X 为 v 时 必填 A、B; 至少填写 N 项:A、B、C`,
  };
}

/** Columns every register gets besides its fields; a field may not take one of these names. */
export const SYSTEM_HEADERS = { status: '状态', submittedBy: '登记人', submittedAt: '登记时间' } as const;

function reservedHeaders(chain: ChainRoute[]): Map<string, string> {
  const names = new Map<string, string>();
  names.set(SYSTEM_HEADERS.submittedBy, '系统列“登记人”');
  names.set(SYSTEM_HEADERS.submittedAt, '系统列“登记时间”');
  if (chain.length) names.set(SYSTEM_HEADERS.status, '系统列“状态”(审批状态)');
  for (const route of chain)
    for (const step of route.steps.slice(1)) {
      names.set(step.text, `审批步骤列“${step.text}”`);
      names.set(`${step.text}时间`, `审批步骤列“${step.text}时间”`);
      names.set(`${step.text}意见`, `审批步骤列“${step.text}意见”`);
    }
  return names;
}
