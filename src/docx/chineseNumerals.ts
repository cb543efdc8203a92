/** Section numbers as Chinese office documents write them (一 … 九十九), both ways. */
const DIGITS = '零一二三四五六七八九';

export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** "十一" → 11, "3" → 3; null for anything else. */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[一二三四五六七八九十]+$/.test(text)) return null;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? DIGITS.indexOf(text) : null;
  const tens = ten === 0 ? 1 : DIGITS.indexOf(text[ten - 1]);
  const ones = ten === text.length - 1 ? 0 : DIGITS.indexOf(text[ten + 1]);
  return tens * 10 + ones;
}
