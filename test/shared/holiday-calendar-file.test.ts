/**
 * The HOLIDAY_CALENDAR file (server/config.ts, server/modules/credit/holiday-calendar.ts): the server started with it
 * counts the removal deadline of a dishonest-debtor listing (失信 Art. 10: 3 working days) over the file's extra
 * holidays; a malformed file fails loudly instead of falling back to the built-in calendar.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { holidayCalendar } from '../../server/modules/credit/holiday-calendar';
import type { AppContext } from '../../server/platform/context';
import { bearer } from '../helpers/http';
import { startFixture, type Fixture } from '../measures/measure-fixture';

describe('a holiday calendar file named by HOLIDAY_CALENDAR', function () {
  this.timeout(120_000);
  let dir: string;
  let file: string;
  let f: Fixture;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'zx-holidays-'));
    file = path.join(dir, 'holidays.json');
    // Wednesday 2 and Thursday 3 December 2026 declared holidays (not in the built-in calendar).
    writeFileSync(file, JSON.stringify({ holidays: ['2026-12-02', '2026-12-03'], workdays: [] }));
    f = await startFixture({ env: { HOLIDAY_CALENDAR: file } });
  });
  after(async () => {
    await f?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a listed debtor\'s case is closed as enforced in full, then the removal deadline skips the file\'s holidays', async () => {
    expect(f.t.config.holidayCalendar).to.equal(file);
    f.clock.set('2026-12-01T02:00:00.000Z'); // Tuesday, 10:00 in Beijing
    await f.advance(0);
    const post = (p: string, body: Record<string, unknown>, token = f.wang.token) => request(f.t.url).post(p).set(bearer(token)).send(body);

    const c = await f.newCase({ claim: '30000.00' });
    const credit = async () => (await request(f.t.url).get(`/api/cases/${c.id}/credit`).set(bearer(f.wang.token))).body;
    const partyId = (await credit()).debtors[0].partyId as string;
    const listed = await post(`/api/cases/${c.id}/credit/listings`, { partyId, ground: 'evades', evidence: '执行立案后将名下车辆转让给亲属' });
    expect(listed.status, JSON.stringify(listed.body)).to.equal(201);

    // The debt is recovered in full through a freeze and a deduction (four eyes), then the case is closed 执行完毕.
    const deposit = await f.asset(c.debtorIdNumber, 'deposit', { balance: '30000.00' });
    const ordered = await f.order(c.id, { assetId: deposit.id, amount: '30000.00' });
    expect(ordered.status, JSON.stringify(ordered.body)).to.equal(201);
    await f.deliver();
    const asked = await post(`/api/measures/${ordered.body.id}/deductions`, { amount: '30000.00' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect((await post(`/api/deductions/${asked.body.id}/approve`, {}, f.li.token)).status).to.equal(200);
    await f.deliver();
    const closed = await post(`/api/cases/${c.id}/close-satisfied`, {});
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);

    const listing = (await credit()).listings.find((l: { id: string }) => l.id === listed.body.id);
    // Tue 1 Dec + 3 working days: Fri 4, Mon 7, Tue 8 (with the built-in calendar alone it would be Fri 4).
    expect(listing).to.include({ removalCause: 'debt_satisfied', removalDueBy: '2026-12-08T15:59:59.999Z' });
  });

  it('when the file is malformed, then reading the calendar throws instead of using the built-in one', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ holidays: ['2026-13-45'] }));
    const ctx = { config: { holidayCalendar: bad } } as unknown as AppContext;
    expect(() => holidayCalendar(ctx)).to.throw();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "holidays": [');
    expect(() => holidayCalendar({ config: { holidayCalendar: broken } } as unknown as AppContext)).to.throw(SyntaxError);
  });
});
