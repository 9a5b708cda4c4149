import { WebhookAck, type WebhookDelivery } from '../../../shared/schemas/joint';
import type { AppContext } from '../../platform/context';
import { institutionKey, sign, verifySignature } from '../../platform/signing';
import { deliveryBackoffMs, MAX_DELIVERY_ATTEMPTS } from './joint.rules';
import { claimDueDeliveries, finishDelivery, type DeliveryRow } from './joint.store';

export interface DeliveryOptions {
  /** How often the worker looks for due deliveries (real time). */
  pollMs: number;
  /** How long one attempt holds a delivery against other workers. */
  leaseMs: number;
  timeoutMs: number;
  batch: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { pollMs: 1_000, leaseMs: 60_000, timeoutMs: 5_000, batch: 50 };

/**
 * Delivers joint-punishment events to subscribed institutions: a POST signed with the institution's key (field
 * `signature` and header `x-zhixing-signature`), retried with exponential back-off (5 s doubling, 10 attempts). A
 * delivery counts only when the receiver answers 2xx with a signed acknowledgement of that very delivery under its
 * own key; no ack, an unsigned or forged one, or one for another delivery is refused and the event is sent again.
 * Due deliveries are leased, so several processes may run the worker; receivers deduplicate by `deliveryId`.
 */
export class JointDeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce().catch((err: unknown) => this.ctx.logger.error({ err }, 'joint delivery run failed')), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass over the due deliveries; answers how many were delivered. Runs are not overlapped within a process. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.ctx.clock.now();
    const due = await claimDueDeliveries(this.ctx.db, now, new Date(now.getTime() + this.options.leaseMs), this.options.batch);
    const results = await Promise.all(due.map((d) => this.attempt(d)));
    return results.filter(Boolean).length;
  }

  private async attempt(row: DeliveryRow): Promise<boolean> {
    const key = institutionKey(this.ctx.config.network.secret, row.institutionCode);
    const message = sign<WebhookDelivery>(key, {
      ...(row.payload as Omit<WebhookDelivery, 'deliveryId' | 'sentAt' | 'attempt' | 'signature'>),
      deliveryId: row.id,
      sentAt: this.ctx.clock.now().toISOString(),
      attempt: row.attempts,
    });
    let error: string;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zhixing-signature': message.signature },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) error = `HTTP ${res.status}`;
      else error = ackProblem(text, row, key) ?? '';
    } catch (err) {
      error = (err as Error).message;
    }
    const now = this.ctx.clock.now();
    if (!error) {
      await finishDelivery(this.ctx.db, row.id, { status: 'delivered', deliveredAt: now, lastError: null });
      return true;
    }
    const gaveUp = row.attempts >= MAX_DELIVERY_ATTEMPTS;
    await finishDelivery(this.ctx.db, row.id, {
      status: gaveUp ? 'failed' : 'pending',
      nextAttemptAt: new Date(now.getTime() + deliveryBackoffMs(row.attempts)),
      lastError: error.slice(0, 500),
    });
    this.ctx.logger.warn({ deliveryId: row.id, institution: row.institutionCode, attempt: row.attempts, error, gaveUp }, 'joint-punishment webhook not acknowledged');
    return false;
  }
}

/** Why an answer is not a valid acknowledgement of this delivery, or null when it is. */
function ackProblem(text: string, row: DeliveryRow, key: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'no acknowledgement (the answer is not JSON)';
  }
  const ack = WebhookAck.safeParse(body);
  if (!ack.success) return 'no acknowledgement (the answer is not an Ack)';
  if (!verifySignature(key, body as Record<string, unknown>)) return 'acknowledgement refused: the signature is not valid';
  if (ack.data.deliveryId !== row.id || ack.data.institution !== row.institutionCode) return 'acknowledgement refused: it is for another delivery';
  return null;
}
