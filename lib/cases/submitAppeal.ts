import type { ReviewGuardDatabase } from '../db/database';
import { expectedDecision } from '../deadlines/processing';
import type { ProcessingTime } from '../deadlines/processing';
import type { WorkdayOverrides } from '../deadlines/calendar';
import { platformProfile } from '../platforms';
import type { AppealRecord, ReminderRecord } from '../schemas';
import { PLATFORM_LABEL } from '../schemas';
import { formatShanghai, toShanghaiIso } from '../time/shanghai';
import { systemClock, type Clock } from './recordCapture';
import { transition } from './stateMachine';

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
  return db.transaction('rw', db.cases, db.reminders, async () => {
    const record = await db.cases.get(caseKey);
    if (!record) throw new Error('找不到该案件，可能已被删除');
    const nowMs = clock.nowMs();
    const nowIso = toShanghaiIso(nowMs);
    const processing = options.processing ?? platformProfile(record.platform).processingTime;
    const { expectedDecisionAtMs, warnings } = expectedDecision(nowMs, processing, options.overrides);
    const appeal: AppealRecord = {
      submittedAt: nowIso,
      submittedAtMs: nowMs,
      processingDays: processing.maxDays,
      expectedDecisionAt: toShanghaiIso(expectedDecisionAtMs),
      expectedDecisionAtMs,
      warnings,
    };
    const note = `卖家已在平台提交申诉；按${processing.verified ? '' : '经验值'} ${processing.minDays}–${processing.maxDays} 个工作日推算，预计 ${formatShanghai(expectedDecisionAtMs, 'M月D日 HH:mm')} 前出结果`;
    const moved = transition(record, '已申诉', note, nowMs, nowIso);
    if (!moved.ok) throw new Error(moved.reason);

    const dueAtMs =
      options.reminderDelayOverrideMs != null ? nowMs + options.reminderDelayOverrideMs : expectedDecisionAtMs;
    const subject = record.review.orderSn ? `订单 ${record.review.orderSn}` : `买家 ${record.review.buyerNick ?? '（未知）'}`;
    const reminder: ReminderRecord = {
      id: `${caseKey}#appeal-decision#${nowMs}`,
      caseKey,
      kind: 'appeal-decision',
      dueAtMs,
      title: `申诉结果待查看 · ${PLATFORM_LABEL[record.platform]}`,
      message: `${subject} 的差评申诉预计已有结果（${formatShanghai(expectedDecisionAtMs, 'M月D日')}），请到商家后台查看，并在差评卫士中记录结果。`,
      firedAtMs: null,
    };
    await db.cases.put({ ...moved.record, appeal });
    await db.reminders.put(reminder);
    return { appeal, reminder };
  });
}
