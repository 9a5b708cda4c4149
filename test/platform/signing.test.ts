import { expect } from 'chai';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { institutionKey, sign, stableJson, verifySignature } from '../../server/platform/signing';

describe('message signatures', () => {
  it('writes the same canonical JSON as RFC 8785 for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => stableJson(v) === canonicalize(v)), { numRuns: 2000 });
  });

  it('when any field of a signed message changes, then the signature no longer verifies', () => {
    const key = institutionKey('network-secret-0123456789-0123456789', 'B-ICBC');
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }), fc.string(), (message, extra) => {
        const signed = sign<Record<string, unknown>>(key, message);
        expect(verifySignature(key, signed)).to.equal(true);
        const altered = { ...signed, [Object.keys(message)[0]!]: { altered: extra } };
        expect(verifySignature(key, altered)).to.equal(false);
        expect(verifySignature(institutionKey('network-secret-0123456789-0123456789', 'B-CCB'), signed)).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });
});
