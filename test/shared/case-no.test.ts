import { expect } from 'chai';
import fc from 'fast-check';
import { COURT_CODE_PATTERN, ENFORCEMENT_CASE_TYPES, formatCaseNo, normaliseCaseNo, parseCaseNo, type CaseNoParts } from '../../shared/case-no';
import { CaseNo } from '../../shared/schemas/cases';

const PROVINCES = [...'京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵'];
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

const courtCode = fc.tuple(fc.constantFrom(...PROVINCES), fc.oneof(digits(2), digits(4))).map(([p, d]) => p + d);
const parts: fc.Arbitrary<CaseNoParts> = fc.record({
  year: fc.integer({ min: 1000, max: 9999 }),
  courtCode,
  caseType: fc.constantFrom(...ENFORCEMENT_CASE_TYPES),
  seq: fc.integer({ min: 1, max: 999_999 }),
});

describe('shared/case-no', () => {
  it('when given （2026）京0105执1234号, then it parses into year, court code, case type and sequence', () => {
    expect(parseCaseNo('（2026）京0105执1234号')).to.deep.equal({ year: 2026, courtCode: '京0105', caseType: '执', seq: 1234 });
  });

  it('when the number uses half-width parentheses or surrounding spaces, then it is normalised to the standard form', () => {
    expect(normaliseCaseNo(' (2026)京0105执1234号 ')).to.equal('（2026）京0105执1234号');
    expect(parseCaseNo('(2026)京0105执1234号')).to.deep.equal({ year: 2026, courtCode: '京0105', caseType: '执', seq: 1234 });
  });

  it('when the case type is a two-character enforcement type, then the longer type is recognised', () => {
    expect(parseCaseNo('（2026）京0105执恢12号')?.caseType).to.equal('执恢');
    expect(parseCaseNo('（2026）沪0115执保3号')?.caseType).to.equal('执保');
    expect(parseCaseNo('（2025）粤01执复7号')).to.deep.equal({ year: 2025, courtCode: '粤01', caseType: '执复', seq: 7 });
    for (const type of ENFORCEMENT_CASE_TYPES) expect(parseCaseNo(`（2026）京0105${type}1号`)?.caseType, type).to.equal(type);
  });

  it('when the number does not follow the standard, then it does not parse', () => {
    for (const bad of [
      '',
      '2026京0105执1234号',
      '（2026）京0105执1234',
      '（26）京0105执1234号',
      '（2026）京105执1234号',
      '（2026）京01050执1234号',
      '（2026）港0105执1234号',
      '（2026）京0105民初1234号',
      '（2026）京0105执0号',
      '（2026）京0105执01234号',
      '（2026）京0105执1234567号',
      '（2026）京0105执-5号',
      '（2026）京0105执12a号',
      '[2026]京0105执1234号',
      '（2026）京0105执1234号 extra',
      '（2026)京0105执1234号',
    ]) {
      expect(parseCaseNo(bad), bad).to.equal(null);
    }
  });

  it('when given a court code, then only a province abbreviation with 2 or 4 digits is accepted', () => {
    for (const good of ['京0105', '沪0115', '粤01', '兵01']) expect(COURT_CODE_PATTERN.test(good), good).to.equal(true);
    for (const bad of ['京', '京1', '京010', '京01050', 'BJ0105', '京01a5']) expect(COURT_CODE_PATTERN.test(bad), bad).to.equal(false);
  });

  it('(property) parsing a formatted case number gives the same parts back', () => {
    fc.assert(fc.property(parts, (p) => {
        expect(parseCaseNo(formatCaseNo(p))).to.deep.equal(p);
      }));
  });

  it('(property) every parsed number formats back to its normalised text', () => {
    fc.assert(
      fc.property(parts, fc.boolean(), (p, halfWidth) => {
        const text = formatCaseNo(p);
        const input = halfWidth ? text.replace('（', '(').replace('）', ')') : text;
        const parsed = parseCaseNo(input);
        expect(parsed).to.not.equal(null);
        expect(formatCaseNo(parsed!)).to.equal(text);
        expect(COURT_CODE_PATTERN.test(parsed!.courtCode)).to.equal(true);
      }),
    );
  });

  it('(property) arbitrary text never throws; it parses only when it matches the format', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'（）()2026京沪0105执恢保号 -a') }), (s) => {
        const parsed = parseCaseNo(s);
        if (parsed) expect(formatCaseNo(parsed)).to.equal(normaliseCaseNo(s));
      }),
    );
  });

  it('when the shared schema validates a case number, then a malformed one fails with the bilingual example', () => {
    expect(CaseNo.safeParse('（2026）京0105执1234号').success).to.equal(true);
    const bad = CaseNo.safeParse('2026京0105执1234');
    expect(bad.success).to.equal(false);
    expect(bad.error?.issues[0]?.message).to.contain('（2026）京0105执1234号');
  });
});
