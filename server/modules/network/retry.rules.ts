/** Exponential back-off with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). Pure. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before attempt `attempt + 1`, after `attempt` failures (attempt ≥ 1). `random` in [0, 1). */
export function backoffMs(attempt: number, policy: BackoffPolicy, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + (random * ceiling) / 2);
}
