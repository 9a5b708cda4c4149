/**
 * What the registration, bidding and sale tests share: the auction fixture plus bidders who sign up through the API,
 * an announced (or live) real-estate auction, the bank of the in-process simulator paying over real HTTP (the bidder's
 * "pay" button), the jobs run by hand, and a check of the whole ledger.
 */
import { expect } from 'chai';
import { asc, count, eq, sql } from 'drizzle-orm';
import request, { type Response } from 'supertest';
import type { z } from 'zod';
import { completeResidentId } from '../../shared/identity';
import type { PublicBidLog, RegistrationView } from '../../shared/schemas/bidding';
import { runBiddingJobs, type BiddingJobResult } from '../../server/modules/auctions';
import { auctionBids, auctionRegistrations, auctionSales } from '../../server/modules/auctions/bidding.tables';
import { auctions } from '../../server/modules/auctions/auction.tables';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { enforcementCases } from '../../server/modules/cases/case.tables';
import { ledgerEntries, ledgerTransactions } from '../../server/modules/ledger/ledger.tables';
import { paymentNotifications, payments, refunds } from '../../server/modules/payments/payment.tables';
import { bearer, tokenFor } from '../helpers/http';
import { DAY, HOUR, startAuctionFixture, type AuctionFixture } from './auction-fixture';

export { DAY, HOUR };
export const MINUTE = 60_000;
export const PASSWORD = 'Bidder#2026-secret';

export interface Bidder {
  username: string;
  name: string;
  idNumber: string;
  id: string;
  token: string;
}

export interface BiddingFixture extends AuctionFixture {
  /** The simulator's base URL (the bank is at /bank). */
  simUrl: string;
  /** Signs a new verified bidder up through the API; `sequence` picks the ID's sequence code (998: bound by the purchase restriction). */
  bidder(options?: { name?: string; sequence?: string }): Promise<Bidder>;
  /** A real-estate auction announced (bidding 31 days on, 24 h); returns its id, the case and the times. */
  announced(overrides?: Record<string, unknown>): Promise<{ auctionId: string; caseId: string; measureId: string; startsAt: number; endsAt: number }>;
  register(who: Bidder, auctionId: string, body?: Record<string, unknown>): Promise<Response>;
  deposit(who: Bidder, auctionId: string): Promise<Response>;
  /** The payer presses "pay" at the bank; the bank notifies the platform before it answers. */
  payAtBank(paymentId: string): Promise<Response>;
  bankPayment(paymentId: string): Promise<Record<string, unknown>>;
  /** Register, pay the deposit at the bank; returns the bidder code. */
  qualify(who: Bidder, auctionId: string): Promise<string>;
  registration(who: Bidder, auctionId: string): Promise<RegistrationView>;
  bid(who: Bidder, auctionId: string, amount: string): Promise<Response>;
  bids(auctionId: string): Promise<z.infer<typeof PublicBidLog>>;
  sale(who: Bidder | { token: string }, auctionId: string): Promise<Response>;
  biddingJobs(): Promise<BiddingJobResult>;
  /** Everything a refused request must leave unchanged. */
  state(): Promise<unknown>;
  /** Every ledger transaction balances, and so does the whole ledger. */
  expectLedgerBalanced(): Promise<void>;
  /** The balance (debit − credit) of one ledger account. */
  accountBalance(account: string): Promise<string>;
  outstanding(caseId: string): Promise<string>;
}

let seq = 100;

export async function startBiddingFixture(options: { serveClient?: boolean } = {}): Promise<BiddingFixture> {
  const f = await startAuctionFixture(options);
  const simUrl = f.t.app.simulator!.url;
  const bidders: Bidder[] = [];
  const baseAdvance = f.advance.bind(f);
  const http = () => request(f.t.url);

  const fixture: BiddingFixture = Object.assign(f, {
    simUrl,
    async advance(ms: number) {
      await baseAdvance(ms);
      // Sessions last hours and the tests skip weeks: sign the bidders in again.
      for (const b of bidders) b.token = await tokenFor(f.t.url, b.username, PASSWORD);
    },
    async bidder(options: { name?: string; sequence?: string } = {}) {
      seq += 1;
      const sequence = options.sequence ?? String(100 + (seq % 800)).padStart(3, '0');
      const idNumber = completeResidentId(`1101051985${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 28)).padStart(2, '0')}${sequence}`);
      const username = `bidder.t${seq}`;
      const name = options.name ?? `竞买人${seq}`;
      const res = await http()
        .post('/api/bidders/register')
        .send({ username, password: PASSWORD, phone: '13800138000', identity: { kind: 'person', name, idNumber } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const token = await tokenFor(f.t.url, username, PASSWORD);
      const b: Bidder = { username, name, idNumber, id: res.body.user.id as string, token };
      bidders.push(b);
      return b;
    },
    async announced(overrides: Record<string, unknown> = {}) {
      const { caseId, measureId } = await f.seized('real_estate', '1000000.00');
      await f.referencePrice(measureId, '1000000.00');
      const settings = f.settings(overrides);
      const drafted = await f.draft(measureId, settings);
      expect(drafted.status, JSON.stringify(drafted.body)).to.equal(201);
      const auctionId = drafted.body.id as string;
      await f.approve(auctionId);
      await fixture.at(HOUR);
      const view = await f.view(auctionId);
      expect(view.status).to.equal('announced');
      return { auctionId, caseId, measureId, startsAt: Date.parse(settings.biddingStartsAt as string), endsAt: Date.parse(settings.biddingEndsAt as string) };
    },
    register: (who: Bidder, auctionId: string, body: Record<string, unknown> = { qualificationPledge: true }) =>
      http().post(`/api/auctions/${auctionId}/registration`).set(bearer(who.token)).send(body),
    deposit: (who: Bidder, auctionId: string) => http().post(`/api/auctions/${auctionId}/registration/deposit`).set(bearer(who.token)).send({}),
    payAtBank: (paymentId: string) => request(simUrl).post(`/bank/payments/${paymentId}/pay`).send({}),
    async bankPayment(paymentId: string) {
      const res = await request(simUrl).get(`/bank/payments/${paymentId}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    },
    async qualify(who: Bidder, auctionId: string) {
      const registered = await fixture.register(who, auctionId);
      expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
      const payment = await fixture.deposit(who, auctionId);
      expect(payment.status, JSON.stringify(payment.body)).to.equal(200);
      const paid = await fixture.payAtBank(payment.body.id as string);
      expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
      expect(paid.body.notified).to.equal(true);
      const reg = await fixture.registration(who, auctionId);
      expect(reg.status).to.equal('qualified');
      return reg.bidderCode as string;
    },
    async registration(who: Bidder, auctionId: string) {
      const res = await http().get(`/api/auctions/${auctionId}/registration`).set(bearer(who.token));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    },
    bid: (who: Bidder, auctionId: string, amount: string) => http().post(`/api/auctions/${auctionId}/bids`).set(bearer(who.token)).send({ amount }),
    async bids(auctionId: string) {
      const res = await http().get(`/api/public/auctions/${auctionId}/bids`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    },
    sale: (who: { token: string }, auctionId: string) => http().get(`/api/auctions/${auctionId}/sale`).set(bearer(who.token)),
    biddingJobs: () => runBiddingJobs(f.ctx, f.t.app.payments, f.clock.now()),
    async state() {
      const db = f.ctx.db;
      const [audit] = await db.select({ n: count() }).from(auditLog);
      const [entries] = await db.select({ n: count() }).from(ledgerEntries);
      return {
        auctions: await db.select().from(auctions).orderBy(asc(auctions.id)),
        registrations: await db.select().from(auctionRegistrations).orderBy(asc(auctionRegistrations.id)),
        bids: await db.select().from(auctionBids).orderBy(asc(auctionBids.id)),
        sales: await db.select().from(auctionSales).orderBy(asc(auctionSales.auctionId)),
        payments: await db.select().from(payments).orderBy(asc(payments.id)),
        refunds: await db.select().from(refunds).orderBy(asc(refunds.id)),
        notifications: await db.select().from(paymentNotifications).orderBy(asc(paymentNotifications.messageId)),
        cases: await db.select({ id: enforcementCases.id, outstanding: enforcementCases.outstandingAmount }).from(enforcementCases).orderBy(asc(enforcementCases.id)),
        audit: audit?.n,
        ledgerEntries: entries?.n,
      };
    },
    async expectLedgerBalanced() {
      const db = f.ctx.db;
      const unbalanced = await db
        .select({ id: ledgerEntries.transactionId, debit: sql<string>`sum(${ledgerEntries.debit})`, credit: sql<string>`sum(${ledgerEntries.credit})` })
        .from(ledgerEntries)
        .groupBy(ledgerEntries.transactionId)
        .having(sql`sum(${ledgerEntries.debit}) <> sum(${ledgerEntries.credit})`);
      expect(unbalanced, 'unbalanced transactions').to.deep.equal([]);
      const [total] = await db.select({ debit: sql<string>`coalesce(sum(${ledgerEntries.debit}), 0)`, credit: sql<string>`coalesce(sum(${ledgerEntries.credit}), 0)` }).from(ledgerEntries);
      expect(total!.debit).to.equal(total!.credit);
      const [tx] = await db.select({ n: count() }).from(ledgerTransactions);
      expect(tx!.n).to.be.greaterThan(0);
    },
    async accountBalance(account: string) {
      const [row] = await f.ctx.db
        .select({ balance: sql<string>`coalesce(sum(${ledgerEntries.debit}) - sum(${ledgerEntries.credit}), 0)::numeric(18,2)::text` })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.account, account));
      return row!.balance;
    },
    async outstanding(caseId: string) {
      const [row] = await f.ctx.db.select({ o: enforcementCases.outstandingAmount }).from(enforcementCases).where(eq(enforcementCases.id, caseId));
      return row!.o;
    },
  });
  return fixture;
}
