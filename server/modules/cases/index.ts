/** Enforcement cases: filing, listing, detail, timeline. */
export { caseRoutes } from './case.routes';
export { createCase } from './create-case';
export { caseVisibleTo } from './case-access';
export { applyRecovery, type Recovery } from './apply-recovery';
export { caseById, caseByNo, casesFiledBefore, countCases, partiesOf, type CaseRow, type PartyRow } from './case.store';
export { changeCaseStatus, lockCase } from './change-status';
