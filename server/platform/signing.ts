/**
 * HMAC-SHA256 signatures over canonical JSON (RFC 8785) of a message without its `signature` field. Used for the
 * institution network (envelopes, replies, callbacks) and webhooks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { stableJson } from './canonical-json';

export { stableJson };

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

