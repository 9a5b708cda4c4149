import { randomUUID } from 'node:crypto';
import type { TerminateBody } from '../../../shared/schemas/closing';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { changeCaseStatus, lockCase, type CaseRow } from '../cases';
import { caseForJudge } from './closing-access';
import { terminationFacts } from './closing-view';
import type { ClosingDeps } from './closing.ports';
import { missingConditions, recheckDueDates } from './closing.rules';
import { insertRechecks, type RecheckRow } from './closing.store';

/**
 * Terminates the procedure for lack of assets (终结本次执行程序, 民诉解释 Art. 517), only when every condition of
 * 终本规定 Art. 1 holds: more than 3 months since filing, an exhaustive online inquiry of every debtor, a consumption
 * restriction in force, the creditor interviewed. Otherwise TERMINATION_CONDITIONS_UNMET listing every missing
 * condition with its rule, and nothing changes. On termination the re-checks are scheduled: every 6 months for 5
 * years (终本规定 Art. 9). The conditions are checked on the locked case inside the transaction that commits.
 */
export async function terminateCase(ctx: AppContext, deps: ClosingDeps, actor: Actor, caseId: string, input: TerminateBody): Promise<CaseRow> {
  await caseForJudge(ctx.db, actor, caseId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const theCase = (await lockCase(tx, caseId))!;
    if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', `案件状态为${theCase.status}，不能终结本次执行程序 / The case is ${theCase.status}; it cannot be terminated`);
    const missing = missingConditions(await terminationFacts(tx, deps.credit, theCase, now));
    if (missing.length > 0) {
      throw new AppError(
        'TERMINATION_CONDITIONS_UNMET',
        `不符合终结本次执行程序的条件（${missing.length}项未满足） / The case may not be terminated yet: ${missing.length} condition(s) not met`,
        { missing: missing.map(({ code, rule, message }) => ({ code, rule, message })) },
      );
    }
    const terminationId = randomUUID();
    const rechecks: RecheckRow[] = recheckDueDates(now).map((dueAt, i) => ({
      id: randomUUID(),
      caseId,
      courtId: theCase.courtId,
      terminationId,
      seq: i + 1,
      dueAt,
      status: 'scheduled',
      inquiryIds: [],
      startedAt: null,
      completedAt: null,
      assetsFound: 0,
      valueFound: '0',
    }));
    await insertRechecks(tx, rechecks);
    const updated = (await changeCaseStatus(tx, caseId, 'open', 'terminated', now))!;
    await recordAudit(tx, ctx.clock, actor, {
      action: 'case.terminated',
      entityType: 'case',
      entityId: caseId,
      caseId,
      data: {
        outstandingAmount: theCase.outstandingAmount,
        note: input.note ?? null,
        rechecks: rechecks.length,
        firstRecheckAt: rechecks[0]!.dueAt.toISOString(),
        lastRecheckAt: rechecks.at(-1)!.dueAt.toISOString(),
      },
    });
    return updated;
  });
}
