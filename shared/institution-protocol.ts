/**
 * The wire protocol between the platform and the institutions of the network (banks, registries, platforms),
 * modelled on the X-Road message envelope: every message carries a message id (the idempotency key: the same notice
 * sent twice is executed once), a correlation id (ties request, reply and later callbacks together in the journals),
 * the court and the official acting, a timestamp and an HMAC-SHA256 signature over the canonical JSON of everything
 * else. Institutions answer synchronously with a Reply; later events (a queued measure taking effect) come back as
 * signed Callbacks.
 *
 * Endpoints of an institution (base URL per institution, e.g. `${networkUrl}/institutions/${code}`):
 *   POST {base}/messages      body: Envelope       → 200 Reply (signed by the institution)
 * Endpoint of the platform for callbacks:
 *   POST /api/network/callbacks  body: Callback (signed by the institution)
 */
import { z } from 'zod';

export const INSTITUTION_KINDS = [
  'bank_large',
  'bank_small',
  'real_estate_registry',
  'vehicle_registry',
  'securities_depository',
  'market_regulator',
  'payment_platform',
  'housing_fund',
] as const;
export const InstitutionKind = z.enum(INSTITUTION_KINDS);
export type InstitutionKind = z.infer<typeof InstitutionKind>;

export const ASSET_KINDS = ['deposit', 'payment_balance', 'housing_fund', 'securities', 'equity', 'real_estate', 'vehicle'] as const;
export const AssetKind = z.enum(ASSET_KINDS);
export type AssetKind = z.infer<typeof AssetKind>;

export const MESSAGE_TYPES = ['inquiry', 'freeze', 'seize', 'renew', 'release', 'lapse', 'deduct'] as const;
export const MessageType = z.enum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof MessageType>;

const Money = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/);
const Iso = z.string().datetime({ offset: true });

export const Encumbrance = z.object({
  courtCode: z.string(),
  courtName: z.string(),
  caseNo: z.string(),
  kind: z.enum(['freeze', 'seizure']),
  /** 1 = first-rank (首封), n > 1 = queued (轮候) in position n. */
  rank: z.number().int().min(1),
  amount: Money.nullable(),
  until: Iso,
  /** The institution's reference of that measure. */
  measureRef: z.string(),
});
export type Encumbrance = z.infer<typeof Encumbrance>;

export const Asset = z.object({
  /** The institution's own reference; stable for the same asset across inquiries. */
  assetRef: z.string(),
  kind: AssetKind,
  /** Account number, property certificate number, plate, securities account, company name… */
  identifier: z.string(),
  description: z.string(),
  /** For funds (deposit, payment balance, housing fund, securities cash): the balance. */
  balance: Money.nullable(),
  /** For property: an indicative value, not a reference price. */
  indicativeValue: Money.nullable(),
  encumbrances: z.array(Encumbrance),
});
export type Asset = z.infer<typeof Asset>;

export const Debtor = z.object({ kind: z.enum(['person', 'organisation']), name: z.string(), idNumber: z.string() });

export const Bodies = {
  inquiry: z.object({ debtor: Debtor }),
  freeze: z.object({ assetRef: z.string(), debtor: Debtor, amount: Money, until: Iso }),
  seize: z.object({ assetRef: z.string(), debtor: Debtor, until: Iso }),
  renew: z.object({ measureRef: z.string(), until: Iso }),
  release: z.object({ measureRef: z.string(), reason: z.string() }),
  lapse: z.object({ measureRef: z.string() }),
  deduct: z.object({ measureRef: z.string(), amount: Money, courtAccount: z.string() }),
} as const;

export const Envelope = z.object({
  messageId: z.string().uuid(),
  correlationId: z.string().min(1).max(100),
  type: MessageType,
  institution: z.string(),
  court: z.object({ code: z.string(), name: z.string() }),
  official: z.object({ id: z.string(), name: z.string() }),
  caseNo: z.string(),
  sentAt: Iso,
  /** Where the institution sends callbacks about this message (e.g. a queued measure promoted). */
  callbackUrl: z.string().url().nullable(),
  body: z.record(z.string(), z.unknown()),
  signature: z.string(),
});
export type Envelope = z.infer<typeof Envelope>;

export const ReplyStatus = z.enum(['answered', 'executed', 'rejected']);

/** The institution's answer; signed the same way (signature over everything else). */
export const Reply = z.object({
  messageId: z.string(),
  correlationId: z.string(),
  institution: z.string(),
  status: ReplyStatus,
  repliedAt: Iso,
  /** inquiry */
  assets: z.array(Asset).optional(),
  /** freeze, seize, renew, release, lapse, deduct */
  measureRef: z.string().optional(),
  rank: z.number().int().min(1).optional(),
  frozenAmount: Money.optional(),
  effectiveUntil: Iso.optional(),
  deductedAmount: Money.optional(),
  transferRef: z.string().optional(),
  /** rejected: why, for people */
  reason: z.string().optional(),
  signature: z.string(),
});
export type Reply = z.infer<typeof Reply>;

export const CALLBACK_TYPES = ['promoted'] as const;

/** An event the institution reports later, e.g. a queued measure taking effect after the one before it ended (查扣冻 26). */
export const Callback = z.object({
  messageId: z.string().uuid(),
  correlationId: z.string(),
  institution: z.string(),
  type: z.enum(CALLBACK_TYPES),
  sentAt: Iso,
  measureRef: z.string(),
  rank: z.number().int().min(1),
  frozenAmount: Money.nullable(),
  effectiveUntil: Iso,
  signature: z.string(),
});
export type Callback = z.infer<typeof Callback>;
