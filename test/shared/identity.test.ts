import { expect } from 'chai';
import fc from 'fast-check';
import {
  ageOn,
  completeCreditCode,
  completeResidentId,
  creditCodeCheckChar,
  creditCodeProblem,
  isCreditCode,
  isResidentId,
  maskId,
  organisationCodeCheckChar,
  residentIdInfo,
  residentIdProblem,
} from '../../shared/identity';
import { CreditCode, ResidentId } from '../../shared/schemas/common';

const TODAY = new Date('2026-11-25T08:00:00Z');
const DIGITS = '0123456789';
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PROVINCES = ['11', '12', '13', '31', '32', '33', '44', '50', '51', '65', '71', '81', '82'];

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: n, maxLength: n });
const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/** A valid resident ID number: real province, any district, a birth date between 1900 and today, any sequence. */
const residentId = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    digits(4),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-24T00:00:00Z'), noInvalidDate: true }),
    digits(3),
  )
  .map(([province, district, birth, sequence]) => completeResidentId(`${province}${district}${ymd(birth)}${sequence}`));

/** The first 16 characters of a credit code: department and kind, a real region, then the 8-character organisation code body. */
const creditCodeFirst16 = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 2, maxLength: 2 }),
    fc.constantFrom(...PROVINCES),
    digits(4),
    fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 8, maxLength: 8 }),
  )
  .map((parts) => parts.join(''));

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('shared/identity', () => {
  describe('resident ID numbers (GB 11643)', () => {
    it('when given the standard\'s example 11010519491231002X, then it is valid and decodes birth date, sex and region', () => {
      expect(residentIdProblem('11010519491231002X', TODAY)).to.equal(null);
      expect(isResidentId('11010519491231002X', TODAY)).to.equal(true);
      expect(residentIdInfo('11010519491231002X')).to.deep.equal({ birthDate: '1949-12-31', sex: 'female', regionCode: '110105' });
      expect(completeResidentId('11010519491231002')).to.equal('11010519491231002X');
    });

    it('when the birthday has not yet come this year, then the age is one less', () => {
      expect(ageOn('11010519491231002X', TODAY)).to.equal(76);
      expect(ageOn('11010519491231002X', new Date('2026-12-31T00:00:00Z'))).to.equal(77);
      // Birthdays begin at midnight in Beijing (UTC+8): 16:00 UTC on the eve is already the birthday there.
      expect(ageOn('11010519491231002X', new Date('2026-12-30T15:59:59.999Z'))).to.equal(76);
      expect(ageOn('11010519491231002X', new Date('2026-12-30T16:00:00.000Z'))).to.equal(77);
    });

    it('when the check character is wrong, then the problem is "checksum"', () => {
      expect(residentIdProblem('110105194912310021', TODAY)).to.equal('checksum');
      expect(residentIdProblem('110105194912310020', TODAY)).to.equal('checksum');
    });

    it('when the format is wrong (length, letters, lower-case x, full-width digits, spaces), then the problem is "format"', () => {
      for (const bad of [
        '',
        '11010519491231002',
        '11010519491231002XX',
        '11010519491231002x',
        '1101051949123100X2',
        'A1010519491231002X',
        '１１0105194912310 02X',
        ' 11010519491231002X',
        '110105 19491231002X',
      ]) {
        expect(residentIdProblem(bad, TODAY), bad).to.equal('format');
      }
    });

    it('when the province code does not exist, then the problem is "region"', () => {
      for (const first17 of ['00010519491231002', '99010519491231002', '19010519491231002', '72010519491231002']) {
        expect(residentIdProblem(completeResidentId(first17), TODAY), first17).to.equal('region');
      }
    });

    it('when the birth date does not exist, lies before 1900 or after today, then the problem is "birthDate"', () => {
      for (const date of ['19490230', '19491301', '19490001', '19490100', '19000229', '18991231', '20261126', '20270101']) {
        const id = completeResidentId(`110105${date}002`);
        expect(residentIdProblem(id, TODAY), date).to.equal('birthDate');
      }
      // 2000 is a leap year; today itself is allowed
      expect(residentIdProblem(completeResidentId('11010520000229002'), TODAY)).to.equal(null);
      expect(residentIdProblem(completeResidentId('11010520261125002'), TODAY)).to.equal(null);
    });

    it('(property) every completed ID with a real region and a past birth date is valid', () => {
      fc.assert(fc.property(residentId, (id) => {
        expect(residentIdProblem(id, TODAY)).to.equal(null);
      }));
    });

    it('(property) changing any single character of a valid ID makes it invalid', () => {
      fc.assert(
        fc.property(residentId, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), (id, position, replacement) => {
          fc.pre(id[position] !== replacement);
          expect(residentIdProblem(replaceAt(id, position, replacement), TODAY)).to.not.equal(null);
        }),
        { numRuns: 500 },
      );
    });

    it('(property) swapping two different adjacent digits of a valid ID makes it invalid', () => {
      fc.assert(
        fc.property(residentId, fc.integer({ min: 0, max: 15 }), (id, i) => {
          fc.pre(id[i] !== id[i + 1]);
          const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          expect(residentIdProblem(swapped, TODAY)).to.not.equal(null);
        }),
      );
    });

    it('when the shared schema reads an ID with a lower-case x or surrounding spaces, then it accepts and normalises it', () => {
      expect(ResidentId.parse(' 11010519491231002x ')).to.equal('11010519491231002X');
      const bad = ResidentId.safeParse('110105194912310021');
      expect(bad.success).to.equal(false);
      expect(bad.error?.issues[0]?.message).to.contain('校验位');
    });
  });

  describe('unified social credit codes (GB 32100)', () => {
    it('when given 91350100M000100Y43, then it is valid, with both check characters right', () => {
      expect(creditCodeProblem('91350100M000100Y43')).to.equal(null);
      expect(isCreditCode('91350100M000100Y43')).to.equal(true);
      expect(organisationCodeCheckChar('M000100Y')).to.equal('4');
      expect(creditCodeCheckChar('91350100M000100Y4')).to.equal('3');
      expect(completeCreditCode('91350100M000100Y')).to.equal('91350100M000100Y43');
    });

    it('when the last character is wrong, then the problem is "checksum"', () => {
      expect(creditCodeProblem('91350100M000100Y44')).to.equal('checksum');
    });

    it('when the organisation code\'s own check character is wrong but the last one fits, then the problem is "checksum"', () => {
      const first17 = '91350100M000100Y5'; // 5 instead of 4
      expect(creditCodeProblem(first17 + creditCodeCheckChar(first17))).to.equal('checksum');
    });

    it('when the code has a forbidden letter (I, O, Z, S, V), lower case or a wrong length, then the problem is "format"', () => {
      for (const bad of ['91350100M000100Y4', '91350100M000100Y433', '91350100I000100Y43', '91350100O000100Y43', '91350100Z000100Y43', '91350100S000100Y43', '91350100V000100Y43', '91350100m000100y43', '9135A100M000100Y43', '']) {
        expect(creditCodeProblem(bad), bad).to.equal('format');
      }
    });

    it('when the region code does not exist, then the problem is "region"', () => {
      expect(creditCodeProblem(completeCreditCode('91000100M000100Y'))).to.equal('region');
      expect(creditCodeProblem(completeCreditCode('91990100M000100Y'))).to.equal('region');
    });

    it('(property) every code completed by completeCreditCode is valid', () => {
      fc.assert(fc.property(creditCodeFirst16, (first16) => {
        expect(creditCodeProblem(completeCreditCode(first16))).to.equal(null);
      }));
    });

    it('(property) changing any single character of a valid code makes it invalid', () => {
      fc.assert(
        fc.property(creditCodeFirst16, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...USCC_ALPHABET, 'I', 'O', 'Z', 'S', 'V', 'a'), (first16, position, replacement) => {
          const code = completeCreditCode(first16);
          fc.pre(code[position] !== replacement);
          expect(creditCodeProblem(replaceAt(code, position, replacement))).to.not.equal(null);
        }),
        { numRuns: 500 },
      );
    });

    it('when the shared schema reads a code in lower case, then it accepts and upper-cases it', () => {
      expect(CreditCode.parse('91350100m000100y43')).to.equal('91350100M000100Y43');
      expect(CreditCode.safeParse('91350100M000100Y44').success).to.equal(false);
    });
  });

  describe('maskId', () => {
    it('when masking a resident ID, then only the first 6 (the region) and the last 4 characters show', () => {
      expect(maskId('11010519491231002X')).to.equal('110105********002X');
      expect(maskId('91350100M000100Y43')).to.equal('913501********0Y43');
    });

    it('when the value has 10 characters or fewer, then nothing of it shows', () => {
      expect(maskId('1234567890')).to.equal('**********');
      expect(maskId('abc')).to.equal('***');
      expect(maskId('')).to.equal('');
    });

    it('(property) the middle never shows: same length, first 6 and last 4 kept, stars in between', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 11, maxLength: 40 }), (value) => {
          const masked = maskId(value);
          expect(masked).to.have.length(value.length);
          expect(masked.slice(0, 6)).to.equal(value.slice(0, 6));
          expect(masked.slice(-4)).to.equal(value.slice(-4));
          expect(masked.slice(6, -4)).to.match(/^\*+$/);
        }),
      );
      fc.assert(fc.property(fc.string({ maxLength: 10 }), (value) => {
        expect(maskId(value)).to.equal('*'.repeat(value.length));
      }));
    });

    it('(property) for a resident ID, the birth date never appears in the mask', () => {
      fc.assert(
        fc.property(residentId, (id) => {
          const masked = maskId(id);
          expect(masked.slice(6, 14)).to.equal('*'.repeat(8));
          expect(masked).to.not.contain(id.slice(6, 14));
        }),
      );
    });
  });
});
