import { removalDeadline, type ListingGround } from '../../../shared/credit';
import { maskId } from '../../../shared/identity';
import type { HolidayCalendar } from '../../../shared/working-days';
import type { ListingView, PublicListing } from '../../../shared/schemas/credit';
import type { Db } from '../../platform/db/database';
import { correctionsOf, extensionsOf, restrictionsOf, type ListingRow } from './credit.store';

/** Listings for court staff: everything, with extensions, restrictions and correction requests (one query each). */
export async function toListingViews(db: Db, rows: ListingRow[], now: Date, calendar: HolidayCalendar): Promise<ListingView[]> {
  const ids = rows.map((r) => r.id);
  const [extensions, restrictions, corrections] = await Promise.all([extensionsOf(db, ids), restrictionsOf(db, ids), correctionsOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    caseNo: r.caseNo,
    courtName: r.courtName,
    partyId: r.partyId,
    debtorKind: r.debtorKind,
    debtorName: r.debtorName,
    debtorIdNumber: r.debtorIdNumber,
    legalRepName: r.legalRepName,
    legalRepIdNumber: r.legalRepIdNumber,
    ground: r.ground as ListingGround,
    evidence: r.evidence,
    status: r.status,
    listedAt: r.listedAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    extensions: extensions
      .filter((e) => e.listingId === r.id)
      .map((e) => ({ years: e.years, reason: e.reason, fromExpiresAt: e.fromExpiresAt.toISOString(), toExpiresAt: e.toExpiresAt.toISOString(), extendedAt: e.extendedAt.toISOString() })),
    removalCause: r.removalCause,
    // 失信 Art. 10: 3 working days from the cause; for a term, from its end.
    removalDueBy: (r.removalDueBy ?? (r.status === 'listed' && r.expiresAt ? removalDeadline(r.expiresAt, calendar) : null))?.toISOString() ?? null,
    removalReason: r.removalReason,
    removedAt: r.removedAt?.toISOString() ?? null,
    restrictions: restrictions
      .filter((x) => x.listingId === r.id)
      .map((x) => ({ id: x.id, subject: x.subject, name: x.name, idNumber: x.idNumber, startedAt: x.startedAt.toISOString(), endedAt: x.endedAt?.toISOString() ?? null })),
    corrections: corrections
      .filter((c) => c.listingId === r.id)
      .map((c) => ({
        id: c.id,
        listingId: c.listingId,
        applicantName: c.applicantName,
        contact: c.contact,
        reasons: c.reasons,
        status: c.status,
        filedAt: c.filedAt.toISOString(),
        dueBy: c.dueBy.toISOString(),
        overdue: c.status === 'pending' && c.dueBy.getTime() <= now.getTime(),
        decisionReason: c.decisionReason,
        decidedAt: c.decidedAt?.toISOString() ?? null,
      })),
  }));
}

/**
 * A listing as the public sees it (失信 Art. 6): never a whole ID number, neither the debtor's nor the legal
 * representative's (whose number is not shown at all); no evidence, no restrictions.
 */
export function toPublicListing(r: ListingRow): PublicListing {
  return {
    id: r.id,
    name: r.debtorName,
    kind: r.debtorKind,
    idNumberMasked: maskId(r.debtorIdNumber),
    legalRepName: r.legalRepName,
    courtName: r.courtName,
    caseNo: r.caseNo,
    ground: r.ground as ListingGround,
    listedAt: r.listedAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
  };
}
