/**
 * The wire protocol between the platform (the court's side) and the judicial online inquiry platforms
 * (司法网络询价平台, 参考价 Art. 8–13). Every message is signed with HMAC-SHA256 over its canonical JSON without the
 * signature, with the platform's key `institutionKey(networkSecret, code)`; both sides refuse unsigned, altered or
 * stale messages (sentAt more than 5 minutes from the receiver's clock).
 *
 *   GET  {network}/inquiry-platforms                       → 200 PlatformListing (the SPC's list, 名单库)
 *   POST {network}/inquiry-platforms/{code}/requests       body: CommissionRequest → 202 CommissionReceipt
 *   POST {network}/inquiry-platforms/{code}/reports        body: ReportQuery       → 200 PlatformReport
 *
 * A commission is idempotent by requestId: the same request sent again gets the first receipt; the same requestId
 * with different content is refused (409). The report becomes available at the platform's receipt time plus its
 * working time; until then the answer is `pending`. The report's `issuedAt` is what decides whether it came in time.
 */
import { z } from 'zod';
import { AssetKind } from './institution-protocol';

const Money = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/);
const Iso = z.string().datetime({ offset: true });
const Signature = z.string().regex(/^[0-9a-f]{64}$/);

export const PlatformEntry = z.object({ code: z.string(), name: z.string() });
export type PlatformEntry = z.infer<typeof PlatformEntry>;
export const PlatformListing = z.object({ platforms: z.array(PlatformEntry) });

/** The asset as the commission letter (网络询价委托书) describes it (参考价 Art. 10). */
export const PlatformAsset = z.object({
  kind: AssetKind,
  identifier: z.string().min(1),
  description: z.string(),
  indicativeValue: Money.nullable(),
});
export type PlatformAsset = z.infer<typeof PlatformAsset>;

export const CommissionRequest = z.object({
  requestId: z.uuid(),
  platform: z.string(),
  court: z.string(),
  caseNo: z.string(),
  asset: PlatformAsset,
  /** When the court commissioned the inquiry; the 3 days run from the platform's receipt. */
  requestedAt: Iso,
  deadline: Iso,
  sentAt: Iso,
  signature: Signature,
});
export type CommissionRequest = z.infer<typeof CommissionRequest>;

export const CommissionReceipt = z.object({
  requestId: z.uuid(),
  platform: z.string(),
  receivedAt: Iso,
  signature: Signature,
});
export type CommissionReceipt = z.infer<typeof CommissionReceipt>;

export const ReportQuery = z.object({ requestId: z.uuid(), platform: z.string(), sentAt: Iso, signature: Signature });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const PlatformReport = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), requestId: z.uuid(), platform: z.string(), signature: Signature }),
  z.object({
    status: z.literal('issued'),
    requestId: z.uuid(),
    platform: z.string(),
    reportNo: z.string(),
    amount: Money,
    issuedAt: Iso,
    /** The report's own validity (at most 1 year, 参考价 Art. 27). */
    validUntil: Iso,
    /** How the price was reached (参考价 Art. 11: samples and calculation method). */
    method: z.string(),
    samples: z.number().int().min(0),
    signature: Signature,
  }),
]);
export type PlatformReport = z.infer<typeof PlatformReport>;
