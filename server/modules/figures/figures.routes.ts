import { FiguresQuery, FiguresView } from '../../../shared/schemas/figures';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { courtFigures } from './court-figures';
import { figuresCsv } from './figures.rules';

const STAFF = ['judge', 'clerk', 'admin'] as const;

const DESCRIPTION = [
  'Per court and period (China calendar days, default this year to today): 旧存/新收/恢复/结案, 结案率 = closed ÷ (pending at start + received + restored),',
  '实际执结率 = closed as 执行完毕 ÷ all closed (终本 closes without actual enforcement), the mean days from filing to closing,',
  'the auctions (成交率 = sold ÷ ended, a reneged sale not counted; 网拍占比 = sold online ÷ all sales incl. 变卖; 溢价率 = mean of (price − starting) ÷ starting),',
  'the money frozen, deducted and recovered (the ledger), the measures renewed before expiry, late, or lapsed, and a monthly series.',
  'Rates are percentages with 2 decimals, null when the denominator is 0. Judges and clerks see their own court (another → 403); admins any court, or all without courtId.',
].join(' ');

export function figuresRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'get',
    path: '/api/figures',
    tag: 'figures',
    summary: "A court's quality figures (执行质效) for a period, with a monthly series; ?format=csv for the CSV",
    description: DESCRIPTION,
    auth: STAFF,
    query: FiguresQuery,
    response: FiguresView,
    errors: ['NOT_FOUND'],
    handler: async ({ query, actor, res }) => {
      const view = await courtFigures(ctx, actor, query);
      if (query.format !== 'csv') return view;
      sendCsv(res, view);
    },
  });

  api.route({
    method: 'get',
    path: '/api/figures.csv',
    tag: 'figures',
    summary: 'The quality figures as CSV for Excel (UTF-8 with BOM; header in Chinese and English)',
    description: `${DESCRIPTION} Columns: 法院 / Court, 期间 / Period, 代码 / Code, 指标, Figure, 数值 / Value; one row per figure, then per month received, closed and recovered.`,
    auth: STAFF,
    query: FiguresQuery,
    response: FiguresView,
    produces: 'text/csv',
    errors: ['NOT_FOUND'],
    handler: async ({ query, actor, res }) => {
      sendCsv(res, await courtFigures(ctx, actor, query));
    },
  });
}

function sendCsv(res: Parameters<Parameters<Api['route']>[0]['handler']>[0]['res'], view: FiguresView): void {
  const name = `figures-${view.from}-${view.to}.csv`;
  res
    .status(200)
    .set('Content-Type', 'text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`执行质效-${view.from}-${view.to}.csv`)}`)
    .send(figuresCsv(view));
}
