/** Schemas used across the API, shared by server (validation, OpenAPI) and client (forms). */
import { z } from 'zod';
import './messages';
import { MONEY_PATTERN } from '../money';
import { creditCodeProblem, ID_PROBLEM_MESSAGES, residentIdProblem } from '../identity';

/** A money amount as a string, e.g. "1234.50". */
export const MoneyString = z
  .string()
  .trim()
  .regex(MONEY_PATTERN, '金额格式应为 1234.50 / An amount looks like 1234.50 (at most 2 decimals)')
  .meta({ id: 'Money', description: 'CNY amount as a decimal string with at most 2 decimals, e.g. "1234.50"', example: '1234.50' });

/** A money amount that must be greater than zero. */
export const PositiveMoneyString = MoneyString.refine((v) => !/^-/.test(v) && !/^0(\.0{1,2})?$/.test(v), {
  message: '金额必须大于0 / The amount must be greater than 0',
});

export const Uuid = z.uuid({ message: '无效的编号 / Not a valid id' });

export const IsoDateTime = z.string().meta({ description: 'ISO 8601 timestamp', example: '2026-11-25T08:00:00.000Z' });

export const ResidentId = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = residentIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES.residentId[problem], params: { idProblem: problem } });
  })
  .meta({ description: 'PRC resident ID number (GB 11643)', example: '11010519491231002X' });

export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES.creditCode[problem], params: { idProblem: problem } });
  })
  .meta({ description: 'Unified social credit code (GB 32100)', example: '91350100M000100Y43' });

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
    .meta({ id });
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every failure has this shape; `code` is stable, `message` is for people.' });

export const IdParams = z.strictObject({ id: Uuid });
