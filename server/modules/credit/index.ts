/** The dishonest-debtor list (失信被执行人名单) and consumption restriction (限制消费): listing, terms, removal, corrections, restriction orders on their own, public search. */
export { creditRoutes } from './credit.routes';
export { listDebtor } from './list-debtor';
export { debtSatisfied } from './debt-satisfied';
export { runCreditJobs, scheduleCreditJobs, type CreditJobResult } from './credit.jobs';
export { holidayCalendar } from './holiday-calendar';
export { restrictionInForce } from './credit.store';
export { JointDeliveryWorker, DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './joint-delivery';
