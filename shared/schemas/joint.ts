/**
 * Joint punishment (联合惩戒, "一处失信，处处受限"): what institutions and platforms send the platform and get back when
 * they check a person or organisation against the dishonest-debtor list (失信) and the consumption restrictions (限高),
 * subscribe to changes, and report an interception.
 *
 * Machine callers sign every request as institutions sign callbacks (shared/institution-protocol.ts): the body carries
 * `institution` (its code), `requestId` (a fresh uuid: a replay is refused), `sentAt` (refused when more than 5 minutes
 * off) and `signature` = HMAC-SHA256 over the canonical JSON of everything else, under the institution's key
 * (institutionKey(networkSecret, code)). An institution operator signed in to the platform may instead call with their
 * session and leave those four fields out.
 */
import { z } from 'zod';
import { CONSUMPTION_PROHIBITIONS } from '../credit';
import { creditCodeProblem, residentIdProblem } from '../identity';
import { IsoDateTime, MoneyString, Uuid } from './common';
import { ListingGround } from './credit';

/** The most subjects one batch check may name. */
export const MAX_BATCH_CHECK = 1000;

type ProhibitionCodeValue = (typeof CONSUMPTION_PROHIBITIONS)[number]['code'];
/** 限高 Art. 3: the items, by stable code (labels in shared/credit.ts). */
export const ProhibitionCode = z.enum(CONSUMPTION_PROHIBITIONS.map((p) => p.code) as unknown as readonly [ProhibitionCodeValue, ...ProhibitionCodeValue[]]);

/** A resident ID number (18 characters, check digit) or a unified social credit code (统一社会信用代码). */
export const SubjectIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    if (residentIdProblem(v) === null || creditCodeProblem(v) === null) return;
    ctx.addIssue({ code: 'custom', message: '不是有效的居民身份证号码或统一社会信用代码 / Not a valid resident ID number or unified social credit code' });
  })
  .meta({ description: 'Resident ID number or unified social credit code, whole (the caller supplies it)', example: '110105198001011234' });

const Subject = z.strictObject({
  idNumber: SubjectIdNumber,
  name: z.string().trim().min(1).max(100).optional().meta({ description: 'When given, the answer says whether it matches the name on the list' }),
});

/** The envelope fields of a signed machine request; absent when an operator calls with their session. */
const Signed = {
  institution: z.string().min(1).max(64).optional().meta({ description: 'The calling institution\'s code (signed requests)' }),
  requestId: Uuid.optional().meta({ description: 'A fresh uuid per request (signed requests): a replay is refused' }),
  sentAt: z.string().datetime({ offset: true }).optional().meta({ description: 'Signed requests: within 5 minutes of the platform\'s clock' }),
  signature: z.string().max(128).optional().meta({ description: 'HMAC-SHA256 (hex) over the canonical JSON of the rest of the body, under the institution\'s key' }),
};

export const CheckBody = z.strictObject({ ...Signed, ...Subject.shape }).meta({ id: 'JointCheckRequest' });
export type CheckBody = z.infer<typeof CheckBody>;

export const BatchCheckBody = z
  .strictObject({
    ...Signed,
    // The size is checked in the use case so that a batch too large answers BATCH_TOO_LARGE, not a generic 400.
    subjects: z.array(Subject).min(1),
  })
  .meta({ id: 'JointBatchCheckRequest' });
export type BatchCheckBody = z.infer<typeof BatchCheckBody>;

export const Prohibition = z.object({ code: ProhibitionCode, zh: z.string(), en: z.string() });

export const ListingFact = z.object({
  subject: z.enum(['debtor', 'legal_representative']).meta({ description: 'legal_representative: restricted as the legal representative of a listed company (限高 Art. 3 para 2)' }),
  basis: z.enum(['listing', 'order']).meta({ description: 'listing: imposed by a dishonest-debtor listing (失信); order: a consumption restriction order made on its own, without a listing (限高 Art. 1)' }),
  listedName: z.string(),
  court: z.string(),
  caseNo: z.string(),
  ground: ListingGround.nullable().meta({ description: 'The listing\'s ground; null for an order' }),
  groundLabel: z.string(),
  since: IsoDateTime,
  until: IsoDateTime.nullable().meta({ description: 'Null: until the duty is performed (失信 Art. 2), or for an order until lifted (限高 Art. 9)' }),
});

export const CheckAnswer = z
  .object({
    idNumber: z.string(),
    listed: z.boolean().meta({ description: 'On the current dishonest-debtor list (失信)' }),
    restricted: z.boolean().meta({ description: 'Under a consumption restriction in force (限高)' }),
    nameMatches: z.boolean().nullable().meta({ description: 'Whether the name given matches the name on the list; null when no name was given or nothing is on record' }),
    prohibitions: z.array(Prohibition).meta({ description: '限高 Art. 3: what the subject may not pay for; empty when not restricted' }),
    listings: z.array(ListingFact),
  })
  .meta({ id: 'JointCheckAnswer' });
export type CheckAnswer = z.infer<typeof CheckAnswer>;

export const CheckResult = CheckAnswer.extend({ checkId: Uuid, checkedAt: IsoDateTime }).meta({ id: 'JointCheckResult' });
export const BatchCheckResult = z.object({ checkId: Uuid, checkedAt: IsoDateTime, results: z.array(CheckAnswer) }).meta({ id: 'JointBatchCheckResult' });

export const SubscriptionBody = z
  .strictObject({
    ...Signed,
    url: z.url().max(500).nullable().meta({ description: 'Where the events are POSTed; null ends the subscription' }),
  })
  .meta({ id: 'JointSubscriptionRequest' });
export type SubscriptionBody = z.infer<typeof SubscriptionBody>;
export const SubscriptionView = z.object({ institution: z.string(), url: z.string().nullable(), events: z.array(z.string()) });

/** restriction.added: a consumption restriction order made on its own, without a listing (限高 Art. 1, 6). */
export const JOINT_EVENTS = ['listing.added', 'listing.removed', 'restriction.added', 'restriction.ended'] as const;
export type JointEvent = (typeof JOINT_EVENTS)[number];

/**
 * What a subscriber receives (POST, JSON, header `x-zhixing-signature` = the `signature` field), signed with the
 * institution's own key. The receiver acknowledges by answering 2xx with a signed `Ack` for that delivery: anything
 * else (no ack, a forged one, one for another delivery) counts as not delivered and is retried with back-off.
 */
export const WebhookDelivery = z.object({
  deliveryId: Uuid,
  event: z.enum(JOINT_EVENTS),
  institution: z.string(),
  idNumber: z.string(),
  name: z.string(),
  subject: z.enum(['debtor', 'legal_representative']),
  court: z.string(),
  caseNo: z.string(),
  occurredAt: IsoDateTime,
  sentAt: IsoDateTime,
  attempt: z.number().int(),
  signature: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookAck = z.object({ deliveryId: Uuid, institution: z.string(), receivedAt: IsoDateTime, signature: z.string() });
export type WebhookAck = z.infer<typeof WebhookAck>;

export const INTERCEPTION_ACTIONS = ['real_estate_transfer', 'purchase'] as const;

export const InterceptionBody = z
  .strictObject({
    ...Signed,
    idNumber: SubjectIdNumber,
    name: z.string().trim().min(1).max(100),
    action: z.enum(INTERCEPTION_ACTIONS).meta({ description: 'What was refused: a real-estate transfer at a registry, or a purchase at a payment platform' }),
    role: z.enum(['buyer', 'seller']).default('buyer'),
    prohibition: ProhibitionCode.nullable().meta({ description: '限高 Art. 3 item refused; null for a sale by a listed debtor' }),
    description: z.string().trim().min(2).max(500).meta({ example: '购买北京—上海机票（经济舱以上）' }),
    amount: MoneyString.optional(),
    occurredAt: z.string().datetime({ offset: true }),
    checkId: Uuid.optional().meta({ description: 'The check that found the subject restricted' }),
  })
  .meta({ id: 'InterceptionReport' });
export type InterceptionBody = z.infer<typeof InterceptionBody>;

export const InterceptionView = z
  .object({
    id: Uuid,
    institution: z.string(),
    institutionName: z.string().nullable(),
    caseId: Uuid,
    caseNo: z.string(),
    listingId: Uuid.nullable().meta({ description: 'Null when the restriction that applied was made by an order, not a listing' }),
    idNumber: z.string(),
    name: z.string(),
    action: z.enum(INTERCEPTION_ACTIONS),
    role: z.enum(['buyer', 'seller']),
    prohibition: ProhibitionCode.nullable(),
    prohibitionLabel: z.string().nullable(),
    description: z.string(),
    amount: z.string().nullable(),
    occurredAt: IsoDateTime,
    receivedAt: IsoDateTime,
  })
  .meta({ id: 'Interception' });
export type InterceptionView = z.infer<typeof InterceptionView>;

export const InterceptionReceipt = z.object({ interceptions: z.array(InterceptionView) });

export const CheckLogQuery = z.strictObject({
  idNumber: SubjectIdNumber.optional(),
  institution: z.string().max(64).optional(),
  status: z.enum(['answered', 'refused']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const CheckLogEntry = z
  .object({
    checkId: Uuid,
    at: IsoDateTime,
    institution: z.string(),
    via: z.enum(['signature', 'session']).nullable(),
    kind: z.enum(['single', 'batch']),
    status: z.enum(['answered', 'refused']),
    refusalCode: z.string().nullable(),
    idNumber: z.string().nullable(),
    listed: z.boolean().nullable(),
    restricted: z.boolean().nullable(),
    answer: CheckAnswer.nullable(),
  })
  .meta({ id: 'JointCheckLogEntry' });
export const CheckLogPage = z.object({ items: z.array(CheckLogEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
