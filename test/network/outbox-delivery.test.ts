/**
 * The outbox against the simulated network, with the failures it exists for: a worker that dies after the institution
 * executed an order but before the reply was recorded, and an institution that is down. Every order ends up delivered
 * and executed exactly once.
 */
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { measureReplyHandler } from '../../server/modules/measures';
import { measures } from '../../server/modules/measures/measure.tables';
import { DEFAULT_OUTBOX_OPTIONS, HttpInstitutionAdapter, OutboxWorker, type InstitutionAdapter } from '../../server/modules/network';
import { outboxMessages } from '../../server/modules/network/network.tables';
import type { FakeClock } from '../../server/platform/clock';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { bearer, tokenFor } from '../helpers/http';

describe('outbox delivery through crashes and outages', () => {
  let t: TestApp;
  let judge: string;
  let caseId: string;
  let clock: FakeClock;

  const worker = (adapter: InstitutionAdapter) =>
    new OutboxWorker(
      { db: t.app.ctx.db, clock, logger: t.app.ctx.logger, adapter, isManual: async () => false, onReply: measureReplyHandler(t.app.ctx), onInbox: async () => undefined },
      { ...DEFAULT_OUTBOX_OPTIONS, leaseMs: 60_000 },
    );
  const stats = () => t.app.simulator!.stats();
  const outboxRow = async (correlationId: string) =>
    (await t.app.ctx.db.select().from(outboxMessages).where(eq(outboxMessages.correlationId, correlationId))).at(-1)!;

  before(async () => {
    // The app's own worker stays off: each test drives the workers it needs.
    t = await startTestApp({ workers: false });
    clock = t.clock as FakeClock;
    judge = await tokenFor(t.url, 'judge.wang');
    const list = await request(t.url).get(`/api/cases?q=${encodeURIComponent('李强')}`).set(bearer(judge));
    caseId = list.body.items[0].id;
    const detail = await request(t.url).get(`/api/cases/${caseId}`).set(bearer(judge));
    const partyId = detail.body.parties.find((p: { role: string }) => p.role === 'debtor').id;
    const inquiry = await request(t.url).post(`/api/cases/${caseId}/inquiries`).set(bearer(judge)).send({ partyId, kinds: ['bank_large'] });
    await t.app.inquiry.runner.settled(inquiry.body.id);
  });
  after(() => t.close());

  async function freezeAnAccount(): Promise<{ measureId: string; code: string }> {
    const assets = await request(t.url).get(`/api/cases/${caseId}/assets`).set(bearer(judge));
    const ordered = await request(t.url).get(`/api/cases/${caseId}/measures`).set(bearer(judge));
    const taken = new Set(ordered.body.items.map((m: { assetId: string }) => m.assetId));
    const account = assets.body.find(
      (a: { kind: string; balance: string | null; encumbrances: unknown[]; id: string }) => a.kind === 'deposit' && Number(a.balance) > 1000 && a.encumbrances.length === 0 && !taken.has(a.id),
    );
    expect(account, 'an unencumbered account found by the inquiry').to.not.equal(undefined);
    const res = await request(t.url).post(`/api/cases/${caseId}/measures`).set(bearer(judge)).send({ assetId: account.id, amount: '1000.00' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { measureId: res.body.id, code: account.institutionCode };
  }

  it('when the worker dies after the institution executed the freeze, then a later worker delivers it again and the institution executes it once', async () => {
    const { measureId } = await freezeAnAccount();
    const before = await stats();

    // A worker that sends the order and then dies before it can record the reply.
    let sent = false;
    const real = t.app.adapter;
    const dying: InstitutionAdapter = {
      ...real,
      inquire: real.inquire,
      seize: real.seize,
      renew: real.renew,
      release: real.release,
      lapse: real.lapse,
      deduct: real.deduct,
      freeze: async (...args) => {
        await real.freeze(...args);
        sent = true;
        return new Promise(() => undefined); // the process is gone: no reply is ever recorded
      },
    };
    void worker(dying).tick();
    for (let i = 0; i < 200 && !sent; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sent).to.equal(true);
    const [pending] = await t.app.ctx.db.select().from(measures).where(eq(measures.id, measureId));
    expect(pending!.status).to.equal('pending');
    expect((await stats()).executed - before.executed).to.equal(1);

    // The lease runs out; another worker (another process, or this one restarted) picks the order up.
    clock.advance(61_000);
    await worker(real).drain();

    const [done] = await t.app.ctx.db.select().from(measures).where(eq(measures.id, measureId));
    expect(done!.status).to.equal('in_force');
    expect(done!.frozenAmount).to.equal('1000.00');
    const after = await stats();
    expect(after.executed - before.executed, 'executed once').to.equal(1);
    expect(after.replayed - before.replayed, 'the repeat was answered from the first reply').to.equal(1);
    expect((await outboxRow(measureId)).status).to.equal('delivered');
  });

  it('when the institution is down, then the order waits and is retried with back-off, and is executed once when it is back', async () => {
    const { measureId, code } = await freezeAnAccount();
    const before = await stats();
    const adapter = new HttpInstitutionAdapter({
      endpointOf: (c) => `${t.app.simulator!.url}/institutions/${encodeURIComponent(c)}`,
      networkSecret: t.config.network.secret,
      clock,
      journal: t.app.journal,
      timeoutMs: 2000,
      attempts: 1,
      backoff: { baseMs: 10, maxMs: 10 },
    });
    const w = worker(adapter);
    await t.app.simulator!.setOutage(code, true);
    for (let i = 0; i < 3; i++) {
      await w.tick();
      const row = await outboxRow(measureId);
      expect(row.status).to.equal('pending');
      expect(row.lastError).to.contain('503');
      expect(row.nextAttemptAt.getTime()).to.be.greaterThan(clock.nowMs());
      clock.advance(11 * 60_000);
    }
    await t.app.simulator!.setOutage(code, false);
    clock.advance(11 * 60_000); // past the open circuit's cool-down as well
    await w.drain();
    const [done] = await t.app.ctx.db.select().from(measures).where(eq(measures.id, measureId));
    expect(done!.status).to.equal('in_force');
    const after = await stats();
    expect(after.executed - before.executed).to.equal(1);
    expect((await outboxRow(measureId)).status).to.equal('delivered');
    expect((await outboxRow(measureId)).attempts).to.be.greaterThanOrEqual(4);
  });
});
