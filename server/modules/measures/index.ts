/** Control measures (控): freeze, seize, renew, release, lapse, deduct; replies and callbacks; scheduled jobs. */
export { measureRoutes, type MeasureRouteDeps } from './measure.routes';
export { orderMeasure, type MeasureDeps } from './order-measure';
export { renewMeasure } from './renew-measure';
export { releaseAllOfCase, releaseMeasure } from './release-measure';
export { requestDeduction } from './request-deduction';
export { approveDeduction } from './approve-deduction';
export { declineDeduction } from './decline-deduction';
export { measureReplyHandler, applyReply, MEASURE_ORDER_TYPES } from './apply-reply';
export { measureCallbackHandler } from './apply-callback';
export { runMeasureJobs, scheduleMeasureJobs, type MeasureJobOptions } from './measure.jobs';
export { caseMeasures, caseDeductions, expiringMeasures } from './measure-queries';
export { measureById, measureFigures, measuresOfCase, type MeasureRow, type DeductionRow } from './measure.store';
