/**
 * State for `npm run bench:bidding`, written straight into the benchmark's database with Drizzle and the modules'
 * table definitions (the server process runs the migrations first): bidder accounts with live session tokens, live
 * auctions (announced, bidding open for a day, so no bid falls in the last five minutes), and qualified registrations
 * (deposit held, bidder code given). Nothing here goes through the API: it is only the state the live room reads.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { newSessionToken, hashToken } from '../server/modules/accounts/session-token';
import { sessions, users } from '../server/modules/accounts/account.tables';
import { auctions } from '../server/modules/auctions/auction.tables';
import { auctionRegistrations } from '../server/modules/auctions/bidding.tables';
import type { Db } from '../server/platform/db/database';

export interface SeededBidder {
  userId: string;
  username: string;
  /** The session token the socket sends as `auth.token`. */
  token: string;
}

export interface SeededAuction {
  id: string;
  /** In cents, for the bidders' arithmetic. */
  startingCents: number;
  incrementCents: number;
}

const HOUR = 3_600_000;
const STARTING = '100000.00';
const INCREMENT = '100.00';
const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** `n` bidder accounts, each signed in (a session valid for a day). */
export async function createBidders(db: Db, n: number, prefix: string): Promise<SeededBidder[]> {
  const now = new Date();
  const bidders = Array.from({ length: n }, (_, i) => ({ userId: randomUUID(), username: `${prefix}.${i}`, token: newSessionToken() }));
  await insertChunked(bidders, (chunk) =>
    db.insert(users).values(
      chunk.map((b) => ({
        id: b.userId,
        username: b.username,
        passwordHash: 'bench:no-password',
        displayName: `竞买人${b.username}`,
        role: 'bidder' as const,
        identityKind: 'person' as const,
        identityName: `竞买人${b.username}`,
        verifiedAt: now,
        createdAt: now,
      })),
    ),
  );
  await insertChunked(bidders, (chunk) =>
    db.insert(sessions).values(chunk.map((b) => ({ tokenHash: hashToken(b.token), userId: b.userId, createdAt: now, expiresAt: new Date(now.getTime() + 24 * HOUR) }))),
  );
  return bidders;
}

/** A live real-estate auction, public, bidding since an hour ago and until a day on; no bids yet. */
export async function createLiveAuction(db: Db, label: string): Promise<SeededAuction> {
  const now = Date.now();
  const id = randomUUID();
  const judge = randomUUID();
  await db.insert(auctions).values({
    id,
    courtId: randomUUID(),
    caseId: randomUUID(),
    caseNo: '（2026）京0105执1号',
    measureId: randomUUID(),
    assetId: randomUUID(),
    assetKind: 'real_estate',
    assetIdentifier: `京(2026)朝阳区不动产权第${label}号`,
    title: `基准测试拍卖 ${label}`,
    description: 'bench',
    city: '北京市',
    round: 1,
    previousAuctionId: null,
    status: 'live',
    version: 1,
    seq: 1,
    valuationId: randomUUID(),
    referenceMethod: 'appraisal',
    referencePrice: '1000000.00',
    referenceFixedAt: new Date(now - 40 * 24 * HOUR),
    referenceValidUntil: new Date(now + 300 * 24 * HOUR),
    startingPrice: STARTING,
    deposit: '10000.00',
    increment: INCREMENT,
    announcementAt: new Date(now - 31 * 24 * HOUR),
    biddingStartsAt: new Date(now - HOUR),
    biddingEndsAt: new Date(now + 24 * HOUR),
    proxyBidding: false,
    bidSeq: 0,
    leadingBidId: null,
    balanceDueDays: 10,
    disclosures: { basis: '判决书', reportRef: '评估报告', rules: '竞价规则', photos: [], encumbrances: '无', priorityRights: '无', taxes: '各自承担', taxBearer: 'by_law', courtAccount: '法院账户' },
    priorityHolders: [],
    createdBy: judge,
    createdAt: new Date(now - 40 * 24 * HOUR),
    updatedBy: judge,
    updatedAt: new Date(now - HOUR),
    approvedAt: new Date(now - 32 * 24 * HOUR),
    announcedAt: new Date(now - 31 * 24 * HOUR),
    firstAnnouncedAt: new Date(now - 31 * 24 * HOUR),
    liveAt: new Date(now - HOUR),
  });
  return { id, startingCents: cents(STARTING), incrementCents: cents(INCREMENT) };
}

/** Registers the bidders for the auction with their deposit held and a bidder code each: all qualified. */
export async function qualify(db: Db, auctionId: string, bidders: SeededBidder[]): Promise<void> {
  const now = new Date();
  const [row] = await db.select({ assetId: auctions.assetId }).from(auctions).where(eq(auctions.id, auctionId));
  await insertChunked(
    bidders.map((b, i) => ({ b, i })),
    (chunk) =>
      db.insert(auctionRegistrations).values(
        chunk.map(({ b, i }) => ({
          id: randomUUID(),
          auctionId,
          assetId: row!.assetId,
          userId: b.userId,
          bidderCode: `Z${String(i + 1).padStart(5, '0')}`,
          priorityRank: null,
          priorityHolder: null,
          depositAmount: '10000.00',
          depositState: 'held' as const,
          qualificationPledge: true,
          registeredAt: now,
          qualifiedAt: now,
        })),
      ),
  );
}

export function cents(amount: string): number {
  const [whole, frac = ''] = amount.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

export function money(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}
