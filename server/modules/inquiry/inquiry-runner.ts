import type { Asset } from '../../../shared/institution-protocol';
import { add, formatMoney } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordAudit } from '../audit';
import { DeliveryError, type InstitutionAdapter, type MessageMeta } from '../network';
import { randomUUID } from 'node:crypto';
import {
  applyResults,
  claimOrphanedInquiries,
  completeIfSettled,
  inquiryById,
  pendingTargets,
  releaseInquiryLeases,
  renewInquiryLeases,
  type InquiryRow,
  type TargetResult,
  type TargetRow,
} from './inquiry.store';
import { toProgress } from './inquiry-view';

export interface RunnerOptions {
  /** Calls in flight at once, across all inquiries of this process. */
  concurrency: number;
  /** How often answers are written and progress is pushed. */
  flushMs: number;
  /** How long a process holds an inquiry without renewing; renewed every third of it. Default 30 s. */
  leaseMs?: number;
}

export interface InquiryContext {
  caseNo: string;
  court: { code: string; name: string };
  official: { id: string; name: string };
  /** Rooms told of progress: the staff of the case's court. */
  notify: string[];
  /** Hands a target at a manual institution to that institution's inbox; the target stays pending until answered. */
  toInbox?: (inquiry: InquiryRow, target: TargetRow, ctx: InquiryContext) => Promise<void>;
}

/**
 * Fans an inquiry out to its institutions with bounded concurrency and records the answers as they arrive, in
 * batches. The process that started an inquiry holds a lease on it and renews it while it runs; when a process stops
 * (given back) or dies (not renewed), another takes the inquiry over and asks the institutions still pending (each
 * target keeps its message id, so an institution asked twice answers the same).
 */
export class InquiryRunner {
  /** This process's runner, as recorded on the inquiries it holds. */
  readonly id = randomUUID();
  private leaseTimer: NodeJS.Timeout | undefined;
  /** Inquiries another process took over after this one failed to renew in time: no more calls for them here. */
  private readonly lost = new Set<string>();
  private active = 0;
  /** Waiting calls; `head` moves instead of shift(), which is O(n) on a queue of 80,000. */
  private queue: (() => void)[] = [];
  private head = 0;
  private readonly buffers = new Map<string, { inquiry: InquiryRow; ctx: InquiryContext; results: TargetResult[]; timer?: NodeJS.Timeout }>();
  private readonly done = new Map<string, { resolve: () => void; promise: Promise<void> }>();
  private stopping = false;

  constructor(
    private readonly app: AppContext,
    private readonly adapter: InstitutionAdapter,
    private readonly options: RunnerOptions,
    private readonly contextOf: (inquiry: InquiryRow) => Promise<InquiryContext>,
  ) {}

  /** Starts asking every pending target of the inquiry (whose lease this runner holds); resolves when it is settled. */
  run(inquiry: InquiryRow, targets: TargetRow[], ctx: InquiryContext): Promise<void> {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.done.set(inquiry.id, { resolve, promise });
    this.buffers.set(inquiry.id, { inquiry, ctx, results: [] });
    const debtor = { kind: inquiry.debtorKind, name: inquiry.debtorName, idNumber: inquiry.debtorIdNumber };
    for (const target of targets) {
      void this.limited(async () => {
        if (this.stopping || this.lost.has(inquiry.id)) return;
        const meta: MessageMeta = {
          messageId: target.messageId,
          correlationId: `inquiry:${inquiry.id}`,
          caseId: inquiry.caseId,
          caseNo: ctx.caseNo,
          court: ctx.court,
          official: ctx.official,
          callbackUrl: null,
        };
        try {
          const reply = await this.adapter.inquire(target.institutionCode, meta, { debtor });
          const assets: Asset[] = reply.status === 'answered' ? (reply.assets ?? []) : [];
          this.push(inquiry.id, {
            institutionCode: target.institutionCode,
            status: reply.status === 'answered' ? 'answered' : 'failed',
            assets,
            error: reply.status === 'answered' ? null : (reply.reason ?? 'rejected'),
            balance: formatMoney(add(...assets.map((a) => a.balance ?? '0'))),
          });
        } catch (err) {
          if (err instanceof DeliveryError && err.failure === 'manual' && ctx.toInbox) {
            await ctx.toInbox(inquiry, target, ctx);
            return;
          }
          const failure = err instanceof DeliveryError ? err.failure : 'network';
          this.push(inquiry.id, {
            institutionCode: target.institutionCode,
            status: failure === 'timeout' ? 'timed_out' : 'failed',
            assets: [],
            error: (err as Error).message,
            balance: '0.00',
          });
        }
      });
    }
    if (targets.length === 0) void this.flush(inquiry.id);
    return promise;
  }

  /** Records an answer that arrived another way (an operator's reply in the inbox). */
  async answer(inquiryId: string, result: TargetResult): Promise<void> {
    if (!this.buffers.has(inquiryId)) {
      const inquiry = await inquiryById(this.app.db, inquiryId);
      if (!inquiry) return;
      this.buffers.set(inquiryId, { inquiry, ctx: await this.contextOf(inquiry), results: [] });
    }
    this.push(inquiryId, result);
    await this.flush(inquiryId);
    // Recorded on behalf of whichever process runs the inquiry: nothing more to keep here.
    if (!this.done.has(inquiryId)) this.buffers.delete(inquiryId);
  }

  /** The lease a new inquiry starts with, held by this runner. */
  lease(): { runnerId: string; leaseUntil: Date } {
    return { runnerId: this.id, leaseUntil: new Date(this.app.clock.nowMs() + this.leaseMs) };
  }

  /** Takes over the inquiries no process holds, then keeps renewing this runner's leases and watching for orphans. */
  async resumeAll(): Promise<void> {
    await this.takeOrphans();
    this.leaseTimer ??= setInterval(() => void this.tick().catch((err) => this.app.logger.error({ err }, 'inquiry lease upkeep failed')), this.leaseMs / 3);
    this.leaseTimer.unref();
  }

  /** One round of upkeep: renew this runner's leases, drop the ones lost, take over orphans. */
  async tick(): Promise<void> {
    if (this.stopping) return;
    const mine = [...this.buffers.keys()].filter((id) => !this.lost.has(id));
    const held = await renewInquiryLeases(this.app.db, this.id, mine, this.lease().leaseUntil);
    for (const id of mine) {
      if (held.has(id)) continue;
      this.lost.add(id);
      this.app.logger.warn({ inquiryId: id }, 'another process took this inquiry over; answers still arriving here are recorded, no new calls are made');
    }
    await this.takeOrphans();
  }

  private async takeOrphans(): Promise<void> {
    const now = this.app.clock.now();
    for (const inquiry of await claimOrphanedInquiries(this.app.db, this.id, now, this.lease().leaseUntil)) {
      this.lost.delete(inquiry.id);
      const targets = await pendingTargets(this.app.db, inquiry.id);
      this.app.logger.info({ inquiryId: inquiry.id, pending: targets.length }, 'taking over a running inquiry');
      void this.run(inquiry, targets, await this.contextOf(inquiry));
    }
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 30_000;
  }

  /** Resolves when the inquiry has settled (tests, the benchmark). */
  settled(inquiryId: string): Promise<void> {
    return this.done.get(inquiryId)?.promise ?? Promise.resolve();
  }

  /** Stops sending new calls and writes what has arrived. Pending targets are resumed by the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.queue = [];
    this.head = 0;
    await Promise.all([...this.buffers.keys()].map((id) => this.flush(id)));
    await releaseInquiryLeases(this.app.db, this.id);
  }

  private push(inquiryId: string, result: TargetResult): void {
    const buffer = this.buffers.get(inquiryId);
    if (!buffer) return;
    buffer.results.push(result);
    buffer.timer ??= setTimeout(() => void this.flush(inquiryId), this.options.flushMs);
  }

  private flushing = new Map<string, Promise<void>>();

  private flush(inquiryId: string): Promise<void> {
    const previous = this.flushing.get(inquiryId) ?? Promise.resolve();
    const next = previous.then(() => this.flushNow(inquiryId)).catch((err) => this.app.logger.error({ err, inquiryId }, 'recording inquiry answers failed'));
    this.flushing.set(inquiryId, next);
    return next;
  }

  private async flushNow(inquiryId: string): Promise<void> {
    const buffer = this.buffers.get(inquiryId);
    if (!buffer) return;
    if (buffer.timer) clearTimeout(buffer.timer);
    buffer.timer = undefined;
    const results = buffer.results.splice(0);
    const { db, clock } = this.app;
    const outcome = await db.transaction(async (tx) => {
      const row = results.length ? await applyResults(tx, buffer.inquiry, results, clock.now()) : ((await inquiryById(tx, inquiryId))!);
      const completed = await completeIfSettled(tx, inquiryId, clock.now());
      if (completed) {
        await recordAudit(tx, clock, { ...SYSTEM_ACTOR }, {
          action: 'inquiry.completed',
          entityType: 'inquiry',
          entityId: inquiryId,
          caseId: row.caseId,
          data: { debtor: row.debtorName, total: row.total, answered: row.answered, failed: row.failed, timedOut: row.timedOut, assetsFound: row.assetsFound, balanceFound: row.balanceFound },
        });
      }
      return { row: completed ? { ...row, status: 'completed' as const, completedAt: clock.now() } : row, completed };
    });
    buffer.inquiry = outcome.row;
    const progress = toProgress(outcome.row);
    for (const room of buffer.ctx.notify) this.app.realtime.toRoom(room, 'inquiry.progress', progress);
    if (outcome.completed) {
      this.buffers.delete(inquiryId);
      this.lost.delete(inquiryId);
      this.done.get(inquiryId)?.resolve();
      this.done.delete(inquiryId);
    }
  }

  private next(): void {
    if (this.head >= this.queue.length) return;
    const go = this.queue[this.head]!;
    this.queue[this.head++] = undefined as never;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    go();
  }

  private limited(task: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      const go = () => {
        this.active++;
        task()
          .catch((err) => this.app.logger.error({ err }, 'inquiry call failed unexpectedly'))
          .finally(() => {
            this.active--;
            this.next();
            resolve();
          });
      };
      if (this.active < this.options.concurrency) go();
      else this.queue.push(go);
    });
  }
}
