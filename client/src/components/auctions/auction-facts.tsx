/** The prices and schedule of an auction, and its disclosures (网拍 Art. 13), as the court and the public see them. */
import { displayMoney } from '@shared/money';
import type { AuctionView } from '../../auction-api';
import { useI18n, type MessageKey } from '../../i18n';
import { taxBearerLabel } from './auction-labels';

export function AuctionFacts(p: {
  reference: string;
  referenceNote?: string;
  startingPrice: string;
  deposit: string;
  increment: string;
  announcementAt: string;
  /** Whether `announcementAt` is when it was published (else when it is to be). */
  announced: boolean;
  biddingStartsAt: string;
  biddingEndsAt: string;
  balanceDueDays: number;
  city?: string;
  fixedPriceSale: AuctionView['fixedPriceSale'];
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <dl className="facts auction-facts">
      <div>
        <dt>{t('public.startingPrice')}</dt>
        <dd className="money" data-testid="starting-price">
          {displayMoney(p.startingPrice)}
        </dd>
      </div>
      <div>
        <dt>{t('public.reference')}</dt>
        <dd>
          {displayMoney(p.reference)}
          {p.referenceNote ? <span className="small muted block">{p.referenceNote}</span> : null}
        </dd>
      </div>
      <div>
        <dt>{t('public.deposit')}</dt>
        <dd>{displayMoney(p.deposit)}</dd>
      </div>
      <div>
        <dt>{t('public.increment')}</dt>
        <dd>{displayMoney(p.increment)}</dd>
      </div>
      <div>
        <dt>{t(p.announced ? 'public.announcedAt' : 'public.announcementAt')}</dt>
        <dd>
          <time dateTime={p.announcementAt}>{formatDateTime(p.announcementAt)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('public.bidding')}</dt>
        <dd>
          <time dateTime={p.biddingStartsAt}>{formatDateTime(p.biddingStartsAt)}</time> – <time dateTime={p.biddingEndsAt}>{formatDateTime(p.biddingEndsAt)}</time>
          <span className="small muted block">{t('public.extensionRule')}</span>
        </dd>
      </div>
      <div>
        <dt>{t('public.balanceDue')}</dt>
        <dd>{t('public.balanceDays', { n: p.balanceDueDays })}</dd>
      </div>
      {p.city ? (
        <div>
          <dt>{t('public.city')}</dt>
          <dd>{p.city}</dd>
        </div>
      ) : null}
      {p.fixedPriceSale ? (
        <div className="wide">
          <dt>{t('public.fixedPriceSale')}</dt>
          <dd>
            {t('public.fixedPriceText', {
              price: displayMoney(p.fixedPriceSale.price),
              from: formatDateTime(p.fixedPriceSale.startsAt),
              to: formatDateTime(p.fixedPriceSale.endsAt),
            })}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

const DISCLOSURES: { key: keyof AuctionView['disclosures']; label: MessageKey }[] = [
  { key: 'basis', label: 'builder.disc.basis' },
  { key: 'reportRef', label: 'builder.disc.reportRef' },
  { key: 'rules', label: 'builder.disc.rules' },
  { key: 'encumbrances', label: 'builder.disc.encumbrances' },
  { key: 'priorityRights', label: 'builder.disc.priorityRights' },
  { key: 'taxes', label: 'builder.disc.taxes' },
  { key: 'taxBearer', label: 'builder.disc.taxBearer' },
  { key: 'courtAccount', label: 'builder.disc.courtAccount' },
];

/** The disclosures of 网拍 Art. 13 and the priority-right holders (photos are shown by the page). */
export function DisclosureList({ disclosures, holders }: { disclosures: AuctionView['disclosures']; holders: AuctionView['priorityHolders'] }) {
  const { t } = useI18n();
  return (
    <>
      <dl className="facts one-col disclosure-list">
        {DISCLOSURES.map(({ key, label }) => {
          const value = disclosures[key];
          return (
            <div key={key}>
              <dt>{t(label)}</dt>
              <dd className="pre-line">{key === 'taxBearer' ? taxBearerLabel(t, String(value)) : Array.isArray(value) ? value.join('、') : value || '—'}</dd>
            </div>
          );
        })}
      </dl>
      <h3 className="holders-heading">{t('builder.holders')}</h3>
      {holders.length === 0 ? (
        <p className="muted">{t('public.noHolders')}</p>
      ) : (
        <ul className="holder-list">
          {[...holders]
            .sort((a, b) => a.rank - b.rank)
            .map((h) => (
              <li key={`${h.name}-${h.rank}`}>
                {t('public.holderLine', { rank: h.rank, name: h.name, right: h.right })}
              </li>
            ))}
        </ul>
      )}
    </>
  );
}
