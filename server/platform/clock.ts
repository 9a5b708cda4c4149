/**
 * The only way code reads the time (ARCHITECTURE invariant 3). Production uses the system clock;
 * tests use FakeClock and advance it.
 */
export interface Clock {
  now(): Date;
  /** Milliseconds since the epoch. */
  nowMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowMs: () => Date.now(),
};

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  private ms: number;
  constructor(start: Date | string | number = '2026-11-25T08:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  nowMs(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(to: Date | string | number): void {
    this.ms = new Date(to).getTime();
  }
}
