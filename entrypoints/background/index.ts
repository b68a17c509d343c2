import { openDatabase } from '../../lib/db/database';
import { setupMessaging } from './messaging';
import { setupPixelCapture } from './pixelCapture';
import { setupPageFindings } from './pageFindings';
import { setupReminders } from './reminders';

// Listeners are registered synchronously on the worker's first turn (MV3 requirement).
export default defineBackground(() => {
  const db = openDatabase();
  const reminders = setupReminders(db);
  setupMessaging(db, reminders);
  setupPixelCapture(db);
  setupPageFindings(db);
  browser.sidePanel
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch((error: unknown) => console.warn('[差评卫士] 无法设置侧边栏行为', error));
});
