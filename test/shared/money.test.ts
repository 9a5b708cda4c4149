import { expect } from 'chai';
import fc from 'fast-check';
import {
  add,
  compareMoney,
  displayMoney,
  formatMoney,
  isMoney,
  isPositive,
  minMoney,
  Money,
  MoneyFormatError,
  parseMoney,
  percentOf,
  ratioPercent,
  sub,
} from '../../shared/money';

/** An amount in fen (1/100 yuan) within what MONEY_PATTERN accepts: at most 16 integer digits. */
const MAX_FEN = 10n ** 18n - 1n;
const fen = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN });
const nonNegativeFen = fc.bigInt({ min: 0n, max: MAX_FEN });

/** Exact two-decimal text of an amount in fen, computed without decimal.js. */
function fenToText(n: bigint): string {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Half-up (away from zero on a tie) integer division. */
function divHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

describe('shared/money', () => {
  describe('parseMoney and formatMoney', () => {
    it('when given "1234.5", then it formats as "1234.50"', () => {
      expect(formatMoney(parseMoney('1234.5'))).to.equal('1234.50');
      expect(formatMoney('1234.5')).to.equal('1234.50');
    });

    it('when given whole, one- and two-decimal amounts and a leading minus, then they are accepted', () => {
      for (const [input, formatted] of [
        ['0', '0.00'],
        ['1234', '1234.00'],
        ['1234.50', '1234.50'],
        ['0.01', '0.01'],
        ['-5', '-5.00'],
        ['-0.5', '-0.50'],
        ['9999999999999999.99', '9999999999999999.99'],
        [' 12.3 ', '12.30'],
      ] as const) {
        expect(isMoney(input), input).to.equal(true);
        expect(formatMoney(parseMoney(input)), input).to.equal(formatted);
      }
    });

    it('when given an exponent, three decimals, a plus sign, separators or garbage, then it throws MoneyFormatError', () => {
      for (const bad of [
        '1e3',
        '1E3',
        '1.5e2',
        '1.234',
        '0.001',
        '+5',
        '1,234.00',
        '01',
        '.5',
        '5.',
        '',
        ' ',
        'abc',
        '12abc',
        'NaN',
        'Infinity',
        '-',
        '--5',
        '0x10',
        '１２３',
        '10000000000000000',
      ]) {
        expect(() => parseMoney(bad), JSON.stringify(bad)).to.throw(MoneyFormatError);
        expect(isMoney(bad), JSON.stringify(bad)).to.equal(false);
      }
    });

    it('when given something that is not a string at run time, then it throws instead of guessing', () => {
      for (const bad of [1234.5, null, undefined, {}, ['1']]) {
        expect(() => parseMoney(bad as unknown as string)).to.throw(MoneyFormatError);
        expect(isMoney(bad)).to.equal(false);
      }
    });

    it('when given a Money value, then parseMoney returns it unchanged', () => {
      const value = new Money('12.34');
      expect(parseMoney(value)).to.equal(value);
    });

    it('(property) formatting the parse of any two-decimal amount gives the same text back', () => {
      fc.assert(
        fc.property(fen, (n) => {
          const text = fenToText(n);
          expect(formatMoney(parseMoney(text))).to.equal(text === '-0.00' ? '0.00' : text);
        }),
      );
    });

    it('(property) an amount written with one decimal formats with a trailing zero and keeps its value', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), fc.integer({ min: 0, max: 9 }), (yuan, jiao) => {
          const text = `${yuan}.${jiao}`;
          const formatted = formatMoney(parseMoney(text));
          expect(formatted).to.equal(`${yuan}.${jiao}0`);
          expect(compareMoney(formatted, text)).to.equal(0);
        }),
      );
    });

    it('(property) whatever parseMoney accepts matches the documented pattern and survives a format round trip', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.-+eE ,x'), maxLength: 22 }), (s) => {
          let parsed: Money;
          try {
            parsed = parseMoney(s);
          } catch (err) {
            expect(err).to.be.instanceOf(MoneyFormatError);
            return;
          }
          expect(s.trim()).to.match(/^-?(0|[1-9]\d{0,15})(\.\d{1,2})?$/);
          expect(parseMoney(formatMoney(parsed)).equals(parsed)).to.equal(true);
        }),
      );
    });
  });

  describe('displayMoney', () => {
    it('when formatting for people, then thousands are grouped and the yuan sign is shown', () => {
      expect(displayMoney('1234.5')).to.equal('¥1,234.50');
      expect(displayMoney('0')).to.equal('¥0.00');
      expect(displayMoney('999')).to.equal('¥999.00');
      expect(displayMoney('1000000')).to.equal('¥1,000,000.00');
      expect(displayMoney('-1234567.8')).to.equal('-¥1,234,567.80');
    });
  });

  describe('arithmetic', () => {
    it('when adding 0.1 and 0.2, then the sum is exactly 0.30 (no binary floating point)', () => {
      expect(formatMoney(add('0.1', '0.2'))).to.equal('0.30');
      expect(compareMoney(add('0.1', '0.2'), '0.3')).to.equal(0);
      expect(formatMoney(add())).to.equal('0.00');
    });

    it('(property) add and sub agree with exact integer arithmetic in fen', () => {
      fc.assert(
        fc.property(fen, fen, (a, b) => {
          expect(formatMoney(add(fenToText(a), fenToText(b)))).to.equal(fenToText(a + b).replace(/^-0\.00$/, '0.00'));
          expect(formatMoney(sub(fenToText(a), fenToText(b)))).to.equal(fenToText(a - b).replace(/^-0\.00$/, '0.00'));
        }),
      );
    });

    it('(property) compareMoney orders like integers, ignores trailing zeros, and is antisymmetric', () => {
      fc.assert(
        fc.property(fen, fen, (a, b) => {
          const expected = a < b ? -1 : a > b ? 1 : 0;
          expect(compareMoney(fenToText(a), fenToText(b))).to.equal(expected);
          expect(compareMoney(fenToText(b), fenToText(a))).to.equal(-expected || 0);
          expect(compareMoney(fenToText(a), fenToText(a))).to.equal(0);
        }),
      );
      expect(compareMoney('1.5', '1.50')).to.equal(0);
      expect(compareMoney('10', '9.99')).to.equal(1);
      expect(compareMoney('-1', '0')).to.equal(-1);
    });

    it('when an amount is above zero, then isPositive is true; minMoney picks the smaller amount', () => {
      expect(isPositive('0.01')).to.equal(true);
      expect(isPositive('0.00')).to.equal(false);
      expect(isPositive('-3')).to.equal(false);
      expect(formatMoney(minMoney('5.00', '4.99'))).to.equal('4.99');
    });
  });

  describe('percentOf', () => {
    it('when taking 5% of 1000, then it is 50.00', () => {
      expect(formatMoney(percentOf('1000', 5))).to.equal('50.00');
    });

    it('when the result falls on half a fen, then it rounds half up (away from zero)', () => {
      expect(formatMoney(percentOf('0.10', 5))).to.equal('0.01'); // 0.005
      expect(formatMoney(percentOf('0.30', 5))).to.equal('0.02'); // 0.015
      expect(formatMoney(percentOf('0.50', 1))).to.equal('0.01'); // 0.005
      expect(formatMoney(percentOf('0.49', 1))).to.equal('0.00'); // 0.0049
      expect(formatMoney(percentOf('-0.10', 5))).to.equal('-0.01');
      expect(formatMoney(percentOf('1234.56', '12.5'))).to.equal('154.32'); // 154.32
      expect(formatMoney(percentOf('100.01', '70'))).to.equal('70.01'); // 70.007
    });

    it('(property) percentOf equals exact half-up rounding of amount × percent / 100, to the fen', () => {
      fc.assert(
        fc.property(nonNegativeFen, fc.integer({ min: 0, max: 10_000 }), (amount, basisPoints) => {
          // percent with two decimals, e.g. 12.34%
          const percent = `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
          const expected = divHalfUp(amount * BigInt(basisPoints), 10_000n);
          expect(formatMoney(percentOf(fenToText(amount), percent))).to.equal(fenToText(expected));
        }),
      );
    });

    it('(property) the result always has at most two decimals', () => {
      fc.assert(
        fc.property(fen, fc.double({ min: 0, max: 200, noNaN: true }), (amount, percent) => {
          expect(percentOf(fenToText(amount), percent).decimalPlaces()).to.be.at.most(2);
        }),
      );
    });
  });

  describe('ratioPercent', () => {
    it('when part is 70 of 100, then "70.00"; against zero, then RangeError', () => {
      expect(formatMoney(ratioPercent('70', '100'))).to.equal('70.00');
      expect(formatMoney(ratioPercent('1', '3'))).to.equal('33.33');
      expect(formatMoney(ratioPercent('2', '3'))).to.equal('66.67');
      expect(() => ratioPercent('1', '0')).to.throw(RangeError);
    });
  });
});
