import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { completeCreditCode, completeResidentId } from '../../shared/identity';
import { users } from '../../server/modules/accounts/account.tables';
import { CHAOYANG, DEMO_PASSWORD, PUDONG } from '../../server/modules/demo/demo-data';
import type { FakeClock } from '../../server/platform/clock';
import { bearer, tokenFor } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';

const HOUR = 3600_000;

const person = (first17: string, name = '吴八') => ({ kind: 'person', name, idNumber: completeResidentId(first17) });
const registration = (username: string, identity: Record<string, unknown>) => ({
  username,
  password: 'a-long-password-1',
  phone: '13912345678',
  identity,
});

describe('accounts: sign-in, sessions, registration and roles', () => {
  let t: TestApp;
  let clock: FakeClock;

  before(async () => {
    t = await startTestApp();
    clock = t.clock as FakeClock;
  });
  after(async () => {
    await t?.close();
  });

  describe('sign-in and sessions', () => {
    it('when the password is right, then the token comes back in the body and in an HTTP-only zx_session cookie', async () => {
      const res = await request(t.url).post('/api/auth/login').send({ username: 'judge.wang', password: DEMO_PASSWORD });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.token).to.be.a('string').with.length.greaterThan(30);
      expect(new Date(res.body.expiresAt).getTime()).to.equal(clock.nowMs() + 12 * HOUR);
      expect(res.body.user).to.include({ username: 'judge.wang', role: 'judge', courtId: CHAOYANG });
      expect(res.body.user).to.not.have.property('passwordHash');
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('zx_session='));
      expect(cookie, 'zx_session cookie').to.be.a('string');
      expect(cookie).to.contain(`zx_session=${res.body.token}`);
      expect(cookie).to.match(/;\s*HttpOnly/i);
      expect(cookie).to.match(/;\s*SameSite=Lax/i);
      expect(cookie).to.match(/;\s*Path=\//i);
    });

    it('when the token is sent as Bearer or as the cookie, then /api/auth/me answers with the user', async () => {
      const token = await tokenFor(t.url, 'clerk.zhao');
      const viaBearer = await request(t.url).get('/api/auth/me').set(bearer(token));
      expect(viaBearer.status).to.equal(200);
      expect(viaBearer.body.user).to.include({ username: 'clerk.zhao', role: 'clerk', courtId: CHAOYANG });
      const viaCookie = await request(t.url).get('/api/auth/me').set('Cookie', `zx_session=${token}`);
      expect(viaCookie.status).to.equal(200);
      expect(viaCookie.body.user.username).to.equal('clerk.zhao');
    });

    it('when there is no session, an unknown token or a malformed Authorization header, then /api/auth/me is 401 UNAUTHENTICATED', async () => {
      for (const headers of [{}, bearer('not-a-real-token'), { Authorization: 'Basic abc' }, { Authorization: 'Bearer ' }, bearer('x'.repeat(5000)), { Cookie: 'zx_session=%%%' }]) {
        const res = await request(t.url).get('/api/auth/me').set(headers);
        expect(res.status, JSON.stringify(headers).slice(0, 80)).to.equal(401);
        expect(res.body.error.code).to.equal('UNAUTHENTICATED');
      }
    });

    it('when the user signs out, then the session is revoked: the same token is 401 afterwards and the cookie is cleared', async () => {
      const token = await tokenFor(t.url, 'judge.li');
      const out = await request(t.url).post('/api/auth/logout').set(bearer(token));
      expect(out.status).to.equal(204);
      const cleared = ([] as string[]).concat(out.headers['set-cookie'] ?? []).find((c) => c.startsWith('zx_session='));
      expect(cleared).to.match(/Expires=Thu, 01 Jan 1970/);
      const after = await request(t.url).get('/api/auth/me').set(bearer(token));
      expect(after.status).to.equal(401);
      const viaCookie = await request(t.url).get('/api/auth/me').set('Cookie', `zx_session=${token}`);
      expect(viaCookie.status).to.equal(401);
      // Another session of the same user is not affected.
      const other = await tokenFor(t.url, 'judge.li');
      expect((await request(t.url).get('/api/auth/me').set(bearer(other))).status).to.equal(200);
    });

    it('when signing out without a session, then 401', async () => {
      const res = await request(t.url).post('/api/auth/logout');
      expect(res.status).to.equal(401);
      expect(res.body.error.code).to.equal('UNAUTHENTICATED');
    });

    it('when the password is wrong or the user does not exist, then 401 INVALID_CREDENTIALS with the same message', async () => {
      const wrong = await request(t.url).post('/api/auth/login').send({ username: 'judge.chen', password: 'wrong password' });
      expect(wrong.status).to.equal(401);
      expect(wrong.body.error.code).to.equal('INVALID_CREDENTIALS');
      const nobody = await request(t.url).post('/api/auth/login').send({ username: 'no.such.user', password: 'wrong password' });
      expect(nobody.status).to.equal(401);
      expect(nobody.body.error).to.deep.equal(wrong.body.error);
      expect(wrong.headers['set-cookie']).to.equal(undefined);
    });

    it('when a user name fails 5 times, then the 6th attempt is 429 even with the right password, until the lock has passed', async () => {
      // A user of its own, so that the lock does not spill into other tests.
      const admin = await tokenFor(t.url, 'admin');
      const created = await request(t.url)
        .post('/api/admin/users')
        .set(bearer(admin))
        .send({ username: 'judge.locked', password: 'right-password-1', displayName: '锁定测试', role: 'judge', courtId: CHAOYANG });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);

      for (let i = 1; i <= 5; i++) {
        const res = await request(t.url).post('/api/auth/login').send({ username: 'judge.locked', password: `guess-${i}` });
        expect(res.status, `attempt ${i}`).to.equal(401);
        expect(res.body.error.code).to.equal('INVALID_CREDENTIALS');
      }
      const sixth = await request(t.url).post('/api/auth/login').send({ username: 'JUDGE.LOCKED', password: 'right-password-1' });
      expect(sixth.status).to.equal(429);
      expect(sixth.body.error.code).to.equal('TOO_MANY_ATTEMPTS');
      expect(sixth.body.error.details.retryAfterSeconds).to.equal(30);
      expect(sixth.body.error.message).to.contain('30');

      // Another user from the same address is not locked out.
      expect((await request(t.url).post('/api/auth/login').send({ username: 'judge.chen', password: DEMO_PASSWORD })).status).to.equal(200);

      clock.advance(29_000);
      const stillLocked = await request(t.url).post('/api/auth/login').send({ username: 'judge.locked', password: 'right-password-1' });
      expect(stillLocked.status).to.equal(429);
      expect(stillLocked.body.error.details.retryAfterSeconds).to.equal(1);

      clock.advance(1_001);
      const afterLock = await request(t.url).post('/api/auth/login').send({ username: 'judge.locked', password: 'right-password-1' });
      expect(afterLock.status, JSON.stringify(afterLock.body)).to.equal(200);
      expect(afterLock.body.user.username).to.equal('judge.locked');
    });

    it('when a session is 12 hours old, then it no longer works; a second before, it still does', async () => {
      const token = await tokenFor(t.url, 'op.icbc');
      clock.advance(12 * HOUR - 1000);
      expect((await request(t.url).get('/api/auth/me').set(bearer(token))).status).to.equal(200);
      clock.advance(1000);
      const expired = await request(t.url).get('/api/auth/me').set(bearer(token));
      expect(expired.status).to.equal(401);
      expect(expired.body.error.code).to.equal('UNAUTHENTICATED');
      const viaCookie = await request(t.url).get('/api/auth/me').set('Cookie', `zx_session=${token}`);
      expect(viaCookie.status).to.equal(401);
    });
  });

  describe('bidder self-registration', () => {
    it('when a person registers with a valid resident ID, then 201 with a bidder account, and the bidder can sign in', async () => {
      const res = await request(t.url).post('/api/bidders/register').send(registration('bidder.wu', person('44030519920215123', '吴八')));
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.user).to.include({ username: 'bidder.wu', role: 'bidder', displayName: '吴八', courtId: null, canApprove: false });
      const login = await request(t.url).post('/api/auth/login').send({ username: 'bidder.wu', password: 'a-long-password-1' });
      expect(login.status).to.equal(200);
      expect(login.body.user.role).to.equal('bidder');
    });

    it('when a company registers with a valid credit code and a legal representative, then 201', async () => {
      const res = await request(t.url)
        .post('/api/bidders/register')
        .send(
          registration('bidder.company', {
            kind: 'organisation',
            name: '上海某某投资有限公司',
            creditCode: completeCreditCode('91310115MA1KTEXT'),
            legalRepresentative: '冯九',
          }),
        );
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.user).to.include({ username: 'bidder.company', role: 'bidder', displayName: '上海某某投资有限公司' });
    });

    it('when the resident ID fails its checksum, then 400 naming identity.idNumber', async () => {
      const valid = completeResidentId('44030519920215124');
      const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const res = await request(t.url)
        .post('/api/bidders/register')
        .send(registration('bidder.badid', { kind: 'person', name: '错号', idNumber: wrongCheck }));
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path).to.deep.equal(['identity', 'idNumber']);
      expect(res.body.error.details.issues[0].message).to.contain('校验位');
      expect(res.body.error.message).to.contain('identity.idNumber');
    });

    it('when the credit code is wrong, then 400 naming identity.creditCode', async () => {
      const res = await request(t.url)
        .post('/api/bidders/register')
        .send(registration('bidder.badcode', { kind: 'organisation', name: '某某公司', creditCode: '91350100M000100Y44', legalRepresentative: '张三' }));
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('VALIDATION_FAILED');
      expect(res.body.error.details.issues[0].path).to.deep.equal(['identity', 'creditCode']);
    });

    it('when the identity verifier rejects the person (sequence code 999), then 422 IDENTITY_REJECTED and no account', async () => {
      const idNumber = completeResidentId('11010519850101999');
      const res = await request(t.url).post('/api/bidders/register').send(registration('bidder.rejected', { kind: 'person', name: '冒名', idNumber }));
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(res.body.error.code).to.equal('IDENTITY_REJECTED');
      expect(res.body.error.details.reason).to.be.a('string').and.not.empty;
      const login = await request(t.url).post('/api/auth/login').send({ username: 'bidder.rejected', password: 'a-long-password-1' });
      expect(login.status).to.equal(401);
    });

    it('when the user name is taken (in any letter case), then 409 USERNAME_TAKEN', async () => {
      for (const username of ['bidder.sun', 'BIDDER.SUN', 'judge.wang']) {
        const res = await request(t.url).post('/api/bidders/register').send(registration(username, person('44030519920215131')));
        expect(res.status, username).to.equal(409);
        expect(res.body.error.code).to.equal('USERNAME_TAKEN');
      }
    });

    it('when the password is short, the phone malformed or an unknown field is sent, then 400 naming the field', async () => {
      const cases: [Record<string, unknown>, (string | number)[]][] = [
        [{ ...registration('bidder.x1', person('44030519920215140')), password: 'short' }, ['password']],
        [{ ...registration('bidder.x2', person('44030519920215140')), phone: '12345' }, ['phone']],
        [{ ...registration('bidder.x3', person('44030519920215140')), role: 'admin' }, []],
        [registration('bidder.x4', { ...person('44030519920215140'), creditCode: '91350100M000100Y43' }), ['identity']],
        [registration('bidder.x5', { kind: 'robot', name: '机器人' }), ['identity', 'kind']],
      ];
      for (const [body, path] of cases) {
        const res = await request(t.url).post('/api/bidders/register').send(body);
        expect(res.status, JSON.stringify(body)).to.equal(400);
        expect(res.body.error.code).to.equal('VALIDATION_FAILED');
        expect(res.body.error.details.issues.map((i: { path: unknown }) => i.path), JSON.stringify(body)).to.deep.include(path);
      }
    });
  });

  describe('roles and scoping', () => {
    it('when a judge lists the staff of another court, then 403; of their own court, the list', async () => {
      const judge = await tokenFor(t.url, 'judge.wang');
      const other = await request(t.url).get(`/api/courts/${PUDONG}/staff`).set(bearer(judge));
      expect(other.status).to.equal(403);
      expect(other.body.error.code).to.equal('FORBIDDEN');
      const own = await request(t.url).get(`/api/courts/${CHAOYANG}/staff`).set(bearer(judge));
      expect(own.status).to.equal(200);
      expect(own.body.map((s: { displayName: string }) => s.displayName)).to.include.members(['王建国', '李敏', '赵雪']);
      expect(own.body.every((s: { role: string }) => s.role === 'judge' || s.role === 'clerk')).to.equal(true);
    });

    it('when an admin lists any court\'s staff, then 200; a bidder 403; nobody 401; a malformed id 400', async () => {
      const admin = await tokenFor(t.url, 'admin');
      const asAdmin = await request(t.url).get(`/api/courts/${PUDONG}/staff`).set(bearer(admin));
      expect(asAdmin.status).to.equal(200);
      expect(asAdmin.body.map((s: { displayName: string }) => s.displayName)).to.deep.equal(['陈浩']);
      const bidder = await tokenFor(t.url, 'bidder.zhou');
      expect((await request(t.url).get(`/api/courts/${CHAOYANG}/staff`).set(bearer(bidder))).status).to.equal(403);
      expect((await request(t.url).get(`/api/courts/${CHAOYANG}/staff`)).status).to.equal(401);
      const malformed = await request(t.url).get('/api/courts/not-a-uuid/staff').set(bearer(admin));
      expect(malformed.status).to.equal(400);
      expect(malformed.body.error.details.issues[0].path).to.deep.equal(['id']);
    });

    it('when an admin creates a staff account, then 201 and the new user can sign in; a judge trying the same gets 403', async () => {
      const admin = await tokenFor(t.url, 'admin');
      const body = { username: 'judge.new', password: 'new-judge-password', displayName: '新法官', role: 'judge', courtId: PUDONG, canApprove: true };
      const created = await request(t.url).post('/api/admin/users').set(bearer(admin)).send(body);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body.user).to.include({ username: 'judge.new', role: 'judge', courtId: PUDONG, canApprove: true });
      const login = await request(t.url).post('/api/auth/login').send({ username: 'judge.new', password: 'new-judge-password' });
      expect(login.status).to.equal(200);

      const judge = await tokenFor(t.url, 'judge.wang');
      const denied = await request(t.url).post('/api/admin/users').set(bearer(judge)).send({ ...body, username: 'judge.newer' });
      expect(denied.status).to.equal(403);
      expect(denied.body.error.code).to.equal('FORBIDDEN');
      const again = await request(t.url).post('/api/admin/users').set(bearer(admin)).send(body);
      expect(again.status).to.equal(409);
      expect(again.body.error.code).to.equal('USERNAME_TAKEN');
    });

    it('when an admin creates a judge without a court or with an unknown court, or a bidder account, then 400', async () => {
      const admin = await tokenFor(t.url, 'admin');
      const noCourt = await request(t.url)
        .post('/api/admin/users')
        .set(bearer(admin))
        .send({ username: 'judge.nocourt', password: 'new-judge-password', displayName: '无院法官', role: 'judge' });
      expect(noCourt.status).to.equal(400);
      expect(noCourt.body.error.code).to.equal('VALIDATION_FAILED');
      const unknownCourt = await request(t.url)
        .post('/api/admin/users')
        .set(bearer(admin))
        .send({ username: 'judge.ghost', password: 'new-judge-password', displayName: '幽灵法官', role: 'judge', courtId: '00000000-0000-4000-8000-000000000000' });
      expect(unknownCourt.status).to.equal(400);
      const bidderRole = await request(t.url)
        .post('/api/admin/users')
        .set(bearer(admin))
        .send({ username: 'bidder.byadmin', password: 'new-judge-password', displayName: '竞买人', role: 'bidder' });
      expect(bidderRole.status).to.equal(400);
    });
  });

  describe('password storage', () => {
    it('when passwords are stored, then only salted scrypt hashes are kept, never the password', async () => {
      const rows = await t.app.ctx.db
        .select({ username: users.username, passwordHash: users.passwordHash })
        .from(users)
        .where(sql`${users.username} in ('judge.wang', 'judge.li', 'bidder.wu')`);
      expect(rows).to.have.length(3);
      for (const row of rows) {
        expect(row.passwordHash, row.username).to.match(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
        expect(row.passwordHash).to.not.contain(DEMO_PASSWORD);
        expect(row.passwordHash).to.not.contain('a-long-password-1');
      }
      // Same password, different salt: the hashes differ.
      const wang = rows.find((r) => r.username === 'judge.wang')!.passwordHash;
      const li = rows.find((r) => r.username === 'judge.li')!.passwordHash;
      expect(wang).to.not.equal(li);
      const [bidder] = await t.app.ctx.db.select({ identityNumber: users.identityNumber }).from(users).where(eq(users.username, 'bidder.wu'));
      expect(bidder!.identityNumber).to.equal(completeResidentId('44030519920215123'));
    });
  });
});
