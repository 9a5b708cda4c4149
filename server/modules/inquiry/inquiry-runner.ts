import type { Asset } from '../../../shared/institution-protocol';
import { add, formatMoney } from '../../../shared/money';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordAudit } from '../audit';
import { DeliveryError, type InstitutionAdapter, type MessageMeta } from '../network';
import { applyResults, completeIfSettled, inquiryById, pendingTargets, runningInquiries, type InquiryRow, type TargetResult, type TargetRow } from './inquiry.store';
import { toProgress } from './inquiry-view';

export interface RunnerOptions {
  /** Calls in flight at once, across all inquiries of this process. */
  concurrency: number;
  /** How often answers are written and progress is pushed. */
  flushMs: number;
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
 * batches. Runs in the process that started the inquiry; on start every process resumes the inquiries left running
 * (each target keeps its message id, so an institution asked twice answers the same).
 */
export class InquiryRunner {
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

  /** Starts asking every pending target of the inquiry; resolves when the inquiry is settled. */
  run(inquiry: InquiryRow, targets: TargetRow[], ctx: InquiryContext): Promise<void> {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.done.set(inquiry.id, { resolve, promise });
    this.buffers.set(inquiry.id, { inquiry, ctx, results: [] });
    const debtor = { kind: inquiry.debtorKind, name: inquiry.debtorName, idNumber: inquiry.debtorIdNumber };
    for (const target of targets) {
      void this.limited(async () => {
        if (this.stopping) return;
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
    const inquiry = await inquiryById(this.app.db, inquiryId);
    if (!inquiry) return;
    if (!this.buffers.has(inquiryId)) this.buffers.set(inquiryId, { inquiry, ctx: await this.contextOf(inquiry), results: [] });
    this.push(inquiryId, result);
    await this.flush(inquiryId);
  }

  /** Picks up the inquiries a previous process left running. */
  async resumeAll(): Promise<void> {
    for (const inquiry of await runningInquiries(this.app.db)) {
      if (this.buffers.has(inquiry.id)) continue;
      const targets = await pendingTargets(this.app.db, inquiry.id);
      void this.run(inquiry, targets, await this.contextOf(inquiry));
    }
  }

  /** Resolves when the inquiry has settled (tests, the benchmark). */
  settled(inquiryId: string): Promise<void> {
    return this.done.get(inquiryId)?.promise ?? Promise.resolve();
  }

  /** Stops sending new calls and writes what has arrived. Pending targets are resumed by the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.queue = [];
    this.head = 0;
    await Promise.all([...this.buffers.keys()].map((id) => this.flush(id)));
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
      this.done.get(inquiryId)?.resolve();
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
