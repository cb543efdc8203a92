/**
 * Plausible Chinese text for a field, chosen by words in its name (来文单位, 文件标题, 事由, 备注, …), so that
 * any register document yields readable records without code of its own.
 */
import type { FieldSpec, SettingsSpec } from '../spec/schema';
import { formatDate } from '../core/dates';
import type { Rng } from './random';

export interface TextContext {
  rng: Rng;
  settings: SettingsSpec;
  register: string;
  /** Main date of the record (ms). */
  date: number;
  person: string;
  department: string;
}

const ORGS = [
  '长沙市人民政府办公厅', '湖南省商务厅', '集团公司办公室', '长沙市市场监督管理局', '长沙市税务局开福分局', '中国银行长沙分行',
  '湖南湘江新区管委会', '长沙市应急管理局', '长沙市人力资源和社会保障局', '湖南华信科技有限公司', '长沙恒达物流有限公司',
  '湖南省质量技术监督局', '长沙市消防救援支队', '集团公司人力资源部', '湖南中南建设工程有限公司', '长沙天心区街道办事处',
];
const TOPICS = [
  '开展2026年安全生产大检查', '做好春节期间值班工作', '调整部分管理制度', '加强档案管理工作', '开展年度消防演练',
  '报送上半年经营情况', '做好防汛工作', '规范公务用车管理', '开展员工健康体检', '组织年度培训计划', '加强印章使用管理',
  '做好节假日安全防范', '推进办公用品集中采购', '召开年中工作总结会议', '开展合同管理专项检查', '落实节能降耗措施',
  '调整作息时间', '表彰2025年度先进集体和个人', '做好信息安全工作', '开展客户满意度调查',
];
const DOC_KINDS = ['通知', '决定', '报告', '请示', '函', '意见', '方案'];
const PURPOSES = [
  '拜访客户洽谈合作', '参加行业交流会', '到税务局办理业务', '接送来访客户', '赴集团公司汇报工作', '到银行办理对公业务',
  '参加市场监管局培训', '项目现场勘察', '送达合同文本', '参加展会布展', '市内采购办公物资', '到人社局办理社保业务',
];
const PLACES = ['长沙市岳麓区', '长沙市天心区', '株洲市', '湘潭市', '长沙黄花机场', '集团公司总部', '湘江新区', '岳阳市', '长沙南站', '开福区政务服务中心'];
const REMARKS = ['无', '按规定办理', '已电话确认', '资料齐全', '已告知相关部门', '按领导要求办理', '已核对无误', '请相关部门配合'];
const MEETING_ITEMS = ['上月工作总结及本月工作安排', '安全生产检查情况通报', '重点项目推进情况', '费用预算执行情况', '客户投诉处理情况', '人员招聘与培训安排'];
const OPINIONS = ['同意,请按规定办理。', '同意。', '请办公室牵头落实。', '已阅,请相关部门抓紧办理。', '同意,注意控制费用。'];
const ITEMS = ['茶叶礼盒', '公司纪念品', '定制笔记本', '水果礼篮', '特产礼盒', '保温杯'];
const JOBS = ['专员', '主管', '经理助理', '工程师', '销售代表', '会计', '出纳', '行政助理', '技术员', '市场专员'];
const SPECS = ['标准', '常规', 'A4', '500ml', '大号', '中号', '1套'];

const fit = (text: string, field: FieldSpec, rng: Rng): string => {
  const max = field.rules.maxLength ?? (field.type === 'longText' ? 300 : 60);
  const min = field.rules.minLength ?? 0;
  let t = text.length > max ? text.slice(0, max) : text;
  while (t.length < min) t += rng.pick(['。', '好', '是']);
  return t;
};

const names = (ctx: TextContext, n: number) => ctx.rng.shuffle(ctx.settings.people).slice(0, n).map((p) => p.name).join('、');

const RULES: [RegExp, (ctx: TextContext, field: FieldSpec) => string][] = [
  [/月份/, (c) => formatDate(c.date).slice(0, 7)],
  [/字号|文号/, (c) => `${c.rng.pick(['湘政办发', '长政发', '集团办发', '湘商发', '长人社发'])}〔${formatDate(c.date).slice(0, 4)}〕${c.rng.int(1, 80)}号`],
  [/单位|机构|来文|对方/, (c) => c.rng.pick(ORGS)],
  [/标题|题名|文件名称|名称$/, (c, f) => (/会议/.test(f.name) ? `${formatDate(c.date).slice(5, 7).replace(/^0/, '')}月${c.rng.pick(['周例会', '工作例会', '专题会议', '办公会'])}` : /礼品|物品/.test(f.name) ? c.rng.pick(ITEMS) : `关于${c.rng.pick(TOPICS)}的${c.rng.pick(DOC_KINDS)}`)],
  [/事由|用途|目的|原因/, (c) => c.rng.pick(PURPOSES)],
  [/地点|目的地|地址|位置/, (c) => c.rng.pick(PLACES)],
  [/议题|要点|决定|决议|事项|内容|进展|措施|结果|描述|要求/, (c) => `${c.rng.pick(MEETING_ITEMS)};${c.rng.pick(MEETING_ITEMS)}`],
  [/人员|名单|范围/, (c) => names(c, c.rng.int(3, 6))],
  [/批示|意见/, (c) => c.rng.pick(OPINIONS)],
  [/姓名|报告人|联系人|来访人/, (c) => c.person],
  [/岗位|职务|职位/, (c) => c.rng.pick(JOBS)],
  [/规格|型号/, (c) => c.rng.pick(SPECS)],
  [/工号/, (c) => `E${formatDate(c.date).slice(2, 4)}${String(c.rng.int(100, 999))}`],
  [/号码|证号|凭证|编号|单号|档案号|卷号/, (c) => String(c.rng.int(10000000, 99999999))],
  [/供应商/, (c) => c.rng.pick(c.settings.lists.find((l) => l.name === '供应商')?.values ?? ORGS)],
  [/部门/, (c) => c.department],
  [/权限/, () => '代表公司办理相关业务手续,签署相关文件'],
  [/钥匙/, () => '办公室钥匙 1 把'],
  [/设备/, (c) => `笔记本电脑 1 台(资产编号 ZC-${c.rng.int(100, 999)})`],
  [/用品/, () => '笔记本 2 本、中性笔 5 支'],
  [/备注|说明|情况|记录/, (c) => c.rng.pick(REMARKS)],
];

export function textFor(field: FieldSpec, ctx: TextContext): string {
  for (const [re, make] of RULES) if (re.test(field.name)) return fit(make(ctx, field), field, ctx.rng);
  return fit(`${field.name}:${ctx.rng.pick(REMARKS)}`, field, ctx.rng);
}

export function phoneFor(rng: Rng): string {
  return rng.chance(0.6) ? `1${rng.pick(['35', '37', '38', '39', '58', '86', '87'])}${rng.int(10000000, 99999999)}` : `0731-8${rng.int(1000000, 9999999)}`;
}

export const OPINION_WORDS = {
  approve: ['同意。', '同意,按程序办理。', '已阅,同意。', '情况属实,同意。', '同意,请抓紧办理。'],
  review: ['经审核,资料齐全,拟同意。', '已审核,请领导审批。', '审核通过。'],
  register: ['已登记。', '已登记编号。', '已办理。'],
  seal: ['已盖章。', '已按批准内容盖章。'],
  file: ['已归档。', '已整理归档。'],
  handle: ['已办理完毕。', '已落实。', '已按要求办理。'],
  returned: ['请补充相关附件后重新提交。', '数量偏大,请核实后重新提交。', '请写明具体用途后重新提交。', '信息不完整,请补充。'],
  rejected: ['不符合公司相关规定,不予办理。', '预算外支出,暂不安排。', '与已有安排重复,不予办理。'],
  withdrawn: ['信息填写有误,撤回重填。', '计划取消。', '事项已改期。'],
};

export function opinionFor(stepText: string, rng: Rng): string {
  if (/拟办|审核|复核|核稿|审查|确认/.test(stepText)) return rng.pick(OPINION_WORDS.review);
  if (/审批|批准|签发|批示|审阅|阅批/.test(stepText)) return rng.pick(OPINION_WORDS.approve);
  if (/盖章/.test(stepText)) return rng.pick(OPINION_WORDS.seal);
  if (/归档|存档/.test(stepText)) return rng.pick(OPINION_WORDS.file);
  if (/登记|编号/.test(stepText)) return rng.pick(OPINION_WORDS.register);
  return rng.pick(OPINION_WORDS.handle);
}
