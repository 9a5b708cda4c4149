/** Closing a case: 执行完毕, 终结本次执行程序 (终本) with its conditions and re-checks, 恢复执行. */
export { closingRoutes } from './closing.routes';
export { closeSatisfied, SATISFIED_RELEASE_REASON } from './close-satisfied';
export { terminateCase } from './terminate-case';
export { restoreCase } from './restore-case';
export { recordInterview } from './record-interview';
export { runClosingJobs, scheduleClosingJobs, type ClosingJobDeps } from './closing.jobs';
export type { ClosingDeps, CreditPort, RecheckInquiry } from './closing.ports';
