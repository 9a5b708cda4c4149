import { z } from 'zod';
import { CourtView } from '../../../shared/schemas/courts';
import type { Api } from '../../platform/http/api';
import type { AppContext } from '../../platform/context';
import { listCourts } from './court.store';

export function courtRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'get',
    path: '/api/courts',
    tag: 'courts',
    summary: 'List the courts (reference data)',
    auth: 'public',
    response: z.array(CourtView),
    handler: async () => listCourts(ctx.db),
  });
}
