import { z } from 'zod';
import type { AppealRecord } from '../schemas/case';
import { toShanghaiIso } from '../time/shanghai';
import { NO_OVERRIDES, type WorkdayOverrides } from './calendar';
import { addWorkingDaysDetailed } from './workingDays';

/** How long a platform usually takes to decide an appeal, in Chinese working days, with where the number came from. */
export const ProcessingTime = z
  .object({
    minDays: z.number().int().nonnegative(),
    maxDays: z.number().int().positive(),
    /** Where the numbers come from, e.g. `卖家经验（申诉指南），非官方`. */
    source: z.string().min(1),
    /** false for experience values (经验值): the UI must say 未核实. */
    verified: z.boolean(),
    /** ISO 8601 (+08:00) of the last check, or null if never checked. */
    verifiedAt: z.string().nullable(),
  })
  .refine((p) => p.minDays <= p.maxDays, { message: 'minDays 不能大于 maxDays' });
export type ProcessingTime = z.infer<typeof ProcessingTime>;

export interface ExpectedDecision {
  expectedDecisionAtMs: number;
  /** Chinese, ready to show: unverified processing times and calendar guesses. */
  warnings: string[];
}

/** When to expect the platform's decision: `maxDays` working days after submission, same time of day. */
export function expectedDecision(
  submittedAtMs: number,
  processing: ProcessingTime,
  overrides: WorkdayOverrides = NO_OVERRIDES,
): ExpectedDecision {
  const { at, warnings } = addWorkingDaysDetailed(new Date(submittedAtMs), processing.maxDays, overrides);
  const unverified = processing.verified ? [] : [unverifiedProcessingWarning(processing)];
  return { expectedDecisionAtMs: at.getTime(), warnings: [...unverified, ...warnings] };
}

/** The record stored on a case when the seller says they submitted the appeal. */
export function buildAppealRecord(
  submittedAtMs: number,
  processing: ProcessingTime,
  overrides: WorkdayOverrides = NO_OVERRIDES,
): AppealRecord {
  const { expectedDecisionAtMs, warnings } = expectedDecision(submittedAtMs, processing, overrides);
  return {
    submittedAt: toShanghaiIso(submittedAtMs),
    submittedAtMs,
    processingDays: processing.maxDays,
    expectedDecisionAt: toShanghaiIso(expectedDecisionAtMs),
    expectedDecisionAtMs,
    warnings,
  };
}

function unverifiedProcessingWarning(p: ProcessingTime): string {
  const range = p.minDays === p.maxDays ? `${p.maxDays}` : `${p.minDays}–${p.maxDays}`;
  return `处理时长 ${range} 个工作日为经验值，未核实，已按 ${p.maxDays} 个工作日提醒`;
}
