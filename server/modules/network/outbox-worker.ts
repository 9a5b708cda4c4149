import type { Reply } from '../../../shared/institution-protocol';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Logger } from '../../platform/logger';
import { DeliveryError, type InstitutionAdapter } from './institution-adapter';
import { claimDue, markDelivered, markInbox, scheduleRetry, type OutboxEnvelope, type OutboxRow } from './outbox.store';
import { backoffMs, type BackoffPolicy } from './retry.rules';

/** Runs after the transaction that recorded a reply commits (e.g. to push an event to the judge). */
export type AfterCommit = () => void;
/** Applies an institution's reply to the order's state, inside the transaction that marks the message delivered. */
export type ReplyHandler = (tx: Db, message: OutboxRow, reply: Reply) => Promise<AfterCommit | void>;
/** Puts a message for a manual institution into its operators' inbox, inside the transaction that marks it so. */
export type InboxHandler = (tx: Db, message: OutboxRow) => Promise<AfterCommit | void>;

export interface OutboxWorkerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  adapter: InstitutionAdapter;
  isManual: (institutionCode: string) => Promise<boolean>;
  onReply: ReplyHandler;
  onInbox: InboxHandler;
}

export interface OutboxWorkerOptions {
  batch: number;
  leaseMs: number;
  pollMs: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = { batch: 50, leaseMs: 120_000, pollMs: 500, backoff: { baseMs: 2_000, maxMs: 10 * 60_000 } };

/**
 * Delivers the outbox. A message is claimed under a lease, sent (the adapter retries quickly inside one call), and
 * its reply applied and the message marked delivered in one transaction. If the worker dies at any point the lease
 * runs out and the message is sent again with the same message id; the institution answers the repeat with its
 * first reply and executes nothing twice, and `markDelivered` applies a reply only once.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private again = false;

  constructor(
    private readonly deps: OutboxWorkerDeps,
    private readonly options: OutboxWorkerOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Looks for work now (called after an order commits). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Delivers everything due now, then resolves (tests, shutdown). */
  async drain(): Promise<void> {
    await this.running;
    while ((await this.tick()) > 0) {
      /* keep going */
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err) => this.deps.logger.error({ err }, 'outbox tick failed'))
        .then(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.again ? 0 : this.options.pollMs);
          this.again = false;
        });
    }, ms);
    this.timer.unref();
  }

  /** One round: claim a batch and deliver it. Returns how many were claimed. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    const batch = await claimDue(this.deps.db, now, new Date(now.getTime() + this.options.leaseMs), this.options.batch);
    await Promise.all(batch.map((m) => this.deliver(m)));
    return batch.length;
  }

  private async deliver(message: OutboxRow): Promise<void> {
    const { db, clock } = this.deps;
    try {
      if (await this.deps.isManual(message.institutionCode)) {
        const after = await db.transaction(async (tx) => ((await markInbox(tx, message.id)) ? this.deps.onInbox(tx, message) : undefined));
        after?.();
        return;
      }
      const reply = await send(this.deps.adapter, message);
      const after = await db.transaction(async (tx) => ((await markDelivered(tx, message.id, reply, clock.now())) ? this.deps.onReply(tx, message, reply) : undefined));
      after?.();
    } catch (err) {
      const delivery = err instanceof DeliveryError ? err : undefined;
      if (!delivery) this.deps.logger.error({ err, messageId: message.id }, 'outbox delivery failed unexpectedly');
      const wait = backoffMs(message.attempts, this.options.backoff, Math.random());
      const at = Math.max(clock.nowMs() + wait, delivery?.retryAt ?? 0);
      await scheduleRetry(db, message.id, new Date(at), delivery ? `${delivery.failure}: ${delivery.message}` : String(err));
    }
  }
}

function send(adapter: InstitutionAdapter, message: OutboxRow): Promise<Reply> {
  const { meta, body } = message.envelope as OutboxEnvelope;
  const code = message.institutionCode;
  const b = body as never;
  switch (message.type) {
    case 'freeze':
      return adapter.freeze(code, meta, b);
    case 'seize':
      return adapter.seize(code, meta, b);
    case 'renew':
      return adapter.renew(code, meta, b);
    case 'release':
      return adapter.release(code, meta, b);
    case 'lapse':
      return adapter.lapse(code, meta, b);
    case 'deduct':
      return adapter.deduct(code, meta, b);
    default:
      return Promise.reject(new DeliveryError('malformed', `unknown order type ${message.type}`, false));
  }
}
