/**
 * Statuses stay Chinese in the workbook and are translated for display from their structure; a record's title
 * comes from the document's 标题字段 or the first required text field.
 */
import { recordTitleValue, titleFieldOf } from '../../src/core/recordTitle';
import { englishNameOf, statusInEnglish } from '../../src/core/statusNames';
import { STATUS_DONE, STATUS_DRAFT, STATUS_REJECTED, STATUS_RETURNED, STATUS_WITHDRAWN, deriveState, pendingStatus } from '../../src/core/workflow';
import type { RegisterSpec } from '../../src/spec/schema';
import { fixtureCatalog, spec as specOf } from './fixtures';

const incoming = specOf(fixtureCatalog(), 'incoming_docs');
const withoutEnglish: RegisterSpec = { ...incoming, englishNames: undefined };

describe('statusInEnglish', () => {
  it('translates the fixed statuses', () => {
    expect([STATUS_DRAFT, STATUS_DONE, STATUS_RETURNED, STATUS_REJECTED, STATUS_WITHDRAWN].map((s) => statusInEnglish(incoming, s))).toEqual(['Draft', 'Completed', 'Returned', 'Rejected', 'Withdrawn']);
  });

  it('reads 待<step> as "Awaiting" and the step by its English name from the document', () => {
    expect(incoming.englishNames?.['办公室主任拟办']).toBe("Office director's proposal");
    expect(statusInEnglish(incoming, pendingStatus('办公室主任拟办'))).toBe("Awaiting office director's proposal");
    // The status a record really gets from the workflow, not a string made up for the test.
    const state = deriveState(incoming, { values: { 文件类别: '一般文件' }, steps: {}, submittedAt: '2026-03-02T09:00', submittedBy: '孙晓燕' });
    expect(state.status).toBe('待办公室主任拟办');
    expect(statusInEnglish(incoming, state.status!)).toBe("Awaiting office director's proposal");
  });

  it('keeps an English name that starts with an abbreviation as it is', () => {
    const hr: RegisterSpec = { ...incoming, englishNames: { ...incoming.englishNames, 办公室主任拟办: 'HR officer record' } };
    expect(statusInEnglish(hr, '待办公室主任拟办')).toBe('Awaiting HR officer record');
  });

  it('keeps the Chinese step name when the document gives no English one', () => {
    expect(statusInEnglish(withoutEnglish, '待办公室主任拟办')).toBe('Awaiting 办公室主任拟办');
  });

  it('leaves a status typed by hand, which is no step of the register, as it is', () => {
    expect(statusInEnglish(incoming, '待定')).toBe('待定');
    expect(statusInEnglish(incoming, '作废')).toBe('作废');
  });
});

describe('englishNameOf', () => {
  it('gives the English name of a register, a field or a step, or the Chinese one', () => {
    expect(englishNameOf(incoming, '收文登记')).toBe('Incoming documents');
    expect(englishNameOf(incoming, '来文单位')).toBe('Sender');
    expect(englishNameOf(withoutEnglish, '来文单位')).toBe('来文单位');
  });
});

describe('the record title', () => {
  it('comes from the 标题字段 the document names', () => {
    expect(incoming.titleField).toBe('文件标题');
    expect(titleFieldOf(incoming)?.name).toBe('文件标题');
    expect(recordTitleValue(incoming, { 来文单位: '湖南省国资委', 文件标题: '关于开展安全检查的通知' })).toBe('关于开展安全检查的通知');
  });

  it('is otherwise the first required text field', () => {
    const plain: RegisterSpec = { ...incoming, titleField: undefined };
    expect(titleFieldOf(plain)?.name).toBe('来文单位');
    expect(recordTitleValue(plain, { 来文单位: '湖南省国资委', 文件标题: '关于开展安全检查的通知' })).toBe('湖南省国资委');
  });

  it('is null when the record leaves it empty', () => {
    expect(recordTitleValue(incoming, { 文件标题: '' })).toBeNull();
    expect(recordTitleValue(incoming, {})).toBeNull();
  });
});
