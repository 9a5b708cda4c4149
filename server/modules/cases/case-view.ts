import type { CaseDetail, CaseSummary } from '../../../shared/schemas/cases';
import { formatMoney } from '../../../shared/money';
import type { Db } from '../../platform/db/database';
import { usersByIds } from '../accounts';
import { listCourts } from '../courts';
import { partiesOf, type CaseRow } from './case.store';

/** Case rows to the API's views, fetching judges, courts and parties in one query each. */
export async function toSummaries(db: Db, rows: CaseRow[]): Promise<CaseSummary[]> {
  // One after another: `db` may be a transaction, whose one connection takes one query at a time.
  const parties = await partiesOf(db, rows.map((r) => r.id));
  const people = await usersByIds(db, [...new Set(rows.flatMap((r) => [r.judgeId, r.createdBy]))]);
  const courts = await listCourts(db);
  const nameOf = new Map(people.map((u) => [u.id, u.displayName]));
  const courtName = new Map(courts.map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const own = parties.filter((p) => p.caseId === r.id);
    return {
      id: r.id,
      caseNo: r.caseNo,
      courtId: r.courtId,
      courtName: courtName.get(r.courtId) ?? '',
      status: r.status,
      cause: r.cause,
      claimAmount: formatMoney(r.claimAmount),
      outstandingAmount: formatMoney(r.outstandingAmount),
      judge: { id: r.judgeId, displayName: nameOf.get(r.judgeId) ?? '' },
      creditorNames: own.filter((p) => p.role === 'creditor').map((p) => p.name),
      debtorNames: own.filter((p) => p.role === 'debtor').map((p) => p.name),
      filedAt: r.filedAt.toISOString(),
    };
  });
}

export async function toDetail(db: Db, row: CaseRow): Promise<CaseDetail> {
  const [summary] = await toSummaries(db, [row]);
  const parties = await partiesOf(db, [row.id]);
  const [creator] = await usersByIds(db, [row.createdBy]);
  return {
    ...summary!,
    basis: row.basis,
    parties: parties.map((p) => ({ id: p.id, role: p.role, kind: p.kind, name: p.name, idNumber: p.idNumber })),
    createdBy: { id: row.createdBy, displayName: creator?.displayName ?? '' },
  };
}
