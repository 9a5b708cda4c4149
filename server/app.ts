/**
 * Composition root: builds the HTTP server, socket.io, the context every use case receives, and mounts each module's
 * routes. It owns nothing else.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express from 'express';
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
import { attachRealtime, type RealtimeServer } from './platform/realtime';
import { accountRoutes, resolveSession, SESSION_COOKIE, SimulatedIdentityVerifier, type IdentityVerifier } from './modules/accounts';
import { auditRoutes } from './modules/audit';
import { caseRoutes } from './modules/cases';
import { courtRoutes } from './modules/courts';
import { institutionRoutes } from './modules/institutions';
import { InquiryService, inquiryRoutes } from './modules/inquiry';
import { HttpInstitutionAdapter, Journal } from './modules/network';
import { receiveInquiry, WebhookNotifier } from './modules/inbox';

export interface AppOptions {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  identityVerifier?: IdentityVerifier;
  /** Base URL of the institution network (the simulator by default). */
  networkUrl: string;
}

export interface App {
  ctx: AppContext;
  api: Api;
  http: HttpServer;
  realtime: RealtimeServer;
  inquiry: InquiryService;
  journal: Journal;
  adapter: HttpInstitutionAdapter;
  /** Starts the background work (resuming inquiries, delivery, scheduled jobs). */
  startWorkers(): Promise<void>;
  /** Starts listening; resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Graceful stop: no new connections, in-flight requests finish, then socket.io and the database close. */
  close(): Promise<void>;
}

const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client/dist');

export async function createApp(options: AppOptions): Promise<App> {
  const { config, database, clock, logger } = options;
  const http = createServer();
  const ctxRef: { ctx?: AppContext } = {};
  const realtime = await attachRealtime(http, {
    redisUrl: config.redisUrl,
    logger,
    cookieName: SESSION_COOKIE,
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

  const api = new Api();
  systemRoutes(api, ctx);
  accountRoutes(api, ctx);
  courtRoutes(api, ctx);
  caseRoutes(api, ctx);
  auditRoutes(api, ctx);
  institutionRoutes(api, ctx);
  inquiryRoutes(api, ctx, inquiry);

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
  http.on('request', app);

  return {
    ctx,
    api,
    http,
    realtime,
    inquiry,
    journal,
    adapter,
    startWorkers: async () => {
      await inquiry.runner.resumeAll();
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const address = http.address() as AddressInfo;
          resolve(`http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${address.port}`);
        });
      }),
    close: async () => {
      draining = true;
      const closed = realtime.close(); // also stops the HTTP server from accepting
      http.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
      http.closeAllConnections();
      await closed;
      await inquiry.runner.stop();
      await journal.flush();
    },
  };
}
