import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { AuctionRow } from './auction.store';
import { isPublic, toAuctionView, toPublicAuctionView } from './auction-view';

/** The room of an auction's public page (socket.io namespace `/public`, no login). */
export const publicRoomOf = (auctionId: string) => `auction:${auctionId}`;

const PUBLIC_ROOM = /^auction:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether anyone may watch a room of the public namespace: an auction's page. */
export function isPublicAuctionRoom(room: string): boolean {
  return PUBLIC_ROOM.test(room);
}

/**
 * Prepares the pushes of one auction change, to be sent only after the transaction commits (ARCHITECTURE invariant 2):
 * the court's view to the court's staff (`court:<courtId>`), and, once the auction is public, its public page to the
 * watchers of `auction:<id>`. The views are read inside the transaction, so they are what commits.
 */
export async function pushAfterCommit(ctx: AppContext, tx: Db, row: AuctionRow, event = 'auction.updated'): Promise<() => void> {
  const view = await toAuctionView(tx, row);
  const publicView = isPublic(row) ? await toPublicAuctionView(tx, row, ctx.clock.now()) : null;
  return () => {
    ctx.realtime.toRoom(`court:${row.courtId}`, event, view);
    if (publicView) ctx.realtime.toPublic(publicRoomOf(row.id), event, publicView);
  };
}
