/**
 * RegisterSpec → process document text; parseRegisterDocument(writeRegisterDocument(spec)) returns spec again,
 * so the add-in can show a spec as its document and accept an edited one back.
 */
import { writeEnglishNames } from './englishNames';
import { formatCondition, formatDuration, formatFieldRules, formatStep, fieldTypeWord } from './rulesText';
import { OUTLINE_SECTIONS, type RegisterSpec } from './schema';

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function writeRegisterDocument(spec: RegisterSpec): string {
  const out: string[] = [];
  out.push(`# ${spec.name}`, '');
  out.push('| 项目 | 内容 |', '| --- | --- |');
  out.push(`| 标识 | ${spec.id} |`);
  out.push(`| 表单编号 | ${spec.formCode} |`);
  out.push(`| 版本 | ${spec.version} |`);
  out.push(`| 类别 | ${spec.category} |`);
  out.push(`| 保存期限 | ${spec.retention} |`);
  out.push(`| 销毁责任人 | ${spec.destroyedBy} |`);
  out.push(`| 保存起算 | ${spec.retentionFrom} |`);
  if (spec.titleField) out.push(`| 标题字段 | ${spec.titleField} |`);
  out.push('');
  OUTLINE_SECTIONS.forEach((title, i) => {
    out.push(`## ${i + 1}. ${title}`, '', spec.outline[title] ?? '', '');
  });
  out.push('## 审批流程', '');
  if (spec.chain.length === 0) out.push('无');
  for (const route of spec.chain) {
    const steps = route.steps.map(formatStep).join('——');
    if (route.when) out.push(`- 当 ${formatCondition(route.when)}:${steps}`);
    else if (route.label === '其他') out.push(`- 其他:${steps}`);
    else out.push(steps);
  }
  if (spec.numberAt) out.push('', `编号时机:${spec.numberAt}`);
  out.push('', '## 字段', '');
  // The 别名 column only when a field has aliases, so documents without them read back unchanged.
  const withAliases = spec.fields.some((f) => f.aliases?.length);
  out.push(`| 字段 | 类型 | 必填 | 规则 | 选项 | 说明 |${withAliases ? ' 别名 |' : ''}`, `| --- | --- | --- | --- | --- | --- |${withAliases ? ' --- |' : ''}`);
  for (const f of spec.fields) {
    const choices = f.choices ? f.choices.join('、') : f.list ? `设置:${f.list}` : '';
    const aliases = withAliases ? ` ${cell((f.aliases ?? []).join('、'))} |` : '';
    out.push(`| ${cell(f.name)} | ${fieldTypeWord(f.type)} | ${f.required ? '是' : '否'} | ${cell(formatFieldRules(f.rules))} | ${cell(choices)} | ${cell(f.note ?? '')} |${aliases}`);
  }
  out.push('', '## 期限', '');
  if (spec.deadlines.length === 0) out.push('无');
  else {
    if (spec.deadlines.some((d) => d.when)) {
      out.push('| 事项 | 起算 | 时限 | 完成 | 条件 |', '| --- | --- | --- | --- | --- |');
      for (const d of spec.deadlines)
        out.push(`| ${d.name} | ${d.from} | ${formatDuration(d)} | ${d.doneField} | ${d.when ? formatCondition(d.when) : ''} |`);
    } else {
      out.push('| 事项 | 起算 | 时限 | 完成 |', '| --- | --- | --- | --- |');
      for (const d of spec.deadlines) out.push(`| ${d.name} | ${d.from} | ${formatDuration(d)} | ${d.doneField} |`);
    }
  }
  out.push('', '## 校验规则', '');
  if (spec.rules.length === 0) out.push('无');
  for (const r of spec.rules) out.push(`- ${r.text}`);
  out.push('', ...writeEnglishNames(spec.englishNames));
  return out.join('\n');
}
