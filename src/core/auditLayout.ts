/** Columns of the hidden audit log sheet (_审计); the audit chain in core reads and writes rows in this order. */
export const AUDIT_HEADER = ['序号', '时间', '登记表', '编号', '动作', '操作人', '内容哈希', '前一哈希', '本条哈希'] as const;

/** The columns that say who did what to which record when (序号 … 操作人): all the time per step needs, a third of an entry's bytes. */
export const AUDIT_WHO_COLUMNS = 6;
