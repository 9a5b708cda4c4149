import { formatMoney, sub } from '../../../shared/money';
import type { CaseLedger } from '../../../shared/schemas/measures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { caseVisibleTo } from '../cases';
import { balancesByAccount, caseRecoveredAccount, totals } from './ledger.rules';
import { accountTotals, entriesOf, transactionsOfCase } from './ledger.store';
import type { Db } from '../../platform/db/database';

/** The case's ledger: its transactions with their entries, the totals and the balance of each account touched. */
export async function caseLedger(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseLedger> {
  await caseVisibleTo(ctx.db, actor, caseId);
  const transactions = await transactionsOfCase(ctx.db, caseId);
  const entries = await entriesOf(ctx.db, transactions.map((t) => t.id));
  const sum = totals(entries);
  const accounts = balancesByAccount(entries);
  const own = accounts.find((a) => a.account === caseRecoveredAccount(caseId));
  const recovered = own?.credit ?? '0.00';
  const paidOut = own?.debit ?? '0.00';
  return {
    caseId,
    transactions: transactions.map((t) => ({
      id: t.id,
      at: t.at.toISOString(),
      kind: t.kind,
      memo: t.memo,
      ref: t.ref,
      entries: entries
        .filter((e) => e.transactionId === t.id)
        .map((e) => ({ account: e.account, debit: formatMoney(e.debit), credit: formatMoney(e.credit) })),
    })),
    totals: { debit: formatMoney(sum.debit), credit: formatMoney(sum.credit), recovered, paidOut, available: formatMoney(sub(recovered, paidOut)) },
    accounts,
  };
}

/** What was recovered for the case and what was paid out of it (no access check: the caller decided who may know). */
export async function caseMoney(db: Db, caseId: string): Promise<{ recovered: string; paidOut: string }> {
  const { debit, credit } = await accountTotals(db, caseRecoveredAccount(caseId));
  return { recovered: formatMoney(credit), paidOut: formatMoney(debit) };
}
