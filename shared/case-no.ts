/**
 * Enforcement case numbers (案号), per the SPC rules on case numbering (关于人民法院案件案号的若干规定):
 * （year）court code + case type + sequence + 号, e.g. （2026）京0105执1234号.
 * Court codes are the province abbreviation followed by 2 digits (higher/intermediate courts) or 4 digits (basic courts).
 */

/** Case-type codes of enforcement: 执 (implementation), 执恢 (restored), 执保 (preservation), 执异 (objection), 执复 (review), 执监 (supervision), 执协 (coordination). */
export const ENFORCEMENT_CASE_TYPES = ['执', '执恢', '执保', '执异', '执复', '执监', '执协'] as const;
export type EnforcementCaseType = (typeof ENFORCEMENT_CASE_TYPES)[number];

const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新兵';
export const COURT_CODE_PATTERN = new RegExp(`^[${PROVINCES}](\\d{2}|\\d{4})$`);

const CASE_NO = new RegExp(
  `^（(\\d{4})）([${PROVINCES}](?:\\d{4}|\\d{2}))(${[...ENFORCEMENT_CASE_TYPES].sort((a, b) => b.length - a.length).join('|')})([1-9]\\d{0,5})号$`,
);

export interface CaseNoParts {
  year: number;
  courtCode: string;
  caseType: EnforcementCaseType;
  seq: number;
}

/** Normalises half-width parentheses to the full-width ones the standard uses. */
export function normaliseCaseNo(value: string): string {
  return value.trim().replace(/^\((\d{4})\)/, '（$1）');
}

/** Parses a case number; null when it does not follow the format. */
export function parseCaseNo(value: string): CaseNoParts | null {
  const m = CASE_NO.exec(normaliseCaseNo(value));
  if (!m) return null;
  return { year: Number(m[1]), courtCode: m[2]!, caseType: m[3] as EnforcementCaseType, seq: Number(m[4]) };
}

export function formatCaseNo(parts: CaseNoParts): string {
  return `（${parts.year}）${parts.courtCode}${parts.caseType}${parts.seq}号`;
}

export const CASE_NO_MESSAGE =
  '案号格式应为（2026）京0105执1234号 / A case number looks like （2026）京0105执1234号';
