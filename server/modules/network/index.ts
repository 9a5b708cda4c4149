/** Talking to the institution network: the adapter, the outbox and its worker, the journal, callbacks. */
export { DeliveryError, type InstitutionAdapter, type MessageMeta, type Debtor } from './institution-adapter';
export { HttpInstitutionAdapter, type HttpAdapterOptions } from './http-institution-adapter';
export { Journal } from './journal';
export { OutboxWorker, DEFAULT_OUTBOX_OPTIONS, type ReplyHandler, type InboxHandler, type AfterCommit } from './outbox-worker';
export { insertOutbox, outboxById, completeFromInbox, pendingCount, type OutboxRow, type OutboxEnvelope } from './outbox.store';
export { Breakers, CircuitBreaker } from './circuit-breaker';
export { journalOfCase, type JournalRow } from './journal.store';
export { networkRoutes } from './network.routes';
export { type CallbackHandler } from './receive-callback';
export { syncCatalogue, InstitutionModes } from './catalogue-sync';
