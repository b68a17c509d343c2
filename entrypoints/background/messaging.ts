import { recordChatCapture } from '../../lib/cases/chatEvidence';
import { recordReviewCapture } from '../../lib/cases/recordCapture';
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { registerMessageHandlers, type RuntimePort } from '../../lib/messaging/channel';
import { caseWorkflowHandlers } from './caseWorkflow';
import { casesOnPageHandlers } from './casesOnPage';
import { preventionHandlers } from './prevention';
import type { RemindersService } from './reminders';

export function setupMessaging(db: ReviewGuardDatabase, reminders: RemindersService): void {
  registerMessageHandlers(browser.runtime as unknown as RuntimePort, {
    'capture-review': async (request) => {
      const saved = await recordReviewCapture(db, request);
      // The page's report state may have moved the case (and added or retired reminders).
      if (request.review.platformStatus) await reminders.rebuild();
      return saved;
    },
    'capture-chat': (request) => recordChatCapture(db, request),
    'backup-restored': async () => {
      await reminders.rebuild();
      return {};
    },
    ...caseWorkflowHandlers(db, reminders),
    ...preventionHandlers(db),
    ...casesOnPageHandlers(db),
  });
}
