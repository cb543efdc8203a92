import fc from 'fast-check';
import { fenDisplay, fenText, fenToYuan, mulDivRound, toFen } from '../../src/inventory/money';

describe('money in integer fen', () => {
  it('reads the decimal the user typed, not its binary neighbour', () => {
    expect(toFen(1.005)).toBe(101);
    expect(toFen(0.1 + 0.2)).toBe(30);
    expect(toFen(12.34)).toBe(1234);
    expect(toFen(-2.675)).toBe(-268);
    expect(toFen(0)).toBe(0);
  });

  it('any amount with two decimals survives yuan → fen → text exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(toFen(fen / 100)).toBe(fen);
        expect(fenText(fen)).toBe(`${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`);
        expect(Number(fenText(fen))).toBe(fenToYuan(fen));
      }),
    );
  });

  it('shows yuan with grouping for people', () => {
    expect(fenDisplay(123456789)).toBe('¥1,234,567.89');
    expect(fenDisplay(-5)).toBe('-¥0.05');
    expect(fenDisplay(100)).toBe('¥1.00');
  });

  it('round(a·b/c) is exact, half away from zero, also when a·b is beyond 2^53', () => {
    const exact = (a: bigint, b: bigint, c: bigint) => {
      const p = a * b;
      const neg = p < 0n;
      const abs = neg ? -p : p;
      const q = (2n * abs + c) / (2n * c);
      return neg ? -q : q;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e6 }), fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 2e6 }), (a, b, c) => {
        // Any amount of money held is a safe integer of fen; the product on the way need not be.
        fc.pre(Math.abs((a * b) / c) < 2 ** 52);
        expect(BigInt(mulDivRound(a, b, c))).toBe(exact(BigInt(a), BigInt(b), BigInt(c)));
      }),
    );
    expect(mulDivRound(1, 5, 2)).toBe(3);
    expect(mulDivRound(1, -5, 2)).toBe(-3);
    expect(mulDivRound(1, 4, 3)).toBe(1);
    // A stocktake of 0 after a negative balance: the value is 0, not −0.
    expect(mulDivRound(0, -321, 1)).toBe(0);
  });
});
