/** Webhook delivery of joint-punishment events: the retry schedule (pure). */

/** After this many failed attempts a delivery is given up (failed), about a day and a half after the first. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const BASE_MS = 5_000;
const MAX_MS = 6 * 3_600_000;

/** The wait before the next attempt after `attempts` failures (≥ 1): 5 s, 10 s, 20 s… doubling, at most 6 h. */
export function deliveryBackoffMs(attempts: number): number {
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}
