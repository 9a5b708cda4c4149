import { formatMoney } from '../../../shared/money';
import type { InquiryRow } from './inquiry.store';

/** The progress of an inquiry as the judge sees it (pushed as `inquiry.progress` and read over HTTP). */
export function toProgress(row: InquiryRow) {
  const settled = row.answered + row.failed + row.timedOut;
  return {
    id: row.id,
    caseId: row.caseId,
    partyId: row.partyId,
    debtorName: row.debtorName,
    kinds: row.kinds ?? null,
    status: row.status,
    total: row.total,
    answered: row.answered,
    failed: row.failed,
    timedOut: row.timedOut,
    pending: row.total - settled,
    percent: row.total === 0 ? 100 : Math.floor((settled / row.total) * 100),
    assetsFound: row.assetsFound,
    balanceFound: formatMoney(row.balanceFound),
    startedAt: row.startedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
