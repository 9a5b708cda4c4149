/** Helpers for the simulator's tests: signed envelopes as the platform would send them, and a callback receiver. */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Envelope, MessageType } from '../../shared/institution-protocol';
import { institutionKey, sign } from '../../server/platform/signing';

export const NETWORK_SECRET = 'test-network-secret-0123456789abcdef';
export const silentLogger = pino({ level: 'silent' });

export const CHAOYANG = { code: '京0105', name: '北京市朝阳区人民法院' };
export const PUDONG = { code: '沪0115', name: '上海市浦东新区人民法院' };
export const HAIDIAN = { code: '京0108', name: '北京市海淀区人民法院' };

export const LI_QIANG = { kind: 'person' as const, name: '李强', idNumber: '110105198209031537' };
export const HUANG_YONG = { kind: 'person' as const, name: '黄勇', idNumber: '310115199109092513' };

export interface EnvelopeInput {
  institution: string;
  type: MessageType;
  body: Record<string, unknown>;
  now: Date;
  court?: { code: string; name: string };
  caseNo?: string;
  callbackUrl?: string | null;
  messageId?: string;
  correlationId?: string;
  secret?: string;
}

/** A signed envelope, as the platform's adapter builds it. */
export function envelope(input: EnvelopeInput): Envelope {
  const court = input.court ?? CHAOYANG;
  return sign<Envelope>(institutionKey(input.secret ?? NETWORK_SECRET, input.institution), {
    messageId: input.messageId ?? randomUUID(),
    correlationId: input.correlationId ?? `corr-${randomUUID().slice(0, 8)}`,
    type: input.type,
    institution: input.institution,
    court,
    official: { id: 'u-judge-wang', name: '王建国' },
    caseNo: input.caseNo ?? `（2026）${court.code}执1号`,
    sentAt: input.now.toISOString(),
    callbackUrl: input.callbackUrl ?? null,
    body: input.body,
  });
}

export interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

/** POSTs a message to an institution of the simulator. */
export async function post(url: string, code: string, message: unknown, signal?: AbortSignal): Promise<Answer> {
  const res = await fetch(`${url}/institutions/${encodeURIComponent(code)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof message === 'string' ? message : JSON.stringify(message),
    signal,
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // malformed on purpose in some tests
  }
  return { status: res.status, text, json };
}

export const inFuture = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

/** A small HTTP server standing in for the platform's callback endpoint. */
export class CallbackReceiver {
  /** Callbacks accepted (204). */
  readonly received: Record<string, unknown>[] = [];
  /** Every delivery attempt, refused ones included. */
  readonly attempts: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.attempts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      if (this.failNext > 0) {
        this.failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      this.received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(204).end();
      this.waiters.splice(0).forEach((w) => w());
    });
  });
  /** Answer 503 to this many deliveries first. */
  failNext = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/network/callbacks`;
    return this;
  }

  /** Resolves once `count` callbacks have arrived (or rejects after `ms`). */
  async waitFor(count: number, ms = 5_000): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + ms;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} callbacks, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
