import { displayMoney, formatMoney } from '../../../shared/money';
import { assetClassOf, MAX_ROUNDS, relistDeadline, type Disclosures } from '../../../shared/auction-rules';
import type { AuctionView, PublicAuctionView } from '../../../shared/schemas/auctions';
import type { Db } from '../../platform/db/database';
import { usersByIds } from '../accounts';
import { courtById } from '../courts';
import { approvalsOf, panelOf, relistingsOf, type AuctionRow } from './auction.store';

type PublicStatus = PublicAuctionView['status'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A majority of the collegial panel (合议庭 decides by majority, 法院组织法 Art. 31). */
export function approvalsNeeded(panelSize: number): number {
  return Math.floor(panelSize / 2) + 1;
}

function disclosuresOf(d: Partial<Disclosures>): AuctionView['disclosures'] {
  return {
    basis: d.basis ?? '',
    reportRef: d.reportRef ?? '',
    rules: d.rules ?? '',
    photos: d.photos ?? [],
    encumbrances: d.encumbrances ?? '',
    priorityRights: d.priorityRights ?? '',
    taxes: d.taxes ?? '',
    taxBearer: d.taxBearer ?? '',
    courtAccount: d.courtAccount ?? '',
  };
}

/** Auction rows to the court's view, fetching names, panels and approvals once for all. */
export async function toAuctionViews(db: Db, rows: AuctionRow[]): Promise<AuctionView[]> {
  const ids = rows.map((r) => r.id);
  // One after another: `db` may be a transaction, whose one connection takes one query at a time.
  const panel = await panelOf(db, ids);
  const approvals = await approvalsOf(db, ids);
  const relisted = await relistingsOf(db, ids);
  const people = await usersByIds(db, [...new Set([...rows.map((r) => r.createdBy), ...panel.map((p) => p.userId)])]);
  const names = new Map(people.map((u) => [u.id, u.displayName]));
  return rows.map((r) => {
    const members = panel.filter((p) => p.auctionId === r.id);
    const approvedBy = new Set(approvals.filter((a) => a.auctionId === r.id && a.version === r.version).map((a) => a.userId));
    return {
      id: r.id,
      courtId: r.courtId,
      caseId: r.caseId,
      caseNo: r.caseNo,
      measureId: r.measureId,
      assetId: r.assetId,
      assetKind: r.assetKind as AuctionView['assetKind'],
      assetIdentifier: r.assetIdentifier,
      title: r.title,
      description: r.description,
      city: r.city,
      round: r.round,
      previousAuctionId: r.previousAuctionId,
      relistedAs: relisted.get(r.id) ?? null,
      status: r.status,
      version: r.version,
      seq: r.seq,
      bidSeq: r.bidSeq,
      referencePrice: {
        valuationId: r.valuationId,
        method: r.referenceMethod,
        amount: formatMoney(r.referencePrice),
        fixedAt: r.referenceFixedAt.toISOString(),
        validUntil: r.referenceValidUntil.toISOString(),
      },
      startingPrice: formatMoney(r.startingPrice),
      deposit: formatMoney(r.deposit),
      increment: formatMoney(r.increment),
      announcementAt: r.announcementAt.toISOString(),
      biddingStartsAt: r.biddingStartsAt.toISOString(),
      biddingEndsAt: r.biddingEndsAt.toISOString(),
      balanceDueDays: r.balanceDueDays,
      proxyBidding: r.proxyBidding,
      disclosures: disclosuresOf(r.disclosures),
      priorityHolders: r.priorityHolders,
      panel: {
        members: members.map((m) => ({ id: m.userId, displayName: names.get(m.userId) ?? '', approved: approvedBy.has(m.userId) })),
        approvals: members.filter((m) => approvedBy.has(m.userId)).length,
        needed: approvalsNeeded(members.length),
      },
      createdBy: { id: r.createdBy, displayName: names.get(r.createdBy) ?? '' },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      approvedAt: iso(r.approvedAt),
      announcedAt: iso(r.announcedAt),
      firstAnnouncedAt: iso(r.firstAnnouncedAt),
      liveAt: iso(r.liveAt),
      endedAt: iso(r.endedAt),
      suspension: r.status === 'suspended' && r.suspendedFrom && r.suspendedAt ? { from: r.suspendedFrom, at: r.suspendedAt.toISOString(), reason: r.suspensionReason ?? '' } : null,
      resumedAt: iso(r.resumedAt),
      withdrawal: r.withdrawnAt ? { at: r.withdrawnAt.toISOString(), reason: r.withdrawalReason ?? '' } : null,
      fixedPriceSale: fixedPriceSaleOf(r),
      relistDeadline: r.status === 'unsold' && r.round < MAX_ROUNDS && r.endedAt ? relistDeadline(r.endedAt).toISOString() : null,
    };
  });
}

export async function toAuctionView(db: Db, row: AuctionRow): Promise<AuctionView> {
  return (await toAuctionViews(db, [row]))[0]!;
}

function fixedPriceSaleOf(r: AuctionRow): AuctionView['fixedPriceSale'] {
  return r.fixedPrice && r.fixedPriceStartsAt && r.fixedPriceEndsAt
    ? { price: formatMoney(r.fixedPrice), startsAt: r.fixedPriceStartsAt.toISOString(), endsAt: r.fixedPriceEndsAt.toISOString() }
    : null;
}

/** Published: announced at some point (网拍 Art. 3: the whole auction is public from its announcement on). */
export function isPublic(r: AuctionRow): boolean {
  return r.announcedAt !== null;
}

const TAX_BEARER_TEXT: Record<string, string> = {
  by_law: '依照相关法律、行政法规的规定，由相应主体各自承担 / Each party as the law provides',
  buyer: '由买受人承担 / Borne by the buyer',
  debtor: '由被执行人承担 / Borne by the debtor',
};

/** An instant as the announcement states it: China Standard Time (UTC+8, no daylight saving), e.g. 2026-12-26 16:00. */
function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The announcement (拍卖公告, 网拍 Art. 12 para 2): the asset, prices, deposit, conditions, known defects, time, platform
 * and court; followed by the special notices of 网拍 Art. 14.
 */
export function announcementText(r: AuctionRow, court: { name: string }): string {
  const d = disclosuresOf(r.disclosures);
  const kind = assetClassOf(r.assetKind as AuctionView['assetKind']) === 'movable' ? '动产' : '不动产或其他财产权';
  const lines = [
    `${court.name}将于${chinaTime(r.biddingStartsAt)}至${chinaTime(r.biddingEndsAt)}（北京时间，延时的除外）在本平台对下列${kind}进行${r.round > 1 ? '第二次' : '第一次'}公开拍卖：${r.title}。`,
    `起拍价${displayMoney(r.startingPrice)}，保证金${displayMoney(r.deposit)}，加价幅度${displayMoney(r.increment)}；参考价${displayMoney(r.referencePrice)}。`,
    `执行依据：${d.basis}。定价依据：${d.reportRef}。`,
    `已知瑕疵和权利负担：${d.encumbrances}。优先购买权：${d.priorityRights}。`,
    `税费：${d.taxes}；${TAX_BEARER_TEXT[d.taxBearer] ?? d.taxBearer}。`,
    `买受人应在拍卖成交后${r.balanceDueDays}日内将剩余价款交付法院指定账户：${d.courtAccount}。`,
    '特别提示（网拍第14条）：竞买人应具备完全民事行为能力，法律对买受人资格有特别规定的应具备该资格；委托他人代为竞买的应在竞价开始前经法院确认；拍卖财产以实物现状为准，竞买人可申请实地看样；参与竞买即视为完全了解并接受拍卖财产一切已知和未知瑕疵；载明买受人真实身份的拍卖成交确认书将在本平台公示；买受人悔拍的，保证金不予退还。',
    `${court.name}执行法院拍卖公告 / Auction announcement of ${court.name}: ${r.title}; starting price ${formatMoney(r.startingPrice)}, deposit ${formatMoney(r.deposit)}, increment ${formatMoney(r.increment)}; bidding ${chinaTime(r.biddingStartsAt)}–${chinaTime(r.biddingEndsAt)} China Standard Time (extensions apart); balance due within ${r.balanceDueDays} days of the sale.`,
  ];
  return lines.join('\n');
}

/** The public page of a published auction. Call only when `isPublic`. */
export async function toPublicAuctionView(db: Db, r: AuctionRow, now: Date): Promise<PublicAuctionView> {
  const court = await courtById(db, r.courtId);
  const courtInfo = { name: court?.name ?? '', code: court?.code ?? '' };
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    city: r.city,
    assetKind: r.assetKind as PublicAuctionView['assetKind'],
    round: r.round,
    previousAuctionId: r.previousAuctionId,
    status: r.status as PublicStatus,
    seq: r.seq,
    bidSeq: r.bidSeq,
    court: courtInfo,
    caseNo: r.caseNo,
    announcement: { publishedAt: r.announcedAt!.toISOString(), text: announcementText(r, courtInfo) },
    disclosures: disclosuresOf(r.disclosures),
    priorityHolders: r.priorityHolders.map((h) => ({ name: h.name, right: h.right, rank: h.rank })),
    referencePrice: { amount: formatMoney(r.referencePrice), method: r.referenceMethod, validUntil: r.referenceValidUntil.toISOString() },
    startingPrice: formatMoney(r.startingPrice),
    deposit: formatMoney(r.deposit),
    increment: formatMoney(r.increment),
    proxyBidding: r.proxyBidding,
    schedule: {
      announcedAt: r.announcedAt!.toISOString(),
      biddingStartsAt: r.biddingStartsAt.toISOString(),
      biddingEndsAt: r.biddingEndsAt.toISOString(),
      balanceDueDays: r.balanceDueDays,
      endedAt: iso(r.endedAt),
    },
    fixedPriceSale: fixedPriceSaleOf(r),
    suspension: r.status === 'suspended' && r.suspendedAt ? { since: r.suspendedAt.toISOString(), reason: r.suspensionReason ?? '' } : null,
    withdrawal: r.withdrawnAt ? { at: r.withdrawnAt.toISOString(), reason: r.withdrawalReason ?? '' } : null,
    serverNow: now.toISOString(),
  };
}

