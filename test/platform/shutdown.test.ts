import http from 'node:http';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD } from '../../server/modules/demo/demo-data';
import { tokenFor } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';

type Outcome = { status: number; body: string; headers: http.IncomingHttpHeaders } | { error: NodeJS.ErrnoException };

/** One request on its own connection; resolves with the whole response, or with the network error (e.g. a reset). */
function send(url: string, method: string, path: string, body?: unknown, agent: http.Agent | false = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      new URL(path, url),
      { method, agent, headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', (error) => resolve({ error }));
        res.on('aborted', () => resolve({ error: Object.assign(new Error('response aborted'), { code: 'ABORTED' }) }));
      },
    );
    req.on('error', (error) => resolve({ error }));
    req.end(payload);
  });
}

describe('graceful shutdown', () => {
  const CONCURRENT = 40;
  let t: TestApp;
  let outcomes: Outcome[];
  let receivedBeforeClose: number;
  let answeredBeforeClose: number;
  let socketDisconnect: Promise<string>;
  let idleAgent: http.Agent;
  let burstAgent: http.Agent;
  let closeMs: number;
  let socket: Socket;

  before(async function () {
    this.timeout(60_000);
    t = await startTestApp();

    // A live socket.io client and an idle keep-alive connection: neither may hold the shutdown up.
    const token = await tokenFor(t.url, 'judge.wang');
    socket = connect(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
    await new Promise((resolve) => socket.once('hello', resolve));
    socketDisconnect = new Promise((resolve) => socket.once('disconnect', resolve));
    idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const warm = await send(t.url, 'GET', '/api/health', undefined, idleAgent);
    expect('status' in warm && warm.status).to.equal(200);

    // Many sign-ins, each costing a password hash and a transaction, sent at once over connections opened beforehand so
    // that they arrive together; close() is called as soon as the server has them all.
    burstAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT });
    await Promise.all(Array.from({ length: CONCURRENT }, () => send(t.url, 'GET', '/api/health', undefined, burstAgent)));
    let received = 0;
    const allReceived = new Promise<void>((resolve) =>
      // First in line, before Express rewrites req.url for its mounted middleware.
      t.app.http.prependListener('request', (req: http.IncomingMessage) => {
        if (req.url === '/api/auth/login' && ++received === CONCURRENT) resolve();
      }),
    );
    let answered = 0;
    const pending = Array.from({ length: CONCURRENT }, (_, i) =>
      send(t.url, 'POST', '/api/auth/login', { username: i % 2 ? 'judge.li' : 'clerk.zhao', password: DEMO_PASSWORD }, burstAgent).then((o) => {
        answered++;
        return o;
      }),
    );
    await allReceived;
    receivedBeforeClose = received;
    answeredBeforeClose = answered;
    const started = Date.now();
    await t.close();
    closeMs = Date.now() - started;
    outcomes = await Promise.all(pending);
  });

  after(() => {
    socket?.close();
    idleAgent?.destroy();
    burstAgent?.destroy();
  });

  it('when close() is called with requests in flight, then every one of them gets a complete answer, none is reset', () => {
    expect(receivedBeforeClose).to.equal(CONCURRENT);
    expect(answeredBeforeClose, 'requests still in flight when close() was called').to.be.below(CONCURRENT);
    const errors = outcomes.filter((o): o is { error: NodeJS.ErrnoException } => 'error' in o);
    expect(errors.map((e) => `${e.error.code}: ${e.error.message}`)).to.deep.equal([]);
    for (const o of outcomes) {
      if ('error' in o) continue;
      expect([200, 503], o.body).to.include(o.status);
      const body = JSON.parse(o.body);
      if (o.status === 200) expect(body.token).to.be.a('string');
      else expect(body.error.code).to.equal('UNAVAILABLE');
    }
  });

  it('when the requests were already being handled, then they finish with their real result (200), not a refusal', () => {
    const statuses = outcomes.map((o) => ('status' in o ? o.status : 0));
    expect(statuses.filter((s) => s === 200)).to.have.length(CONCURRENT);
  });

  it('when an idle keep-alive connection and a socket.io client are open, then close() does not wait for them', async () => {
    expect(closeMs).to.be.below(10_000);
    expect(await socketDisconnect).to.be.a('string');
  });

  it('when close() has returned, then the server accepts no new connections', async () => {
    const after = await send(t.url, 'GET', '/api/health');
    expect('error' in after && after.error.code).to.equal('ECONNREFUSED');
  });

  it('when close() has returned, then the database is closed: a query fails', async () => {
    let failed: unknown;
    await t.app.ctx.db.execute(sql`select 1`).catch((err: unknown) => (failed = err));
    expect(failed, 'a query after close succeeded').to.be.instanceOf(Error);
  });
});
