import { fieldError } from '../../platform/errors';

/**
 * 限高 Art. 3 para 2: a company's legal representative is restricted with it, so a listing or a restriction order
 * against an organisation names them, with their ID number. Refused at the first missing field.
 */
export function requireLegalRep(kind: 'person' | 'organisation', input: { legalRepName?: string; legalRepIdNumber?: string }): void {
  if (kind !== 'organisation' || (input.legalRepName && input.legalRepIdNumber)) return;
  throw fieldError(
    'LEGAL_REP_REQUIRED',
    input.legalRepName ? 'legalRepIdNumber' : 'legalRepName',
    '单位被执行人须载明法定代表人姓名及身份证号（限高规定第三条第二款） / 限高 Art. 3 para 2: name the legal representative and their ID number',
  );
}
