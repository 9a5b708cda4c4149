import { IdParams } from '../../../shared/schemas/common';
import { PartyCaseView, PartyCredentials, QueryCodeIssued, QueryCodeStatus } from '../../../shared/schemas/transparency';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { issueQueryCode, queryCodeStatus } from './issue-query-code';
import { partyCase, type PetitionProgressOf } from './party-case';

export interface TransparencyDeps {
  petitionsOf: PetitionProgressOf;
}

export function transparencyRoutes(api: Api, ctx: AppContext, deps: TransparencyDeps): void {
  api.route({
    method: 'post',
    path: '/api/cases/:id/query-code',
    tag: 'transparency',
    summary: 'Issue the case\'s query code (查询码) for its parties',
    description: 'By a judge or clerk of the case\'s court. The code is in this answer only (the server keeps a keyed hash); issuing again replaces the old code, which stops working. On the case\'s timeline.',
    auth: ['judge', 'clerk'],
    params: IdParams,
    response: QueryCodeIssued,
    status: 201,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ params, actor }) => issueQueryCode(ctx, actor, params.id),
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/query-code',
    tag: 'transparency',
    summary: 'Whether the case has a query code, and since when (never the code)',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: QueryCodeStatus,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => queryCodeStatus(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/public/case-query',
    tag: 'transparency',
    summary: 'A party\'s view of their case, opened with the case number and query code (no login)',
    description:
      'POST so that the code stays out of URLs and logs. Any mismatch (unknown case, no code issued, wrong code) answers QUERY_REFUSED, the same way. ' +
      'After 5 wrong attempts on a case number, or 20 from one address, further attempts are locked for 1 minute, doubling per failure up to 1 hour (TOO_MANY_ATTEMPTS with `details.retryAfterSeconds`).',
    auth: 'public',
    body: PartyCredentials,
    response: PartyCaseView,
    errors: ['QUERY_REFUSED', 'TOO_MANY_ATTEMPTS'],
    handler: async ({ body, req }) => partyCase(ctx, body, req.ip ?? 'unknown', deps.petitionsOf),
  });
}
