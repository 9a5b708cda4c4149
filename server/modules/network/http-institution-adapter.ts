import type { Reply } from '../../../shared/institution-protocol';
import { Reply as ReplySchema } from '../../../shared/institution-protocol';
import type { Clock } from '../../platform/clock';
import { institutionKey, sign, verifySignature } from '../../platform/signing';
import { Breakers } from './circuit-breaker';
import { postJson, TimeoutError } from './http-post';
import { DeliveryError, type InstitutionAdapter, type MessageMeta } from './institution-adapter';
import type { Journal } from './journal';
import { backoffMs, type BackoffPolicy } from './retry.rules';

export interface HttpAdapterOptions {
  /** Base URL of an institution's endpoint, e.g. `${networkUrl}/institutions/${code}`. */
  endpointOf: (institution: string) => string;
  networkSecret: string;
  clock: Clock;
  journal: Journal;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts within one call, with back-off between them. */
  attempts: number;
  backoff: BackoffPolicy;
  breakers?: Breakers;
  random?: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The HTTP adapter: builds the envelope, signs it with the institution's key, POSTs it with a timeout, verifies the
 * signed reply, retries transient failures with exponential back-off and jitter, keeps one circuit breaker per
 * institution, and journals every request and reply.
 */
export class HttpInstitutionAdapter implements InstitutionAdapter {
  readonly breakers: Breakers;
  private readonly random: () => number;

  constructor(private readonly options: HttpAdapterOptions) {
    this.breakers = options.breakers ?? new Breakers(undefined, () => options.clock.nowMs());
    this.random = options.random ?? Math.random;
  }

  inquire: InstitutionAdapter['inquire'] = (code, meta, body) => this.send(code, 'inquiry', meta, body);
  freeze: InstitutionAdapter['freeze'] = (code, meta, body) => this.send(code, 'freeze', meta, body);
  seize: InstitutionAdapter['seize'] = (code, meta, body) => this.send(code, 'seize', meta, body);
  renew: InstitutionAdapter['renew'] = (code, meta, body) => this.send(code, 'renew', meta, body);
  release: InstitutionAdapter['release'] = (code, meta, body) => this.send(code, 'release', meta, body);
  lapse: InstitutionAdapter['lapse'] = (code, meta, body) => this.send(code, 'lapse', meta, body);
  deduct: InstitutionAdapter['deduct'] = (code, meta, body) => this.send(code, 'deduct', meta, body);

  /** Sends one message type with retries; resolves with the verified reply or throws the last DeliveryError. */
  async send(code: string, type: string, meta: MessageMeta, body: object): Promise<Reply> {
    let last: DeliveryError | undefined;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        return await this.attempt(code, type, meta, body, attempt);
      } catch (err) {
        last = err instanceof DeliveryError ? err : new DeliveryError('network', String((err as Error)?.message ?? err), true);
        if (!last.retryable || attempt === this.options.attempts) break;
        const wait = last.failure === 'circuit_open' && last.retryAt ? Math.max(0, last.retryAt - this.options.clock.nowMs()) : 0;
        await sleep(Math.max(wait, backoffMs(attempt, this.options.backoff, this.random())));
      }
    }
    throw last!;
  }

  private async attempt(code: string, type: string, meta: MessageMeta, body: object, attempt: number): Promise<Reply> {
    const breaker = this.breakers.for(code);
    if (!breaker.allow()) {
      throw new DeliveryError('circuit_open', `${code}: circuit open after repeated failures`, true, breaker.retryAt());
    }
    const key = institutionKey(this.options.networkSecret, code);
    const envelope = sign<Record<string, unknown>>(key, {
      messageId: meta.messageId,
      correlationId: meta.correlationId,
      type,
      institution: code,
      court: meta.court,
      official: meta.official,
      caseNo: meta.caseNo,
      sentAt: this.options.clock.now().toISOString(),
      callbackUrl: meta.callbackUrl,
      body,
    });
    const journalBase = { caseId: meta.caseId, messageId: meta.messageId, correlationId: meta.correlationId, institutionCode: code, type, attempt };
    this.options.journal.record({ ...journalBase, at: this.options.clock.now(), direction: 'request', payload: envelope });
    const started = performance.now();
    const fail = (err: DeliveryError, httpStatus?: number, payload?: unknown): never => {
      // A manual institution or an unknown one is not a sign of ill health.
      if (err.failure !== 'manual' && err.failure !== 'unknown_institution') breaker.failure();
      else breaker.success();
      this.options.journal.record({
        ...journalBase,
        at: this.options.clock.now(),
        // Handing a message to a manual institution's inbox is the expected path, not a fault.
        direction: err.failure === 'manual' ? 'handoff' : 'error',
        httpStatus: httpStatus ?? null,
        durationMs: Math.round(performance.now() - started),
        error: `${err.failure}: ${err.message}`,
        payload: payload ?? null,
      });
      throw err;
    };

    let res;
    try {
      res = await postJson(`${this.options.endpointOf(code)}/messages`, envelope, this.options.timeoutMs);
    } catch (err) {
      if (err instanceof TimeoutError) return fail(new DeliveryError('timeout', `${code}: ${err.message}`, true));
      return fail(new DeliveryError('network', `${code}: ${(err as Error).message}`, true));
    }
    if (res.status === 409 && res.text.includes('MANUAL_INSTITUTION')) {
      return fail(new DeliveryError('manual', `${code} answers by hand`, false), res.status);
    }
    if (res.status === 404) return fail(new DeliveryError('unknown_institution', `${code} is not on the network`, false), res.status);
    if (res.status !== 200) return fail(new DeliveryError('http', `${code}: HTTP ${res.status}`, res.status >= 500 || res.status === 429 || res.status === 401), res.status, res.text.slice(0, 500));
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      return fail(new DeliveryError('malformed', `${code}: the reply is not JSON`, true), res.status, res.text.slice(0, 500));
    }
    const parsed = ReplySchema.safeParse(json);
    if (!parsed.success || parsed.data.messageId !== meta.messageId) {
      return fail(new DeliveryError('malformed', `${code}: the reply does not follow the protocol`, true), res.status, json);
    }
    if (!verifySignature(key, json as Record<string, unknown>)) {
      return fail(new DeliveryError('bad_signature', `${code}: the reply's signature is not valid`, true), res.status, json);
    }
    breaker.success();
    this.options.journal.record({
      ...journalBase,
      at: this.options.clock.now(),
      direction: 'reply',
      httpStatus: res.status,
      durationMs: Math.round(performance.now() - started),
      payload: json,
    });
    return parsed.data;
  }
}
