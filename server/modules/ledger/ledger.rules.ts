/** Pure rules of the double-entry ledger. */
import { add, compareMoney, formatMoney, isMoney, isPositive, sub, type Money } from '../../../shared/money';

export interface EntryInput {
  account: string;
  /** Exactly one of debit and credit, a positive amount with at most 2 decimals. */
  debit?: string;
  credit?: string;
}

export type LedgerProblem = 'too_few_entries' | 'bad_amount' | 'both_sides' | 'unbalanced' | 'bad_account';

/** Why a transaction may not be posted, or null: at least two entries, each one-sided and positive, debits = credits. */
export function ledgerProblem(entries: EntryInput[]): LedgerProblem | null {
  if (entries.length < 2) return 'too_few_entries';
  for (const e of entries) {
    if (!e.account || e.account.trim() !== e.account) return 'bad_account';
    if ((e.debit === undefined) === (e.credit === undefined)) return 'both_sides';
    const amount = e.debit ?? e.credit;
    if (!isMoney(amount) || !isPositive(amount)) return 'bad_amount';
  }
  const { debit, credit } = totals(entries);
  return compareMoney(debit, credit) === 0 ? null : 'unbalanced';
}

export function totals(entries: { debit?: string | null; credit?: string | null }[]): { debit: Money; credit: Money } {
  return { debit: add(...entries.map((e) => e.debit || '0')), credit: add(...entries.map((e) => e.credit || '0')) };
}

export interface AccountBalance {
  account: string;
  debit: string;
  credit: string;
  /** debit − credit */
  balance: string;
}

/** Sums entries per account, in the order accounts first appear. */
export function balancesByAccount(entries: { account: string; debit: string; credit: string }[]): AccountBalance[] {
  const sums = new Map<string, { debit: Money; credit: Money }>();
  for (const e of entries) {
    const s = sums.get(e.account) ?? { debit: add(), credit: add() };
    sums.set(e.account, { debit: s.debit.plus(e.debit), credit: s.credit.plus(e.credit) });
  }
  return [...sums].map(([account, s]) => ({ account, debit: formatMoney(s.debit), credit: formatMoney(s.credit), balance: formatMoney(sub(s.debit, s.credit)) }));
}

/** The court's enforcement-funds account (执行款专户), which receives deducted money. */
export const courtFundsAccount = (courtCode: string) => `court:${courtCode}:enforcement-funds`;
/** What has been recovered for a case's creditor. */
export const caseRecoveredAccount = (caseId: string) => `case:${caseId}:recovered`;

// Judicial auctions (网拍 Art. 17, 23–25). Cash accounts are debited when money comes in; the others say what it is for.
/** The court's escrow for bidders' deposits (保证金), held until refunded, applied or forfeited (网拍 Art. 17, 23). */
export const depositEscrowAccount = (courtCode: string) => `court:${courtCode}:deposit-escrow`;
/** What is owed back to one registered bidder for their deposit. */
export const bidderDepositAccount = (registrationId: string) => `deposit:${registrationId}`;
/** The price of a sold auction, as the buyer pays it (the deposit counts toward it, 网拍 Art. 25). */
export const auctionPriceAccount = (auctionId: string) => `auction:${auctionId}:price`;
/** A reneging buyer's forfeited deposit, until it is applied in the legal order (网拍 Art. 24). */
export const forfeitedDepositAccount = (auctionId: string) => `auction:${auctionId}:forfeited-deposit`;
/** The costs and losses an auction caused the court, paid first from a forfeited deposit (网拍 Art. 24). */
export const auctionCostsAccount = (courtCode: string) => `court:${courtCode}:auction-costs`;
