/**
 * What of the case's timeline a party may see. The audit trail holds everything (staff names, notes, reasons, bidder
 * codes, identity numbers, accounts); the party view keeps only the steps listed here and, of each, only the listed
 * fields: amounts, dates, rounds and the name of the institution (added by the view from the institution code).
 * Anything not listed (a new action, a new field) stays out until someone decides it is fit for parties.
 */
export const PARTY_STEPS: Readonly<Record<string, readonly string[]>> = {
  'case.created': ['claimAmount'],
  'case.query_code_issued': [],
  'inquiry.started': ['institutions'],
  'inquiry.completed': ['answered', 'assetsFound'],
  'measure.freeze_ordered': ['institutionName', 'assetKind', 'requestedAmount', 'expiresAt'],
  'measure.seizure_ordered': ['institutionName', 'assetKind', 'expiresAt'],
  'measure.in_force': ['institutionName', 'frozenAmount', 'expiresAt', 'rank'],
  'measure.queued': ['institutionName', 'frozenAmount', 'expiresAt', 'rank'],
  'measure.promoted': ['institutionName', 'frozenAmount', 'expiresAt'],
  'measure.rejected': ['institutionName'],
  'measure.renewal_ordered': ['institutionName', 'until'],
  'measure.renewed': ['institutionName', 'until'],
  'measure.release_ordered': ['institutionName'],
  'measure.released': ['institutionName'],
  'measure.lapsed': ['institutionName', 'expiresAt'],
  'deduction.completed': ['institutionName', 'amount'],
  'valuation.started': [],
  'valuation.fixed': ['amount', 'method', 'validUntil'],
  'valuation.report_delivered': [],
  'auction.announced': ['round', 'biddingStartsAt', 'biddingEndsAt', 'startingPrice'],
  'auction.live': ['round'],
  'auction.suspended': ['round'],
  'auction.resumed': ['round'],
  'auction.withdrawn': ['round'],
  'auction.sold': ['round', 'price', 'endedAt'],
  'auction.unsold': ['round', 'endedAt'],
  'auction.relisted': ['round'],
  'auction.reneged': [],
  'auction.sale_paid': ['price'],
  'auction.fixed_price_sale_started': [],
  'auction.fixed_price_unsold': [],
  'ledger.payout': ['amount'],
  'petition.received': ['channel', 'assignDueAt', 'answerDueAt'],
  'petition.assigned': [],
  'petition.answered': [],
};

export type PartyValue = string | number | boolean | null;

/** The party's copy of one audit record, or null when the step is not for parties. */
export function partyStep(action: string, data: Record<string, unknown>, institutionName: (code: string) => string | undefined): Record<string, PartyValue> | null {
  const allowed = PARTY_STEPS[action];
  if (!allowed) return null;
  const source: Record<string, unknown> = { ...data };
  if (typeof data.institution === 'string') source.institutionName = institutionName(data.institution) ?? data.institution;
  const out: Record<string, PartyValue> = {};
  for (const key of allowed) {
    const v = source[key];
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}
