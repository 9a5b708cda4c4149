/** One canonical JSON for everything that is hashed or signed (audit chain, network messages, webhooks). */

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
