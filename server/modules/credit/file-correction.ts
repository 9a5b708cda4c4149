import { randomUUID } from 'node:crypto';
import { correctionDueBy } from '../../../shared/credit';
import type { FileCorrectionBody } from '../../../shared/schemas/credit';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { insertCorrection, listingById, pendingCorrectionOf, type CorrectionRow } from './credit.store';

const pending = () => new AppError('CORRECTION_PENDING', '该记录已有待审查的纠正申请 / A correction request for this listing is already awaiting the court (失信 Art. 11)');

/** The applicant, as the actor of a request filed without signing in (the audit trail names them). */
function applicantActor(name: string): Actor {
  return { ...SYSTEM_ACTOR, displayName: `纠正申请人 ${name} / applicant ${name}` };
}

/**
 * A correction request (纠正申请, 失信 Art. 11; 2013 text Art. 3): the listed person, or anyone quoting the listing's
 * id, asks the court to correct a listing, with reasons. The court decides within 15 days of receipt.
 */
export async function fileCorrection(ctx: AppContext, listingId: string, input: FileCorrectionBody): Promise<CorrectionRow> {
  const listing = await listingById(ctx.db, listingId);
  if (!listing) throw notFound('listing', '失信名单记录');
  if (listing.status !== 'listed') throw new AppError('LISTING_NOT_CURRENT', '该记录已删除，无需纠正 / The listing is already removed; nothing to correct');
  if (await pendingCorrectionOf(ctx.db, listingId)) throw pending();
  const now = ctx.clock.now();
  const row: CorrectionRow = {
    id: randomUUID(),
    listingId,
    caseId: listing.caseId,
    courtId: listing.courtId,
    applicantName: input.applicantName,
    contact: input.contact ?? null,
    reasons: input.reasons,
    status: 'pending',
    filedAt: now,
    // 失信 Art. 11: examined within 15 days of receipt.
    dueBy: correctionDueBy(now),
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
    overdueFlaggedAt: null,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await insertCorrection(tx, row);
      await recordAudit(tx, ctx.clock, applicantActor(input.applicantName), {
        action: 'credit.correction_filed',
        entityType: 'credit_correction',
        entityId: row.id,
        caseId: listing.caseId,
        data: { listingId, applicant: input.applicantName, reasons: input.reasons, dueBy: row.dueBy.toISOString() },
      });
    });
  } catch (err) {
    // The partial unique index on pending requests settles a race between two filings.
    if (isUniqueViolation(err)) throw pending();
    throw err;
  }
  return row;
}
