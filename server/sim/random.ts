/**
 * A seeded pseudo-random source: SHA-256 of the parts gives 128 bits of state for sfc32 (a small, fast, well-mixed
 * generator). The same parts always give the same sequence, so catalogues and holdings are reproducible from a seed
 * without storing them. Not for anything secret.
 */
import { createHash } from 'node:crypto';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...parts: string[]) {
    const digest = createHash('sha256').update(parts.join('\u001f')).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    // Warm up so that close seeds diverge fully.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    // sfc32
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A string of n decimal digits (leading zeros allowed unless noLeadingZero). */
  digits(n: number, noLeadingZero = false): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(i === 0 && noLeadingZero ? this.int(1, 9) : this.int(0, 9));
    return out;
  }

  /** Characters drawn from an alphabet. */
  chars(n: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return standardNormal(() => this.next());
  }

  /** Log-normal with the given median and shape. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** A standard normal draw from any uniform source. */
export function standardNormal(uniform: () => number): number {
  const u = 1 - uniform(); // (0, 1]
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
