import type { ReviewGuardDatabase } from '../../lib/db/database';
import { ALARM_PREFIX, fireReminder, rebuildAlarms, scheduleReminder, type AlarmPort, type NotifierPort } from '../../lib/reminders/alarmSync';
import type { ReminderRecord } from '../../lib/schemas';

export interface RemindersService {
  schedule(reminder: ReminderRecord): Promise<void>;
}

const alarms: AlarmPort = {
  get: async (name) => (await browser.alarms.get(name)) ?? undefined,
  create: async (name, info) => {
    await browser.alarms.create(name, info);
  },
};

const notifier: NotifierPort = {
  async notify(id, { title, message }) {
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message,
      priority: 2,
      requireInteraction: true,
    });
  },
};

export function setupReminders(db: ReviewGuardDatabase): RemindersService {
  const rebuild = () =>
    rebuildAlarms(db, alarms, Date.now()).catch((error: unknown) => console.error('[差评卫士] 重建提醒失败', error));

  browser.alarms.onAlarm.addListener((alarm) => {
    fireReminder(db, alarm.name, notifier, Date.now()).catch((error: unknown) =>
      console.error('[差评卫士] 提醒触发失败', error),
    );
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    if (!notificationId.startsWith(ALARM_PREFIX)) return;
    const reminderId = notificationId.slice(ALARM_PREFIX.length);
    const caseKey = reminderId.split('#')[0] ?? '';
    void browser.tabs.create({ url: `${browser.runtime.getURL('/sidepanel.html')}#case=${encodeURIComponent(caseKey)}` });
    void browser.notifications.clear(notificationId);
  });
  browser.runtime.onInstalled.addListener(() => void rebuild());
  browser.runtime.onStartup.addListener(() => void rebuild());
  void rebuild(); // every worker start: a killed worker loses nothing

  return { schedule: (reminder) => scheduleReminder(alarms, reminder, Date.now()) };
}
