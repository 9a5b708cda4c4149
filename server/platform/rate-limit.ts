/**
 * Token buckets by key, in memory: `take(key)` allows `perSecond` on average with bursts up to the same number, and
 * says how long to wait when the bucket is empty. Per process (a limit on what one connection or one user sends to
 * this process); buckets idle for a minute are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(
    private readonly perSecond: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: 0 when allowed, else the milliseconds until one is free. */
  take(key: string): number {
    const now = this.nowMs();
    this.sweep(now);
    const burst = Math.max(1, this.perSecond);
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(key);
  }
}
