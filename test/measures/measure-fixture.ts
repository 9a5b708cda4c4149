/**
 * What the measure component tests share: the real app (fake clock) on a fresh database, an outbox worker that
 * delivers to the in-memory institutions, signed-in court staff, and helpers to file a case, register a found asset,
 * watch realtime events and take a snapshot of everything a refused request must leave unchanged.
 */
import { expect } from 'chai';
import { asc, count } from 'drizzle-orm';
import request, { type Response } from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AssetKind, InstitutionKind } from '../../shared/institution-protocol';
import { completeCreditCode, completeResidentId } from '../../shared/identity';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { enforcementCases } from '../../server/modules/cases/case.tables';
import { listInstitutions } from '../../server/modules/institutions';
import { ledgerEntries } from '../../server/modules/ledger/ledger.tables';
import { deductions, measures } from '../../server/modules/measures/measure.tables';
import { ledgerRoutes } from '../../server/modules/ledger';
import { measureReplyHandler, measureRoutes } from '../../server/modules/measures';
import { OutboxWorker } from '../../server/modules/network';
import { outboxMessages } from '../../server/modules/network/network.tables';
import type { AppContext } from '../../server/platform/context';
import { FakeClock } from '../../server/platform/clock';
import { seedAsset } from '../helpers/debtor-assets';
import { bearer, tokenFor } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { FakeInstitutions } from './fake-institutions';

export const START = '2026-11-25T08:00:00.000Z';
export const DAY = 86_400_000;

/** Which institution holds each kind of asset in the tests. */
const HOLDER: Record<AssetKind, InstitutionKind> = {
  deposit: 'bank_large',
  payment_balance: 'payment_platform',
  housing_fund: 'housing_fund',
  securities: 'securities_depository',
  equity: 'market_regulator',
  real_estate: 'real_estate_registry',
  vehicle: 'vehicle_registry',
};

let debtorSeq = 0;
/** A valid resident ID number nobody else in the test run has. */
export function newIdNumber(): string {
  debtorSeq = (debtorSeq + 1) % 1000;
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  return completeResidentId(`11010519${70 + Math.floor(Math.random() * 30)}01${day}${String(debtorSeq).padStart(3, '0')}`);
}

export interface Staff {
  token: string;
  id: string;
}

export interface Fixture {
  t: TestApp;
  clock: FakeClock;
  ctx: AppContext;
  fake: FakeInstitutions;
  worker: OutboxWorker;
  /** judge.wang and judge.li (朝阳, may approve), clerk.zhao (朝阳, may not), judge.chen (浦东, may approve). */
  wang: Staff;
  li: Staff;
  zhao: Staff;
  chen: Staff;
  callbackUrl: string;
  /** Files a case with one debtor; by judge.wang unless another judge is given. */
  /** A case with one debtor: a person (by `debtorIdNumber`, or a new one), or the company `debtorCompany` (its credit code returned as `debtorIdNumber`). */
  newCase(options?: { claim?: string; judge?: Staff; debtorIdNumber?: string; debtorCompany?: string }): Promise<{ id: string; caseNo: string; debtorIdNumber: string }>;
  /** An asset an inquiry found for the debtor, held by an institution of the right kind (which the fake then holds). */
  asset(debtorIdNumber: string, kind: AssetKind, values?: { balance?: string; indicativeValue?: string }): Promise<{ id: string; assetRef: string; code: string }>;
  order(caseId: string, body: Record<string, unknown>, who?: Staff): Promise<Response>;
  measuresOf(caseId: string, who?: Staff): Promise<{ items: Record<string, unknown>[]; limit: Record<string, string> }>;
  measure(caseId: string, measureId: string, who?: Staff): Promise<Record<string, unknown>>;
  /** Moves the clock on, and signs the staff in again (sessions last hours, the tests skip months). */
  advance(ms: number): Promise<void>;
  /** Delivers everything due in the outbox to the fake institutions and applies the replies. */
  deliver(): Promise<void>;
  snapshot(): Promise<unknown>;
  /** A socket.io client of the user that records every event. */
  listen(who: Staff): Promise<{ events: { event: string; payload: Record<string, unknown> }[]; waitFor(event: string, test?: (p: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>; close(): void }>;
  close(): Promise<void>;
}

/** `serveClient`: the app also serves the built client (for the browser tests); `env`: configuration overrides. */
export async function startFixture(options: { serveClient?: boolean; env?: Record<string, string> } = {}): Promise<Fixture> {
  const clock = new FakeClock(START);
  // The app's own worker stays off: these tests deliver to in-memory institutions with their own worker.
  const t = await startTestApp({ clock, workers: false, serveClient: options.serveClient, env: options.env });
  const ctx = t.app.ctx;
  const fake = new FakeInstitutions(clock, t.config.network.secret);
  const worker = new OutboxWorker({
    db: ctx.db,
    clock,
    logger: ctx.logger,
    adapter: fake,
    isManual: async () => false,
    onReply: measureReplyHandler(ctx),
    onInbox: async () => undefined,
  });
  const staff = async (username: string): Promise<Staff> => {
    const token = await tokenFor(t.url, username);
    const me = await request(t.url).get('/api/auth/me').set(bearer(token));
    return { token, id: me.body.user.id as string };
  };
  const [wang, li, zhao, chen] = await Promise.all(['judge.wang', 'judge.li', 'clerk.zhao', 'judge.chen'].map(staff));
  const institutions = await listInstitutions(ctx.db);
  const codeOf = (kind: AssetKind) => {
    const found = institutions.find((i) => i.kind === HOLDER[kind] && i.mode === 'auto') ?? institutions.find((i) => i.kind === HOLDER[kind]);
    if (!found) throw new Error(`no ${HOLDER[kind]} in the catalogue`);
    return found.code;
  };
  const sockets: Socket[] = [];
  const callbackUrl = `${t.url}/api/network/callbacks`;
  // Until the app mounts them itself, mount the module's routes on the app's router (the worker is driven below).
  const mounted = (path: string) => t.app.api.routes.some((r) => r.path === path);
  if (!mounted('/api/cases/:id/measures')) measureRoutes(t.app.api, ctx, { callbackUrl, kick: () => undefined });
  if (!mounted('/api/cases/:id/ledger')) ledgerRoutes(t.app.api, ctx);

  const fixture: Fixture = {
    t,
    clock,
    ctx,
    fake,
    worker,
    wang: wang!,
    li: li!,
    zhao: zhao!,
    chen: chen!,
    callbackUrl,
    async newCase(options = {}) {
      const judge = options.judge ?? fixture.wang;
      const debtorIdNumber = options.debtorCompany
        ? completeCreditCode(`91110105MA${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`)
        : (options.debtorIdNumber ?? newIdNumber());
      const res = await request(t.url)
        .post('/api/cases')
        .set(bearer(judge.token))
        .send({
          judgeId: judge.id,
          cause: '民间借贷纠纷',
          basis: '（2026）京0105民初100号民事判决书',
          claimAmount: options.claim ?? '100000.00',
          creditors: [{ kind: 'person', name: '张三', idNumber: newIdNumber() }],
          debtors: [options.debtorCompany ? { kind: 'organisation', name: options.debtorCompany, creditCode: debtorIdNumber } : { kind: 'person', name: '李四', idNumber: debtorIdNumber }],
        });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return { id: res.body.id as string, caseNo: res.body.caseNo as string, debtorIdNumber };
    },
    async asset(debtorIdNumber, kind, values = {}) {
      const code = codeOf(kind);
      const funds = ['deposit', 'payment_balance', 'housing_fund'].includes(kind);
      const balance = funds ? (values.balance ?? '10000.00') : null;
      const indicativeValue = funds ? null : (values.indicativeValue ?? null);
      const seeded = await seedAsset(ctx.db, { debtorIdNumber, institutionCode: code, kind, balance, indicativeValue });
      // Funds, securities and equity are frozen up to what they hold or are worth; real estate and vehicles seized.
      fake.hold(code, seeded.assetRef, kind === 'real_estate' || kind === 'vehicle' ? null : (balance ?? indicativeValue ?? '0'));
      return { ...seeded, code };
    },
    order: (caseId, body, who = fixture.wang) => request(t.url).post(`/api/cases/${caseId}/measures`).set(bearer(who.token)).send(body),
    async measuresOf(caseId, who = fixture.wang) {
      const res = await request(t.url).get(`/api/cases/${caseId}/measures`).set(bearer(who.token));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    },
    async measure(caseId, measureId, who) {
      const found = (await fixture.measuresOf(caseId, who)).items.find((m) => m.id === measureId);
      expect(found, `measure ${measureId}`).to.not.equal(undefined);
      return found!;
    },
    async advance(ms) {
      clock.advance(ms);
      const usernames: [Staff, string][] = [
        [fixture.wang, 'judge.wang'],
        [fixture.li, 'judge.li'],
        [fixture.zhao, 'clerk.zhao'],
        [fixture.chen, 'judge.chen'],
      ];
      for (const [who, username] of usernames) who.token = await tokenFor(t.url, username);
    },
    deliver: () => worker.drain(),
    async snapshot() {
      const db = ctx.db;
      const [audit] = await db.select({ n: count() }).from(auditLog);
      const [entries] = await db.select({ n: count() }).from(ledgerEntries);
      return {
        measures: await db.select().from(measures).orderBy(asc(measures.id)),
        deductions: await db.select().from(deductions).orderBy(asc(deductions.id)),
        outbox: await db.select({ id: outboxMessages.id, status: outboxMessages.status }).from(outboxMessages).orderBy(asc(outboxMessages.id)),
        audit: audit?.n,
        ledgerEntries: entries?.n,
        cases: await db.select({ id: enforcementCases.id, outstanding: enforcementCases.outstandingAmount }).from(enforcementCases).orderBy(asc(enforcementCases.id)),
      };
    },
    async listen(who) {
      const socket = connect(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: who.token } });
      sockets.push(socket);
      const events: { event: string; payload: Record<string, unknown> }[] = [];
      const waiters: (() => void)[] = [];
      socket.onAny((event: string, payload: Record<string, unknown>) => {
        events.push({ event, payload });
        waiters.splice(0).forEach((w) => w());
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('hello', () => resolve());
        socket.once('connect_error', reject);
      });
      return {
        events,
        close: () => socket.close(),
        waitFor: (event, test = () => true) =>
          new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no '${event}' within 5 s; got ${events.map((e) => e.event).join(', ')}`)), 5000);
            const check = () => {
              const hit = events.find((e) => e.event === event && test(e.payload));
              if (hit) {
                clearTimeout(timer);
                resolve(hit.payload);
              } else waiters.push(check);
            };
            check();
          }),
      };
    },
    async close() {
      for (const s of sockets) s.close();
      await worker.stop();
      await t.close();
    },
  };
  return fixture;
}
