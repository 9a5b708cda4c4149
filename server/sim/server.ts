/**
 * The simulated institution network behind HTTP. Plain node:http rather than Express: every call is one small JSON
 * body in and out, and the benchmark drives thousands of calls a second through it, so there is no middleware to
 * pay for. Latency is a timer (never a busy wait); keep-alive connections are kept for a minute.
 *
 * Order of work for POST /institutions/:code/messages:
 *   404 unknown institution → 409 manual institution → 400 unreadable JSON → 401 unsigned → 400 invalid envelope →
 *   400 addressed to another institution → 401 bad signature →
 *   401 stale sentAt → 400 invalid body for its type → 503 outage → fault draw (timeout: hold, say nothing) →
 *   latency → 500 error or malformed 200 → execute once (or replay the kept reply) → 200 signed Reply.
 * Faults come before execution, so a retry of the same messageId can succeed and is executed once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { Bodies, Envelope } from '../../shared/institution-protocol';
import { institutionKey, verifySignature } from '../platform/signing';
import { buildCatalogue, type SimInstitution } from './catalogue';
import { SimBank, serveBank } from './bank';
import { CallbackSender, type CallbackStats } from './callbacks';
import { InquiryPlatformDesk } from './inquiry-platforms';
import { JointPunishmentDesk } from './joint-punishment';
import { MessageDesk } from './message-desk';
import { Network, type Promotion } from './network';
import { standardNormal } from './random';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  seed?: string;
  size?: number;
  networkSecret: string;
  /**
   * scale multiplies every drawn latency: 1 = realistic, 0 = answer at once (tests). maxMs caps any single latency
   * (after scaling) below the institutions' own caps (20–25 s), e.g. to keep a benchmark's long tail bounded.
   */
  latency?: { scale?: number; maxMs?: number };
  /** Errors, timeouts and malformed replies at each institution's rates; on by default. */
  faults?: boolean;
  clock?: () => Date;
  logger?: Logger;
  /** The uniform source for per-call draws (latency, faults); Math.random by default. */
  random?: () => number;
  /** How long a "timed out" request is held before its connection is dropped; 60 s by default. */
  timeoutHoldMs?: number;
  /** Pauses between attempts of a promotion callback. */
  callbackRetryDelaysMs?: readonly number[];
  /** How often in-force measures past their expiry are lapsed; 30 s by default. */
  expirySweepMs?: number;
  /** How many inquiry replies are kept for replays. */
  inquiryReplayLimit?: number;
  /** Where the platform is, for the joint-punishment checks and reports (also settable by POST /admin/platform). */
  platformUrl?: string;
}

export interface FaultRates {
  errorRate: number;
  timeoutRate: number;
  malformedRate: number;
}

export interface SimulatorStats {
  received: number;
  executed: number;
  replayed: number;
  conflicts: number;
  refused: Record<'badRequest' | 'badSignature' | 'stale' | 'manual' | 'outage', number>;
  faults: Record<'error' | 'timeout' | 'malformed', number>;
  callbacks: CallbackStats;
  books: { assets: number; measures: number; encumberedAssets: number };
  /** The longest latency drawn so far (ms, after scaling and capping); timeouts not included. */
  maxLatencyMs: number;
}

export interface Simulator {
  url: string;
  catalogue: SimInstitution[];
  close(): Promise<void>;
  setOutage(code: string, down: boolean): void;
  /** Overrides an institution's fault rates (e.g. to make one flaky in a test). */
  setFaults(code: string, rates: Partial<FaultRates>): void;
  /** Lapses the measures past their expiry now (the periodic sweep does it too); returns how many took effect. */
  expireDue(): number;
  stats(): SimulatorStats;
}

/** 5 minutes: a notice stamped earlier (or later, by a skewed clock) than this is refused as stale. */
export const MAX_SENT_AT_SKEW_MS = 5 * 60_000;
const MAX_BODY_BYTES = 1 << 20;

interface Live {
  institution: SimInstitution;
  key: string;
  down: boolean;
}

const OutageBody = z.object({ down: z.boolean() });
const Rate = z.number().min(0).max(1);
const FaultsBody = z.object({ errorRate: Rate.optional(), timeoutRate: Rate.optional(), malformedRate: Rate.optional() });
const PlatformUrlBody = z.object({ url: z.url() });
const PlatformHoursBody = z.object({ hours: z.number().min(0).max(24 * 365).nullable() });

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  if (!options.networkSecret) throw new Error('networkSecret is required');
  const seed = options.seed ?? 'zhixing-demo';
  const catalogue = buildCatalogue({ seed, size: options.size });
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const scale = options.latency?.scale ?? 1;
  const latencyCapMs = options.latency?.maxMs ?? Number.POSITIVE_INFINITY;
  const faultsOn = options.faults ?? true;
  const holdMs = options.timeoutHoldMs ?? 60_000;
  const logger = options.logger ?? pino({ level: 'warn', base: { app: 'zhixing-sim' } });

  const live = new Map<string, Live>(
    catalogue.map((i) => [i.code, { institution: { ...i, latency: { ...i.latency } }, key: institutionKey(options.networkSecret, i.code), down: false }]),
  );
  const keyOf = (code: string) => {
    const l = live.get(code);
    if (!l) throw new Error(`unknown institution ${code}`);
    return l.key;
  };
  const network = new Network(seed, catalogue);
  const desk = new MessageDesk(network, keyOf, { inquiryReplayLimit: options.inquiryReplayLimit });
  // The judicial online inquiry platforms (参考价 Art. 8–13) share the server: see inquiry-platforms.ts.
  const platforms = new InquiryPlatformDesk(seed, options.networkSecret);
  // The bank that collects deposits and prices (网拍 Art. 8(2), 17) shares the server too: see bank.ts.
  const bank = new SimBank({ networkSecret: options.networkSecret, clock, logger });
  // Joint punishment (一处失信，处处受限): registries and payment platforms check and report: see joint-punishment.ts.
  const joint = new JointPunishmentDesk(options.networkSecret, clock, (code) => live.get(code)?.institution, options.platformUrl);
  const callbacks = new CallbackSender({ keyOf, logger, clock, retryDelaysMs: options.callbackRetryDelaysMs });
  const notifyAll = (promotions: Promotion[]) => {
    if (promotions.length) setImmediate(() => promotions.forEach((p) => callbacks.notify(p)));
  };

  const stats = {
    received: 0,
    executed: 0,
    replayed: 0,
    conflicts: 0,
    refused: { badRequest: 0, badSignature: 0, stale: 0, manual: 0, outage: 0 },
    faults: { error: 0, timeout: 0, malformed: 0 },
    maxLatencyMs: 0,
  };
  const pending = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      pending.delete(t);
      fn();
    }, ms);
    pending.add(t);
    return t;
  };

  /** Log-normal around the institution's median, capped by its own maximum and the global cap. */
  function latencyMs(inst: SimInstitution): number {
    if (scale <= 0) return 0;
    const { medianMs, sigma, maxMs } = inst.latency;
    const ms = Math.min(latencyCapMs, Math.min(maxMs, medianMs * Math.exp(sigma * standardNormal(random))) * scale);
    if (ms > stats.maxLatencyMs) stats.maxLatencyMs = ms;
    return ms;
  }

  function onMessage(code: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const l = live.get(code);
    if (!l) return sendError(res, 404, 'UNKNOWN_INSTITUTION', `未知机构 ${code} / Unknown institution ${code}`);
    if (l.institution.mode === 'manual') {
      stats.refused.manual += 1;
      return sendError(res, 409, 'MANUAL_INSTITUTION', '该机构由人工在平台收件箱办理 / This institution answers by hand in the platform inbox');
    }
    readJson(req, res, (raw) => {
      stats.received += 1;
      const signature = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).signature : undefined;
      if (typeof signature !== 'string' || signature === '') {
        stats.refused.badSignature += 1;
        return sendError(res, 401, 'BAD_SIGNATURE', '报文未签名 / The message is not signed');
      }
      const parsed = Envelope.safeParse(raw);
      if (!parsed.success) {
        stats.refused.badRequest += 1;
        return sendJson(res, 400, { error: 'INVALID_ENVELOPE', message: 'Envelope does not match the protocol', issues: parsed.error.issues });
      }
      const env = parsed.data;
      if (env.institution !== code) {
        stats.refused.badRequest += 1;
        return sendError(res, 400, 'WRONG_INSTITUTION', `报文收件机构为 ${env.institution}，不是 ${code} / Addressed to ${env.institution}, not ${code}`);
      }
      if (!verifySignature(l.key, raw as Record<string, unknown>)) {
        stats.refused.badSignature += 1;
        return sendError(res, 401, 'BAD_SIGNATURE', '签名无效 / The signature is missing or does not match');
      }
      const now = clock();
      if (Math.abs(now.getTime() - new Date(env.sentAt).getTime()) > MAX_SENT_AT_SKEW_MS) {
        stats.refused.stale += 1;
        return sendError(res, 401, 'STALE', '报文时间与当前时间相差超过5分钟 / sentAt is more than 5 minutes from now');
      }
      const body = Bodies[env.type].safeParse(env.body);
      if (!body.success) {
        stats.refused.badRequest += 1;
        return sendJson(res, 400, { error: 'INVALID_BODY', message: `Body does not match a ${env.type} notice`, issues: body.error.issues });
      }
      if (l.down) {
        stats.refused.outage += 1;
        return sendOutage(res);
      }

      const { errorRate, timeoutRate, malformedRate } = l.institution;
      const roll = faultsOn ? random() : 1;
      if (roll < timeoutRate) {
        // Never answer: hold the request past any sensible client timeout, then drop the connection.
        stats.faults.timeout += 1;
        const t = later(holdMs, () => res.destroy());
        res.on('close', () => {
          clearTimeout(t);
          pending.delete(t);
        });
        return;
      }
      // After the latency. If the caller has given up meanwhile, the institution still does the work (send() then
      // writes nowhere), as a real one would: the retry will get the kept reply.
      const respond = () => {
        if (l.down) {
          stats.refused.outage += 1;
          return sendOutage(res);
        }
        if (roll < timeoutRate + errorRate) {
          stats.faults.error += 1;
          return sendError(res, 500, 'INTERNAL_ERROR', '核心系统繁忙，请稍后重试 / Core system busy, try again later');
        }
        if (roll < timeoutRate + errorRate + malformedRate) {
          stats.faults.malformed += 1;
          return sendMalformed(res, env.messageId, code, clock(), random());
        }
        const outcome = desk.handle(code, env, clock());
        if (outcome.kind === 'conflict') {
          stats.conflicts += 1;
          return send(res, 409, outcome.body);
        }
        if (outcome.replayed) stats.replayed += 1;
        else stats.executed += 1;
        send(res, 200, outcome.body);
        notifyAll(outcome.promotions);
      };
      const delay = latencyMs(l.institution);
      if (delay <= 0) respond();
      else later(delay, respond);
    });
  }

  function onRecords(code: string, url: URL, res: http.ServerResponse): void {
    const l = live.get(code);
    if (!l) return sendError(res, 404, 'UNKNOWN_INSTITUTION', `未知机构 ${code} / Unknown institution ${code}`);
    const idNumber = url.searchParams.get('idNumber')?.trim();
    if (!idNumber) return sendError(res, 400, 'ID_NUMBER_REQUIRED', '请提供证件号码 / idNumber is required');
    const { assets, promotions } = network.inquire(code, idNumber, clock());
    notifyAll(promotions);
    sendJson(res, 200, { institution: code, name: l.institution.name, idNumber, assets });
  }

  function publicView(l: Live) {
    return { ...l.institution, down: l.down };
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const parts = url.pathname.split('/').filter(Boolean).map(safeDecode);
    const method = req.method ?? 'GET';
    try {
      if (method === 'POST' && parts.length === 3 && parts[0] === 'institutions' && parts[2] === 'messages') {
        return onMessage(parts[1]!, req, res);
      }
      if (method === 'GET' && parts.length === 3 && parts[0] === 'institutions' && parts[2] === 'records') {
        return onRecords(parts[1]!, url, res);
      }
      if (method === 'GET' && parts.length === 2 && parts[0] === 'institutions') {
        const l = live.get(parts[1]!);
        return l ? sendJson(res, 200, publicView(l)) : sendError(res, 404, 'UNKNOWN_INSTITUTION', `Unknown institution ${parts[1]}`);
      }
      if (parts[0] === 'bank') {
        serveBank(bank, req, res, parts.slice(1)).catch((err: unknown) => {
          logger.error({ err, url: req.url }, 'bank request failed');
          if (!res.headersSent) sendError(res, 500, 'SIMULATOR_BUG', 'The simulated bank failed on this request');
        });
        return;
      }
      if (parts[0] === 'inquiry-platforms') {
        if (method === 'GET' && parts.length === 1) return sendJson(res, 200, platforms.listing());
        if (method === 'POST' && parts.length === 3 && (parts[2] === 'requests' || parts[2] === 'reports')) {
          const code = parts[1]!;
          return readJson(req, res, (raw) => {
            const answer = parts[2] === 'requests' ? platforms.commission(code, raw, clock()) : platforms.report(code, raw, clock());
            sendJson(res, answer.status, answer.body);
          });
        }
      }
      if (method === 'POST' && parts.length === 4 && parts[0] === 'admin' && parts[1] === 'inquiry-platforms' && parts[3] === 'hours') {
        return readJson(req, res, (raw) => {
          const body = PlatformHoursBody.safeParse(raw);
          if (!body.success) return sendError(res, 400, 'INVALID_BODY', 'Expected { "hours": number | null }');
          if (!platforms.setHours(parts[2]!, body.data.hours)) return sendError(res, 404, 'UNKNOWN_PLATFORM', `Unknown inquiry platform ${parts[2]}`);
          sendJson(res, 200, { code: parts[2], hours: body.data.hours });
        });
      }
      if (method === 'POST' && parts.length === 3 && ((parts[0] === 'registries' && parts[2] === 'transfers') || (parts[0] === 'payment-platforms' && parts[2] === 'purchases'))) {
        return readJson(req, res, (raw) => {
          const answer = parts[0] === 'registries' ? joint.transfer(parts[1]!, raw) : joint.purchase(parts[1]!, raw);
          answer
            .then((a) => sendJson(res, a.status, a.body))
            .catch((err: unknown) => {
              logger.error({ err, url: req.url }, 'joint-punishment request failed');
              sendError(res, 500, 'SIMULATOR_BUG', 'The simulator failed on this request');
            });
        });
      }
      if (method === 'POST' && parts.length === 2 && parts[0] === 'admin' && parts[1] === 'platform') {
        return readJson(req, res, (raw) => {
          const body = PlatformUrlBody.safeParse(raw);
          if (!body.success) return sendError(res, 400, 'INVALID_BODY', 'Expected { "url": "http://…" }');
          joint.platformUrl = body.data.url.replace(/\/+$/, '');
          sendJson(res, 200, { url: joint.platformUrl });
        });
      }
      if (method === 'GET' && parts.length === 1 && parts[0] === 'catalogue') {
        return sendJson(res, 200, { size: live.size, institutions: [...live.values()].map(publicView) });
      }
      if (method === 'GET' && parts.length === 1 && parts[0] === 'stats') {
        return sendJson(res, 200, snapshot());
      }
      if (method === 'GET' && parts.length === 1 && parts[0] === 'health') {
        return sendJson(res, 200, { status: 'ok', institutions: live.size });
      }
      if (method === 'POST' && parts.length === 4 && parts[0] === 'admin' && parts[1] === 'institutions') {
        const l = live.get(parts[2]!);
        if (!l) return sendError(res, 404, 'UNKNOWN_INSTITUTION', `Unknown institution ${parts[2]}`);
        if (parts[3] === 'outage') {
          return readJson(req, res, (raw) => {
            const body = OutageBody.safeParse(raw);
            if (!body.success) return sendError(res, 400, 'INVALID_BODY', 'Expected { "down": boolean }');
            l.down = body.data.down;
            logger.info({ institution: l.institution.code, down: l.down }, 'outage switched');
            sendJson(res, 200, { code: l.institution.code, down: l.down });
          });
        }
        if (parts[3] === 'faults') {
          return readJson(req, res, (raw) => {
            const body = FaultsBody.safeParse(raw);
            if (!body.success) return sendError(res, 400, 'INVALID_BODY', 'Expected { errorRate?, timeoutRate?, malformedRate? } each in [0, 1]');
            Object.assign(l.institution, body.data);
            sendJson(res, 200, publicView(l));
          });
        }
      }
      sendError(res, 404, 'NOT_FOUND', `No route ${method} ${url.pathname}`);
    } catch (err) {
      logger.error({ err, url: req.url }, 'simulator request failed');
      if (!res.headersSent) sendError(res, 500, 'SIMULATOR_BUG', 'The simulator failed on this request');
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0; // held "timeout" requests outlive the default
  server.maxRequestsPerSocket = 0;

  function snapshot(): SimulatorStats {
    return {
      ...stats,
      refused: { ...stats.refused },
      faults: { ...stats.faults },
      callbacks: { ...callbacks.stats },
      books: network.size(),
    };
  }

  const sweepMs = options.expirySweepMs ?? 30_000;
  const runSweep = () => {
    const promotions = network.expireDue(clock());
    notifyAll(promotions);
    return promotions.length;
  };
  const sweep = setInterval(runSweep, sweepMs);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  logger.info({ url, institutions: catalogue.length, seed }, 'institution network simulator listening');

  const find = (code: string): Live => {
    const l = live.get(code);
    if (!l) throw new RangeError(`unknown institution ${code}`);
    return l;
  };

  return {
    url,
    catalogue,
    setOutage(code, down) {
      find(code).down = down;
    },
    setFaults(code, rates) {
      Object.assign(find(code).institution, FaultsBody.parse(rates));
    },
    expireDue: runSweep,
    stats: snapshot,
    async close() {
      clearInterval(sweep);
      for (const t of pending) clearTimeout(t);
      pending.clear();
      callbacks.close();
      bank.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function readJson(req: http.IncomingMessage, res: http.ServerResponse, then: (body: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      if (!tooLarge) sendError(res, 413, 'TOO_LARGE', 'Body over 1 MB');
      tooLarge = true;
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (tooLarge) return;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return sendError(res, 400, 'BAD_JSON', 'The body is not JSON');
    }
    then(body);
  });
}

function send(res: http.ServerResponse, status: number, body: string, contentType = 'application/json; charset=utf-8'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value));
}

function sendError(res: http.ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

function sendOutage(res: http.ServerResponse): void {
  sendError(res, 503, 'OUTAGE', '机构系统维护中，暂停服务 / The institution is down for maintenance');
}

/** A 200 that a careful client must not trust: cut-off JSON, a reply missing fields, or a proxy's HTML page. */
function sendMalformed(res: http.ServerResponse, messageId: string, code: string, now: Date, draw: number): void {
  if (draw < 0.4) {
    send(res, 200, `{"messageId":"${messageId}","institution":"${code}","status":"answ`);
  } else if (draw < 0.8) {
    sendJson(res, 200, { messageId, institution: code, repliedAt: now.toISOString() });
  } else {
    send(res, 200, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html; charset=utf-8');
  }
}
