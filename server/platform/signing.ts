/**
 * HMAC-SHA256 signatures over canonical JSON (RFC 8785) of a message without its `signature` field. Used for the
 * institution network (envelopes, replies, callbacks) and webhooks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signatureOf(secret: string, message: Record<string, unknown>): string {
  const { signature: _ignored, ...rest } = message;
  return createHmac('sha256', secret).update(stableJson(rest)).digest('hex');
}

export function sign<T extends Record<string, unknown>>(secret: string, message: Omit<T, 'signature'>): T {
  return { ...message, signature: signatureOf(secret, message) } as unknown as T;
}

export function verifySignature(secret: string, message: Record<string, unknown>): boolean {
  const given = message.signature;
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = Buffer.from(signatureOf(secret, message), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** Each institution's key, derived from the network secret: HMAC(networkSecret, institution code). */
export function institutionKey(networkSecret: string, institutionCode: string): string {
  return createHmac('sha256', networkSecret).update(`institution:${institutionCode}`).digest('hex');
}

/**
 * Canonical JSON: object keys sorted, no whitespace, primitives as JSON.stringify writes them. For the well-formed
 * JSON the edge admits this is RFC 8785's output, written without the per-character checks that made the library the
 * hottest function at thousands of signatures a second.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}
