/** Transparency for the parties (执行公开): the case's query code (查询码) and the party's view of the case it opens. */
export { transparencyRoutes, type TransparencyDeps } from './transparency.routes';
export { issueQueryCode, queryCodeStatus } from './issue-query-code';
export { openCase, queryRefused } from './open-case';
export { partyCase, type PetitionProgressOf } from './party-case';
