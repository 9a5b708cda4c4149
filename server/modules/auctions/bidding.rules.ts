/**
 * Pure rules of registration, bidding and the sale (网拍 Art. 18–25, 拍变 Art. 22). Values in, values out; money is
 * Decimal (shared/money); the time and the randomness are passed in.
 */
import { endOfChinaDayAfter, HOUR_MS } from '../../../shared/auction-rules';
import { maskId } from '../../../shared/identity';
import { compareMoney, formatMoney, Money, minMoney, parseMoney, sub } from '../../../shared/money';

/** Letters and digits that cannot be mistaken for one another (no I, O, 0, 1). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A bidder code (竞买代码, 网拍 Art. 18): drawn at random for each registration, so that nothing links a bidder's codes
 * in different auctions and nothing about the bidder can be read from it. Ordinary codes are six characters; a
 * court-confirmed priority-right holder's code (优先竞买代码, Art. 19) shows the rank: `P1-` and four characters, so
 * holders of different ranks have different codes. `randomInt(n)` draws uniformly from 0..n-1.
 */
export function newBidderCode(randomInt: (n: number) => number, priorityRank: number | null): string {
  const draw = (length: number) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return priorityRank === null ? draw(6) : `P${priorityRank}-${draw(4)}`;
}

/** 网拍 Art. 25: the balance is due by the end of the last day of the period the announcement gave, counted from the end. */
export function balanceDueAt(endedAt: Date, balanceDueDays: number): Date {
  return endOfChinaDayAfter(endedAt, balanceDueDays);
}

/** 网拍 Art. 23: deposits not applied to the price are refunded within 24 hours of the end of bidding. */
export function refundDueBy(endedAt: Date): Date {
  return new Date(endedAt.getTime() + 24 * HOUR_MS);
}

/** 拍变 Art. 22: the shortfall of a resale, what the reneging buyer owes: the first price less the resale price, never below zero. */
export function resaleShortfall(firstPrice: string, resalePrice: string): Money {
  const gap = sub(firstPrice, resalePrice);
  return gap.isNegative() ? new Money(0) : gap;
}

export interface ForfeitureAllocation {
  costs: string;
  shortfall: string;
  debts: string;
}

/**
 * 网拍 Art. 24 (拍变 Art. 22 likewise): a reneging buyer's deposit is not returned; it pays, in this order, the costs
 * and losses the auction caused, then the shortfall of the resale, then the debtor's debts (of this case, then those
 * related to the asset: here the case's). Each part takes what is left, up to what it is owed; the debts take the
 * rest. The parts always add up to the deposit.
 */
export function allocateForfeiture(deposit: string, owed: { costs: string; shortfall: string }): ForfeitureAllocation {
  const d = parseMoney(deposit);
  if (d.isNegative()) throw new RangeError(`deposit must not be negative: ${deposit}`);
  if (compareMoney(owed.costs, '0') < 0 || compareMoney(owed.shortfall, '0') < 0) throw new RangeError('costs and shortfall must not be negative');
  const costs = minMoney(d, owed.costs);
  const afterCosts = d.minus(costs);
  const shortfall = minMoney(afterCosts, owed.shortfall);
  const debts = afterCosts.minus(shortfall);
  return { costs: formatMoney(costs), shortfall: formatMoney(shortfall), debts: formatMoney(debts) };
}

/**
 * The identity number as the published confirmation letter shows it: a resident ID with its birth date and sequence
 * hidden (the name and the rest identify the buyer, 网拍 Art. 22, without publishing a full ID number); a company's
 * credit code is public and shown in full.
 */
export function publishedIdNumber(kind: 'person' | 'organisation', number: string): string {
  if (kind === 'organisation' || number.length < 10) return number;
  return maskId(number);
}

/**
 * 网拍 Art. 18: a bidder qualifies by paying the deposit before bidding ends; registration is open from the
 * announcement until the end of bidding (not while the auction is suspended: nobody knows yet whether it will go on).
 */
export function registrationOpen(status: string, biddingEndsAt: Date, now: Date): boolean {
  return status === 'announced' || (status === 'live' && now.getTime() < biddingEndsAt.getTime());
}

/** A deposit confirmed now still qualifies the bidder: bidding has not ended (a suspension keeps the auction open). */
export function depositStillAccepted(status: string, biddingEndsAt: Date, now: Date): boolean {
  return status === 'announced' || status === 'suspended' || (status === 'live' && now.getTime() < biddingEndsAt.getTime());
}
