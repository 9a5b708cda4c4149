/**
 * Real-name verification of a bidder against the authority's records (for persons the public-security identity
 * service, for companies the market regulator's register). Production plugs in the real service.
 */
export interface IdentityVerifier {
  /** Checks that the name belongs to the ID number. */
  verify(identity: { kind: 'person' | 'organisation'; name: string; number: string }): Promise<IdentityCheck>;
}

export type IdentityCheck = { ok: true; reference: string } | { ok: false; reason: string };

/**
 * A deterministic stand-in. It accepts every well-formed identity except the ones the demo uses to show a refusal:
 * a resident ID whose sequence code is 999, or a company name containing "注销" (deregistered).
 */
export class SimulatedIdentityVerifier implements IdentityVerifier {
  async verify(identity: { kind: 'person' | 'organisation'; name: string; number: string }): Promise<IdentityCheck> {
    if (identity.kind === 'person' && identity.number.slice(14, 17) === '999') {
      return { ok: false, reason: '姓名与身份证号码不一致 / The name does not match the ID number' };
    }
    if (identity.kind === 'organisation' && identity.name.includes('注销')) {
      return { ok: false, reason: '该企业已注销 / The company has been deregistered' };
    }
    return { ok: true, reference: `SIM-${identity.number.slice(-6)}` };
  }
}
