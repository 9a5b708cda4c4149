/** Valuation (确定财产处置参考价): the methods in their legal order, the inquiry platforms, objections, validity. */
export { currentReferencePrice, referencePriceOfValuation, type ReferencePrice } from './reference-price';
export { mayProceedOnReferencePrice, inForce as referencePriceInForce } from './valuation.rules';
export { valuationRoutes } from './valuation.routes';
export type { ValuationDeps } from './run-flow';
export type { InquiryPlatform, InquiryPlatformDirectory } from './inquiry-platform';
export { HttpInquiryPlatform, HttpInquiryPlatformDirectory } from './http-inquiry-platform';
export { runValuationJobs, scheduleValuationJobs } from './valuation.jobs';
