import type { Db } from '../../platform/db/database';
import { caseForUpdate, updateCaseStatus, type CaseRow } from './case.store';

/**
 * The only way another module changes a case's status (the closing module: 执行完毕, 终本, 恢复执行), inside the
 * caller's transaction, which audits. Conditional on the status the caller saw, so a concurrent change wins once.
 */
export async function changeCaseStatus(tx: Db, caseId: string, from: CaseRow['status'], to: CaseRow['status'], now: Date): Promise<CaseRow | undefined> {
  return updateCaseStatus(tx, caseId, from, to, now);
}

/** The case with its row locked until the caller's transaction ends (so rules are checked on what commits). */
export async function lockCase(tx: Db, caseId: string): Promise<CaseRow | undefined> {
  return caseForUpdate(tx, caseId);
}
