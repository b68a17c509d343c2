import { followPageStatus, recordCaseTransition } from '../../lib/cases/caseTransition';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { processingTimeFor } from '../../lib/db/processingTimes';
import { getSetting } from '../../lib/db/settings';
import type { MessageHandlers } from '../../lib/messaging/channel';
import type { RemindersService } from './reminders';

/** Handlers that move cases along: appeal submitted, any later step, and the state the page shows. */
export function caseWorkflowHandlers(
  db: ReviewGuardDatabase,
  reminders: RemindersService,
): Pick<MessageHandlers, 'appeal-submitted' | 'case-transition' | 'page-status-seen'> {
  const timing = async (caseKey: string) => {
    const record = await db.cases.get(caseKey);
    if (!record) throw new Error('找不到该案件，可能已被删除');
    const delaySeconds = await getSetting(db, 'demoReminderDelaySeconds');
    return {
      processing: await processingTimeFor(db, record.platform),
      reminderDelayOverrideMs: delaySeconds === null ? null : delaySeconds * 1000,
    };
  };

  const transitionAndSchedule = async (caseKey: string, to: Parameters<typeof recordCaseTransition>[2], extra: { note?: string | undefined; materialDueAtMs?: number | null | undefined }) => {
    const result = await recordCaseTransition(db, caseKey, to, { ...(await timing(caseKey)), ...extra });
    await reminders.retire(result.retired);
    for (const reminder of result.reminders) await reminders.schedule(reminder);
    await reminders.refreshBadge();
    return result;
  };

  return {
    'appeal-submitted': async ({ caseKey }) => {
      const result = await transitionAndSchedule(caseKey, '已申诉', {});
      const reminder = result.reminders.find((r) => r.kind === 'appeal-decision');
      if (!result.record.appeal || !reminder) throw new Error('申诉记录未能保存');
      return { appeal: result.record.appeal, reminderId: reminder.id };
    },
    'case-transition': async ({ caseKey, to, note, materialDueAtMs }) => {
      const result = await transitionAndSchedule(caseKey, to, { note, materialDueAtMs });
      return { state: result.record.state, reminderIds: result.reminders.map((r) => r.id) };
    },
    'page-status-seen': async ({ caseKey, status }) => {
      const before = await db.reminders.where('caseKey').equals(caseKey).toArray();
      const steps = await followPageStatus(db, caseKey, status, await timing(caseKey).catch(() => ({})));
      if (steps.length > 0) {
        const after = await db.reminders.where('caseKey').equals(caseKey).toArray();
        const known = new Set(before.map((r) => r.id));
        await reminders.retire(after.filter((r) => r.doneAtMs).map((r) => r.id));
        for (const r of after) if (!known.has(r.id) && !r.doneAtMs) await reminders.schedule(r);
      }
      return { steps };
    },
  };
}
