/**
 * The transitions of a valuation inside one transaction, shared by the use cases and the jobs: open a method, fail it
 * and move to the next one in the legal order, fix the reference price, settle a report once the objection window
 * is over. The caller holds the valuation's row lock (valuationForUpdate) and audits through these functions.
 */
import { randomUUID } from 'node:crypto';
import type { AssetKind } from '../../../shared/institution-protocol';
import type { PlatformEntry } from '../../../shared/inquiry-platform-protocol';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { firmByCode, firmsFor, specialtyFor } from './appraisal-firms';
import {
  addDays,
  APPRAISAL_DAYS,
  DIRECTED_DAYS,
  FIRM_CHOICE_DAYS,
  meanAfterObjections,
  NEGOTIATION_DAYS,
  nextMethod,
  PLATFORM_DAYS,
  SALE_START_DAYS,
  validityFor,
} from './valuation.rules';
import {
  insertResults,
  objectionsOfSteps,
  insertStep,
  resultsOfSteps,
  updateResult,
  updateStep,
  updateValuation,
  type ResultRow,
  type StepRow,
  type ValuationRow,
} from './valuation.store';
import type { ValuationMethod } from './valuation.tables';

export type ValuationEvent = 'valuation.updated' | 'valuation.result' | 'valuation.fixed';

/** One transaction's work on one valuation. */
export interface Flow {
  ctx: AppContext;
  tx: Db;
  actor: Actor;
  now: Date;
  /** The platform list (名单库), read before the transaction; needed only to open an online inquiry. */
  platforms: PlatformEntry[] | null;
  /** What to push to the court after the commit. */
  events: Set<ValuationEvent>;
}

export const METHOD_NAMES: Record<ValuationMethod, string> = {
  negotiated: '当事人议价 / negotiated price',
  directedInquiry: '定向询价 / directed inquiry',
  onlineInquiry: '网络询价 / online inquiry',
  appraisal: '委托评估 / appraisal',
};

export async function audit(flow: Flow, valuation: ValuationRow, action: string, data: Record<string, unknown>): Promise<void> {
  await recordAudit(flow.tx, flow.ctx.clock, flow.actor, {
    action: `valuation.${action}`,
    entityType: 'valuation',
    entityId: valuation.id,
    caseId: valuation.caseId,
    data: { measureId: valuation.measureId, asset: valuation.assetIdentifier, ...data },
  });
}

/**
 * Opens `method` as step `seq`: the negotiation with its deadline (参考价 Art. 4), the directed inquiry letter with
 * its term (Art. 6), the commission of every listed platform at once with 3 days (Art. 10, 11), or the parties'
 * term to choose three appraisal firms (Art. 16).
 */
export async function openMethod(flow: Flow, valuation: ValuationRow, method: ValuationMethod, seq: number, options: { deadline?: Date } = {}): Promise<StepRow> {
  const { tx, now } = flow;
  const kind = valuation.assetKind as AssetKind;
  const step: StepRow = {
    id: randomUUID(),
    valuationId: valuation.id,
    seq,
    method,
    status: 'open',
    openedAt: now,
    deadline: null,
    extendedAt: null,
    amount: null,
    resultAt: null,
    deliveredAt: null,
    deliveryMethod: null,
    receivedAt: null,
    objectionDeadline: null,
    agreement: null,
    details: null,
    closedAt: null,
    outcome: null,
    updatedBy: flow.actor.userId,
    updatedAt: now,
  };
  let results: ResultRow[] = [];
  if (method === 'negotiated') {
    step.deadline = options.deadline ?? addDays(now, NEGOTIATION_DAYS);
  } else if (method === 'directedInquiry') {
    step.deadline = addDays(now, DIRECTED_DAYS);
    step.details = { letter: '询价函 / directed inquiry letter', termDays: DIRECTED_DAYS };
  } else if (method === 'onlineInquiry') {
    if (!flow.platforms || flow.platforms.length === 0) {
      throw new AppError('PLATFORMS_UNAVAILABLE', '司法网络询价平台名单暂不可用，请稍后再试 / The list of inquiry platforms cannot be read now; try again later');
    }
    step.deadline = addDays(now, PLATFORM_DAYS);
    results = flow.platforms.map((p, i) => newResult(step, 'platform', p.code, p.name, i + 1, 'pending', now, step.deadline));
  } else {
    step.status = 'choosing';
    step.deadline = addDays(now, FIRM_CHOICE_DAYS);
    step.details = { specialty: specialtyFor(kind), pool: firmsFor(kind).map((f) => f.code) };
  }
  await insertStep(tx, step);
  await insertResults(tx, results);
  await updateValuation(tx, valuation.id, { method, updatedAt: now });
  valuation.method = method;
  await audit(flow, valuation, 'step_opened', {
    step: seq,
    method,
    deadline: step.deadline?.toISOString() ?? null,
    ...(results.length ? { platforms: results.map((r) => r.sourceCode) } : {}),
  });
  flow.events.add('valuation.updated');
  return step;
}

export function newResult(
  step: StepRow,
  source: 'platform' | 'firm',
  code: string,
  name: string,
  position: number,
  status: ResultRow['status'],
  now: Date,
  dueAt: Date | null,
): ResultRow {
  return {
    id: randomUUID(),
    valuationId: step.valuationId,
    stepId: step.id,
    source,
    sourceCode: code,
    sourceName: name,
    position,
    status,
    requestedAt: status === 'pending' ? now : null,
    acknowledgedAt: null,
    dueAt,
    extensions: [],
    amount: null,
    reportNo: null,
    issuedAt: null,
    recordedAt: null,
    reportValidUntil: null,
    details: null,
    endedAt: null,
    endReason: null,
    updatedAt: now,
  };
}

/** Ends what is still pending in a step that closes (unanswered platforms, firms not yet reporting or on standby). */
export async function closeOpenResults(flow: Flow, step: StepRow, reason: string): Promise<void> {
  for (const r of await resultsOfSteps(flow.tx, [step.id])) {
    if (r.status === 'pending' || r.status === 'standby') {
      await updateResult(flow.tx, r.id, { status: r.source === 'platform' ? 'unanswered' : 'withdrawn', endedAt: flow.now, endReason: reason, updatedAt: flow.now });
    }
  }
}

/**
 * Closes the step as failed (or skipped by the parties' agreement) and opens the next method the law allows for the
 * asset (参考价 Art. 5, 7, 11 para 3, 14); with none left the valuation fails.
 */
export async function failAndAdvance(flow: Flow, valuation: ValuationRow, step: StepRow, reason: string): Promise<StepRow | null> {
  const { tx, now } = flow;
  await closeOpenResults(flow, step, reason);
  await updateStep(tx, step.id, { status: 'failed', closedAt: now, outcome: reason, updatedBy: flow.actor.userId, updatedAt: now });
  await audit(flow, valuation, 'step_failed', { step: step.seq, method: step.method, reason });
  flow.events.add('valuation.updated');
  const next = nextMethod(step.method, valuation.assetKind as AssetKind);
  if (next) return openMethod(flow, valuation, next, step.seq + 1);
  const endReason = `各方式均未能确定参考价（最后为${METHOD_NAMES[step.method].split(' / ')[0]}） / No method fixed a reference price (the last was ${METHOD_NAMES[step.method].split(' / ')[1]})`;
  await updateValuation(tx, valuation.id, { status: 'failed', endedAt: now, endReason, updatedAt: now });
  valuation.status = 'failed';
  await audit(flow, valuation, 'failed', { reason: endReason });
  return null;
}

/** Fixes the reference price from the step's result (参考价 Art. 4, 6, 13, 26), valid until `validUntil` (Art. 27). */
export async function fixPrice(flow: Flow, valuation: ValuationRow, step: StepRow, amount: string, validUntil: Date, outcome: string): Promise<ValuationRow> {
  const { tx, now } = flow;
  await updateStep(tx, step.id, { status: 'succeeded', amount, resultAt: step.resultAt ?? now, closedAt: now, outcome, updatedBy: flow.actor.userId, updatedAt: now });
  const row = await updateValuation(tx, valuation.id, { status: 'fixed', method: step.method, amount, fixedAt: now, validUntil, updatedAt: now });
  await audit(flow, row, 'fixed', {
    step: step.seq,
    method: step.method,
    amount,
    fixedAt: now.toISOString(),
    validUntil: validUntil.toISOString(),
    saleStartBy: addDays(now, SALE_START_DAYS).toISOString(),
  });
  flow.events.add('valuation.fixed');
  return row;
}

/**
 * A reported step whose objection window is over and has no objection awaiting a ruling becomes the reference price
 * (参考价 Art. 13, 26). Returns true when it fixed the price.
 */
export async function settleIfDue(flow: Flow, valuation: ValuationRow, step: StepRow): Promise<boolean> {
  if (step.status !== 'reported' || !step.objectionDeadline || step.objectionDeadline.getTime() > flow.now.getTime() || !step.amount) return false;
  const objections = await objectionsOfSteps(flow.tx, [step.id]);
  const results = await resultsOfSteps(flow.tx, [step.id]);
  const counted = results.filter((r) => r.status === 'received');
  // An objection still pending against a report that counts holds the price back (one against a report already
  // dropped no longer matters to it).
  const countedIds = new Set(counted.map((r) => r.id));
  if (objections.some((o) => o.status === 'pending' && countedIds.has(o.resultId))) return false;
  // A report's own validity may be shorter than a year (参考价 Art. 27 para 1); never longer from the fixing.
  const shortest = step.method === 'appraisal' ? counted.map((r) => r.reportValidUntil).filter((d): d is Date => d !== null && d > flow.now).sort((a, b) => a.getTime() - b.getTime())[0] : undefined;
  const validity = validityFor(flow.now, shortest ?? null);
  const validUntil = validity.ok ? validity.validUntil : validity.maxUntil;
  const outcome =
    objections.length === 0
      ? '异议期届满，无人异议（参考价第26条） / The objection period ended without objection (参考价 Art. 26)'
      : '异议已处理完毕（参考价第13、26条） / The objections were ruled on (参考价 Art. 13, 26)';
  await fixPrice(flow, valuation, step, step.amount, validUntil, outcome);
  return true;
}

/**
 * After the reports that count changed (an upheld objection dropped one, or one issued in time was read late): an
 * online inquiry takes the mean of the reports that count (参考价 Art. 13); after a dropped appraisal report the next
 * firm in order appraises (Art. 23 para 2); with nothing left, the next method.
 */
export async function afterResultsChanged(flow: Flow, valuation: ValuationRow, step: StepRow): Promise<void> {
  const { tx, now } = flow;
  const results = await resultsOfSteps(tx, [step.id]);
  if (step.method === 'onlineInquiry') {
    const mean = meanAfterObjections(results.filter((r) => r.status === 'received' || r.status === 'dropped').map((r) => ({ amount: r.amount!, dropped: r.status === 'dropped' })));
    if (mean === null) {
      await failAndAdvance(flow, valuation, step, '全部网络询价结果均因异议成立被排除（参考价第13条） / Every online inquiry result was dropped on objection (参考价 Art. 13)');
      return;
    }
    await updateStep(tx, step.id, { amount: mean, updatedBy: flow.actor.userId, updatedAt: now });
    await audit(flow, valuation, 'mean_recomputed', { step: step.seq, amount: mean, counted: results.filter((r) => r.status === 'received').map((r) => r.sourceCode) });
    return;
  }
  await commissionNextFirm(flow, valuation, step, results, '评估报告异议成立，另行委托下一顺序评估机构（参考价第23条） / Objection upheld: the next firm in order appraises (参考价 Art. 23)');
}

/** Commissions the next firm on standby (30 days, 参考价 Art. 17, 19), or fails the appraisal when none is left. */
export async function commissionNextFirm(flow: Flow, valuation: ValuationRow, step: StepRow, results: ResultRow[], reason: string): Promise<void> {
  const { tx, now } = flow;
  const next = results.filter((r) => r.status === 'standby').sort((a, b) => a.position - b.position)[0];
  if (!next) {
    await failAndAdvance(flow, valuation, step, `${reason}；三家评估机构均未能出具有效报告 / none of the three firms gave a valid report`);
    return;
  }
  const dueAt = addDays(now, APPRAISAL_DAYS);
  await updateResult(tx, next.id, { status: 'pending', requestedAt: now, dueAt, updatedAt: now });
  await updateStep(tx, step.id, {
    status: 'open',
    deadline: dueAt,
    amount: null,
    resultAt: null,
    deliveredAt: null,
    deliveryMethod: null,
    receivedAt: null,
    objectionDeadline: null,
    updatedBy: flow.actor.userId,
    updatedAt: now,
  });
  await audit(flow, valuation, 'firm_commissioned', { step: step.seq, firm: next.sourceCode, name: firmByCode(next.sourceCode)?.name ?? next.sourceName, position: next.position, dueAt: dueAt.toISOString(), reason });
  flow.events.add('valuation.updated');
}
