import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseVisibleTo, partiesOf } from '../cases';
import { listInstitutions } from '../institutions';
import { insertInquiry, type InquiryRow, type TargetRow } from './inquiry.store';

export interface StartInquiryInput {
  partyId: string;
  kinds?: string[] | undefined;
}

/**
 * Starts an online inquiry (网络查询) of one debtor of the case across every connected institution, or those of the
 * given kinds. Only a debtor of the judge's own case may be searched (财调 Art. 13: no inquiry about anyone who is not
 * a debtor of the case).
 */
export async function startInquiry(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: StartInquiryInput,
  lease: { runnerId: string; leaseUntil: Date },
  options: { afterTermination?: boolean } = {},
): Promise<{ inquiry: InquiryRow; targets: TargetRow[] }> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  // After termination for lack of assets (终本) the court still re-queries the debtor every 6 months for 5 years
  // (终本规定 Art. 9): the scheduled re-check may search a terminated case; nothing else may search a closed one.
  const searchable = theCase.status === 'open' || (options.afterTermination === true && theCase.status === 'terminated');
  if (!searchable) throw new AppError('CASE_NOT_OPEN', '案件已结，不能查询 / The case is closed; no inquiry');
  const party = (await partiesOf(ctx.db, [caseId])).find((p) => p.id === input.partyId);
  if (!party || party.role !== 'debtor') {
    throw new AppError('NOT_A_DEBTOR', '只能查询本案被执行人的财产（财调第13条） / Only a debtor of this case may be searched (财调 Art. 13)', {
      where: 'body',
      issues: [{ path: ['partyId'], code: 'custom', message: '不是本案被执行人 / Not a debtor of this case' }],
    });
  }
  const institutions = await listInstitutions(ctx.db, input.kinds);
  if (institutions.length === 0) throw new AppError('NO_INSTITUTIONS', '没有符合条件的协助执行机构 / No institution of those kinds is connected');

  const now = ctx.clock.now();
  const inquiry: InquiryRow = {
    id: randomUUID(),
    caseId,
    partyId: party.id,
    debtorName: party.name,
    debtorIdNumber: party.idNumber,
    debtorKind: party.kind,
    requestedBy: actor.userId!,
    kinds: input.kinds?.length ? input.kinds : null,
    status: 'running',
    total: institutions.length,
    answered: 0,
    failed: 0,
    timedOut: 0,
    assetsFound: 0,
    balanceFound: '0',
    startedAt: now,
    completedAt: null,
    // Held by the runner of this process from the start, so no other process takes it up meanwhile.
    runnerId: lease.runnerId,
    leaseUntil: lease.leaseUntil,
  };
  const targets: TargetRow[] = institutions.map((i) => ({
    inquiryId: inquiry.id,
    institutionCode: i.code,
    messageId: randomUUID(),
    status: 'pending',
    assetCount: 0,
    balanceFound: '0',
    error: null,
    settledAt: null,
  }));
  await ctx.db.transaction(async (tx) => {
    await insertInquiry(tx, inquiry, targets);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'inquiry.started',
      entityType: 'inquiry',
      entityId: inquiry.id,
      caseId,
      data: { debtor: party.name, institutions: institutions.length, kinds: inquiry.kinds, ...(options.afterTermination ? { recheck: true } : {}) },
    });
  });
  return { inquiry, targets };
}
