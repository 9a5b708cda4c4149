/** The institution side: notices for institutions whose operators answer by hand. */
export { inboxRoutes, type InboxRouteDeps } from './inbox.routes';
export { receiveOrder, receiveInquiry } from './receive-notice';
export { WebhookNotifier } from './webhook-notifier';
