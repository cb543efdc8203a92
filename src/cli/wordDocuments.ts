/** One .docx in a documents folder → parser input, or the reason it cannot be read. Loaded only for Word files. */
import { DocxInputError, readDocx } from '../docx/readDocx';
import { wordToMarkdown } from '../docx/toMarkdown';
import type { DocumentSet } from './documents';

const MAX_LISTED_CHANGES = 10;

export async function loadWordDocument(file: string, data: Buffer, set: DocumentSet): Promise<void> {
  let word;
  try {
    word = await readDocx(data);
  } catch (error) {
    if (!(error instanceof DocxInputError)) throw error;
    set.unreadable.push({ file, message: error.message, messageEn: error.messageEn });
    return;
  }
  const converted = wordToMarkdown(word);
  if (converted.tableCount === 0) {
    set.problems.push({
      file,
      line: 1,
      column: 1,
      place: { zh: '文档', en: 'document' },
      message: '这份 Word 文档中没有任何表格:登记表由“字段”标题下的字段表(字段、类型、必填、规则、选项、说明 列)生成,标题下还要有基本信息表;请按 templates/README.md 补上,或确认它是流程文件',
      messageEn: 'This Word document has no table: a register is built from the field table under the 字段 heading (and the info table under the title); see templates/README.md',
    });
    return;
  }
  if (converted.changes.length) {
    const listed = converted.changes.slice(0, MAX_LISTED_CHANGES);
    const more = converted.changes.length - listed.length;
    const zh = listed.map(({ place, change }) => `${place.zh} ${change.kind === 'insert' ? '插入' : '删除'}“${change.text.trim()}”${change.author ? `(${change.author})` : ''}`);
    const en = listed.map(({ place, change }) => `${place.en}: ${change.kind === 'insert' ? 'inserted' : 'deleted'} "${change.text.trim()}"${change.author ? ` (${change.author})` : ''}`);
    set.warnings.push({
      file,
      message: `有 ${converted.changes.length} 处未接受的修订,已按“接受所有修订”后的文字读取:${zh.join(';')}${more > 0 ? `;另有 ${more} 处` : ''}。请在 Word 中“审阅 → 接受 → 接受所有修订”(或拒绝)后保存`,
      messageEn: `${converted.changes.length} tracked change(s) not yet accepted; read as if all were accepted: ${en.join('; ')}${more > 0 ? `; ${more} more` : ''}. Accept or reject them in Word (Review → Accept) and save`,
    });
  }
  set.files.push({ file, source: converted.markdown, word: converted });
}
