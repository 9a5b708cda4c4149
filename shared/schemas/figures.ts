/** The courts' quality figures (执行质效): per court and period, computed from the cases, measures, ledger and auctions. */
import { z } from 'zod';
import { MoneyString, Uuid } from './common';

const Day = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', '日期应在2000年至2100年之间 / A date between 2000 and 2100');

/** The longest period one request may cover (the monthly series stays short enough to draw). */
export const MAX_PERIOD_DAYS = 366 * 5;

export const FiguresQuery = z
  .strictObject({
    courtId: Uuid.optional().meta({ description: 'The court; judges and clerks may give only their own (the default). Admins: any, or none for all courts' }),
    from: Day.optional().meta({ description: 'First day of the period (China calendar); default 1 January of this year', example: '2026-01-01' }),
    to: Day.optional().meta({ description: 'Last day of the period, inclusive; default today', example: '2026-12-31' }),
    format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv: the same figures as a UTF-8 CSV with BOM (Excel)' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始日期不能晚于结束日期 / The period starts after it ends', path: ['to'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
    message: '统计期间不超过5年 / The period may cover at most 5 years',
    path: ['to'],
  });
export type FiguresQuery = z.infer<typeof FiguresQuery>;

/** A percentage with 2 decimals ("66.67" for 2 of 3), or null when its denominator is 0 (shown as "—"). */
const Percent = z.string().nullable().meta({ description: 'Percentage with 2 decimals, e.g. "66.67"; null when the denominator is 0', example: '66.67' });

export const FiguresMonth = z
  .object({
    month: z.string().meta({ example: '2026-03' }),
    received: z.number().int(),
    closed: z.number().int(),
    recovered: MoneyString,
  })
  .meta({ id: 'FiguresMonth' });
export type FiguresMonth = z.infer<typeof FiguresMonth>;

export const FiguresView = z
  .object({
    courtId: Uuid.nullable().meta({ description: 'null: all courts (admins only)' }),
    courtName: z.string(),
    from: z.string().meta({ example: '2026-01-01' }),
    to: z.string().meta({ example: '2026-12-31' }),
    cases: z.object({
      pendingAtStart: z.number().int().meta({ description: '旧存: filed before the period and not closed at its start' }),
      received: z.number().int().meta({ description: '新收: filed in the period' }),
      restored: z.number().int().meta({ description: '恢复执行 in the period (counted as received, as the court statistics file them anew)' }),
      closed: z.number().int().meta({ description: '结案: cases closed (执行完毕 or 终本) in the period' }),
      satisfied: z.number().int(),
      terminated: z.number().int(),
      closureRate: Percent.meta({ description: '结案率 = closed ÷ (pendingAtStart + received + restored)' }),
      actualEnforcementRate: Percent.meta({ description: '实际执结率 = closed as 执行完毕 ÷ closed (终本 is a closure without actual enforcement)' }),
      averageDaysToClose: z.string().nullable().meta({ description: 'Mean days from filing to closing of the cases closed in the period, 1 decimal', example: '42.5' }),
    }),
    sales: z.object({
      auctionsEnded: z.number().int().meta({ description: 'Online auction rounds whose bidding ended in the period' }),
      auctionsSold: z.number().int().meta({ description: 'Of those, sold at the auction (a sale later reneged does not count)' }),
      fixedPriceSold: z.number().int().meta({ description: '变卖: fixed-price sales made in the period' }),
      saleRate: Percent.meta({ description: '成交率 = auctionsSold ÷ auctionsEnded' }),
      onlineShare: Percent.meta({ description: '网拍占比 = auctionsSold ÷ (auctionsSold + fixedPriceSold)' }),
      premiumRate: Percent.meta({ description: '溢价率: mean of (price − starting price) ÷ starting price over the auctions sold' }),
      salesAmount: MoneyString.meta({ description: 'Sum of the prices of the sales counted' }),
    }),
    money: z.object({
      frozen: MoneyString.meta({ description: 'Frozen by freezes that took effect in the period' }),
      deducted: MoneyString.meta({ description: 'Deducted (扣划) by deductions completed in the period' }),
      recovered: MoneyString.meta({ description: '执行到位: credited to the cases in the ledger (deductions, sale prices, forfeited deposits)' }),
    }),
    measures: z.object({
      renewedOnTime: z.number().int().meta({ description: 'Renewals that took effect before the term ran out' }),
      renewedLate: z.number().int(),
      lapsed: z.number().int().meta({ description: 'Measures that lapsed unrenewed (查扣冻 Art. 27)' }),
      renewalRate: Percent.meta({ description: '续行及时率 = renewedOnTime ÷ (renewedOnTime + renewedLate + lapsed)' }),
    }),
    months: z.array(FiguresMonth),
  })
  .meta({ id: 'FiguresView' });
export type FiguresView = z.infer<typeof FiguresView>;
