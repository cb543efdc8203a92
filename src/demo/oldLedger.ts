/**
 * The demo's 旧台账: a 收文登记簿 kept by hand before the office had Taizhang, as such sheets really look — a merged
 * title row, a line about who keeps it, a blank row, the office's own header words (来文机关, 文号, 缓急 …), a 序号
 * column, dates typed six ways, copies with units, a blank row, a 合计 row — and two rows that cannot be imported
 * as they are (a 13th month; a 密级 that is not in 设置). The README walks a new user through importing it.
 */
import type { CellValue } from '../core/cells';

export const OLD_LEDGER_SHEET = '旧台账';

export const OLD_LEDGER_HEADERS = ['序号', '收文日期', '来文机关', '来文类型', '文号', '标题', '重要程度', '缓急', '密级', '份数', '承办科室', '办结日期', '备注'];

/** 1-based sheet rows of the two rows `taizhang import` rejects, and why. */
export const OLD_LEDGER_REJECTED = { badDate: 9, badSecrecy: 13 } as const;

/** The serial of 2025-04-15 (an Excel date cell, as most typed dates end up). */
const APRIL_15 = 45762;

export function oldLedgerRows(): { rows: CellValue[][]; merges: string[] } {
  const rows: CellValue[][] = [
    ['综合办公室收文登记簿(2025年)'],
    ['登记人:周婷    单位:份'],
    [],
    OLD_LEDGER_HEADERS,
    [1, '2025.3.5', '长沙市人民政府办公厅', '上级来文', '长政办发〔2025〕8号', '关于做好2025年安全生产工作的通知', '重要文件', '加急', '内部', '3份', '综合办公室', '2025.3.12', ''],
    [2, '2025年3月12日', '湖南省工商业联合会', '上级来文', '湘工商联〔2025〕15号', '关于开展民营企业调研的函', '一般文件', '平件', '公开', '1 份', '市场部', '2025年3月20日', ''],
    [3, '2025/3/28', '长沙经开区管委会', '上级来文', '长经开管〔2025〕31号', '关于报送一季度经济数据的通知', '一般文件', '特急', '内部', 2, '财务部', '2025/3/31', '电话催报'],
    [4, '25.4.2', '湖南百盛商贸有限公司', '平级来文', '百盛函〔2025〕4号', '关于调整办公用品供货价格的函', '一般文件', '平件', '公开', '1份', '物资部', '25.4.9', ''],
    [5, '2025.13.2', '长沙市消防救援支队', '上级来文', '长消〔2025〕22号', '关于开展消防安全检查的通知', '重要文件', '加急', '内部', '2份', '综合办公室', '', '日期写错,应为 2025.3.2'],
    [6, APRIL_15, '长沙市税务局', '上级来文', '长税函〔2025〕40号', '关于发票管理有关事项的通知', '一般文件', '平件', '内部', '1份', '财务部', APRIL_15 + 5, ''],
    [],
    [7, '2025-5-6', '湖南省人力资源和社会保障厅', '上级来文', '湘人社函〔2025〕66号', '关于做好高校毕业生招聘工作的通知', '一般文件', '平件', '公开', '2份', '人力资源部', '2025-5-15', ''],
    [8, '2025年5月20日', '长沙市国家保密局', '上级来文', '长保〔2025〕9号', '关于开展保密自查的通知', '重要文件', '加急', '绝密', '1份', '综合办公室', '', ''],
    [9, '2025.6.3', '华中科技有限公司', '平级来文', '华科函〔2025〕12号', '关于商洽技术合作的函', '一般文件', '平件', '公开', '1份', '技术部', '2025.6.10', ''],
    ['合计', '', '', '', '', '', '', '', '', '14份', '', '', ''],
  ];
  return { rows, merges: ['A1:M1', 'A2:M2'] };
}
