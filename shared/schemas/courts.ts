import { z } from 'zod';
import { Uuid } from './common';

export const CourtView = z
  .object({
    id: Uuid,
    code: z.string().meta({ example: '京0105' }),
    name: z.string().meta({ example: '北京市朝阳区人民法院' }),
    level: z.enum(['basic', 'intermediate', 'high']),
    province: z.string(),
  })
  .meta({ id: 'Court' });
export type CourtView = z.infer<typeof CourtView>;

export const StaffView = z
  .object({ id: Uuid, displayName: z.string(), role: z.enum(['judge', 'clerk']), canApprove: z.boolean() })
  .meta({ id: 'CourtStaff' });
export type StaffView = z.infer<typeof StaffView>;
