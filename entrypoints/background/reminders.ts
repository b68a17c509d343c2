/**
 * Reminders at the browser's edge: alarms (a cache rebuilt from the database), notifications with buttons
 * (打开案件 / 稍后提醒), the daily check of open appeals and the toolbar badge with the number of items due.
 */
import type { ReviewGuardDatabase } from '../../lib/db/database';
import { getSetting } from '../../lib/db/settings';
import {
  ALARM_PREFIX,
  alarmNameFor,
  fireReminder,
  rebuildAlarms,
  scheduleReminder,
  snoozeReminder,
  type AlarmPort,
  type NotifierPort,
} from '../../lib/reminders/alarmSync';
import { badgeText, dueItems, nextDailyCheckAt } from '../../lib/reminders/dueItems';
import type { ReminderRecord } from '../../lib/schemas';

export const DAILY_CHECK_ALARM = 'rg-daily-check';
const DAILY_NOTIFICATION_PREFIX = 'rg-daily:';
const DAY_MINUTES = 24 * 60;

export interface RemindersService {
  schedule(reminder: ReminderRecord): Promise<void>;
  /** Clears the alarms of reminders the case no longer needs. */
  retire(reminderIds: readonly string[]): Promise<void>;
  refreshBadge(): Promise<void>;
  /** Re-derives alarms and badge from the database (after writes that did not go through `schedule`). */
  rebuild(): Promise<void>;
}

const alarms: AlarmPort = {
  get: async (name) => (await browser.alarms.get(name)) ?? undefined,
  create: async (name, info) => {
    await browser.alarms.create(name, info);
  },
};

const BUTTONS = [{ title: '打开案件' }, { title: '稍后提醒' }];

const notifier: NotifierPort = {
  async notify(id, { title, message }) {
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title,
      message,
      priority: 2,
      requireInteraction: true,
      buttons: BUTTONS,
    });
  },
};

const caseKeyOfReminder = (reminderId: string) => reminderId.split('#')[0] ?? '';

function openPanel(hash: string) {
  void browser.tabs.create({ url: `${browser.runtime.getURL('/sidepanel.html')}#${hash}` });
}

export function setupReminders(db: ReviewGuardDatabase): RemindersService {
  const log = (what: string) => (error: unknown) => console.error(`[差评卫士] ${what}`, error);

  async function refreshBadge() {
    const items = dueItems(await db.cases.toArray(), await db.reminders.toArray(), Date.now());
    await browser.action.setBadgeBackgroundColor({ color: '#e02e24' });
    await browser.action.setBadgeText({ text: badgeText(items) });
  }

  async function ensureDailyCheck() {
    if (await browser.alarms.get(DAILY_CHECK_ALARM)) return;
    await browser.alarms.create(DAILY_CHECK_ALARM, { when: nextDailyCheckAt(Date.now()), periodInMinutes: DAY_MINUTES });
  }

  async function dailyCheck() {
    const nowMs = Date.now();
    const items = dueItems(await db.cases.toArray(), await db.reminders.toArray(), nowMs);
    await refreshBadge();
    if (items.length === 0) return;
    const overdue = items.filter((i) => i.kind.endsWith('overdue')).length;
    await browser.notifications.create(`${DAILY_NOTIFICATION_PREFIX}${nowMs}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: `差评卫士：${items.length} 个案件需要处理${overdue ? `（${overdue} 个已超时）` : ''}`,
      message: items.slice(0, 3).map((i) => i.text).join('\n') + (items.length > 3 ? `\n…另有 ${items.length - 3} 项` : ''),
      priority: 2,
      buttons: [{ title: '查看提醒' }],
    });
  }

  const rebuild = async () => {
    await rebuildAlarms(db, alarms, Date.now());
    await ensureDailyCheck();
    await refreshBadge();
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY_CHECK_ALARM) {
      dailyCheck().catch(log('每日检查失败'));
      return;
    }
    fireReminder(db, alarm.name, notifier, Date.now())
      .then(() => refreshBadge())
      .catch(log('提醒触发失败'));
  });

  const openFor = (notificationId: string) => {
    if (notificationId.startsWith(ALARM_PREFIX)) {
      openPanel(`case=${encodeURIComponent(caseKeyOfReminder(notificationId.slice(ALARM_PREFIX.length)))}`);
    } else if (notificationId.startsWith(DAILY_NOTIFICATION_PREFIX)) {
      openPanel('view=reminders');
    } else return;
    void browser.notifications.clear(notificationId);
  };
  browser.notifications.onClicked.addListener(openFor);
  browser.notifications.onButtonClicked.addListener((notificationId, buttonIndex) => {
    if (buttonIndex === 1 && notificationId.startsWith(ALARM_PREFIX)) {
      const reminderId = notificationId.slice(ALARM_PREFIX.length);
      (async () => {
        const minutes = await getSetting(db, 'snoozeMinutes');
        const snoozed = await snoozeReminder(db, reminderId, Date.now(), minutes);
        if (snoozed) await scheduleReminder(alarms, snoozed, Date.now());
        await browser.notifications.clear(notificationId);
      })().catch(log('稍后提醒失败'));
      return;
    }
    openFor(notificationId);
  });
  browser.runtime.onInstalled.addListener(() => void rebuild().catch(log('重建提醒失败')));
  browser.runtime.onStartup.addListener(() => void rebuild().catch(log('重建提醒失败')));
  void rebuild().catch(log('重建提醒失败')); // every worker start: a killed worker loses nothing

  return {
    schedule: async (reminder) => {
      await scheduleReminder(alarms, reminder, Date.now());
      await refreshBadge();
    },
    retire: async (ids) => {
      for (const id of ids) await browser.alarms.clear(alarmNameFor({ id }));
      await refreshBadge();
    },
    refreshBadge,
    rebuild,
  };
}
