import { formatMoney } from '../../../shared/money';
import type { PartyCaseView, PartyCredentials } from '../../../shared/schemas/transparency';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordsOfCase } from '../audit';
import { partyAuctionsOfCase } from '../auctions';
import { listCourts } from '../courts';
import { listInstitutions } from '../institutions';
import { caseMoney } from '../ledger';
import { measuresOfCase } from '../measures';
import { openCase } from './open-case';
import { partyStep } from './party-view.rules';

/** The progress of the case's petitions, from the petitions module (given by the composition root). */
export type PetitionProgressOf = (db: Db, caseId: string) => Promise<PartyCaseView['petitions']>;

/**
 * The party's view of their case (执行公开), opened with the case number and query code: the steps of the timeline a
 * party may see (party-view.rules.ts), the measures (kind, institution, amounts, status, dates; no account numbers, no
 * debtor identities), the published auctions with their public figures and page, and the money recovered and paid
 * out. No staff names, notes or reasons, no bidder codes or buyers.
 */
export async function partyCase(ctx: AppContext, credentials: PartyCredentials, clientAddress: string, petitionsOf: PetitionProgressOf): Promise<PartyCaseView> {
  const theCase = await openCase(ctx, credentials, clientAddress);
  const [records, institutions, courts, measures, auctions, money, petitions] = await Promise.all([
    recordsOfCase(ctx.db, theCase.id),
    listInstitutions(ctx.db),
    listCourts(ctx.db),
    measuresOfCase(ctx.db, theCase.id),
    partyAuctionsOfCase(ctx.db, theCase.id),
    caseMoney(ctx.db, theCase.id),
    petitionsOf(ctx.db, theCase.id),
  ]);
  const names = new Map(institutions.map((i) => [i.code, i.name]));
  const timeline: PartyCaseView['timeline'] = [];
  for (const r of records) {
    const data = partyStep(r.action, JSON.parse(r.data) as Record<string, unknown>, (code) => names.get(code));
    if (data) timeline.push({ at: r.at.toISOString(), action: r.action, data });
  }
  const money2 = (v: string | null) => (v === null ? null : formatMoney(v));
  return {
    caseNo: theCase.caseNo,
    courtName: courts.find((c) => c.id === theCase.courtId)?.name ?? '',
    cause: theCase.cause,
    status: theCase.status,
    filedAt: theCase.filedAt.toISOString(),
    claimAmount: formatMoney(theCase.claimAmount),
    outstandingAmount: formatMoney(theCase.outstandingAmount),
    money,
    timeline,
    measures: measures
      .map((m) => ({
        kind: m.kind,
        institutionName: names.get(m.institutionCode) ?? m.institutionCode,
        assetKind: m.assetKind,
        status: m.status,
        requestedAmount: money2(m.requestedAmount),
        frozenAmount: money2(m.frozenAmount),
        deductedAmount: formatMoney(m.deductedAmount),
        orderedAt: m.orderedAt.toISOString(),
        effectiveAt: m.effectiveAt?.toISOString() ?? null,
        expiresAt: m.expiresAt.toISOString(),
        endedAt: m.endedAt?.toISOString() ?? null,
      })),
    auctions: auctions.map((a) => ({ ...a, publicUrl: `/auctions/${a.id}` })),
    petitions,
  };
}
