import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor';
import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { countUsers, createUser, registerBidder, toActor, type UserRow } from '../accounts';
import { createCase } from '../cases';
import { institutionByCode, upsertInstitutions } from '../institutions';
import { DEMO_BIDDERS, DEMO_CASES, DEMO_INSTITUTIONS, DEMO_PASSWORD, DEMO_STAFF } from './demo-data';

/** Seeds the demo when the database has no users yet; returns whether it did. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<boolean> {
  // One transaction under an advisory lock: replicas starting together seed once.
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    if ((await countUsers(tx)) > 0) return false;
    await seedDemo({ ...ctx, db: tx });
    return true;
  });
}

const DEMO_SEED_LOCK = 7_303_002;

export async function seedDemo(ctx: AppContext): Promise<void> {
  await upsertInstitutions(ctx.db, DEMO_INSTITUTIONS.map((i) => ({ ...i })));
  const byName = new Map<string, UserRow>();
  for (const s of DEMO_STAFF) {
    // Operators belong to an institution by code: the network's catalogue may have given it another id.
    const institutionId = 'institutionCode' in s ? (await institutionByCode(ctx.db, s.institutionCode))?.id : undefined;
    const user = await createUser(ctx, SYSTEM_ACTOR, { ...s, institutionId, password: DEMO_PASSWORD });
    byName.set(s.username, user);
  }
  for (const b of DEMO_BIDDERS) {
    await registerBidder(ctx, { username: b.username, password: DEMO_PASSWORD, phone: b.phone, identity: { ...b.identity } });
  }
  for (const c of DEMO_CASES) {
    const filer: Actor = toActor(byName.get(c.filedBy)!);
    await createCase(ctx, filer, {
      judgeId: byName.get(c.judge)!.id,
      cause: c.cause,
      basis: c.basis,
      claimAmount: c.claimAmount,
      creditors: c.creditors.map((p) => ({ ...p })),
      debtors: c.debtors.map((p) => ({ ...p })),
    });
  }
}

/** The lines the start log prints so a newcomer can sign in. */
export function demoLoginLines(): string[] {
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_STAFF.map((s) => `  ${s.username.padEnd(16)} ${s.role.padEnd(22)} ${s.displayName}`),
    ...DEMO_BIDDERS.map((b) => `  ${b.username.padEnd(16)} ${'bidder'.padEnd(22)} ${b.identity.name}`),
  ];
}
