import { randomUUID } from 'node:crypto';
import { fieldError } from '../../platform/errors';
import type { RestrictionRow } from './credit.store';

interface Debtor {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
}

interface LegalRepInput {
  legalRepName?: string;
  legalRepIdNumber?: string;
}

/**
 * 限高 Art. 3 para 2: a company's legal representative is restricted with it, so a listing or a restriction order
 * against an organisation names them, with their ID number. Refused at the first missing field.
 */
export function requireLegalRep(kind: Debtor['kind'], input: LegalRepInput): void {
  if (kind !== 'organisation' || (input.legalRepName && input.legalRepIdNumber)) return;
  throw fieldError(
    'LEGAL_REP_REQUIRED',
    input.legalRepName ? 'legalRepIdNumber' : 'legalRepName',
    '单位被执行人须载明法定代表人姓名及身份证号（限高规定第三条第二款） / 限高 Art. 3 para 2: name the legal representative and their ID number',
  );
}

/**
 * The consumption restrictions a listing or an order imposes (限高 Art. 1, 3): the debtor's, and for a company also
 * its legal representative's (Art. 3 para 2), checked by `requireLegalRep` before. Each row carries its case and
 * court itself; `source` says whether a listing or an order made it.
 */
export function restrictionRows(
  debtor: Debtor,
  input: LegalRepInput,
  source: Pick<RestrictionRow, 'listingId' | 'caseId' | 'courtId' | 'courtName' | 'caseNo' | 'orderedBy' | 'orderReason' | 'startedAt'>,
): RestrictionRow[] {
  const row = (subject: RestrictionRow['subject'], name: string, idNumber: string): RestrictionRow => ({
    id: randomUUID(),
    ...source,
    subject,
    name,
    idNumber,
    partyId: debtor.id,
    endedAt: null,
    endedReason: null,
  });
  const rows = [row('debtor', debtor.name, debtor.idNumber)];
  if (debtor.kind === 'organisation') rows.push(row('legal_representative', input.legalRepName!, input.legalRepIdNumber!));
  return rows;
}
