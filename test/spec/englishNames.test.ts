/**
 * The two document parts the task pane reads besides the fields: 标题字段 in the info table and the optional
 * ## 英文名称 section. Both parse into the spec, are written back by writeRegisterDocument, and a wrong entry is
 * refused with file:line in Chinese and English.
 */
import { buildCatalog } from '../../src/spec/catalog';
import { formatDocError, type DocError } from '../../src/spec/errors';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { writeRegisterDocument } from '../../src/spec/writeRegister';
import { TEMPLATES_DIR, fixtureContext, fixtureDocument, readDir } from '../support/docs';

const FILE = '收文登记.md';
const base = fixtureDocument().replace(/\s*$/, '\n');

function withEnglish(rows: string[]): string {
  return `${base}\n## 英文名称\n\n| 名称 | 英文 |\n| --- | --- |\n${rows.join('\n')}\n`;
}

function lineOf(source: string, text: string): number {
  return source.split('\n').findIndex((l) => l.includes(text)) + 1;
}

function errorsOf(source: string): DocError[] {
  const result = parseRegisterDocument(source, FILE, fixtureContext());
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('## 英文名称', () => {
  const source = withEnglish(['| 收文登记 | Incoming documents |', '| 文件标题 | Document title |', '| 办公室主任拟办 | Office director\'s proposal |', '| 呈批 | Submission for review |']);

  it('gives the register, a field, a step and a deadline an English name in the spec', () => {
    const result = parseRegisterDocument(source, FILE, fixtureContext());
    if (!result.ok) throw new Error(result.errors.map((e) => formatDocError(e)).join('\n'));
    expect(result.value.englishNames).toEqual({ 收文登记: 'Incoming documents', 文件标题: 'Document title', 办公室主任拟办: "Office director's proposal", 呈批: 'Submission for review' });
  });

  it('is optional: a document without it has no English names', () => {
    const result = parseRegisterDocument(base, FILE, fixtureContext());
    expect(result.ok && result.value.englishNames).toBeUndefined();
  });

  it('is written back, and the document reads the same again', () => {
    const first = parseRegisterDocument(source, FILE, fixtureContext());
    if (!first.ok) throw new Error('fixture');
    const written = writeRegisterDocument(first.value);
    expect(written).toContain('## 英文名称');
    expect(written).toContain("| 办公室主任拟办 | Office director's proposal |");
    const again = parseRegisterDocument(written, FILE, fixtureContext());
    expect(again.ok && again.value).toEqual(first.value);
  });

  it('refuses a name the document does not have, on its line, in Chinese and English', () => {
    const bad = withEnglish(['| 收文登记 | Incoming documents |', '| 发文单位 | Issuer |']);
    const [error] = errorsOf(bad);
    expect(error).toMatchObject({ file: FILE, line: lineOf(bad, '| 发文单位 |'), column: 3 });
    expect(error.message).toContain('“发文单位”不是本文件中的登记表名称、字段名、审批步骤或期限事项');
    expect(error.messageEn).toContain('"发文单位" names nothing in this document');
  });

  it('refuses a name given twice, pointing at the first', () => {
    const bad = withEnglish(['| 文件标题 | Document title |', '| 文件标题 | Title |']);
    const [error] = errorsOf(bad);
    expect(error.line).toBe(lineOf(bad, '| 文件标题 | Title |'));
    expect(error.message).toContain(`第 ${lineOf(bad, '| 文件标题 | Document title |')} 行已有`);
    expect(error.messageEn).toContain('given twice');
  });

  it('refuses an empty English name', () => {
    const bad = withEnglish(['| 文件标题 |  |']);
    const [error] = errorsOf(bad);
    expect(error.line).toBe(lineOf(bad, '| 文件标题 |  |'));
    expect(error.message).toContain('英文名称为空');
    expect(error.messageEn).toContain('is empty');
  });

  it('refuses a section without its | 名称 | 英文 | table', () => {
    const bad = `${base}\n## 英文名称\n\n收文登记 = Incoming documents\n`;
    const [error] = errorsOf(bad);
    expect(error.line).toBe(lineOf(bad, '收文登记 = Incoming'));
    expect(error.messageEn).toContain('| 名称 | 英文 |');
  });

  it('does not report a step again when the chain itself is wrong', () => {
    const bad = withEnglish(['| 董事会批示 | Board instructions |']).replace('——总经理批示——', '——董事会批示——');
    const errors = errorsOf(bad);
    expect(errors.map((e) => e.message).join('\n')).toContain('董事会');
    expect(errors.map((e) => e.message).join('\n')).not.toContain('不是本文件中的');
  });
});

describe('标题字段', () => {
  const source = base.replace('| 保存起算 | 收文日期 |', '| 保存起算 | 收文日期 |\n| 标题字段 | 文件标题 |');

  it('names the field that titles a record, and is written back', () => {
    const result = parseRegisterDocument(source, FILE, fixtureContext());
    if (!result.ok) throw new Error(result.errors.map((e) => formatDocError(e)).join('\n'));
    expect(result.value.titleField).toBe('文件标题');
    const again = parseRegisterDocument(writeRegisterDocument(result.value), FILE, fixtureContext());
    expect(again.ok && again.value.titleField).toBe('文件标题');
  });

  it('is optional', () => {
    const result = parseRegisterDocument(base, FILE, fixtureContext());
    expect(result.ok && result.value.titleField).toBeUndefined();
  });

  it('must name a field of the field table', () => {
    const bad = base.replace('| 保存起算 | 收文日期 |', '| 保存起算 | 收文日期 |\n| 标题字段 | 标题 |');
    const [error] = errorsOf(bad);
    expect(error).toMatchObject({ file: FILE, line: lineOf(bad, '| 标题字段 |') });
    expect(error.message).toContain('“标题字段”应是字段表中的一个字段');
    expect(error.messageEn).toContain('must name a field');
  });
});

describe('the shipped documents', () => {
  const catalog = buildCatalog(readDir(TEMPLATES_DIR));

  it('each give an English name to their register, every field, every approval step and every deadline', () => {
    if (!catalog.ok) throw new Error(catalog.errors.map((e) => formatDocError(e)).join('\n'));
    const missing = catalog.value.registers.flatMap((spec) => {
      const names = [spec.name, ...spec.fields.map((f) => f.name), ...spec.chain.flatMap((r) => r.steps.map((s) => s.text)), ...spec.deadlines.map((d) => d.name)];
      return names.filter((n) => !spec.englishNames?.[n]).map((n) => `${spec.name}: ${n}`);
    });
    expect(missing).toEqual([]);
  });

  it('never give two fields, steps or deadlines of one register the same English name', () => {
    if (!catalog.ok) return;
    for (const spec of catalog.value.registers) {
      const english = [...new Set([...spec.fields.map((f) => f.name), ...spec.chain.flatMap((r) => r.steps.map((s) => s.text)), ...spec.deadlines.map((d) => d.name)])].map((n) => spec.englishNames![n]);
      expect({ register: spec.name, repeated: english.filter((e, i) => english.indexOf(e) !== i) }).toEqual({ register: spec.name, repeated: [] });
    }
  });
});
