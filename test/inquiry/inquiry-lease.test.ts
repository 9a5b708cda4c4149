import { expect } from 'chai';
import request from 'supertest';
import type { Actor } from '../../server/platform/actor';
import type { FakeClock } from '../../server/platform/clock';
import { resolveSession } from '../../server/modules/accounts';
import { InquiryService } from '../../server/modules/inquiry';
import type { InstitutionAdapter } from '../../server/modules/network';
import { inquiryById } from '../../server/modules/inquiry/inquiry.store';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { bearer, tokenFor } from '../helpers/http';

/** A process whose calls never come back: it took the inquiry, then died before any institution answered. */
const silent = new Proxy({}, { get: () => () => new Promise(() => undefined) }) as InstitutionAdapter;

describe('network inquiry: one process at a time, and taken over when that process dies', () => {
  let t: TestApp;
  let judge: string;
  let caseId: string;
  let debtorId: string;
  let actor: Actor;

  before(async () => {
    t = await startTestApp();
    judge = await tokenFor(t.url, 'judge.wang');
    const list = await request(t.url).get(`/api/cases?q=${encodeURIComponent('李强')}`).set(bearer(judge));
    caseId = list.body.items[0].id;
    const detail = await request(t.url).get(`/api/cases/${caseId}`).set(bearer(judge));
    debtorId = detail.body.parties.find((p: { role: string }) => p.role === 'debtor').id;
    actor = (await resolveSession(t.app.ctx, judge))!.actor;
  });
  after(() => t.close());

  it('when the process running an inquiry stops renewing its lease, then another takes it over after the lease ends and it completes once', async () => {
    const clock = t.clock as FakeClock;
    const completions = async () =>
      ((await request(t.url).get(`/api/cases/${caseId}/timeline`).set(bearer(judge))).body as { action: string }[]).filter((e) => e.action === 'inquiry.completed').length;
    const before = await completions();
    const dying = new InquiryService(t.app.ctx, silent, t.app.journal, { concurrency: 50, flushMs: 10, leaseMs: 30_000 });
    const inquiry = await dying.start(actor, caseId, { partyId: debtorId, kinds: ['bank_large'] });
    expect(inquiry.runnerId).to.equal(dying.runner.id);

    // The live process does not take an inquiry whose lease is current...
    await t.app.inquiry.runner.tick();
    expect((await inquiryById(t.app.ctx.db, inquiry.id))!.runnerId).to.equal(dying.runner.id);
    expect((await inquiryById(t.app.ctx.db, inquiry.id))!.answered).to.equal(0);

    // ...but once the lease has run out unrenewed, it does, asks the institutions still pending, and completes it.
    clock.advance(31_000);
    await t.app.inquiry.runner.tick();
    expect((await inquiryById(t.app.ctx.db, inquiry.id))!.runnerId).to.equal(t.app.inquiry.runner.id);
    await t.app.inquiry.runner.settled(inquiry.id);
    const done = await request(t.url).get(`/api/inquiries/${inquiry.id}`).set(bearer(judge));
    expect(done.body.status).to.equal('completed');
    expect(done.body.answered).to.equal(done.body.total);

    // The dead process, if it wakes, finds the inquiry gone from it and makes no more calls for it.
    await dying.runner.tick();
    expect(await completions()).to.equal(before + 1);
  });

  it('when a process shuts down with an inquiry running, then it gives the lease back and another takes it over at once', async () => {
    const stopping = new InquiryService(t.app.ctx, silent, t.app.journal, { concurrency: 50, flushMs: 10, leaseMs: 30_000 });
    const inquiry = await stopping.start(actor, caseId, { partyId: debtorId, kinds: ['payment_platform'] });
    await stopping.runner.stop();
    await t.app.inquiry.runner.tick();
    await t.app.inquiry.runner.settled(inquiry.id);
    expect((await inquiryById(t.app.ctx.db, inquiry.id))!.status).to.equal('completed');
  });
});
