import type { PlatformEntry } from '../../../shared/inquiry-platform-protocol';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { InquiryPlatformDirectory } from './inquiry-platform';
import { pushValuationEvents } from './valuation-events';
import type { Flow, ValuationEvent } from './valuation-flow';
import { valuationForUpdate, type ValuationRow } from './valuation.store';

/** What the valuation use cases and jobs depend on beyond the context. */
export interface ValuationDeps {
  platforms: InquiryPlatformDirectory;
}

/** The platform list, or null when it cannot be read now (only opening an online inquiry needs it). */
export async function readPlatforms(deps: ValuationDeps): Promise<PlatformEntry[] | null> {
  try {
    return (await deps.platforms.list()).map((p) => ({ code: p.code, name: p.name }));
  } catch {
    return null;
  }
}

/**
 * Runs `fn` in one transaction holding the valuation's row lock, then pushes the events it raised after the commit.
 * Every change to a valuation goes through here, so two writers never interleave on one valuation.
 */
export async function inValuation<T>(
  ctx: AppContext,
  actor: Actor,
  valuationId: string,
  platforms: PlatformEntry[] | null,
  fn: (flow: Flow, valuation: ValuationRow) => Promise<T>,
): Promise<T> {
  const events = new Set<ValuationEvent>();
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const valuation = await valuationForUpdate(tx, valuationId);
    if (!valuation) throw notFound('valuation', '参考价程序');
    return fn({ ctx, tx, actor, now, platforms, events }, valuation);
  });
  await pushValuationEvents(ctx, valuationId, events);
  return result;
}
