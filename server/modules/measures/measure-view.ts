import type { AssetKind } from '../../../shared/institution-protocol';
import { formatMoney } from '../../../shared/money';
import type { DeductionView, MeasureView } from '../../../shared/schemas/measures';
import type { Db } from '../../platform/db/database';
import { usersByIds } from '../accounts';
import { institutionByCode } from '../institutions';
import { available, daysLeft } from './measure.rules';
import type { DeductionRow, MeasureRow } from './measure.store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const money = (v: string | null) => (v === null ? null : formatMoney(v));

async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return new Map((await usersByIds(db, unique)).map((u) => [u.id, u.displayName]));
}

/** Measure rows to the API's view, fetching people and institution names once each. */
export async function toMeasureViews(db: Db, rows: MeasureRow[], now: Date): Promise<MeasureView[]> {
  const names = await namesOf(db, rows.map((r) => r.orderedBy));
  const codes = [...new Set(rows.map((r) => r.institutionCode))];
  // One after another: `db` may be a transaction, whose one connection takes one query at a time.
  const institutions = new Map<string, string>();
  for (const c of codes) institutions.set(c, (await institutionByCode(db, c))?.name ?? c);
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    caseNo: r.caseNo,
    assetId: r.assetId,
    institutionCode: r.institutionCode,
    institutionName: institutions.get(r.institutionCode) ?? r.institutionCode,
    assetRef: r.assetRef,
    assetKind: r.assetKind as AssetKind,
    assetIdentifier: r.assetIdentifier,
    assetDescription: r.assetDescription,
    kind: r.kind,
    status: r.status,
    requestedAmount: money(r.requestedAmount),
    frozenAmount: money(r.frozenAmount),
    deductedAmount: formatMoney(r.deductedAmount),
    availableAmount: formatMoney(r.kind === 'freeze' && r.status === 'in_force' ? available(r.frozenAmount, r.deductedAmount) : '0'),
    rank: r.rank,
    indivisible: r.indivisible,
    indivisibleReason: r.indivisibleReason,
    measureRef: r.measureRef,
    expiresAt: r.expiresAt.toISOString(),
    daysLeft: daysLeft(r.expiresAt, now),
    orderedBy: { id: r.orderedBy, displayName: names.get(r.orderedBy) ?? '' },
    orderedAt: r.orderedAt.toISOString(),
    effectiveAt: iso(r.effectiveAt),
    endedAt: iso(r.endedAt),
    endReason: r.endReason,
    remindedAt: iso(r.remindedAt),
    pendingOrder: r.pendingOrder,
    renewUntil: iso(r.renewUntil),
  }));
}

export async function toMeasureView(db: Db, row: MeasureRow, now: Date): Promise<MeasureView> {
  return (await toMeasureViews(db, [row], now))[0]!;
}

export async function toDeductionViews(db: Db, rows: DeductionRow[]): Promise<DeductionView[]> {
  const names = await namesOf(db, rows.flatMap((r) => [r.requestedBy, r.approvedBy, r.declinedBy]));
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '' } : null);
  return rows.map((r) => ({
    id: r.id,
    measureId: r.measureId,
    caseId: r.caseId,
    amount: formatMoney(r.amount),
    status: r.status,
    requestedBy: person(r.requestedBy)!,
    requestedAt: r.requestedAt.toISOString(),
    approvedBy: person(r.approvedBy),
    approvedAt: iso(r.approvedAt),
    declinedBy: person(r.declinedBy),
    declinedAt: iso(r.declinedAt),
    declinedReason: r.declinedReason,
    transferRef: r.transferRef,
    deductedAmount: money(r.deductedAmount),
    rejectionReason: r.rejectionReason,
    completedAt: iso(r.completedAt),
  }));
}

export async function toDeductionView(db: Db, row: DeductionRow): Promise<DeductionView> {
  return (await toDeductionViews(db, [row]))[0]!;
}
