/**
 * The purchase-restriction check for real estate (竞买资格 Art. 1: a bidder bound by the local purchase restriction
 * may not bid for a house there). Production asks the local housing authority; the platform depends only on this.
 */
export interface PurchaseEligibility {
  /** Whether this person or company may buy real estate in this city now. Rejects when the authority cannot answer. */
  check(query: { kind: 'person' | 'organisation'; name: string; number: string; city: string }): Promise<EligibilityCheck>;
}

export type EligibilityCheck = { eligible: true; reference: string } | { eligible: false; reason: string };

/**
 * A deterministic stand-in: a person whose resident ID has the sequence code 998, and a company whose name contains
 * "投资" (investment vehicles, which restricted cities do not let buy homes), are bound by the restriction; everyone
 * else may buy. The demo and the tests use these to show a refusal.
 */
export class SimulatedPurchaseEligibility implements PurchaseEligibility {
  async check(q: { kind: 'person' | 'organisation'; name: string; number: string; city: string }): Promise<EligibilityCheck> {
    if (q.kind === 'person' && q.number.slice(14, 17) === '998') {
      return { eligible: false, reason: `${q.city}限购：名下已有两套住房 / Bound by ${q.city}'s purchase restriction: already owns two homes` };
    }
    if (q.kind === 'organisation' && q.name.includes('投资')) {
      return { eligible: false, reason: `${q.city}限购：企业不得购买住房 / Bound by ${q.city}'s purchase restriction: companies may not buy homes` };
    }
    return { eligible: true, reference: `SIM-ELIG-${q.number.slice(-6)}` };
  }
}
