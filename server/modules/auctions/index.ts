/** Online judicial auctions (网络司法拍卖): drafts, the panel's approval, publication, the lifecycle, the public pages. */
export { auctionRoutes } from './auction.routes';
export { runAuctionJobs, scheduleAuctionJobs, type AuctionJobOptions, type AuctionJobResult } from './auction.jobs';
export { closeAuction } from './close-auction';
export { isPublicAuctionRoom, publicRoomOf } from './auction-events';
export { auctionById, type AuctionRow } from './auction.store';
