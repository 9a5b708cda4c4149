import type { AssetKind } from '../../../shared/institution-protocol';
import { formatMoney } from '../../../shared/money';
import type { ObjectionView, ValuationView } from '../../../shared/schemas/valuation';
import type { Db } from '../../platform/db/database';
import { usersByIds } from '../accounts';
import { addDays, addMonths, SALE_START_DAYS } from './valuation.rules';
import { objectionsOfSteps, resultsOfSteps, stepsOf, type ObjectionRow, type ValuationRow } from './valuation.store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const money = (v: string | null) => (v === null ? null : formatMoney(v));
const record = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function objectionView(o: ObjectionRow, names: Map<string, string>): ObjectionView {
  return {
    id: o.id,
    valuationId: o.valuationId,
    stepId: o.stepId,
    resultId: o.resultId,
    party: o.party,
    partyName: o.partyName,
    grounds: o.grounds,
    statement: o.statement,
    filedAt: o.filedAt.toISOString(),
    status: o.status,
    ruledAt: iso(o.ruledAt),
    ruledBy: o.ruledBy ? { id: o.ruledBy, displayName: names.get(o.ruledBy) ?? '' } : null,
    ruling: o.ruling,
  };
}

/** Valuations with their steps, results and objections, as the API shows them (people's names fetched once). */
export async function toValuationViews(db: Db, rows: ValuationRow[]): Promise<ValuationView[]> {
  const steps = await stepsOf(db, rows.map((r) => r.id));
  const stepIds = steps.map((s) => s.id);
  // One after another: `db` may be a transaction, whose one connection takes one query at a time.
  const results = await resultsOfSteps(db, stepIds);
  const objections = await objectionsOfSteps(db, stepIds);
  const people = new Set<string>([...rows.map((r) => r.startedBy), ...objections.map((o) => o.ruledBy).filter((id): id is string => Boolean(id))]);
  const names = new Map((await usersByIds(db, [...people])).map((u) => [u.id, u.displayName]));
  return rows.map((v) => ({
    id: v.id,
    measureId: v.measureId,
    caseId: v.caseId,
    caseNo: v.caseNo,
    assetId: v.assetId,
    assetKind: v.assetKind as AssetKind,
    assetIdentifier: v.assetIdentifier,
    assetDescription: v.assetDescription,
    indicativeValue: money(v.indicativeValue),
    status: v.status,
    method: v.method,
    startedBy: { id: v.startedBy, displayName: names.get(v.startedBy) ?? '' },
    startedAt: v.startedAt.toISOString(),
    referencePrice:
      v.amount !== null && v.fixedAt && v.validUntil
        ? {
            amount: formatMoney(v.amount),
            method: v.method,
            fixedAt: v.fixedAt.toISOString(),
            validUntil: v.validUntil.toISOString(),
            saleStartBy: addDays(v.fixedAt, SALE_START_DAYS).toISOString(),
            proceedUntil: addMonths(v.validUntil, 6).toISOString(),
          }
        : null,
    endedAt: iso(v.endedAt),
    endReason: v.endReason,
    steps: steps
      .filter((s) => s.valuationId === v.id)
      .map((s) => ({
        id: s.id,
        seq: s.seq,
        method: s.method,
        status: s.status,
        openedAt: s.openedAt.toISOString(),
        deadline: iso(s.deadline),
        extendedAt: iso(s.extendedAt),
        amount: money(s.amount),
        resultAt: iso(s.resultAt),
        deliveredAt: iso(s.deliveredAt),
        deliveryMethod: s.deliveryMethod,
        receivedAt: iso(s.receivedAt),
        objectionDeadline: iso(s.objectionDeadline),
        agreement: record(s.agreement),
        details: record(s.details),
        closedAt: iso(s.closedAt),
        outcome: s.outcome,
        results: results
          .filter((r) => r.stepId === s.id)
          .map((r) => ({
            id: r.id,
            source: r.source,
            code: r.sourceCode,
            name: r.sourceName,
            position: r.position,
            status: r.status,
            requestedAt: iso(r.requestedAt),
            acknowledgedAt: iso(r.acknowledgedAt),
            dueAt: iso(r.dueAt),
            extensions: Array.isArray(r.extensions) ? (r.extensions as { days: number; at: string }[]) : [],
            amount: money(r.amount),
            reportNo: r.reportNo,
            issuedAt: iso(r.issuedAt),
            recordedAt: iso(r.recordedAt),
            reportValidUntil: iso(r.reportValidUntil),
            endedAt: iso(r.endedAt),
            endReason: r.endReason,
          })),
        objections: objections.filter((o) => o.stepId === s.id).map((o) => objectionView(o, names)),
      })),
  }));
}

export async function toValuationView(db: Db, row: ValuationRow): Promise<ValuationView> {
  return (await toValuationViews(db, [row]))[0]!;
}

export async function toObjectionView(db: Db, row: ObjectionRow): Promise<ObjectionView> {
  const names = new Map((await usersByIds(db, row.ruledBy ? [row.ruledBy] : [])).map((u) => [u.id, u.displayName]));
  return objectionView(row, names);
}
