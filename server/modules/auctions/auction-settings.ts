import { checkAuctionSettings, checkPanelComposition, type AuctionSettings, type Disclosures, type SettingsContext, type Violation } from '../../../shared/auction-rules';
import { formatMoney } from '../../../shared/money';
import type { AuctionSettingsBody } from '../../../shared/schemas/auctions';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { usersByIds } from '../accounts';
import type { ReferencePrice } from '../valuation';
import type { AuctionRow } from './auction.store';

/** The court's settings as the pure rules take them. */
export function toSettings(body: Omit<AuctionSettingsBody, 'disclosures'> & { disclosures: Partial<Disclosures> }): AuctionSettings {
  return {
    startingPrice: body.startingPrice,
    deposit: body.deposit,
    increment: body.increment,
    announcementAt: new Date(body.announcementAt),
    biddingStartsAt: new Date(body.biddingStartsAt),
    biddingEndsAt: new Date(body.biddingEndsAt),
    balanceDueDays: body.balanceDueDays,
    disclosures: body.disclosures,
    priorityHolders: body.priorityHolders,
  };
}

/** The collegial panel (网拍 Art. 27): its composition (shared rule), and every member a judge of the auction's court. */
export async function panelViolations(db: Db, courtId: string, panel: string[]): Promise<Violation[]> {
  const out = checkPanelComposition(panel);
  const article = '网拍 Art. 27';
  const distinct = [...new Set(panel)];
  const users = new Map((await usersByIds(db, distinct)).map((u) => [u.id, u]));
  distinct.forEach((id) => {
    const u = users.get(id);
    if (!u || u.role !== 'judge' || u.courtId !== courtId || u.disabledAt) {
      out.push({
        code: 'PANEL_MEMBER_NOT_JUDGE',
        field: `panel.${panel.indexOf(id)}`,
        article,
        message: '合议庭成员须为本院法官 / Each panel member must be a judge of the court',
        figures: { userId: id },
      });
    }
  });
  return out;
}

/** Refuses settings that break a rule: every violation listed with its article and figures; nothing is saved. */
export function ruleViolation(violations: Violation[]): AppError {
  const first = violations[0]!;
  const more = violations.length > 1 ? `（另有${violations.length - 1}项） / (and ${violations.length - 1} more)` : '';
  return new AppError('AUCTION_RULE_VIOLATION', `${first.message}${more}`, {
    violations,
    where: 'body',
    issues: violations.map((v) => ({ path: v.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), code: v.code, message: v.message })),
  });
}

/** All violations of the settings and the panel. */
export async function settingsViolations(db: Db, courtId: string, settings: AuctionSettings, panel: string[], context: SettingsContext): Promise<Violation[]> {
  return [...checkAuctionSettings(settings, context), ...(await panelViolations(db, courtId, panel))];
}

/** The columns the court's settings fill, the same on a new draft and on an edit. */
export function settingsColumns(body: AuctionSettingsBody, settings: AuctionSettings) {
  return {
    startingPrice: formatMoney(body.startingPrice),
    deposit: formatMoney(body.deposit),
    increment: formatMoney(body.increment),
    announcementAt: settings.announcementAt,
    biddingStartsAt: settings.biddingStartsAt,
    biddingEndsAt: settings.biddingEndsAt,
    balanceDueDays: body.balanceDueDays,
    proxyBidding: body.proxyBidding,
    disclosures: body.disclosures as AuctionRow['disclosures'],
    priorityHolders: body.priorityHolders,
  } satisfies Partial<AuctionRow>;
}

/** The reference price an auction was set against (参考价 Art. 27), as its columns. */
export function referenceColumns(reference: ReferencePrice) {
  return {
    valuationId: reference.valuationId,
    referenceMethod: reference.method,
    referencePrice: formatMoney(reference.amount),
    referenceFixedAt: reference.fixedAt,
    referenceValidUntil: reference.validUntil,
  } satisfies Partial<AuctionRow>;
}
