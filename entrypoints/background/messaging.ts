import { recordReviewCapture } from '../../lib/cases/recordCapture';
import { recordAppealSubmission } from '../../lib/cases/submitAppeal';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { getSetting } from '../../lib/db/settings';
import { registerMessageHandlers, type RuntimePort } from '../../lib/messaging/channel';
import type { RemindersService } from './reminders';

export function setupMessaging(db: ReviewGuardDatabase, reminders: RemindersService): void {
  registerMessageHandlers(browser.runtime as unknown as RuntimePort, {
    'capture-review': (request) => recordReviewCapture(db, request),
    'appeal-submitted': async ({ caseKey }) => {
      const delaySeconds = await getSetting(db, 'demoReminderDelaySeconds');
      const { appeal, reminder } = await recordAppealSubmission(db, caseKey, {
        reminderDelayOverrideMs: delaySeconds === null ? null : delaySeconds * 1000,
      });
      await reminders.schedule(reminder);
      return { appeal, reminderId: reminder.id };
    },
  });
}
