import type { Config } from '../config';
import type { Clock } from './clock';
import type { Db, DatabaseKind } from './db/database';
import type { Logger } from './logger';
import type { Realtime } from './realtime';
import type { IdentityVerifier } from '../modules/accounts/identity-verifier';

/** What every use case may depend on. Built once in app.ts; tests build it with a fake clock. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  logger: Logger;
  realtime: Realtime;
  identityVerifier: IdentityVerifier;
}
