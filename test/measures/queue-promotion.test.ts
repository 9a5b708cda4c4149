import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import type { Callback } from '../../shared/institution-protocol';
import { measureCallbackHandler } from '../../server/modules/measures';
import { Journal } from '../../server/modules/network';
import { receiveCallback } from '../../server/modules/network/receive-callback';
import { AppError } from '../../server/platform/errors';
import { bearer } from '../helpers/http';
import { newIdNumber, startFixture, type Fixture } from './measure-fixture';

describe('queued measures (轮候) and their promotion (查扣冻 26)', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
  });
  after(() => f?.close());

  /** Another court freezes the debtor's account first; then our case freezes it too and is queued behind. */
  async function queuedBehindAnotherCourt() {
    const debtorIdNumber = newIdNumber();
    const first = await f.newCase({ judge: f.chen, claim: '60000.00', debtorIdNumber });
    const ours = await f.newCase({ claim: '50000.00', debtorIdNumber }); // limit 50,000 + 650 = 50,650
    const deposit = await f.asset(debtorIdNumber, 'deposit', { balance: '100000.00' });
    const theirs = await f.order(first.id, { assetId: deposit.id, amount: '60000.00' }, f.chen);
    expect(theirs.status, JSON.stringify(theirs.body)).to.equal(201);
    await f.deliver();
    const queued = await f.order(ours.id, { assetId: deposit.id });
    expect(queued.status, JSON.stringify(queued.body)).to.equal(201);
    await f.deliver();
    return { first, ours, deposit, theirsId: theirs.body.id as string, oursId: queued.body.id as string };
  }

  /** The other court releases its freeze; the institution promotes ours and sends the callback. */
  async function releaseFirst(s: Awaited<ReturnType<typeof queuedBehindAnotherCourt>>): Promise<Callback> {
    const released = await request(f.t.url).post(`/api/measures/${s.theirsId}/release`).set(bearer(f.chen.token)).send({ reason: '被执行人提供担保' });
    expect(released.status, JSON.stringify(released.body)).to.equal(202);
    await f.deliver();
    const callback = f.fake.callbacks.find((c) => c.correlationId === s.oursId);
    expect(callback, 'promotion callback').to.not.equal(undefined);
    return callback!;
  }

  const apply = async (callback: Callback) => {
    const after = await f.ctx.db.transaction((tx) => measureCallbackHandler(f.ctx)(tx, callback));
    after?.();
  };

  it('when the asset is already frozen by another court, then the institution queues ours: rank 2, nothing frozen yet, the amount asked still counted', async () => {
    const s = await queuedBehindAnotherCourt();
    expect(await f.measure(s.ours.id, s.oursId)).to.include({ status: 'queued', rank: 2, frozenAmount: null, requestedAmount: '50650.00', effectiveAt: null });
    expect((await f.measuresOf(s.ours.id)).limit).to.include({ committed: '50650.00', room: '0.00' });
    // The other court sees its own first-rank freeze, not ours.
    const theirs = await f.measuresOf(s.first.id, f.chen);
    expect(theirs.items.map((m) => [m.status, m.rank])).to.deep.equal([['in_force', 1]]);
  });

  it('when the earlier freeze ends and the institution reports the promotion, then ours is in force with the amount now frozen and the judge is told', async () => {
    const s = await queuedBehindAnotherCourt();
    const judge = await f.listen(f.wang);
    const callback = await releaseFirst(s);
    expect(await f.measure(s.first.id, s.theirsId, f.chen)).to.include({ status: 'released', endReason: '被执行人提供担保' });

    f.clock.advance(60_000);
    await apply(callback);
    const promoted = await f.measure(s.ours.id, s.oursId);
    expect(promoted).to.include({ status: 'in_force', rank: 1, frozenAmount: '50650.00', availableAmount: '50650.00', effectiveAt: f.clock.now().toISOString() });
    const pushed = await judge.waitFor('measure.promoted', (p) => p.id === s.oursId);
    expect(pushed).to.include({ status: 'in_force', rank: 1, frozenAmount: '50650.00' });
    judge.close();

    // The same promotion reported again (another message id) changes nothing.
    const before = await f.snapshot();
    await apply({ ...callback, messageId: randomUUID() });
    expect(await f.snapshot()).to.deep.equal(before);
  });

  it('refuses a callback that names no measure of ours, or a measure that is not queued, and changes nothing', async () => {
    const s = await queuedBehindAnotherCourt();
    const callback = await releaseFirst(s);
    const before = await f.snapshot();
    const refused = async (cb: Callback) => {
      try {
        await apply(cb);
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const wrongMeasure = await refused({ ...callback, correlationId: s.theirsId });
    expect(wrongMeasure).to.be.instanceOf(AppError).and.include({ code: 'NOT_FOUND' });
    const unknownRef = await refused({ ...callback, measureRef: 'NO-SUCH-REF' });
    expect(unknownRef).to.be.instanceOf(AppError).and.include({ code: 'NOT_FOUND' });
    const otherInstitution = await refused({ ...callback, institution: 'SOMEONE-ELSE' });
    expect(otherInstitution).to.be.instanceOf(AppError).and.include({ code: 'NOT_FOUND' });
    // The released first-rank freeze cannot be "promoted".
    const theirs = await f.measure(s.first.id, s.theirsId, f.chen);
    const notQueued = await refused({ ...callback, correlationId: s.theirsId, measureRef: theirs.measureRef as string });
    expect(notQueued).to.be.instanceOf(AppError).and.include({ code: 'MEASURE_NOT_QUEUED' });
    expect(await f.snapshot()).to.deep.equal(before);
  });

  it('through the network\'s callback intake: a forged callback is refused (BAD_SIGNATURE), a genuine one applied, its replay refused (REPLAYED), nothing changed by either refusal', async () => {
    const s = await queuedBehindAnotherCourt();
    const callback = await releaseFirst(s);
    const journal = new Journal(f.ctx.db, f.ctx.logger);
    const handler = measureCallbackHandler(f.ctx);
    const receive = (raw: unknown) => receiveCallback(f.ctx, journal, handler, raw).then(() => undefined, (err: unknown) => err);

    const before = await f.snapshot();
    const forged = await receive({ ...callback, frozenAmount: '99999999.00' });
    expect(forged).to.be.instanceOf(AppError).and.include({ code: 'BAD_SIGNATURE' });
    expect(await f.snapshot()).to.deep.equal(before);

    expect(await receive(callback)).to.equal(undefined);
    expect(await f.measure(s.ours.id, s.oursId)).to.include({ status: 'in_force', rank: 1, frozenAmount: '50650.00' });

    const applied = await f.snapshot();
    const replay = await receive(callback);
    expect(replay).to.be.instanceOf(AppError).and.include({ code: 'REPLAYED' });
    expect(await f.snapshot()).to.deep.equal(applied);
    await journal.flush();
  });
});
