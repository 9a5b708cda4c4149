/** Courts: reference data. */
import type { Db } from '../../platform/db/database';
import { upsertCourts } from './court.store';
import { REFERENCE_COURTS } from './reference-courts';

export { courtById, listCourts, type CourtRow } from './court.store';
export { courtRoutes } from './court.routes';
export { REFERENCE_COURTS } from './reference-courts';

/** Makes sure the reference courts exist. */
export function ensureReferenceCourts(db: Db): Promise<void> {
  return upsertCourts(db, REFERENCE_COURTS.map((c) => ({ ...c })));
}
