import { expect } from 'chai';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { bearer, tokenFor } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type ConnectOptions = { auth?: Record<string, unknown>; extraHeaders?: Record<string, string> };

/** A socket.io client that does not reconnect; closed by closeAll(). */
const opened: Socket[] = [];
function socketTo(url: string, options: ConnectOptions = {}): Socket {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 5000, ...options });
  opened.push(socket);
  return socket;
}
function closeAll(): void {
  for (const s of opened.splice(0)) s.close();
}

function once<T>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

function connectError(socket: Socket): Promise<Error & { data?: { code?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', resolve);
  });
}

async function userId(url: string, token: string): Promise<string> {
  return (await request(url).get('/api/auth/me').set(bearer(token))).body.user.id as string;
}

describe('realtime (socket.io)', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  afterEach(closeAll);
  after(async () => {
    await t?.close();
  });

  describe('handshake', () => {
    it('when a client connects without a token, then the handshake is refused with UNAUTHENTICATED', async () => {
      const err = await connectError(socketTo(t.url));
      expect(err.message).to.equal('UNAUTHENTICATED');
      expect(err.data?.code).to.equal('UNAUTHENTICATED');
      expect(err.data?.message).to.be.a('string').and.not.empty;
    });

    it('when the token is unknown, revoked, of the wrong type or far too long, then the handshake is refused', async () => {
      const revoked = await tokenFor(t.url, 'judge.li');
      await request(t.url).post('/api/auth/logout').set(bearer(revoked));
      for (const auth of [{ token: 'nope' }, { token: revoked }, { token: 12345 }, { token: { nested: true } }, { token: 'x'.repeat(10_000) }]) {
        const err = await connectError(socketTo(t.url, { auth }));
        expect(err.message, JSON.stringify(auth).slice(0, 60)).to.equal('UNAUTHENTICATED');
      }
    });

    it('when the token or cookie has a malformed percent-encoding, then the handshake is refused with UNAUTHENTICATED, not an internal error', async () => {
      const viaAuth = await connectError(socketTo(t.url, { auth: { token: '%E0%A4%A' } }));
      expect(viaAuth.message).to.equal('UNAUTHENTICATED');
      const viaCookie = await connectError(socketTo(t.url, { extraHeaders: { Cookie: 'zx_session=%E0%A4%A' } }));
      expect(viaCookie.message).to.equal('UNAUTHENTICATED');
    });

    it('when the session token is given as auth.token, then the socket connects and receives hello with the user and role', async () => {
      const token = await tokenFor(t.url, 'judge.wang');
      const socket = socketTo(t.url, { auth: { token } });
      const hello = await once<{ userId: string; role: string }>(socket, 'hello');
      expect(hello).to.deep.equal({ userId: await userId(t.url, token), role: 'judge' });
      expect(socket.connected).to.equal(true);
    });

    it('when the session cookie is sent instead, then the socket connects too', async () => {
      const token = await tokenFor(t.url, 'clerk.zhao');
      const socket = socketTo(t.url, { extraHeaders: { Cookie: `theme=dark; zx_session=${token}; other=1` } });
      const hello = await once<{ userId: string; role: string }>(socket, 'hello');
      expect(hello.role).to.equal('clerk');
    });
  });

  describe('delivery to one user', () => {
    it('when the server sends to a user, then every socket of that user gets it and another user\'s socket does not', async () => {
      const wangToken = await tokenFor(t.url, 'judge.wang');
      const liToken = await tokenFor(t.url, 'judge.li');
      const wangId = await userId(t.url, wangToken);
      const liId = await userId(t.url, liToken);
      const wangPhone = socketTo(t.url, { auth: { token: wangToken } });
      const wangDesk = socketTo(t.url, { auth: { token: wangToken } });
      const li = socketTo(t.url, { auth: { token: liToken } });
      await Promise.all([once(wangPhone, 'hello'), once(wangDesk, 'hello'), once(li, 'hello')]);

      const received = [once<{ n: number }>(wangPhone, 'ping'), once<{ n: number }>(wangDesk, 'ping'), once<{ n: number }>(li, 'ping')];
      t.app.realtime.toUser(wangId, 'ping', { n: 1 });
      // Sent after the first, on the same server: had li's socket been in wang's room, its first ping would be n = 1.
      t.app.realtime.toUser(liId, 'ping', { n: 2 });
      const [phone, desk, other] = await Promise.all(received);
      expect(phone).to.deep.equal({ n: 1 });
      expect(desk).to.deep.equal({ n: 1 });
      expect(other).to.deep.equal({ n: 2 });
    });
  });

  describe('several processes through Redis', () => {
    let a: TestApp;
    let b: TestApp;

    before(async function () {
      this.timeout(60_000);
      // Two servers on one database, as two replicas would be; each closes the database only when it owns it.
      const shared = t.app.ctx;
      const database = { db: shared.db, kind: shared.dbKind, close: async () => undefined };
      a = await startTestApp({ database, env: { REDIS_URL } });
      b = await startTestApp({ database, env: { REDIS_URL } });
    });
    after(async () => {
      await b?.close();
      await a?.close();
    });

    it('when a user signs in on one server, then the session works on the other', async () => {
      const token = await tokenFor(a.url, 'judge.chen');
      const me = await request(b.url).get('/api/auth/me').set(bearer(token));
      expect(me.status).to.equal(200);
      expect(me.body.user.username).to.equal('judge.chen');
    });

    it('when server A sends to a user whose socket is connected to server B, then the socket receives it', async () => {
      const token = await tokenFor(a.url, 'judge.chen');
      const chenId = await userId(a.url, token);
      const onB = socketTo(b.url, { auth: { token } });
      await once(onB, 'hello');
      const otherToken = await tokenFor(b.url, 'judge.wang');
      const otherOnB = socketTo(b.url, { auth: { token: otherToken } });
      await once(otherOnB, 'hello');

      const got = once<{ from: string }>(onB, 'notice');
      const otherGot = once<{ from: string }>(otherOnB, 'notice');
      a.app.realtime.toUser(chenId, 'notice', { from: 'A' });
      a.app.realtime.toUser(await userId(a.url, otherToken), 'notice', { from: 'A, for wang' });
      expect(await got).to.deep.equal({ from: 'A' });
      expect(await otherGot).to.deep.equal({ from: 'A, for wang' });
    });
  });
});
