/** Payments through the bank (deposits, balances, full prices) and their refunds, each a ledger transaction. */
export { type PaymentGateway, type VerifiedNotification, GatewayError } from './payment-gateway';
export { HttpPaymentGateway } from './http-payment-gateway';
export { recordPayment, openAtBank, type PaymentOrder, type PaymentDeps } from './open-payment';
export { receivePaymentNotification, type PaidHandler } from './receive-payment-notification';
export { requestRefund, sendRefunds, type RefundRun } from './send-refunds';
export { paymentRoutes } from './payment.routes';
export { toPaymentView } from './payment-view';
export { paymentById, paymentByRef, paymentsByRefs, refundsOfPayments, type PaymentRow, type RefundRow } from './payment.store';
export type { PaymentPurpose } from './payment.tables';
