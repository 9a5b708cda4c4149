/**
 * Query codes (查询码) and the back-off on wrong ones. Pure: the random bytes and the secret are passed in.
 *
 * A code is 12 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), about 59 bits, shown as
 * three groups of four. It is stored as HMAC-SHA256(app secret, case id + code): a leaked table gives neither the
 * codes nor a way to test guesses offline, and the same code opens no other case. A slow hash is not needed: the
 * entropy is high and online guessing is throttled below.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 12;

/** A code from random bytes (at least CODE_LENGTH of them); rejection sampling keeps every letter equally likely. */
export function codeFromBytes(bytes: Uint8Array): string | null {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    if (out.length === CODE_LENGTH) return formatCode(out);
  }
  return null;
}

export function formatCode(raw: string): string {
  return raw.match(/.{1,4}/g)!.join('-');
}

/** What a person typed, as the hash sees it: upper case, no spaces or dashes. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function hashCode(secret: string, caseId: string, code: string): string {
  return createHmac('sha256', secret).update(`query-code:${caseId}:${normaliseCode(code)}`).digest('hex');
}

/** Constant-time comparison of two hex hashes of the same length. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Back-off after wrong queries, the login throttle's model: the first FREE_FAILURES cost nothing, then each failure
 * locks the key for BASE_LOCK_MS doubled per further failure, up to MAX_LOCK_MS. One key per case number (guessing
 * one case's code from many addresses) and one per client address, with a higher allowance (many cases from one
 * address). A success clears the case number's key; failures more than a day apart start the count again.
 */
export const FREE_FAILURES = { case: 5, ip: 20 } as const;
export const BASE_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;
/** Failures older than this are forgotten: the count starts again. */
export const FAILURE_WINDOW_MS = 24 * 60 * 60_000;

export function lockDurationMs(failures: number, kind: keyof typeof FREE_FAILURES): number {
  const over = failures - FREE_FAILURES[kind];
  if (over < 0) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** over);
}
