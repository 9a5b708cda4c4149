import { IdParams } from '../../../shared/schemas/common';
import { AnswerPetitionBody, AssignPetitionBody, ListPetitionsQuery, PetitionPage, PetitionView, PublicPetitionBody, PublicPetitionReceipt, ReceivePetitionBody } from '../../../shared/schemas/transparency';
import type { AppContext } from '../../platform/context';
import type { Api } from '../../platform/http/api';
import { answerPetition } from './answer-petition';
import { assignPetition } from './assign-petition';
import { courtPetitions, petitionFor } from './petition-queries';
import { filePublicPetition, receivePetition } from './receive-petition';

const POLICY = 'Deadlines from receipt (platform policy): assign within 3 days, answer within 15 days; reminders 1 and 3 days before; steps not done in time are marked overdue.';

export function petitionRoutes(api: Api, ctx: AppContext): void {
  api.route({
    method: 'post',
    path: '/api/cases/:id/petitions',
    tag: 'petitions',
    summary: 'Record a petition (信访) about a case, received by visit, letter or phone',
    description: `By a judge or clerk of the case's court. ${POLICY} On the case's timeline.`,
    auth: ['judge', 'clerk'],
    params: IdParams,
    body: ReceivePetitionBody,
    response: PetitionView,
    status: 201,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async ({ params, body, actor }) => receivePetition(ctx, actor, params.id, body),
  });

  api.route({
    method: 'post',
    path: '/api/public/petitions',
    tag: 'petitions',
    summary: 'A party files a petition online with the case number and query code (no login)',
    description: `The same check, refusal and lock-out as the party view (QUERY_REFUSED, TOO_MANY_ATTEMPTS). ${POLICY}`,
    auth: 'public',
    body: PublicPetitionBody,
    response: PublicPetitionReceipt,
    status: 201,
    errors: ['QUERY_REFUSED', 'TOO_MANY_ATTEMPTS'],
    handler: async ({ body, req }) => filePublicPetition(ctx, body, req.ip ?? 'unknown'),
  });

  api.route({
    method: 'get',
    path: '/api/petitions',
    tag: 'petitions',
    summary: 'The court\'s petitions, open ones first by the deadline running now',
    description: 'A judge or clerk sees their own court\'s; `overdue=true` keeps those whose running deadline has passed.',
    auth: ['judge', 'clerk', 'admin'],
    query: ListPetitionsQuery,
    response: PetitionPage,
    handler: async ({ query, actor }) => courtPetitions(ctx, actor, query),
  });

  api.route({
    method: 'get',
    path: '/api/petitions/:id',
    tag: 'petitions',
    summary: 'One petition',
    auth: ['judge', 'clerk', 'admin'],
    params: IdParams,
    response: PetitionView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => petitionFor(ctx, actor, params.id),
  });

  api.route({
    method: 'post',
    path: '/api/petitions/:id/assign',
    tag: 'petitions',
    summary: 'Assign (or re-assign) a petition to a judge of the court (交办)',
    description: 'By a judge or clerk of the court, while unanswered. The assignee gets `petition.assigned` in their room.',
    auth: ['judge', 'clerk'],
    params: IdParams,
    body: AssignPetitionBody,
    response: PetitionView,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'PETITION_WRONG_STATE', 'ASSIGNEE_NOT_A_JUDGE'],
    handler: async ({ params, body, actor }) => assignPetition(ctx, actor, params.id, body.assigneeId),
  });

  api.route({
    method: 'post',
    path: '/api/petitions/:id/answer',
    tag: 'petitions',
    summary: 'Answer a petition (答复), by the judge it is assigned to',
    auth: ['judge', 'clerk'],
    params: IdParams,
    body: AnswerPetitionBody,
    response: PetitionView,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'PETITION_WRONG_STATE', 'NOT_PETITION_ASSIGNEE'],
    handler: async ({ params, body, actor }) => answerPetition(ctx, actor, params.id, body.answer),
  });
}
