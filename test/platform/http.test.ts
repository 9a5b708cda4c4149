import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { completeCreditCode, completeResidentId } from '../../shared/identity';
import { CHAOYANG } from '../../server/modules/demo/demo-data';
import type { FakeClock } from '../../server/platform/clock';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer, tokenFor } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Issue = { path: (string | number)[]; code: string; message: string };

describe('HTTP edge: bad input, errors, request ids, health', () => {
  let t: TestApp;
  let judge: string;
  let judgeId: string;

  /** Signs in; if this address has been locked by failed logins (the fuzzing below makes some), waits the lock out on the fake clock. */
  async function signIn(username: string): Promise<string> {
    try {
      return await tokenFor(t.url, username);
    } catch {
      (t.clock as FakeClock).advance(16 * 60_000);
      return tokenFor(t.url, username);
    }
  }

  before(async () => {
    t = await startTestApp();
    judge = await signIn('judge.wang');
    judgeId = (await request(t.url).get('/api/auth/me').set(bearer(judge))).body.user.id;
  });
  after(async () => {
    await t?.close();
  });

  const newCase = (over: Record<string, unknown> = {}) => ({
    judgeId,
    cause: '民间借贷纠纷',
    basis: '（2026）京0105民初100号民事判决书',
    claimAmount: '50000.00',
    creditors: [{ kind: 'person', name: '张三', idNumber: completeResidentId('11010519800101123') }],
    debtors: [{ kind: 'organisation', name: '北京某某科技有限公司', creditCode: completeCreditCode('91110105MA03HTTP') }],
    ...over,
  });

  describe('bad input is a 4xx with a code and a message, never a 500', () => {
    it('when the body is not valid JSON (or not an object or array), then 400 MALFORMED_JSON', async () => {
      for (const raw of ['{"username":', '{"username":"a",}', "{'username':'a'}", '{"a":1}}', 'null', '5', '"text"', 'true', '\u0000', '{"a":"\\x"}']) {
        const res = await request(t.url).post('/api/auth/login').set('Content-Type', 'application/json').send(raw);
        expectErrorBody(res, 400, 'MALFORMED_JSON');
      }
    });

    it('when fields have the wrong types, then 400 VALIDATION_FAILED listing each field\'s path', async () => {
      const res = await request(t.url).post('/api/auth/login').send({ username: 5, password: ['x'] });
      expectErrorBody(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details.where).to.equal('body');
      const issues = res.body.error.details.issues as Issue[];
      expect(issues.map((i) => i.path)).to.deep.equal([['username'], ['password']]);
      expect(issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).to.equal(true);
      expect(res.body.error.message).to.contain('username');

      const nested = await request(t.url)
        .post('/api/cases')
        .set(bearer(judge))
        .send(newCase({ claimAmount: 50000, creditors: [{ kind: 'person', name: 7, idNumber: null }] }));
      expectErrorBody(nested, 400, 'VALIDATION_FAILED');
      const paths = (nested.body.error.details.issues as Issue[]).map((i) => i.path);
      expect(paths).to.deep.include(['claimAmount']);
      expect(paths).to.deep.include(['creditors', 0, 'name']);
      expect(paths).to.deep.include(['creditors', 0, 'idNumber']);
    });

    it('when the body has a field the API does not know, then 400 naming it', async () => {
      const res = await request(t.url).post('/api/auth/login').send({ username: 'judge.wang', password: 'x', isAdmin: true });
      expectErrorBody(res, 400, 'VALIDATION_FAILED');
      const issue = (res.body.error.details.issues as Issue[])[0]!;
      expect(issue.code).to.equal('unrecognized_keys');
      expect(issue.message).to.contain('isAdmin');

      const nested = await request(t.url)
        .post('/api/cases')
        .set(bearer(judge))
        .send(newCase({ debtors: [{ kind: 'person', name: '李四', idNumber: completeResidentId('11010519800101131'), secret: 1 }] }));
      expectErrorBody(nested, 400, 'VALIDATION_FAILED');
      expect((nested.body.error.details.issues as Issue[])[0]!.path).to.deep.equal(['debtors', 0]);
    });

    it('when the body is larger than 100 kB, then 413 PAYLOAD_TOO_LARGE', async () => {
      const big = JSON.stringify({ username: 'judge.wang', password: 'x'.repeat(101 * 1024) });
      const res = await request(t.url).post('/api/auth/login').set('Content-Type', 'application/json').send(big);
      expectErrorBody(res, 413, 'PAYLOAD_TOO_LARGE');
      const withSession = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ cause: '案'.repeat(60_000) }));
      expectErrorBody(withSession, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('when the body is sent with another content type, an unknown charset or a broken encoding, then 4xx, not 500', async () => {
      const plain = await request(t.url).post('/api/auth/login').set('Content-Type', 'text/plain').send('username=judge.wang');
      expectErrorBody(plain, 400, 'VALIDATION_FAILED');
      const form = await request(t.url).post('/api/auth/login').type('form').send({ username: 'judge.wang', password: 'x' });
      expectErrorBody(form, 400, 'VALIDATION_FAILED');
      const charset = await request(t.url).post('/api/auth/login').set('Content-Type', 'application/json; charset=iso-8859-1').send('{}');
      expectErrorBody(charset, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const gzip = await request(t.url).post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip at all');
      expect(gzip.status).to.be.within(400, 499);
      expectErrorBody(gzip);
      const unknownEncoding = await request(t.url).post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'x-made-up').send('{}');
      expect(unknownEncoding.status).to.be.within(400, 499);
      expectErrorBody(unknownEncoding);
    });

    it('when an id in the path is not a UUID, then 400 naming the id; a well-formed unknown one is 404', async () => {
      for (const path of ['/api/cases/123', '/api/cases/not-a-uuid/timeline', `/api/courts/${encodeURIComponent("' OR 1=1 --")}/staff`, '/api/cases/%E2%9C%93']) {
        const res = await request(t.url).get(path).set(bearer(judge));
        expectErrorBody(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.details.where, path).to.equal('params');
        expect(res.body.error.details.issues[0].path, path).to.deep.equal(['id']);
      }
      const unknown = await request(t.url).get('/api/cases/3f2a8c1e-0000-4000-8000-000000000000').set(bearer(judge));
      expectErrorBody(unknown, 404, 'NOT_FOUND');
    });

    it('when a case number is malformed, then 400 naming caseNo with the expected format', async () => {
      for (const caseNo of ['2026京0105执1234', '（2026）京0105民初1号', '（2026）京0105执0号', '']) {
        const res = await request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ caseNo }));
        expectErrorBody(res, 400);
        const issues = res.body.error.details.issues as Issue[];
        expect(issues[0]!.path, caseNo).to.deep.equal(['caseNo']);
        expect(issues[0]!.message, caseNo).to.contain('（2026）京0105执1234号');
      }
    });

    it('when the query string is invalid (bad page, unknown filter, repeated key, bad date), then 400 naming the parameter', async () => {
      for (const [query, field] of [
        ['page=0', 'page'],
        ['pageSize=1000', 'pageSize'],
        ['page=abc', 'page'],
        ['page=1&page=2', 'page'],
        ['status=deleted', 'status'],
        ['filedFrom=2026-13-45', 'filedFrom'],
        ['judgeId=nope', 'judgeId'],
      ] as const) {
        const res = await request(t.url).get(`/api/cases?${query}`).set(bearer(judge));
        expectErrorBody(res, 400, 'VALIDATION_FAILED');
        expect(res.body.error.details.where, query).to.equal('query');
        expect((res.body.error.details.issues as Issue[]).map((i) => i.path[0]), query).to.include(field);
      }
      const unknown = await request(t.url).get('/api/cases?sort=drop').set(bearer(judge));
      expectErrorBody(unknown, 400, 'VALIDATION_FAILED');
    });

    it('when there is no session, then 401; with the wrong role, then 403', async () => {
      expectErrorBody(await request(t.url).get('/api/cases'), 401, 'UNAUTHENTICATED');
      expectErrorBody(await request(t.url).post('/api/cases').send(newCase()), 401, 'UNAUTHENTICATED');
      expectErrorBody(await request(t.url).get('/api/admin/audit/verify').set(bearer(judge)), 403, 'FORBIDDEN');
      const bidder = await signIn('bidder.sun');
      expectErrorBody(await request(t.url).post('/api/cases').set(bearer(bidder)).send(newCase()), 403, 'FORBIDDEN');
      expectErrorBody(await request(t.url).get(`/api/courts/${CHAOYANG}/staff`).set(bearer(bidder)), 403, 'FORBIDDEN');
    });

    it('when the role is wrong, then 403 comes before any validation of the body; malformed JSON without a session is still a 4xx', async () => {
      const res = await request(t.url).post('/api/admin/users').set(bearer(judge)).send({ nonsense: true });
      expectErrorBody(res, 403, 'FORBIDDEN');
      const anonymous = await request(t.url).post('/api/cases').set('Content-Type', 'application/json').send('{"broken":');
      // The body parser runs first, so malformed JSON is reported even without a session; either way, not a 500.
      expect([400, 401]).to.include(anonymous.status);
      expectErrorBody(anonymous);
    });
  });

  describe('unknown routes', () => {
    it('when an /api route does not exist, then 404 ROUTE_NOT_FOUND as JSON naming the method and path', async () => {
      for (const [method, path] of [
        ['get', '/api/nope'],
        ['get', '/api'],
        ['post', '/api/cases/x/y'],
        ['delete', '/api/cases'],
        ['put', '/api/auth/login'],
        ['get', '/api/auth/login'],
      ] as const) {
        const res = await request(t.url)[method](path).set(bearer(judge));
        expectErrorBody(res, 404, 'ROUTE_NOT_FOUND');
        expect(res.body.error.message, path).to.contain(method.toUpperCase());
      }
    });
  });

  describe('request ids', () => {
    it('when a request comes without an id, then X-Request-Id carries a fresh UUID, on success and on failure', async () => {
      const ok = await request(t.url).get('/api/courts');
      expect(ok.status).to.equal(200);
      expect(ok.headers['x-request-id']).to.match(UUID_RE);
      const failed = await request(t.url).get('/api/nope');
      expect(failed.headers['x-request-id']).to.match(UUID_RE);
      expect(failed.headers['x-request-id']).to.not.equal(ok.headers['x-request-id']);
    });

    it('when the caller sends a well-formed X-Request-Id, then it is echoed; a malformed one is replaced', async () => {
      const echoed = await request(t.url).get('/api/courts').set('X-Request-Id', 'trace-abc_123');
      expect(echoed.headers['x-request-id']).to.equal('trace-abc_123');
      for (const bad of ['has spaces in it', 'x'.repeat(65), '<script>', '../../etc']) {
        const res = await request(t.url).get('/api/courts').set('X-Request-Id', bad);
        expect(res.headers['x-request-id'], bad).to.match(UUID_RE);
      }
    });
  });

  describe('health', () => {
    it('when asked for health, then status ok, the database kind and the version from package.json', async () => {
      const res = await request(t.url).get('/api/health');
      expect(res.status).to.equal(200);
      expect(res.body).to.include({
        status: 'ok',
        database: process.env.TEST_DATABASE_URL ? 'server' : 'embedded',
        version: PACKAGE_VERSION,
      });
      expect(res.body.time).to.equal(t.clock.now().toISOString());
    });
  });

  describe('text and dates the database cannot store', () => {
    /** encodeURIComponent, except that a lone surrogate is sent as the bytes a lenient encoder (WTF-8) would produce. */
    const percentEncode = (text: string) =>
      [...text].map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
    /** Valid requests, each with one text field that reaches the database or the audit trail. */
    const withText = (text: string, n: number) => {
      const admin = () => signIn('admin');
      return [
        { label: 'login username', send: async () => request(t.url).post('/api/auth/login').send({ username: `judge${text}`, password: 'x' }) },
        { label: 'case list q', send: async () => request(t.url).get(`/api/cases?q=${percentEncode(`张${text}`)}`).set(bearer(judge)) },
        {
          label: 'bidder name',
          send: async () =>
            request(t.url)
              .post('/api/bidders/register')
              .send({ username: `text.bidder${n}`, password: 'a-long-password', phone: '13800138000', identity: { kind: 'person', name: `张${text}三`, idNumber: completeResidentId('11010519800101123') } }),
        },
        {
          label: 'staff display name',
          send: async () =>
            request(t.url)
              .post('/api/admin/users')
              .set(bearer(await admin()))
              .send({ username: `text.admin${n}`, password: 'a-long-password', displayName: `管理${text}员`, role: 'admin' }),
        },
        { label: 'case party name', send: async () => request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ creditors: [{ kind: 'person', name: `张${text}三`, idNumber: completeResidentId('11010519800101123') }] })) },
        { label: 'case cause', send: async () => request(t.url).post('/api/cases').set(bearer(judge)).send(newCase({ cause: `民间${text}借贷` })) },
      ];
    };

    const expectErrorBodyIfFailed = (res: request.Response) => {
      if (res.status >= 400) expectErrorBody(res);
    };

    /** Sends each request with `text` in it; returns the ones answered with a 5xx. */
    async function serverErrors(text: string, n: number): Promise<string[]> {
      const failures: string[] = [];
      for (const { label, send } of withText(text, n)) {
        const res = await send();
        if (res.status >= 500) failures.push(`${label}: ${res.status} ${res.body?.error?.code}`);
        else expectErrorBodyIfFailed(res);
      }
      return failures;
    }

    it('when a text field contains a NUL character (U+0000), then the answer is a 4xx, not a 500', async () => {
      expect(await serverErrors('\u0000', 1)).to.deep.equal([]);
    });

    it('when a text field contains a lone UTF-16 surrogate, then the answer is not a 500', async () => {
      expect(await serverErrors('\ud800', 2)).to.deep.equal([]);
    });

    it('when a date filter names a day the database cannot store (year 0001), then 400, not 500', async () => {
      for (const query of ['filedFrom=0001-01-01', 'filedTo=0000-12-31', 'filedFrom=0001-01-01&filedTo=0001-01-01']) {
        const res = await request(t.url).get(`/api/cases?${query}`).set(bearer(judge));
        expect(res.status, `${query} → ${res.status}`).to.be.below(500);
        expectErrorBodyIfFailed(res);
      }
    });
  });

  describe('fuzzing every route', () => {
    const uuid = fc.uuid();
    const pathId = fc.oneof({ weight: 4, arbitrary: uuid }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }) });
    const fieldNames = fc.constantFrom(
      'username', 'password', 'phone', 'identity', 'kind', 'name', 'idNumber', 'creditCode', 'legalRepresentative',
      'caseNo', 'courtId', 'judgeId', 'cause', 'basis', 'claimAmount', 'creditors', 'debtors', 'role', 'displayName',
      'canApprove', 'institutionId', '__proto__', 'constructor', 'page', 'pageSize', 'status', 'q', 'filedFrom',
    );
    const nasty = fc.constantFrom(
      '1e309', '-1e309', '123456789012345678901234567890', '-0', '0.1e-400', '"\\ud800"', '"\\u0000"', '"' + '执'.repeat(5000) + '"',
      '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(2000) + '1' + '}'.repeat(2000), '{"__proto__":{"role":"admin"}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}', '[{}]', '{}', '[]',
    );
    const jsonText = fc.oneof(
      fc.json({ maxDepth: 4, stringUnit: 'binary' }),
      fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }).map((v) => JSON.stringify(v)),
      fc.dictionary(fieldNames, fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), { maxKeys: 8 }).map((v) => JSON.stringify(v)),
      fc.dictionary(fieldNames, fc.oneof(fc.string({ unit: 'binary' }), uuid, fc.constantFrom('1234.50', '（2026）京0105执1号', 'person', 'organisation', 'judge', '11010519491231002X'))).map((v) =>
        JSON.stringify(v),
      ),
      nasty,
    );
    const body = fc.oneof(
      { weight: 6, arbitrary: jsonText.map((text) => ({ type: 'application/json', text })) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ type: 'application/json', text })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ type: 'text/plain', text })) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const queryPart = fc.oneof(
      fc.tuple(fc.oneof(fieldNames, fc.string({ unit: 'binary', maxLength: 10 })), fc.string({ unit: 'binary', maxLength: 30 })).map(
        ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
      ),
      fc.string({ unit: fc.constantFrom(...'%=&[]a1.+;,!$\'()*~_-'), maxLength: 12 }),
    );
    const query = fc.array(queryPart, { maxLength: 5 }).map((parts) => (parts.length ? `?${parts.join('&')}` : ''));

    it('when arbitrary bodies, query strings and ids reach every route, with a session or without, then no answer is a 5xx', async function () {
      this.timeout(120_000);
      let requests = 0;
      for (const route of t.app.api.routes) {
        await fc.assert(
          fc.asyncProperty(pathId, body, query, fc.boolean(), async (id, payload, qs, withSession) => {
            const path = route.path.replace(/:id\b/g, encodeURIComponent(id)) + qs;
            // Signing out ends the session it is called with: give it one of its own.
            const token = withSession ? (route.path === '/api/auth/logout' ? await signIn('judge.li') : judge) : undefined;
            let req = request(t.url)[route.method](path);
            if (token) req = req.set(bearer(token));
            if (payload) req = req.set('Content-Type', payload.type).send(payload.text);
            const res = await req;
            requests++;
            const context = `${route.method.toUpperCase()} ${path.slice(0, 200)} session=${withSession} body=${payload?.text.slice(0, 200)}`;
            expect(res.status, `${context}\n→ ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).to.be.below(500);
            if (res.status >= 400) expectErrorBody(res);
          }),
          { numRuns: 40 },
        );
      }
      expect(requests).to.be.at.least(40 * t.app.api.routes.length);
    });
  });
});
