/**
 * Scheduled jobs (node-cron), one place for how they run: never two runs of one job at once in a process, a failure
 * logged and retried by the next run, and a stop that waits for the run in progress, so that a shutdown does not close
 * the database under a job. The jobs themselves are idempotent (any process may run them, any number of times).
 */
import { schedule } from 'node-cron';
import type { Logger } from './logger';

export interface ScheduledJob {
  /** No more runs; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

export function scheduleJob(name: string, cronExpression: string, logger: Logger, run: () => Promise<void>): ScheduledJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const task = schedule(
    cronExpression,
    async () => {
      if (stopped) return;
      running = run()
        .catch((err: unknown) => logger.error({ err }, `${name} failed`))
        .finally(() => {
          running = null;
        });
      await running;
    },
    { name, noOverlap: true },
  );
  return {
    stop: async () => {
      stopped = true;
      await task.stop();
      await running;
    },
  };
}
