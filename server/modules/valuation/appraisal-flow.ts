import { randomBytes } from 'node:crypto';
import { firmByCode } from './appraisal-firms';
import { audit, commissionNextFirm, newResult, type Flow } from './valuation-flow';
import { drawFirms, type LotteryDraw } from './valuation.rules';
import { insertResults, resultsOfSteps, updateResult, updateStep, type ResultRow, type StepRow, type ValuationRow } from './valuation.store';

/** A fresh lottery seed: 128 random bits, recorded with the draw so anyone can re-run it. */
export const newLotterySeed = () => randomBytes(16).toString('hex');

/**
 * Records the three firms in their order, chosen by the parties or drawn by lot (参考价 Art. 16), and commissions the
 * first one (30 days, Art. 17, 19); the other two wait on standby.
 */
export async function recordFirms(flow: Flow, valuation: ValuationRow, step: StepRow, firms: string[], details: Record<string, unknown>): Promise<void> {
  const { tx, now } = flow;
  const rows: ResultRow[] = firms.map((code, i) => newResult(step, 'firm', code, firmByCode(code)?.name ?? code, i + 1, 'standby', now, null));
  await insertResults(tx, rows);
  const previous = step.details && typeof step.details === 'object' ? (step.details as Record<string, unknown>) : {};
  await updateStep(tx, step.id, { details: { ...previous, ...details, firms }, updatedBy: flow.actor.userId, updatedAt: now });
  await audit(flow, valuation, details.choice === 'lottery' ? 'lottery_drawn' : 'firms_chosen', { step: step.seq, firms, ...details });
  await commissionNextFirm(flow, valuation, step, await resultsOfSteps(tx, [step.id]), '委托顺序在先的评估机构（参考价第17条） / The first firm in order is commissioned (参考价 Art. 17)');
}

/** Draws three firms from the specialty's pool by the seeded shuffle and records the draw (参考价 Art. 16, 34). */
export async function drawByLot(flow: Flow, valuation: ValuationRow, step: StepRow, seed: string, reason: string): Promise<LotteryDraw> {
  const pool = ((step.details as { pool?: string[] } | null)?.pool ?? []).slice();
  const draw = drawFirms(seed, pool);
  await recordFirms(flow, valuation, step, draw.draw, { choice: 'lottery', reason, lottery: draw });
  return draw;
}

/**
 * The commissioned firm did not report by its deadline and was not given (more) time: it returns the materials and
 * the next firm in order appraises (参考价 Art. 19 para 3).
 */
export async function withdrawOverdueFirm(flow: Flow, valuation: ValuationRow, step: StepRow): Promise<void> {
  const { tx, now } = flow;
  const results = await resultsOfSteps(tx, [step.id]);
  const current = results.find((r) => r.status === 'pending');
  if (!current || !current.dueAt || current.dueAt.getTime() > now.getTime()) return;
  const reason = '评估机构未在期限内出具评估报告，退回材料，另行委托下一顺序机构（参考价第19条第3款） / The firm did not report in time: it returns the materials and the next firm in order appraises (参考价 Art. 19 para 3)';
  const updated = await updateResult(tx, current.id, { status: 'withdrawn', endedAt: now, endReason: reason, updatedAt: now });
  await audit(flow, valuation, 'firm_withdrawn', { step: step.seq, firm: current.sourceCode, dueAt: current.dueAt.toISOString(), reason });
  await commissionNextFirm(flow, valuation, step, results.map((r) => (r.id === updated.id ? updated : r)), reason);
}
