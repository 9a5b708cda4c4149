/** The audit trail: append (inside the caller's transaction), read a case's timeline, verify the chain. */
export { recordAudit, type AuditEvent } from './record-audit';
export { verifyChain, type VerifyResult } from './verify-chain';
export { caseRecordsByAction, recordsOfCase, recordsOfEntity } from './audit.store';
export type { StoredRecord } from './audit.rules';
export { auditRoutes } from './audit.routes';
