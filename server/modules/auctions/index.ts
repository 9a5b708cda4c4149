/** Online judicial auctions (网络司法拍卖): drafts, the panel's approval, publication, the lifecycle, registration and bids, the sale, the public pages. */
export { auctionRoutes } from './auction.routes';
export { runAuctionJobs, scheduleAuctionJobs, type AuctionJobOptions, type AuctionJobResult } from './auction.jobs';
export { closeAuction } from './close-auction';
export { isPublicAuctionRoom, publicRoomOf } from './auction-events';
export { auctionById, type AuctionRow } from './auction.store';
export { partyAuctionsOfCase, type PartyAuction } from './auction-queries';
export { auctionOutcomes, type AuctionOutcome } from './bidding.store';
// Registration and deposits, bids, and the sale after the end (网拍 Art. 17–26, 拍变 Art. 22, 竞买资格).
export { biddingRoutes } from './bidding.routes';
export { runBiddingJobs, scheduleBiddingJobs, type BiddingJobResult } from './bidding.jobs';
export { auctionPaymentHandler } from './apply-payment';
export { SimulatedPurchaseEligibility, type PurchaseEligibility, type EligibilityCheck } from './purchase-eligibility';
export type { BiddingDeps } from './bidder-checks';
// Live bidding: the engine (one serialisation point per auction), the room on socket.io, the precise timers.
export { BidEngine } from './bid-engine';
export { attachLiveRoom, type LiveRoom } from './live-room';
export { LiveTimers } from './live-timers';
