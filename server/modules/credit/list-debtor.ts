import { randomUUID } from 'node:crypto';
import { compareMoney } from '../../../shared/money';
import { isListingGround, isMinor, LISTING_GROUNDS, listingExpiry } from '../../../shared/credit';
import type { ListDebtorBody } from '../../../shared/schemas/credit';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError, fieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseVisibleTo, partiesOf } from '../cases';
import { courtById } from '../courts';
import { requireJudge } from './credit-access';
import { requireLegalRep, restrictionRows } from './restriction-rows';
import { enqueueJointEvents } from './joint-events';
import { currentListingOf, insertListing, lockCaseCredit, type ListingRow } from './credit.store';

const alreadyListed = () =>
  new AppError('ALREADY_LISTED', '该被执行人已因本案被纳入失信名单 / This debtor is already on the dishonest-debtor list for this case');

/**
 * Lists a debtor of the case on the dishonest-debtor list (失信 Art. 1, 5) and restricts their consumption, and for a
 * company that of its legal representative too (限高 Art. 1, 3). Every check is made before anything is written, so a
 * refusal changes nothing.
 */
export async function listDebtor(ctx: AppContext, actor: Actor, caseId: string, input: ListDebtorBody): Promise<ListingRow> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  requireJudge(actor);
  const now = ctx.clock.now();
  // 失信 Art. 1: only on one of the six grounds, named by its code.
  if (!isListingGround(input.ground)) {
    throw fieldError('INVALID_LISTING_GROUND', 'ground', `须载明失信规定第一条所列情形之一 / 失信 Art. 1: name one of the six grounds (${LISTING_GROUNDS.join(', ')})`, {
      allowed: LISTING_GROUNDS,
    });
  }
  const ground = input.ground;
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能纳入失信名单 / The case is closed; no listing');
  // 失信 Art. 10 (1): a debtor who has performed is removed, so is not listed.
  if (compareMoney(theCase.outstandingAmount, '0') <= 0) {
    throw new AppError('DEBT_SATISFIED', '案件未履行金额为零，依失信规定第十条不得纳入 / Nothing is outstanding: 失信 Art. 10 removes, so no listing');
  }
  const party = (await partiesOf(ctx.db, [caseId])).find((p) => p.id === input.partyId && p.role === 'debtor');
  if (!party) throw fieldError('NOT_A_DEBTOR', 'partyId', '只能将本案被执行人纳入失信名单 / Only a debtor of this case can be listed (失信 Art. 1)');
  // 失信 Art. 4: a minor is never listed; the age is read from the resident ID at the server's date.
  if (party.kind === 'person' && isMinor(party.idNumber, now)) {
    throw new AppError('DEBTOR_IS_MINOR', '被执行人为未成年人，依失信规定第四条不得纳入失信名单 / 失信 Art. 4: a minor may not be listed');
  }
  // 限高 Art. 3 para 2: a company's legal representative is restricted too, so must be named at listing.
  requireLegalRep(party.kind, input);
  const isOrganisation = party.kind === 'organisation';
  if (await currentListingOf(ctx.db, caseId, party.id)) throw alreadyListed();
  const court = await courtById(ctx.db, theCase.courtId);

  const id = randomUUID();
  const listing: ListingRow = {
    id,
    caseId,
    courtId: theCase.courtId,
    caseNo: theCase.caseNo,
    courtName: court?.name ?? '',
    partyId: party.id,
    debtorKind: party.kind,
    debtorName: party.name,
    debtorIdNumber: party.idNumber,
    legalRepName: isOrganisation ? input.legalRepName! : null,
    legalRepIdNumber: isOrganisation ? input.legalRepIdNumber! : null,
    ground,
    evidence: input.evidence,
    status: 'listed',
    listedBy: actor.userId!,
    listedAt: now,
    // 失信 Art. 2: 2 years for grounds (二)–(六); ground (一) has no fixed term.
    expiresAt: listingExpiry(ground, now),
    extensions: 0,
    removalCause: null,
    removalDueAt: null,
    removalDueBy: null,
    removalReason: null,
    removedAt: null,
    removedBy: null,
    updatedAt: now,
  };
  // 限高 Art. 1, 3: the debtor; for a company also its legal representative (Art. 3 para 2).
  const restrictions = restrictionRows(party, input, {
    listingId: id,
    caseId,
    courtId: theCase.courtId,
    courtName: listing.courtName,
    caseNo: theCase.caseNo,
    orderedBy: null,
    orderReason: null,
    startedAt: now,
  });

  try {
    await ctx.db.transaction(async (tx) => {
      await lockCaseCredit(tx, caseId);
      if (await currentListingOf(tx, caseId, party.id)) throw alreadyListed();
      await insertListing(tx, listing, restrictions);
      // 一处失信，处处受限: subscribed institutions hear of it (a delivery per subscriber, committed with the listing).
      await enqueueJointEvents(
        tx,
        ctx.clock,
        restrictions.map((r) => ({ event: 'listing.added' as const, idNumber: r.idNumber, name: r.name, subject: r.subject, court: listing.courtName, caseNo: listing.caseNo })),
      );
      await recordAudit(tx, ctx.clock, actor, {
        action: 'credit.listed',
        entityType: 'credit_listing',
        entityId: id,
        caseId,
        data: {
          debtor: party.name,
          ground,
          expiresAt: listing.expiresAt?.toISOString() ?? null,
          restricted: restrictions.map((r) => ({ subject: r.subject, name: r.name })),
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyListed();
    throw err;
  }
  return listing;
}
