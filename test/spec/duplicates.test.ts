import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { fixtureContext, fixtureDocument, ROOT } from '../support/docs';

const context = fixtureContext();
const BROKEN = path.join(ROOT, 'test', 'fixtures', 'broken');

function errorsOf(source: string) {
  const result = parseRegisterDocument(source, 'x.md', context);
  return result.ok ? [] : result.errors.map((e) => ({ at: `${e.line}:${e.column}`, zh: e.message, en: e.messageEn }));
}

function edited(old: string, replacement: string): string {
  const doc = fixtureDocument();
  expect(doc).toContain(old);
  return doc.replace(old, replacement);
}

describe('a document that lists the same thing twice is refused where the second one is', () => {
  it.each([
    ['期限重复.md', '93:3', '期限“呈批”重复(第 91 行已有),请改名或删去一行', 'Duplicate deadline "呈批" (first on line 91)'],
    ['期限内容相同.md', '93:3', '期限“批示”与第 91 行的期限相同(起算、时限、完成、条件都一样),请删去一行', 'Deadline "批示" repeats the deadline on line 91'],
    ['规则重复.md', '98:1', '校验规则“收文日期 不晚于 阅批日期”与第 96 行的规则相同,请删去一行', 'The rule "收文日期 不晚于 阅批日期" repeats the rule on line 96'],
    ['审批步骤重复.md', '65:32', '同一审批链中有重复的步骤“办公室主任拟办”:每步只写一次', 'The step "办公室主任拟办" appears twice in one chain'],
    ['审批路线重复.md', '66:1', '审批路线“其他”(默认)重复(第 65 行已有),请删去一行或合并', 'The route "其他" (default) appears twice (first on line 65)'],
  ])('%s → x.md:%s, in zh-CN and en-US', (file, at, zh, en) => {
    expect(errorsOf(readFileSync(path.join(BROKEN, file), 'utf8'))).toEqual([{ at, zh, en }]);
  });

  it('the same rule with its fields listed in another order is the same rule', () => {
    const doc = edited('- 当 文件类别 为 重要文件 时 必填 承办部门\n', '- 当 文件类别 为 重要文件 时 必填 承办部门、领导批示\n- 当 文件类别 为 重要文件 时 必填 领导批示、承办部门\n');
    expect(errorsOf(doc)).toEqual([expect.objectContaining({ at: '99:1', zh: expect.stringContaining('与第 98 行的规则相同') })]);
  });

  it('two routes on the same condition are refused; routes on different conditions are not', () => {
    const twice = edited('- 其他:', '- 当 文件类别 为 重要文件:办公室文员登记——总经理批示\n- 其他:');
    expect(errorsOf(twice)).toEqual([
      { at: '65:1', zh: '审批路线“当 文件类别 为 重要文件”重复(第 64 行已有),请删去一行或合并', en: 'The route "文件类别 为 重要文件" appears twice (first on line 64)' },
    ]);
  });

  it('deadlines and rules that only look alike are kept', () => {
    const doc = edited('| 办结 | 阅批日期 | 5 天 | 办结日期 |\n', '| 办结 | 阅批日期 | 5 天 | 办结日期 |\n| 批示 | 收文日期 | 2 天 | 阅批日期 |\n');
    const withRule = doc.replace('- 办结日期 不早于 阅批日期\n', '- 办结日期 不早于 阅批日期\n- 办结日期 不早于 收文日期 加 1 天\n');
    const result = parseRegisterDocument(withRule, 'x.md', context);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.deadlines.map((d) => d.name)).toEqual(['呈批', '办结', '批示']);
      expect(result.value.rules).toHaveLength(4);
    }
  });
});
