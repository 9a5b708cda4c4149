/**
 * Back-off after repeated failed logins. The first FREE_FAILURES failures cost nothing; after that each failure locks
 * the key for BASE_LOCK_MS doubled per further failure, up to MAX_LOCK_MS. Keys: one per user name (guessing one
 * account's password) and one per client address with a higher allowance (spraying many accounts).
 */
export const FREE_FAILURES = { user: 5, ip: 20 } as const;
export const BASE_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;

export function lockDurationMs(failures: number, kind: keyof typeof FREE_FAILURES): number {
  const over = failures - FREE_FAILURES[kind];
  if (over < 0) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** over);
}
