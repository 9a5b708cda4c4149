import { removalDeadline } from '../../../shared/credit';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { holidayCalendar } from './holiday-calendar';
import { lockCaseCredit, markCaseDue } from './credit.store';
import { endOrdersOnSatisfied } from './restriction-orders';

/**
 * The case's debt is satisfied (执行完毕, or a settlement performed): its current listings become due for removal
 * within 3 working days (失信 Art. 10 para 1 (1)); the credit job removes them and ends their restrictions. Restrictions
 * made by an order on their own end at once (限高 Art. 9: once the duty is performed the court 应当及时解除). Call it
 * inside the caller's transaction (e.g. the closing module's); safe to call twice. Answers how many listings were
 * marked plus how many order-made restrictions ended.
 */
export async function debtSatisfied(ctx: AppContext, tx: Db, caseId: string): Promise<number> {
  const now = ctx.clock.now();
  await lockCaseCredit(tx, caseId);
  const dueBy = removalDeadline(now, holidayCalendar(ctx));
  const marked = await markCaseDue(tx, caseId, 'debt_satisfied', now, dueBy);
  for (const row of marked) {
    await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, {
      action: 'credit.removal_due',
      entityType: 'credit_listing',
      entityId: row.id,
      caseId,
      data: { cause: 'debt_satisfied', removalDueBy: dueBy.toISOString() },
    });
  }
  const ended = await endOrdersOnSatisfied(ctx, tx, caseId);
  return marked.length + ended;
}
