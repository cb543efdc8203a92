import { buildCatalog } from '../../src/spec/catalog';
import { formatDocError } from '../../src/spec/errors';
import { parseRegisterDocument } from '../../src/spec/parseRegister';
import { settingsContext } from '../../src/spec/parseSettings';
import { writeRegisterDocument } from '../../src/spec/writeRegister';
import { TEMPLATES_DIR, readDir } from '../support/docs';

const catalog = buildCatalog(readDir(TEMPLATES_DIR));

describe('the documents in templates/', () => {
  it('all parse, with the settings document', () => {
    if (!catalog.ok) throw new Error(catalog.errors.map((e) => formatDocError(e)).join('\n'));
    expect(catalog.value.registers.length).toBeGreaterThanOrEqual(40);
  });

  it('cover every register the seeds name', () => {
    if (!catalog.ok) return;
    const names = catalog.value.registers.map((r) => r.name).join(' ');
    for (const must of ['收文登记', '发文登记', '请示报告', '传真', '月工作安排', '会议室', '会议签到', '纪要', '督办', '接待登记', '客餐', '来访', '介绍信', '用印', '印章借用', '档案明细', '档案借阅', '档案移交', '办公用品目录', '办公用品入库', '办公用品领用', '办公用品盘点', '采购申请', '固定资产', '合同登记', '用车', '车辆维护', '维修申请', '请假', '礼品', '文印传真', '证照', '房租', '定额费用', '手机费用', '办公室评分', '控制清单', '部门控制清单', '入职', '健康档案'])
      expect(names).toContain(must);
  });

  it('round-trip: spec → document → spec is the identity for every register', () => {
    if (!catalog.ok) return;
    const context = settingsContext(catalog.value.settings);
    for (const spec of catalog.value.registers) {
      const again = parseRegisterDocument(writeRegisterDocument(spec), `${spec.name}.md`, context);
      if (!again.ok) throw new Error(again.errors.map((e) => formatDocError(e)).join('\n'));
      expect(again.value).toEqual(spec);
    }
  });

  it('uses the retention periods of the seeds’ 第四部分', () => {
    if (!catalog.ok) return;
    const by = Object.fromEntries(catalog.value.registers.map((r) => [r.name, r]));
    expect(by['收文登记'].retention).toBe('二年');
    expect(by['合同登记'].retention).toBe('十年');
    expect(by['固定资产登记'].retention).toBe('长期');
    expect(by['会议签到簿'].retention).toBe('一年');
  });
});
