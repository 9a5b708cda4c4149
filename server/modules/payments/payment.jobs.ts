import { schedule, type ScheduledTask } from 'node-cron';
import type { AppContext } from '../../platform/context';
import type { PaymentGateway } from './payment-gateway';
import { sendRefunds, type RefundRun } from './send-refunds';

/** The payment jobs (refunds and their 24-hour watch), safe to run twice and on several processes. */
export async function runPaymentJobs(ctx: AppContext, gateway: PaymentGateway, now: Date): Promise<RefundRun> {
  return sendRefunds(ctx, gateway, now);
}

/** Runs the payment jobs on a cron schedule (config JOBS_CRON), never two runs at once in this process. */
export function schedulePaymentJobs(ctx: AppContext, gateway: PaymentGateway, cronExpression: string): ScheduledTask {
  return schedule(
    cronExpression,
    async () => {
      try {
        const result = await runPaymentJobs(ctx, gateway, ctx.clock.now());
        if (result.refunded || result.failed || result.overdue) ctx.logger.info(result, 'payment jobs');
      } catch (err) {
        ctx.logger.error({ err }, 'payment jobs failed');
      }
    },
    { name: 'payment-jobs', noOverlap: true },
  );
}
