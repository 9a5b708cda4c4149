/**
 * Identity numbers of the parties and bidders.
 * - PRC resident ID number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth date,
 *   3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * - Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol alphabet
 *   (no I, O, Z, S, V); the last is a MOD 31 check character. Its 9th–17th characters are the
 *   organisation code of GB 11714, whose own check character is verified as well.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Province-level codes (first two digits) of GB/T 2260. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44',
  '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
]);

export type IdProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export interface ResidentIdInfo {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
  regionCode: string;
}

/** Computes the GB 11643 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Validates a resident ID number; returns the problem found, or null when valid. `today` bounds the birth date. */
export function residentIdProblem(value: string, today: Date = new Date()): IdProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return 'region';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return 'birthDate';
  if (birth.getTime() > today.getTime()) return 'birthDate';
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'checksum';
  return null;
}

export function isResidentId(value: string, today?: Date): boolean {
  return residentIdProblem(value, today) === null;
}

/** Birth date and sex encoded in a valid resident ID number. */
export function residentIdInfo(value: string): ResidentIdInfo {
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}

/**
 * Age in whole years on `today`, from a resident ID number, on the calendar in China (UTC+8): a person turns 18 at
 * midnight Beijing time on their birthday, not eight hours later.
 */
export function ageOn(value: string, today: Date): number {
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const china = new Date(today.getTime() + 8 * 3_600_000);
  let age = china.getUTCFullYear() - y;
  if (china.getUTCMonth() + 1 < m || (china.getUTCMonth() + 1 === m && china.getUTCDate() < d)) age -= 1;
  return age;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Computes the GB 32100 check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Computes the GB 11714 organisation-code check character for 8 characters. */
export function organisationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_ALPHABET.indexOf(first8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates a unified social credit code; returns the problem found, or null when valid. */
export function creditCodeProblem(value: string): IdProblem | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return 'format';
  if (!PROVINCE_CODES.has(value.slice(2, 4))) return 'region';
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return 'checksum';
  const org = value.slice(8, 17);
  if (/^[0-9A-Z]{8}[0-9X]$/.test(org) && organisationCodeCheckChar(org.slice(0, 8)) !== org[8]) return 'checksum';
  return null;
}

export function isCreditCode(value: string): boolean {
  return creditCodeProblem(value) === null;
}

/**
 * Masks an ID number for display where it must not be read whole (the public dishonest-debtor list, the published
 * confirmation letter, audit data): the first 6 characters (a resident ID's region) and the last 4 stay, as the courts'
 * own public lists show them (110105********1234). Ten characters or fewer are hidden entirely.
 */
export function maskId(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** Bilingual messages for each problem, used by the shared schemas and the client. */
export const ID_PROBLEM_MESSAGES: Record<'residentId' | 'creditCode', Record<IdProblem, string>> = {
  residentId: {
    format: '身份证号码应为18位（末位可为X） / A resident ID number has 18 characters (the last may be X)',
    region: '身份证号码的地址码无效 / The address code of the resident ID number is not valid',
    birthDate: '身份证号码中的出生日期无效 / The birth date in the resident ID number is not valid',
    checksum: '身份证号码校验位错误 / The check digit of the resident ID number is wrong',
  },
  creditCode: {
    format: '统一社会信用代码应为18位（不含I、O、Z、S、V） / A unified social credit code has 18 characters (no I, O, Z, S, V)',
    region: '统一社会信用代码的登记管理机关行政区划码无效 / The region code of the credit code is not valid',
    birthDate: '统一社会信用代码无效 / The credit code is not valid',
    checksum: '统一社会信用代码校验位错误 / The check character of the unified social credit code is wrong',
  },
};

/** Completes 17 digits into a resident ID number with its check character (for fixtures and the demo). */
export function completeResidentId(first17: string): string {
  return first17 + residentIdCheckChar(first17);
}

/** Completes 16 characters (8 of the code, 8 of the organisation code) into a credit code with both check characters. */
export function completeCreditCode(first16: string): string {
  const first17 = first16 + organisationCodeCheckChar(first16.slice(8, 16));
  return first17 + creditCodeCheckChar(first17);
}
