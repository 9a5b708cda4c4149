/**
 * Tells a court that its queued measure took effect (查扣冻 26): a signed Callback POSTed to the callbackUrl of the
 * notice that placed the measure. Retried with growing pauses on a network error or a non-2xx answer; the messageId
 * stays the same across attempts (so the platform can de-duplicate) while sentAt and the signature are renewed.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Callback } from '../../shared/institution-protocol';
import { sign } from '../platform/signing';
import type { Promotion } from './network';

export interface CallbackSenderOptions {
  keyOf: (code: string) => string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  clock: () => Date;
  /** Pauses before the 2nd, 3rd… attempt. */
  retryDelaysMs?: readonly number[];
  /** Per-attempt timeout. */
  attemptTimeoutMs?: number;
}

export interface CallbackStats {
  sent: number;
  failedAttempts: number;
  abandoned: number;
}

export class CallbackSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;
  private readonly retryDelaysMs: readonly number[];
  private readonly attemptTimeoutMs: number;
  readonly stats: CallbackStats = { sent: 0, failedAttempts: 0, abandoned: 0 };

  constructor(private readonly options: CallbackSenderOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000];
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  }

  /** Queues the notification of a promotion; measures of courts outside the platform (no callbackUrl) are skipped. */
  notify(p: Promotion): void {
    if (!p.callbackUrl || this.closed) return;
    const messageId = randomUUID();
    void this.attempt(p, p.callbackUrl, messageId, 0);
  }

  private async attempt(p: Promotion, url: string, messageId: string, n: number): Promise<void> {
    if (this.closed) return;
    const callback = sign<Callback>(this.options.keyOf(p.institution), {
      messageId,
      correlationId: p.correlationId ?? p.measureRef,
      institution: p.institution,
      type: 'promoted',
      sentAt: this.options.clock().toISOString(),
      measureRef: p.measureRef,
      rank: p.rank,
      frozenAmount: p.frozenAmount === null ? null : p.frozenAmount.toFixed(2),
      effectiveUntil: p.effectiveUntil.toISOString(),
    });
    const abort = new AbortController();
    this.inFlight.add(abort);
    const timeout = setTimeout(() => abort.abort(), this.attemptTimeoutMs);
    let problem: string | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(callback),
        signal: abort.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) problem = `HTTP ${res.status}`;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(abort);
    }
    if (this.closed) return;
    if (!problem) {
      this.stats.sent += 1;
      this.options.logger.info({ institution: p.institution, measureRef: p.measureRef, url, attempt: n + 1 }, 'promotion callback delivered');
      return;
    }
    this.stats.failedAttempts += 1;
    const delay = this.retryDelaysMs[n];
    if (delay === undefined) {
      this.stats.abandoned += 1;
      this.options.logger.error({ institution: p.institution, measureRef: p.measureRef, url, attempts: n + 1, problem }, 'promotion callback abandoned');
      return;
    }
    this.options.logger.warn({ institution: p.institution, measureRef: p.measureRef, url, attempt: n + 1, problem, retryInMs: delay }, 'promotion callback failed');
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(p, url, messageId, n + 1);
    }, delay);
    this.timers.add(timer);
  }

  /** Stops retrying and aborts the attempts in flight. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const a of this.inFlight) a.abort();
    this.inFlight.clear();
  }
}
