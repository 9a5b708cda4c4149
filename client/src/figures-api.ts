/** The quality figures (执行质效) API: the dashboard's figures and the address of their CSV. */
import type { FiguresView } from '@shared/schemas/figures';
import { request } from './api';

export type { FiguresView };

export interface FiguresParams {
  courtId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const query = (p: FiguresParams) => ({ courtId: p.courtId || undefined, from: p.from || undefined, to: p.to || undefined });

export const figuresApi = {
  figures: (p: FiguresParams) => request<FiguresView>('GET', '/api/figures', undefined, query(p)),
  /** The CSV's address (a plain link: the session cookie goes with it). */
  csvUrl: (p: FiguresParams) => {
    const params = new URLSearchParams(Object.entries(query(p)).filter((e): e is [string, string] => Boolean(e[1])));
    const qs = params.toString();
    return `/api/figures.csv${qs ? `?${qs}` : ''}`;
  },
};
