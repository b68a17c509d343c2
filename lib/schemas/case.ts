import { z } from 'zod';
import { Classification } from './classification';
import { PlatformId } from './platform';
import { ReviewSnapshot } from './review';

export const CaseState = z.enum([
  '发现',
  '已分类',
  '取证中',
  '协商中',
  '已申诉',
  '待补充材料',
  '申诉成功',
  '申诉驳回',
  '二次申诉',
  '升级处理',
  '商家回复',
  '法律途径',
  '已结案',
]);
export type CaseState = z.infer<typeof CaseState>;

export const CaseHistoryEntry = z.object({
  at: z.string(),
  atMs: z.number(),
  state: CaseState,
  note: z.string(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

export const AppealRecord = z.object({
  submittedAt: z.string(),
  submittedAtMs: z.number(),
  /** Upper bound of the platform's usual processing time, in Chinese working days. */
  processingDays: z.number().int().positive(),
  expectedDecisionAt: z.string(),
  expectedDecisionAtMs: z.number(),
  warnings: z.array(z.string()),
});
export type AppealRecord = z.infer<typeof AppealRecord>;

export const CaseRecord = z.object({
  key: z.string(),
  platform: PlatformId,
  review: ReviewSnapshot,
  pageUrl: z.string(),
  classification: Classification,
  state: CaseState,
  history: z.array(CaseHistoryEntry),
  appeal: AppealRecord.nullable(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;
