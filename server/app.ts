/**
 * Composition root: builds the HTTP server, socket.io, the context every use case receives, and mounts each module's
 * routes. It owns nothing else.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { AppContext } from './platform/context';
import type { Database } from './platform/db/database';
import { Api } from './platform/http/api';
import { apiNotFound, errorHandler } from './platform/http/errors.middleware';
import { systemRoutes } from './platform/http/system.routes';
import type { Logger } from './platform/logger';
import { LIVE_NAMESPACE } from '../shared/live-auction';
import type { ScheduledJob } from './platform/jobs';
import { attachRealtime, type RealtimeServer } from './platform/realtime';
import { accountRoutes, resolveSession, SESSION_COOKIE, SimulatedIdentityVerifier, type IdentityVerifier } from './modules/accounts';
import { auditRoutes } from './modules/audit';
import { caseRoutes } from './modules/cases';
import { courtRoutes } from './modules/courts';
import { institutionRoutes } from './modules/institutions';
import { InquiryService, inquiryRoutes } from './modules/inquiry';
import { HttpInstitutionAdapter, InstitutionModes, Journal, networkRoutes, OutboxWorker } from './modules/network';
import { inboxRoutes, receiveInquiry, receiveOrder, WebhookNotifier } from './modules/inbox';
import { ledgerRoutes } from './modules/ledger';
import { measureCallbackHandler, measureReplyHandler, measureRoutes, scheduleMeasureJobs } from './modules/measures';
import { attachLiveRoom, auctionPaymentHandler, auctionRoutes, BidEngine, biddingRoutes, isPublicAuctionRoom, LiveTimers, scheduleAuctionJobs, scheduleBiddingJobs, SimulatedPurchaseEligibility, type PurchaseEligibility } from './modules/auctions';
import { paymentRoutes, type PaymentGateway } from './modules/payments';
import { HttpInquiryPlatformDirectory, scheduleValuationJobs, valuationRoutes } from './modules/valuation';
import { creditRoutes, debtSatisfied, JointDeliveryWorker, restrictionInForce, scheduleCreditJobs } from './modules/credit';
import { closingRoutes, scheduleClosingJobs, type ClosingDeps } from './modules/closing';
import { Asset } from '../shared/institution-protocol';
import { z } from 'zod';
import { transparencyRoutes } from './modules/transparency';
import { petitionProgressOf, petitionRoutes, schedulePetitionJobs } from './modules/petitions';
import { figuresRoutes } from './modules/figures';

export interface AppOptions {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  identityVerifier?: IdentityVerifier;
  /** Base URL of the institution network (the simulator by default). */
  networkUrl: string;
  /** The bank deposits, balances and full prices are paid through (the simulator's by default; see bootstrap). */
  paymentGateway: PaymentGateway;
  /** The real-estate purchase-restriction check (竞买资格); simulated by default. */
  purchaseEligibility?: PurchaseEligibility;
  /** Start delivery, jobs and inquiry recovery when listening (default true; some tests drive them by hand). */
  workers?: boolean;
}

export interface App {
  ctx: AppContext;
  api: Api;
  http: HttpServer;
  realtime: RealtimeServer;
  inquiry: InquiryService;
  journal: Journal;
  adapter: HttpInstitutionAdapter;
  outbox: OutboxWorker;
  /** The bank (tests drive the refund job with it). */
  payments: PaymentGateway;
  /** Joint-punishment webhook deliveries (tests drive `runOnce`). */
  jointDeliveries: JointDeliveryWorker;
  /** The Express application (behind the HTTP server's listener, which socket.io wraps). */
  express: Express;
  /** Starts the background work (resuming inquiries, delivery, scheduled jobs); `listen` does it unless workers is false. */
  startWorkers(): Promise<void>;
  /** Starts listening, then the background work; resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Graceful stop: no new connections, in-flight requests finish, then socket.io and the database close. */
  close(): Promise<void>;
}

const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client/dist');

export async function createApp(options: AppOptions): Promise<App> {
  const { config, database, clock, logger } = options;
  // Express is set as the request handler once built; socket.io, attached below, wraps this listener and takes the
  // /socket.io/ requests before Express sees them (adding Express as a second listener would answer them twice).
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const http = createServer((req, res) => handle(req, res));
  const ctxRef: { ctx?: AppContext } = {};
  const realtime = await attachRealtime(http, {
    redisUrl: config.redisUrl,
    logger,
    cookieName: SESSION_COOKIE,
    publicNamespace: LIVE_NAMESPACE,
    publicRoom: isPublicAuctionRoom,
    authenticate: async (token) => (await resolveSession(ctxRef.ctx!, token))?.actor ?? null,
  });
  const ctx: AppContext = {
    config,
    db: database.db,
    dbKind: database.kind,
    clock,
    logger,
    realtime,
    identityVerifier: options.identityVerifier ?? new SimulatedIdentityVerifier(),
  };
  ctxRef.ctx = ctx;

  const journal = new Journal(database.db, logger);
  const adapter = new HttpInstitutionAdapter({
    endpointOf: (code) => `${options.networkUrl}/institutions/${encodeURIComponent(code)}`,
    networkSecret: config.network.secret,
    clock,
    journal,
    timeoutMs: config.network.timeoutMs,
    attempts: config.network.attempts,
    backoff: { baseMs: 300, maxMs: 3_000 },
  });
  const webhooks = new WebhookNotifier(config.network.secret, clock, logger);
  // An inquiry to an institution that answers by hand waits in that institution's inbox.
  const inquiry = new InquiryService(ctx, adapter, journal, { concurrency: config.network.inquiryConcurrency, flushMs: 250 }, async (row, target, meta) =>
    receiveInquiry(ctx, webhooks, {
      messageId: target.messageId,
      inquiryId: row.id,
      institutionCode: target.institutionCode,
      caseId: row.caseId,
      caseNo: meta.caseNo,
      courtName: meta.court.name,
      officialName: meta.official.name,
      debtor: { kind: row.debtorKind, name: row.debtorName, idNumber: row.debtorIdNumber },
    }),
  );

  // Orders (freeze, seize, renew, release, lapse, deduct) go through the transactional outbox; replies are applied
  // by the measures module, for automatic institutions by the worker and for manual ones from the operator's inbox.
  const modes = new InstitutionModes(database.db);
  await modes.refresh();
  const onReply = measureReplyHandler(ctx);
  const outbox = new OutboxWorker({
    db: database.db,
    clock,
    logger,
    adapter,
    isManual: async (code) => modes.isManual(code),
    onReply,
    onInbox: (tx, message) => receiveOrder(ctx, webhooks, tx, message),
  });
  let baseUrl = config.publicUrl ?? '';
  const orders = {
    // Institutions report later events here; the address is known once the server listens (or from PUBLIC_URL).
    get callbackUrl() {
      return `${baseUrl}/api/network/callbacks`;
    },
    kick: () => outbox.kick(),
  };
  const recordsOf = async (code: string, idNumber: string) => {
    const res = await fetch(`${options.networkUrl}/institutions/${encodeURIComponent(code)}/records?idNumber=${encodeURIComponent(idNumber)}`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`records answered HTTP ${res.status}`);
    return z.object({ assets: z.array(Asset) }).parse(await res.json()).assets;
  };

  const api = new Api();
  systemRoutes(api, ctx);
  accountRoutes(api, ctx);
  courtRoutes(api, ctx);
  caseRoutes(api, ctx);
  auditRoutes(api, ctx);
  institutionRoutes(api, ctx);
  inquiryRoutes(api, ctx, inquiry);
  measureRoutes(api, ctx, orders);
  // The judicial online inquiry platforms (参考价 Art. 8) are on the same network as the institutions.
  const valuation = { platforms: new HttpInquiryPlatformDirectory({ networkUrl: options.networkUrl, networkSecret: config.network.secret, clock, timeoutMs: config.network.timeoutMs }) };
  valuationRoutes(api, ctx, valuation);
  ledgerRoutes(api, ctx);
  auctionRoutes(api, ctx);
  creditRoutes(api, ctx);
  const jointDeliveries = new JointDeliveryWorker(ctx);
  // Registration, deposits, bids and the sale; the bank notifies payments at /api/payments/callbacks.
  const bidding = {
    eligibility: options.purchaseEligibility ?? new SimulatedPurchaseEligibility(),
    payments: {
      gateway: options.paymentGateway,
      get notifyUrl() {
        return `${baseUrl}/api/payments/callbacks`;
      },
    },
  };
  // Live bidding: every bid goes through the engine, from the room (socket.io) or from POST /api/auctions/:id/bids.
  const engine = new BidEngine(ctx, { bidRatePerSec: config.bidRatePerSec });
  const timers = new LiveTimers(ctx);
  engine.onEndsAt = (auctionId, endsAt) => timers.arm(auctionId, endsAt);
  const liveRoom = attachLiveRoom(ctx, realtime.publicNs, engine, { bidRatePerSec: config.bidRatePerSec, clustered: Boolean(config.redisUrl) });
  biddingRoutes(api, ctx, { ...bidding, engine });
  paymentRoutes(api, ctx, { gateway: options.paymentGateway, onPaid: auctionPaymentHandler(ctx) });
  networkRoutes(api, ctx, { journal, onCallback: measureCallbackHandler(ctx) });
  // Closing a case (执行完毕, 终本, 恢复执行): satisfied takes the debtor off the dishonest list (失信 Art. 10), and a
  // termination needs a consumption restriction in force (终本规定 Art. 1 (二)), both from the credit module.
  const closing: ClosingDeps = {
    credit: { onSatisfied: async (tx, caseId) => void (await debtSatisfied(ctx, tx, caseId)), restrictionInForce },
    measures: {
      get callbackUrl() {
        return orders.callbackUrl;
      },
    },
    kick: orders.kick,
  };
  closingRoutes(api, ctx, closing);
  inboxRoutes(api, ctx, { onReply, answerInquiry: (inquiryId, result) => inquiry.runner.answer(inquiryId, result), recordsOf });
  // Transparency for the parties (query codes, the party view) and petitions (信访).
  transparencyRoutes(api, ctx, { petitionsOf: petitionProgressOf });
  petitionRoutes(api, ctx);
  // The courts' quality figures (执行质效), read from the other modules.
  figuresRoutes(api, ctx);
  let jobs: ScheduledJob | undefined;
  let valuationJobs: ScheduledJob | undefined;
  let auctionJobs: ScheduledJob | undefined;
  let biddingJobs: ScheduledJob | undefined;
  let creditJobs: ScheduledJob | undefined;
  let petitionJobs: ScheduledJob | undefined;
  let closingJobs: ScheduledJob | undefined;
  const startWorkers = async () => {
    if (jobs) return;
    await modes.refresh();
    outbox.start();
    jobs = scheduleMeasureJobs(ctx, config.jobsCron, { reminderDays: config.measureReminderDays, callbackUrl: orders.callbackUrl, kick: orders.kick });
    valuationJobs = scheduleValuationJobs(ctx, valuation, config.jobsCron);
    auctionJobs = scheduleAuctionJobs(ctx, config.jobsCron, { afterRun: () => timers.armDue() });
    await timers.armDue();
    biddingJobs = scheduleBiddingJobs(ctx, options.paymentGateway, config.jobsCron);
    creditJobs = scheduleCreditJobs(ctx, config.jobsCron);
    jointDeliveries.start();
    petitionJobs = schedulePetitionJobs(ctx, config.jobsCron);
    // The re-checks after termination start their inquiries through the same service as the inquiry routes.
    closingJobs = scheduleClosingJobs(ctx, { inquiry }, config.jobsCron);
    await inquiry.runner.resumeAll();
  };

  let inFlight = 0;
  let draining = false;
  const idle: (() => void)[] = [];
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', true);
  app.use((req, res, next) => {
    if (draining) {
      res.setHeader('Connection', 'close');
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: '服务正在停止 / The server is shutting down' } });
      return;
    }
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) idle.splice(0).forEach((f) => f());
    });
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.use(cookieParser());
  app.use('/api', express.json({ limit: '100kb', strict: true }));
  app.use('/api', async (req, _res, next) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? (req.cookies?.[SESSION_COOKIE] as string | undefined);
    if (token) {
      const session = await resolveSession(ctx, token);
      if (session) {
        req.actor = session.actor;
        req.sessionTokenHash = session.tokenHash;
      }
    }
    next();
  });
  app.use(api.router);
  app.use('/api', apiNotFound);
  if (config.serveClient && existsSync(CLIENT_DIST)) {
    app.use(express.static(CLIENT_DIST, { index: false, maxAge: '1h' }));
    // The client routes in the browser: every other GET gets index.html.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(path.join(CLIENT_DIST, 'index.html')));
  }
  app.use(errorHandler);
  handle = app;

  return {
    ctx,
    api,
    http,
    realtime,
    inquiry,
    journal,
    adapter,
    outbox,
    payments: options.paymentGateway,
    jointDeliveries,
    express: app,
    startWorkers,
    listen: async (port, host) => {
      const url = await new Promise<string>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo;
          const url = `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${address.port}`;
          if (!config.publicUrl) baseUrl = `http://127.0.0.1:${address.port}`;
          resolve(url);
        });
      });
      if (options.workers !== false) await startWorkers();
      return url;
    },
    close: async () => {
      draining = true;
      const closed = realtime.close(); // also stops the HTTP server from accepting
      http.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
      http.closeAllConnections();
      await closed;
      // The scheduled jobs stop, each after its run in progress, before the database goes.
      timers.stop();
      liveRoom.stop();
      await Promise.all([jobs?.stop(), valuationJobs?.stop(), auctionJobs?.stop(), biddingJobs?.stop(), creditJobs?.stop(), petitionJobs?.stop(), closingJobs?.stop()]);
      await outbox.stop();
      await jointDeliveries.stop();
      await inquiry.runner.stop();
      await journal.flush();
    },
  };
}
