/**
 * A circuit breaker per institution: after `threshold` consecutive failures the institution is not called for
 * `cooldownMs` (doubling on each failed probe, up to maxCooldownMs); then one probe call is let through (half-open);
 * its success closes the circuit. A dead institution is thus not hammered, and a recovered one is noticed.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPolicy {
  threshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 5, cooldownMs: 5_000, maxCooldownMs: 60_000 };

export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private cooldown: number;
  private probing = false;

  constructor(
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {
    this.cooldown = policy.cooldownMs;
  }

  get state(): BreakerState {
    if (this.failures < this.policy.threshold) return 'closed';
    return this.now() >= this.openUntil ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open only one probe at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** When the next call may go out (ms epoch); 0 when closed. */
  retryAt(): number {
    return this.state === 'closed' ? 0 : this.openUntil;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this.cooldown = this.policy.cooldownMs;
  }

  failure(): void {
    const wasProbe = this.probing;
    this.probing = false;
    this.failures++;
    if (this.failures >= this.policy.threshold) {
      if (wasProbe) this.cooldown = Math.min(this.policy.maxCooldownMs, this.cooldown * 2);
      this.openUntil = this.now() + this.cooldown;
    }
  }
}

/** One breaker per institution code. */
export class Breakers {
  private readonly map = new Map<string, CircuitBreaker>();
  constructor(
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}
  for(code: string): CircuitBreaker {
    let b = this.map.get(code);
    if (!b) this.map.set(code, (b = new CircuitBreaker(this.policy, this.now)));
    return b;
  }
  openCodes(): string[] {
    return [...this.map.entries()].filter(([, b]) => b.state !== 'closed').map(([c]) => c);
  }
}
