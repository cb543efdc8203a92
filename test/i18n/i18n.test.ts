/** zh-CN first, en-US complete: same keys, same placeholders, each string in its own language. */
import { enUS } from '../../src/i18n/en-US';
import { zhCN } from '../../src/i18n/zh-CN';
import { pick, setLang, t, toLang } from '../../src/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;
/** Sheet names are data (the workbook's own 设置 and 汇总 sheets); English text names them as they are. */
const SHEET_NAMES = /设置|汇总|时效分析/g;

describe('messages', () => {
  it('has every zh-CN key in en-US, with the same placeholders', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect({ key, p: placeholders(enUS[key]) }).toEqual({ key, p: placeholders(zhCN[key]) });
  });

  it('writes Chinese in zh-CN and no Chinese in en-US beyond the workbook’s sheet names', () => {
    for (const [key, text] of Object.entries(zhCN)) if (key !== 'status.none') expect({ key, chinese: CJK.test(text) }).toEqual({ key, chinese: true });
    for (const [key, text] of Object.entries(enUS)) expect({ key, chinese: CJK.test(text.replace(SHEET_NAMES, '')) }).toEqual({ key, chinese: false });
  });

  it('fills placeholders and switches language', () => {
    setLang('zh-CN');
    expect(t('form.saved', { number: 'SW-2026-0001' })).toBe('已登记 SW-2026-0001。');
    setLang('en-US');
    expect(t('form.saved', { number: 'SW-2026-0001' })).toBe('Recorded SW-2026-0001.');
    expect(pick({ message: '必填', messageEn: 'required' })).toBe('required');
    setLang('zh-CN');
    expect(pick({ message: '必填', messageEn: 'required' })).toBe('必填');
    expect([toLang('en'), toLang('en-GB'), toLang('zh-TW'), toLang(null), toLang('fr')]).toEqual(['en-US', 'en-US', 'zh-CN', 'zh-CN', 'zh-CN']);
  });
});
