import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { BANK_CODE, type PaymentNotification } from '../../shared/bank-protocol';
import { recordsOfEntity } from '../../server/modules/audit';
import { users } from '../../server/modules/accounts/account.tables';
import { institutionKey, sign } from '../../server/platform/signing';
import { DEMO_STAFF } from '../../server/modules/demo/demo-data';
import { bearer, tokenFor } from '../helpers/http';
import { DAY, HOUR, MINUTE, PASSWORD, startBiddingFixture, type Bidder, type BiddingFixture } from './bidding-fixture';

describe('auctions: registration and deposits (网拍 Art. 17–19, 23, 34; 竞买资格)', function () {
  this.timeout(120_000);
  let f: BiddingFixture;
  let auctionId: string;
  let endsAt: number;
  let sun: Bidder;
  let depositPaymentId: string;

  const bankKey = () => institutionKey(f.t.config.network.secret, BANK_CODE);
  const notification = (over: Partial<PaymentNotification> = {}, key = bankKey()) =>
    sign<PaymentNotification>(key, {
      bank: BANK_CODE,
      messageId: randomUUID(),
      paymentId: depositPaymentId,
      status: 'paid',
      amount: '70000.00',
      paidAt: f.clock.now().toISOString(),
      bankRef: 'SIMBANK-FORGED',
      sentAt: f.clock.now().toISOString(),
      ...over,
    });
  const callback = (body: unknown) => request(f.t.url).post('/api/payments/callbacks').send(body as object);

  before(async () => {
    f = await startBiddingFixture();
    ({ auctionId, endsAt } = await f.announced({ priorityHolders: [{ name: '王共有', right: '共有人', rank: 1 }, { name: '赵承租', right: '承租人', rank: 2 }] }));
    sun = await f.bidder();
  });
  after(async () => {
    await f?.close();
  });

  it('when a verified bidder registers, then the registration waits for the deposit, without a code', async () => {
    const res = await f.register(sun, auctionId);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ auctionId, bidderCode: null, priorityRank: null, status: 'awaiting_deposit' });
    expect(res.body.deposit).to.deep.include({ amount: '70000.00', state: 'unpaid', payment: null });
  });

  it('when the bidder pays the deposit at the bank, then it is held in escrow and the bidder gets a code; asking twice opens one payment', async () => {
    const opened = await f.deposit(sun, auctionId);
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    expect(opened.body).to.include({ purpose: 'deposit', amount: '70000.00', status: 'created' });
    expect(opened.body.payUrl).to.match(/\/bank\/payments\/[0-9a-f-]{36}\/cashier$/);
    depositPaymentId = opened.body.id;
    const again = await f.deposit(sun, auctionId);
    expect(again.body.id).to.equal(depositPaymentId);
    const cashier = await request(f.simUrl).get(`/bank/payments/${depositPaymentId}/cashier`);
    expect(cashier.status).to.equal(200);
    expect(cashier.text).to.contain('70000.00').and.to.contain(sun.name);

    const paid = await f.payAtBank(depositPaymentId);
    expect(paid.status, JSON.stringify(paid.body)).to.equal(200);
    expect(paid.body.notified).to.equal(true);

    const reg = await f.registration(sun, auctionId);
    expect(reg.status).to.equal('qualified');
    expect(reg.bidderCode).to.match(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(reg.deposit.state).to.equal('held');
    expect(reg.deposit.payment).to.include({ status: 'paid', refund: null });
    expect(await f.accountBalance('court:京0105:deposit-escrow')).to.equal('70000.00');
    expect(await f.accountBalance(`deposit:${reg.id}`)).to.equal('-70000.00');
    await f.expectLedgerBalanced();
    const audit = (await recordsOfEntity(f.ctx.db, 'auction_registration', reg.id)).map((r) => r.action);
    expect(audit).to.deep.equal(['auction.bidder_registered', 'auction.bidder_qualified']);
  });

  it('when a bidder looks at their auctions, then each registration is listed with its code and deposit; another bidder sees only their own', async () => {
    const mine = await request(f.t.url).get('/api/me/auction-registrations').set(bearer(sun.token));
    expect(mine.status, JSON.stringify(mine.body)).to.equal(200);
    const entry = mine.body.find((e: { auctionId: string }) => e.auctionId === auctionId);
    expect(entry).to.include({ status: 'qualified', bidderCode: (await f.registration(sun, auctionId)).bidderCode, sale: null });
    expect(entry.deposit.state).to.equal('held');
    expect(entry.auction).to.include({ id: auctionId, status: 'announced' });
    const stranger = await f.bidder();
    const theirs = await request(f.t.url).get('/api/me/auction-registrations').set(bearer(stranger.token));
    expect(theirs.body).to.deep.equal([]);
  });

  it('when bidders qualify, then each code is unique to the auction, drawn at random, and differs in another auction', async () => {
    const zhou = await f.bidder();
    const a = (await f.registration(sun, auctionId)).bidderCode as string;
    const b = await f.qualify(zhou, auctionId);
    expect(b).to.not.equal(a);
    const other = await f.announced();
    const a2 = await f.qualify(sun, other.auctionId);
    expect(a2).to.not.equal(a);
    for (const code of [a, b, a2]) {
      expect(code).to.not.contain(sun.id.slice(0, 4).toUpperCase());
      expect(code).to.not.contain(sun.idNumber.slice(-4));
    }
  });

  it('when a court-confirmed priority-right holder registers, then they get a priority code with their rank (网拍 Art. 19)', async () => {
    const holder = await f.bidder({ name: '王共有' });
    const second = await f.bidder({ name: '赵承租' });
    const code = await f.qualify(holder, auctionId);
    expect(code).to.match(/^P1-[A-HJ-NP-Z2-9]{4}$/);
    expect((await f.registration(holder, auctionId)).priorityRank).to.equal(1);
    expect(await f.qualify(second, auctionId)).to.match(/^P2-/);
    // A namesake after the holder registered bids as an ordinary bidder: only the holder the court confirmed has priority.
    const namesake = await f.bidder({ name: '王共有' });
    expect(await f.qualify(namesake, auctionId)).to.match(/^[A-HJ-NP-Z2-9]{6}$/);
    expect((await f.registration(namesake, auctionId)).priorityRank).to.equal(null);
  });

  it('when the bidder registers twice or pays twice, then it is refused and nothing changes', async () => {
    const before = await f.state();
    const twice = await f.register(sun, auctionId);
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('ALREADY_REGISTERED');
    expect(twice.body.error.message).to.contain('网拍第18条').and.to.contain('Art. 18');
    const payTwice = await f.deposit(sun, auctionId);
    expect(payTwice.status).to.equal(409);
    expect(payTwice.body.error.code).to.equal('DEPOSIT_ALREADY_PAID');
    const bankTwice = await f.payAtBank(depositPaymentId);
    expect(bankTwice.status).to.equal(409);
    expect(bankTwice.body.error).to.equal('ALREADY_PAID');
    expect(await f.state()).to.deep.equal(before);
  });

  it('when staff of the enforcing court registers (matched by ID number), then it is refused with 网拍 Art. 34 and nothing changes', async () => {
    const insider = await f.bidder({ name: '李法官亲属' });
    // Arrange: the court recorded judge.li's identity number on his account; the bidder account carries the same one.
    await f.ctx.db.update(users).set({ identityNumber: insider.idNumber }).where(eq(users.id, f.li.id));
    const before = await f.state();
    const res = await f.register(insider, auctionId);
    expect(res.status, JSON.stringify(res.body)).to.equal(403);
    expect(res.body.error.code).to.equal('BIDDER_IS_COURT_STAFF');
    expect(res.body.error.message).to.contain('网拍第34条').and.to.contain('Art. 34');
    expect(await f.state()).to.deep.equal(before);
    const staffAccount = await request(f.t.url).post(`/api/auctions/${auctionId}/registration`).set(bearer(f.wang.token)).send({ qualificationPledge: true });
    expect(staffAccount.status).to.equal(403);
    await f.ctx.db.update(users).set({ identityNumber: null }).where(eq(users.id, f.li.id));
  });

  it('when a bidder\'s verified ID number is that of the demo clerk of the enforcing court, then registration is refused (网拍 Art. 34); a judge of another court may register', async () => {
    const staffNumber = (username: string) => {
      const s = DEMO_STAFF.find((x) => x.username === username);
      if (!s || !('idNumber' in s)) throw new Error(`the demo gives ${username} no ID number`);
      return s.idNumber;
    };
    const signUp = async (username: string, name: string, idNumber: string) => {
      const res = await request(f.t.url).post('/api/bidders/register').send({ username, password: PASSWORD, phone: '13800138000', identity: { kind: 'person', name, idNumber } });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return { token: await tokenFor(f.t.url, username, PASSWORD) };
    };
    // Arrange: the seed recorded clerk.zhao's number on her staff account (京0105, the court of this auction).
    const [zhao] = await f.ctx.db.select().from(users).where(eq(users.username, 'clerk.zhao'));
    expect(zhao!.identityNumber).to.equal(staffNumber('clerk.zhao'));
    const insider = await signUp('bidder.zhao-private', '赵雪', staffNumber('clerk.zhao'));
    const before = await f.state();
    const refused = await request(f.t.url).post(`/api/auctions/${auctionId}/registration`).set(bearer(insider.token)).send({ qualificationPledge: true });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(403);
    expect(refused.body.error.code).to.equal('BIDDER_IS_COURT_STAFF');
    expect(refused.body.error.message).to.contain('网拍第34条');
    expect(await f.state()).to.deep.equal(before);
    // judge.chen sits at 浦东 (沪0115), not the enforcing court: the rule does not reach him.
    const outsider = await signUp('bidder.chen-private', '陈浩', staffNumber('judge.chen'));
    const allowed = await request(f.t.url).post(`/api/auctions/${auctionId}/registration`).set(bearer(outsider.token)).send({ qualificationPledge: true });
    expect(allowed.status, JSON.stringify(allowed.body)).to.equal(201);
  });

  it('when a bidder is bound by the purchase restriction, or does not pledge the qualification, then it is refused (竞买资格 Art. 1, 2) and nothing changes', async () => {
    const restricted = await f.bidder({ sequence: '998' });
    const other = await f.bidder();
    const before = await f.state();
    const res = await f.register(restricted, auctionId);
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.error.code).to.equal('PURCHASE_NOT_ELIGIBLE');
    expect(res.body.error.message).to.contain('竞买资格第1条');
    const noPledge = await f.register(other, auctionId, {});
    expect(noPledge.status).to.equal(422);
    expect(noPledge.body.error.code).to.equal('QUALIFICATION_PLEDGE_REQUIRED');
    expect(noPledge.body.error.message).to.contain('竞买资格第2条');
    expect(await f.state()).to.deep.equal(before);
  });

  it('when a payment notification is forged, altered or stale, then it is refused and nothing changes', async () => {
    const late = await f.bidder();
    await f.register(late, auctionId);
    const opened = await f.deposit(late, auctionId);
    const target = opened.body.id as string;
    const before = await f.state();
    const forged = await callback(notification({ paymentId: target }, institutionKey('not-the-network-secret', BANK_CODE)));
    expect(forged.status).to.equal(401);
    expect(forged.body.error.code).to.equal('BAD_SIGNATURE');
    const genuine = notification({ paymentId: target });
    const altered = await callback({ ...genuine, amount: '1.00' });
    expect(altered.status).to.equal(401);
    const stale = await callback(notification({ paymentId: target, sentAt: new Date(f.clock.nowMs() - 10 * MINUTE).toISOString() }));
    expect(stale.status).to.equal(401);
    const wrongAmount = await callback(notification({ paymentId: target, amount: '7000.00' }));
    expect(wrongAmount.status).to.equal(422);
    expect(wrongAmount.body.error.code).to.equal('PAYMENT_MISMATCH');
    expect(await f.state()).to.deep.equal(before);
    expect((await f.registration(late, auctionId)).status).to.equal('awaiting_deposit');
  });

  it('when the bank\'s notification is replayed, then it is refused; a second notification of a paid payment changes nothing', async () => {
    // Within the 5 minutes a notification is fresh, a replay is caught by its message id; later, it is stale anyway.
    const fresh = await f.bidder();
    await f.qualify(fresh, auctionId);
    const paymentId = (await f.registration(fresh, auctionId)).deposit.payment!.id as string;
    const sent = (await f.bankPayment(paymentId)).notifications as PaymentNotification[];
    expect(sent).to.have.length(1);
    const before = await f.state();
    const replay = await callback(sent[0]);
    expect(replay.status).to.equal(409);
    expect(replay.body.error.code).to.equal('REPLAYED');
    const oldOne = (await f.bankPayment(depositPaymentId)).notifications as PaymentNotification[];
    const staleReplay = await callback(oldOne[0]);
    expect(staleReplay.status).to.equal(401);
    expect(await f.state()).to.deep.equal(before);
    const another = await callback(notification({ paymentId }));
    expect(another.status, JSON.stringify(another.body)).to.equal(200);
    expect(another.body).to.deep.equal({ ok: true, applied: false });
    const after = (await f.state()) as Record<string, unknown>;
    const was = before as Record<string, unknown>;
    for (const key of ['registrations', 'payments', 'refunds', 'ledgerEntries', 'audit']) expect(after[key], key).to.deep.equal(was[key]);
  });

  it('when bidding has ended, then registration is refused; deposits are refunded within 24 hours, and a deposit paid after the end is refunded too', async () => {
    const late = await f.bidder();
    await f.register(late, auctionId);
    const opened = await f.deposit(late, auctionId);
    const tooLate = await f.bidder();
    await f.at(endsAt - f.clock.nowMs() + MINUTE);
    expect((await f.view(auctionId)).status).to.equal('unsold');
    const before = await f.state();
    const closed = await f.register(tooLate, auctionId);
    expect(closed.status).to.equal(409);
    expect(closed.body.error.code).to.equal('REGISTRATION_CLOSED');
    expect(closed.body.error.message).to.contain('网拍第18条');
    expect(await f.state()).to.deep.equal(before);

    // Paid at the bank after the end: not qualified, refunded.
    await f.payAtBank(opened.body.id);
    const lateReg = await f.registration(late, auctionId);
    expect(lateReg.bidderCode).to.equal(null);
    expect(lateReg.deposit.state).to.equal('refunded');

    const reg = await f.registration(sun, auctionId);
    expect(reg.deposit.state).to.equal('refunded');
    expect(reg.deposit.payment!.refund).to.include({ status: 'requested', dueBy: new Date(endsAt + 24 * HOUR).toISOString() });
    const run = await f.biddingJobs();
    // The six deposits held at the end, and the one paid after it (the other auction ends an hour later).
    expect(run.refunds).to.deep.equal({ refunded: 7, failed: 0, overdue: 0 });
    expect((await f.registration(sun, auctionId)).deposit.payment!.refund!.status).to.equal('completed');
    expect((await f.bankPayment(depositPaymentId)).refunded).to.equal('70000.00');
    expect(await f.accountBalance(`deposit:${reg.id}`)).to.equal('0.00');
    const again = await f.biddingJobs();
    expect(again.refunds).to.deep.equal({ refunded: 0, failed: 0, overdue: 0 });
    await f.expectLedgerBalanced();
  });

  it('when the bank cannot refund for 24 hours, then the job flags each overdue refund once; it goes out when the bank is back', async () => {
    const other = await f.announced();
    const zhang = await f.bidder();
    await f.qualify(zhang, other.auctionId);
    // Meanwhile the auction of the earlier test ended: its refund goes out while the bank is up.
    expect((await f.biddingJobs()).refunds).to.deep.equal({ refunded: 1, failed: 0, overdue: 0 });
    await request(f.simUrl).post('/bank/admin/outage').send({ down: true });
    await f.at(other.endsAt - f.clock.nowMs() + MINUTE);
    const first = await f.biddingJobs();
    expect(first.refunds).to.include({ refunded: 0, overdue: 0 });
    expect(first.refunds.failed).to.be.greaterThan(0);
    await f.advance(DAY);
    const flagged = await f.biddingJobs();
    expect(flagged.refunds.overdue).to.be.greaterThan(0);
    expect((await f.biddingJobs()).refunds.overdue).to.equal(0);
    const reg = await f.registration(zhang, other.auctionId);
    const audit = (await recordsOfEntity(f.ctx.db, 'payment', reg.deposit.payment!.id)).map((r) => r.action);
    expect(audit).to.include('payment.refund_overdue');
    await request(f.simUrl).post('/bank/admin/outage').send({ down: false });
    expect((await f.biddingJobs()).refunds.refunded).to.be.greaterThan(0);
    expect((await f.registration(zhang, other.auctionId)).deposit.payment!.refund!.status).to.equal('completed');
    await f.expectLedgerBalanced();
  });

  it('when the court withdraws an auction, then the job sends every deposit back, once', async () => {
    const other = await f.announced();
    const qian = await f.bidder();
    await f.qualify(qian, other.auctionId);
    const withdrawn = await f.act(other.auctionId, 'withdraw', { reason: '被执行人已履行完毕' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    const run = await f.biddingJobs();
    expect(run).to.deep.include({ depositsReleased: 1 });
    expect(run.refunds.refunded).to.equal(1);
    expect((await f.biddingJobs()).depositsReleased).to.equal(0);
    const reg = await f.registration(qian, other.auctionId);
    expect(reg.deposit.state).to.equal('refunded');
    expect(reg.deposit.payment!.refund!.status).to.equal('completed');
    await f.expectLedgerBalanced();
  });
  it('when the bidder pays on the cashier page that came from the platform, then the bank sends the browser back to the platform page, and never to another site', async () => {
    const other = await f.announced();
    const li = await f.bidder();
    expect((await f.register(li, other.auctionId)).status).to.equal(201);
    const opened = await f.deposit(li, other.auctionId);
    const paymentId = opened.body.id as string;
    const back = `${f.t.url}/auctions/${other.auctionId}?paid=1`;
    const cashierPath = `/bank/payments/${paymentId}/cashier`;

    const foreign = await request(f.simUrl).get(cashierPath).query({ return: 'https://evil.example/steal' });
    expect(foreign.text).to.not.contain('evil.example');
    const page = await request(f.simUrl).get(cashierPath).query({ return: back });
    expect(page.text).to.contain(`action="/bank/payments/${paymentId}/pay?return=${encodeURIComponent(back)}"`);
    expect(page.text).to.contain('返回执行平台');

    const refusedReturn = await request(f.simUrl).post(`/bank/payments/${paymentId}/pay`).query({ return: 'https://evil.example/steal' }).type('form').send({});
    expect(refusedReturn.status).to.equal(303);
    expect(refusedReturn.headers.location).to.equal(cashierPath);
    expect((await f.registration(li, other.auctionId)).status).to.equal('qualified');

    const third = await f.announced();
    const zhao = await f.bidder();
    await f.register(zhao, third.auctionId);
    const id3 = (await f.deposit(zhao, third.auctionId)).body.id as string;
    const back3 = `${f.t.url}/auctions/${third.auctionId}?paid=1`;
    const paid = await request(f.simUrl).post(`/bank/payments/${id3}/pay`).query({ return: back3 }).type('form').send({});
    expect(paid.status).to.equal(303);
    expect(paid.headers.location).to.equal(back3);
    expect((await f.registration(zhao, third.auctionId)).status).to.equal('qualified');
  });
});
