/** Pure rules of enforcement cases. */
import { parseCaseNo, type CaseNoParts } from '../../../shared/case-no';
import { CASE_NO_MESSAGE } from '../../../shared/case-no';

export type CaseNoCheck = { ok: true; parts: CaseNoParts } | { ok: false; code: 'INVALID_CASE_NO' | 'CASE_NO_COURT_MISMATCH'; message: string };

/** The calendar year in China (UTC+8), which is the year a case number carries. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/**
 * A case number given by the user must follow the format, carry the code of the court that files it, and a year that
 * is not in the future (案号规定 Art. 3–5).
 */
export function checkCaseNo(caseNo: string, courtCode: string, now: Date): CaseNoCheck {
  const parts = parseCaseNo(caseNo);
  if (!parts) return { ok: false, code: 'INVALID_CASE_NO', message: CASE_NO_MESSAGE };
  if (parts.courtCode !== courtCode) {
    return {
      ok: false,
      code: 'CASE_NO_COURT_MISMATCH',
      message: `案号中的法院代字${parts.courtCode}与立案法院${courtCode}不符 / The court code ${parts.courtCode} in the case number is not the filing court's (${courtCode})`,
    };
  }
  const year = chinaYear(now);
  if (parts.year > year || parts.year < 2000) {
    return { ok: false, code: 'INVALID_CASE_NO', message: `案号年份${parts.year}无效 / The year ${parts.year} in the case number is not valid` };
  }
  return { ok: true, parts };
}

/** A person or organisation may not be both creditor and debtor of one case, nor appear twice on one side. */
export function duplicateParty(parties: { role: string; idNumber: string }[]): string | null {
  const seen = new Set<string>();
  for (const p of parties) {
    if (seen.has(p.idNumber)) return p.idNumber;
    seen.add(p.idNumber);
  }
  return null;
}
