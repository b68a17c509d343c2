import type { ReviewGuardDatabase } from '../db/database';
import type { ProcessingTime } from '../deadlines/processing';
import type { WorkdayOverrides } from '../deadlines/calendar';
import { platformProfile } from '../platforms';
import type { AppealRecord, ReminderRecord } from '../schemas';
import { recordCaseTransition } from './caseTransition';
import { systemClock, type Clock } from './clock';

export interface AppealSubmissionOptions {
  processing?: ProcessingTime;
  overrides?: WorkdayOverrides;
  /** Demo/test setting: remind after this many ms instead of at the expected decision date. */
  reminderDelayOverrideMs?: number | null;
}

/**
 * Records that the seller submitted the appeal on the platform: the case moves to 已申诉, the expected decision
 * date is computed in Chinese working days, and a reminder is stored (the alarm is derived from it).
 */
export async function recordAppealSubmission(
  db: ReviewGuardDatabase,
  caseKey: string,
  options: AppealSubmissionOptions = {},
  clock: Clock = systemClock,
): Promise<{ appeal: AppealRecord; reminder: ReminderRecord }> {
  const record = await db.cases.get(caseKey);
  if (!record) throw new Error('找不到该案件，可能已被删除');
  const processing = options.processing ?? platformProfile(record.platform).processingTime;
  const result = await recordCaseTransition(db, caseKey, '已申诉', { ...options, processing }, clock);
  const reminder = result.reminders.find((r) => r.kind === 'appeal-decision');
  if (!result.record.appeal || !reminder) throw new Error('申诉记录未能保存');
  return { appeal: result.record.appeal, reminder };
}
