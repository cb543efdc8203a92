/**
 * The one definition of a register: every other part of Taizhang (templates, core rules, task pane, CLI)
 * reads a RegisterSpec built from a process document and validated by these schemas.
 */
import { z } from 'zod';

/** Field types, keyed by their English id; the Chinese word used in documents is in FIELD_TYPE_WORDS. */
export const FIELD_TYPES = [
  'text',
  'longText',
  'integer',
  'decimal',
  'money',
  'date',
  'dateTime',
  'time',
  'choice',
  'list',
  'person',
  'department',
  'yesNo',
  'phone',
  'copies',
  'serial',
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** Words a document may write in the 类型 column, first one is the canonical spelling used when writing back. */
export const FIELD_TYPE_WORDS: Record<FieldType, readonly string[]> = {
  text: ['文本'],
  longText: ['长文本', '多行文本'],
  integer: ['整数', '数量'],
  decimal: ['小数'],
  money: ['金额'],
  date: ['日期'],
  dateTime: ['日期时间'],
  time: ['时间'],
  choice: ['选项', '单选'],
  list: ['列表'],
  person: ['人员'],
  department: ['部门'],
  yesNo: ['是否'],
  phone: ['电话'],
  copies: ['份数'],
  serial: ['编号'],
};

export const RETENTION_PERIODS = ['一年', '二年', '三年', '五年', '十年', '长期'] as const;
export const RetentionPeriodSchema = z.enum(RETENTION_PERIODS);
/** Years kept; null means kept for good (长期). */
export const RETENTION_YEARS: Record<(typeof RETENTION_PERIODS)[number], number | null> = {
  一年: 1,
  二年: 2,
  三年: 3,
  五年: 5,
  十年: 10,
  长期: null,
};

const nonEmpty = z.string().trim().min(1);

export const FieldRulesSchema = z
  .object({
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().positive().max(32767).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: nonEmpty.optional(),
    /** Numbering pattern for serial fields, e.g. 综办发〔{yyyy}〕{n}号 or SW-{yyyy}{mm}-{n:3}. */
    pattern: nonEmpty.optional(),
    /** `today` / `now` / a literal. */
    defaultValue: nonEmpty.optional(),
  })
  .strict();
export type FieldRules = z.infer<typeof FieldRulesSchema>;

export const FieldSpecSchema = z
  .object({
    name: nonEmpty.max(40),
    type: FieldTypeSchema,
    required: z.boolean(),
    rules: FieldRulesSchema,
    /** Inline choices for `choice`. */
    choices: z.array(nonEmpty).optional(),
    /** Name of a 设置 list for `list`. */
    list: nonEmpty.optional(),
    /** Help text shown as input prompt and in the form. */
    note: z.string().optional(),
    /** Other headers hand-made ledgers use for this field (别名 column): import maps them without asking. */
    aliases: z.array(nonEmpty).optional(),
  })
  .strict();
export type FieldSpec = z.infer<typeof FieldSpecSchema>;

/** A condition on a field value that selects a chain route or makes a rule apply. */
export const ConditionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('in'), field: nonEmpty, values: z.array(nonEmpty).min(1) }).strict(),
  z.object({ op: z.enum(['>=', '<=', '>', '<']), field: nonEmpty, value: z.number() }).strict(),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const ChainStepSchema = z
  .object({
    /** The step as written, e.g. 办公室主任阅批. */
    text: nonEmpty,
    role: nonEmpty,
    action: z.string(),
    /** Roles that act, in this order, when nobody holds `role` for the record (部门领导(无则办公室主任)审核). */
    fallback: z.array(nonEmpty).optional(),
  })
  .strict();
export type ChainStep = z.infer<typeof ChainStepSchema>;

export const ChainRouteSchema = z
  .object({
    /** null for the default route (其他 / the only route). */
    when: ConditionSchema.nullable(),
    label: z.string(),
    steps: z.array(ChainStepSchema).min(2),
  })
  .strict();
export type ChainRoute = z.infer<typeof ChainRouteSchema>;

export const DeadlineSchema = z
  .object({
    name: nonEmpty,
    /** Field that starts the clock. */
    from: nonEmpty,
    /** Positive: due that long after `from`. Negative: due that long before `from` (提前). */
    amount: z.number().int(),
    unit: z.enum(['hour', 'day', 'month', 'year']),
    /** Field whose value marks the thing done; empty means still open. */
    doneField: nonEmpty,
    /** The deadline applies only to records where this holds (条件 column), e.g. 事项类型 为 离职. */
    when: ConditionSchema.optional(),
  })
  .strict();
export type Deadline = z.infer<typeof DeadlineSchema>;

/** Cross-field rules, written in the document's 校验规则 section. */
export const CrossRuleSchema = z.discriminatedUnion('kind', [
  /** a ≥ b (+ offset days): end ≥ start; needed ≥ applied + 3 days. */
  z
    .object({
      kind: z.literal('notBefore'),
      field: nonEmpty,
      other: nonEmpty,
      offsetDays: z.number().int(),
      text: nonEmpty,
    })
    .strict(),
  /** a ≤ b numerically. */
  z.object({ kind: z.literal('notMoreThan'), field: nonEmpty, other: nonEmpty, text: nonEmpty }).strict(),
  /** When the condition holds, these fields are required. */
  z
    .object({
      kind: z.literal('requiredWhen'),
      when: ConditionSchema,
      fields: z.array(nonEmpty).min(1),
      text: nonEmpty,
    })
    .strict(),
  /** Quantity capped at six months of use (半年使用数为上限), use taken from consumption history. */
  z.object({ kind: z.literal('halfYearCap'), field: nonEmpty, itemField: nonEmpty, text: nonEmpty }).strict(),
  /** At least n of the listed fields are filled (三家以上供应商比价). */
  /** At least n of the listed fields are filled; with `when`, only for records where it holds. */
  z
    .object({
      kind: z.literal('atLeast'),
      count: z.number().int().positive(),
      fields: z.array(nonEmpty).min(1),
      when: ConditionSchema.optional(),
      text: nonEmpty,
    })
    .strict(),
]);
export type CrossRule = z.infer<typeof CrossRuleSchema>;

export const OUTLINE_SECTIONS = [
  '流程名称',
  '目的',
  '范围',
  '主要步骤',
  '关键决策点',
  '输入和输出',
  '流程监控和控制',
  '异常处理',
  '相关文档和记录',
  '培训和沟通',
  '审核和更新',
] as const;
export type OutlineSection = (typeof OUTLINE_SECTIONS)[number];

export const RegisterSpecSchema = z
  .object({
    /** Stable ASCII id; names the Excel table (tz_<id>) and the metadata row. */
    id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    /** Register name as users know it, e.g. 收文登记. */
    name: nonEmpty.max(28),
    formCode: z.string().regex(/^[A-Z]{1,6}(\/[A-Z]{1,6})*-[A-Z]{1,6}-\d{2,3}$/),
    version: z.number().int().positive(),
    /** Group the register belongs to (公文, 会议, 印章, 档案, 办公用品, …). */
    category: nonEmpty,
    retention: RetentionPeriodSchema,
    /** Role that destroys records when retention ends (责任人). */
    destroyedBy: nonEmpty,
    /** Date field from which retention is counted. */
    retentionFrom: nonEmpty,
    /** The 11 outline sections as written (Markdown body text). */
    outline: z.record(z.string(), z.string()),
    fields: z.array(FieldSpecSchema).min(1),
    chain: z.array(ChainRouteSchema),
    /** The field whose value selects the route, when routes are conditional. */
    deadlines: z.array(DeadlineSchema),
    rules: z.array(CrossRuleSchema),
    /** The field that names a record in the pane's lists (标题字段); unset: the first required text field. */
    titleField: nonEmpty.optional(),
    /** English names (## 英文名称): the register's, its fields', steps' and deadlines' Chinese names → English, for the pane in English. */
    englishNames: z.record(z.string(), nonEmpty).optional(),
    /** The approval step at which the number is given (编号时机); numbered on submission when absent. */
    numberAt: nonEmpty.optional(),
  })
  .strict();
export type RegisterSpec = z.infer<typeof RegisterSpecSchema>;

export const DelegationSchema = z
  .object({ delegator: nonEmpty, delegate: nonEmpty, from: z.string(), to: z.string(), scope: z.array(nonEmpty) })
  .strict();
export type Delegation = z.infer<typeof DelegationSchema>;

/** A day the 节假日 list sets apart from the weekend rule: a holiday (放假) or a make-up workday (上班, 调休). */
export const HolidaySchema = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), kind: z.enum(['off', 'work']), name: z.string() })
  .strict();
export type Holiday = z.infer<typeof HolidaySchema>;

/** One period of the working day (工作时间), HH:MM to HH:MM. */
export const WorkPeriodSchema = z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }).strict();
export type WorkPeriod = z.infer<typeof WorkPeriodSchema>;

/** 审批时限 in working hours; blank register/step = every register/step (the most specific row applies). */
export const StepLimitSchema = z.object({ register: z.string(), step: z.string(), hours: z.number().positive() }).strict();
export type StepLimit = z.infer<typeof StepLimitSchema>;

export const SettingsSpecSchema = z
  .object({
    departments: z.array(z.object({ name: nonEmpty, headcount: z.number().int().nonnegative().nullable() }).strict()),
    roles: z.array(z.object({ name: nonEmpty, note: z.string() }).strict()).min(1),
    people: z.array(z.object({ name: nonEmpty, department: nonEmpty, roles: z.array(nonEmpty) }).strict()),
    lists: z.array(z.object({ name: nonEmpty, values: z.array(nonEmpty).min(1) }).strict()),
    /** The office's IANA time zone (时区); "now" is taken there. Asia/Shanghai when absent (core/officeClock). */
    timeZone: nonEmpty.optional(),
    /** 委托: while active, the delegate may act on the delegator's steps (in `scope`: registers or steps; empty = all). */
    delegations: z.array(DelegationSchema).optional(),
    /** 邮箱: addresses for 催办 e-mail drafts (mailto:); Taizhang itself never sends anything. */
    emails: z.array(z.object({ name: nonEmpty, address: z.string().regex(/^[^\s@]+@[^\s@]+$/) }).strict()).optional(),
    /** 节假日: holidays and make-up workdays; weekends (Sat/Sun) are days off otherwise (core/calendar). */
    holidays: z.array(HolidaySchema).optional(),
    /** 工作时间: 09:00-12:00、13:00-18:00 when absent. */
    workingHours: z.array(WorkPeriodSchema).min(1).optional(),
    /** 审批时限 per approval step; 8 working hours when no row applies. */
    stepLimits: z.array(StepLimitSchema).optional(),
  })
  .strict();
export type SettingsSpec = z.infer<typeof SettingsSpecSchema>;
