/** What a typed field becomes before core validates it: nothing typed is dropped or silently changed. */
import fc from 'fast-check';
import type { FieldSpec } from '../../src/spec/schema';
import { inputToValue, valueToInput } from '../../src/taskpane/ui/form';

const field = (type: FieldSpec['type']): FieldSpec => ({ name: 'x', type, required: false, rules: {} });

describe('form input', () => {
  it('reads numbers as Chinese users type them', () => {
    expect(inputToValue(field('integer'), '１２')).toBe(12);
    expect(inputToValue(field('money'), '1,234.50')).toBe(1234.5);
    expect(inputToValue(field('money'), '1,234.50')).toBe(1234.5);
    expect(inputToValue(field('decimal'), '-0.5')).toBe(-0.5);
    expect(inputToValue(field('copies'), '  ')).toBeNull();
  });

  it('keeps text that is not a number as typed, so validation can name it', () => {
    expect(inputToValue(field('integer'), '三份')).toBe('三份');
    expect(inputToValue(field('integer'), '1e3')).toBe('1e3');
  });

  it('maps 是/否 to booleans and back', () => {
    expect(inputToValue(field('yesNo'), '是')).toBe(true);
    expect(inputToValue(field('yesNo'), '否')).toBe(false);
    expect(valueToInput(true)).toBe('是');
    expect(valueToInput(false)).toBe('否');
  });

  it('keeps any text exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (s) => {
        expect(inputToValue(field('text'), s)).toBe(s);
        expect(valueToInput(inputToValue(field('longText'), s))).toBe(s);
      }),
    );
  });
});
