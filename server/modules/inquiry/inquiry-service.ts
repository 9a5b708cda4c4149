import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { userById } from '../accounts';
import { caseById } from '../cases';
import { courtById } from '../courts';
import type { InstitutionAdapter, Journal } from '../network';
import { InquiryRunner, type InquiryContext, type RunnerOptions } from './inquiry-runner';
import type { InquiryRow, TargetRow } from './inquiry.store';
import { startInquiry, type StartInquiryInput } from './start-inquiry';

/** Inquiries: start one, run it, resume the ones a previous process left. */
export class InquiryService {
  readonly runner: InquiryRunner;

  constructor(
    private readonly ctx: AppContext,
    adapter: InstitutionAdapter,
    private readonly journal: Journal,
    options: RunnerOptions,
    private readonly toInbox?: (inquiry: InquiryRow, target: TargetRow, ctx: InquiryContext) => Promise<void>,
  ) {
    this.runner = new InquiryRunner(ctx, adapter, options, (inquiry) => this.contextOf(inquiry));
  }

  async start(actor: Actor, caseId: string, input: StartInquiryInput, options: { afterTermination?: boolean } = {}): Promise<InquiryRow> {
    const { inquiry, targets } = await startInquiry(this.ctx, actor, caseId, input, this.runner.lease(), options);
    void this.runner.run(inquiry, targets, await this.contextOf(inquiry));
    return inquiry;
  }

  flushJournal(): Promise<void> {
    return this.journal.flush();
  }

  private async contextOf(inquiry: InquiryRow): Promise<InquiryContext> {
    const theCase = (await caseById(this.ctx.db, inquiry.caseId))!;
    const court = (await courtById(this.ctx.db, theCase.courtId))!;
    const official = await userById(this.ctx.db, inquiry.requestedBy);
    return {
      caseNo: theCase.caseNo,
      court: { code: court.code, name: court.name },
      official: { id: inquiry.requestedBy, name: official?.displayName ?? '' },
      notify: [`court:${theCase.courtId}`],
      toInbox: this.toInbox,
    };
  }
}
