import { randomUUID } from 'node:crypto';
import { compareMoney, formatMoney, sub } from '../../../shared/money';
import type { PayoutBody } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, forbidden } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseVisibleTo, partiesOf } from '../cases';
import { courtById } from '../courts';
import { caseRecoveredAccount, courtFundsAccount } from './ledger.rules';
import { accountTotals, lockCasePayouts } from './ledger.store';
import { postTransaction } from './post-transaction';

/**
 * A judge pays recovered money out to the creditor (发放执行款): what deductions and sale proceeds credited to the
 * case, less what was paid out before. One balanced transaction: the case's recovered account is debited (the court
 * owes the creditor that much less) and the court's enforcement-funds account credited (the money leaves it). Payouts
 * of one case are serialised, so two at once cannot together exceed what is there. On the case's timeline.
 */
export async function payOut(ctx: AppContext, actor: Actor, caseId: string, body: PayoutBody): Promise<{ transactionId: string; amount: string; available: string }> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  if (actor.role !== 'judge') throw forbidden('只有承办法官可以发放执行款 / Only a judge may pay out enforcement money');
  const court = (await courtById(ctx.db, theCase.courtId))!;
  const creditors = (await partiesOf(ctx.db, [caseId])).filter((p) => p.role === 'creditor');
  const amount = formatMoney(body.amount);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockCasePayouts(tx, caseId);
    const recovered = await accountTotals(tx, caseRecoveredAccount(caseId));
    const available = sub(recovered.credit, recovered.debit);
    if (compareMoney(amount, available) > 0) {
      throw new AppError('PAYOUT_EXCEEDS_RECOVERED', `发放金额${amount}元超过本案已到账未发放的${formatMoney(available)}元 / The payout ${amount} exceeds the ${formatMoney(available)} recovered and not yet paid out`, {
        amount,
        available: formatMoney(available),
      });
    }
    const payee = creditors.map((c) => c.name).join('、');
    const row = await postTransaction(tx, {
      at: now,
      caseId,
      kind: 'payout',
      memo: `发放执行款给申请执行人${payee}（账户${body.payeeAccount}）${body.memo ? `：${body.memo}` : ''} / Paid out to the creditor ${payee}`,
      ref: `payout:${randomUUID()}`,
      entries: [
        { account: caseRecoveredAccount(caseId), debit: amount },
        { account: courtFundsAccount(court.code), credit: amount },
      ],
    });
    await recordAudit(tx, ctx.clock, actor, {
      action: 'ledger.payout',
      entityType: 'case',
      entityId: caseId,
      caseId,
      data: { amount, payee, payeeAccount: body.payeeAccount, memo: body.memo ?? null, transactionId: row.id },
    });
    return { transactionId: row.id, amount, available: formatMoney(available.minus(amount)) };
  });
}
