import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { auctionById, type AuctionRow } from './auction.store';

/**
 * An auction the actor may see as court staff: a judge or clerk of its court, or an administrator (ARCHITECTURE
 * invariant 8). Another court's auction answers 404, so that an unpublished one does not leak.
 */
export async function auctionVisibleTo(db: Db, actor: Actor, id: string): Promise<AuctionRow> {
  const row = await auctionById(db, id);
  if (!row) throw notFound('auction', '拍卖');
  if (actor.role === 'admin') return row;
  if ((actor.role === 'judge' || actor.role === 'clerk') && actor.courtId === row.courtId) return row;
  throw notFound('auction', '拍卖');
}

/** Judges and clerks build auctions; an administrator may look but not act. */
export function requireStaff(actor: Actor): void {
  if (actor.role !== 'judge' && actor.role !== 'clerk') throw new AppError('FORBIDDEN', '只有本院法官或书记员可以办理拍卖 / Only a judge or clerk of the court may handle auctions');
}

/** Suspending, resuming, withdrawing and ordering a fixed-price sale are the court's decisions: a judge's (网拍 Art. 28). */
export function requireJudge(actor: Actor): void {
  if (actor.role !== 'judge') throw new AppError('FORBIDDEN', '只有本院法官可以作出该决定 / Only a judge of the court may decide this');
}

/** An auction of the actor's court, for staff to act on; 404 otherwise. */
export async function auctionForStaff(db: Db, actor: Actor, id: string): Promise<AuctionRow> {
  const row = await auctionVisibleTo(db, actor, id);
  requireStaff(actor);
  return row;
}
