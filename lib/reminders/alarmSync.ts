/**
 * Reminders are stored in the database; browser alarms are only a cache of them. A killed worker or a browser
 * restart loses nothing: on install, update, browser start and every worker start the alarms are rebuilt from here.
 */
import type { ReviewGuardDatabase } from '../db/database';
import type { ReminderRecord } from '../schemas';

export const ALARM_PREFIX = 'rg-reminder:';
/** Chrome fires packed-extension alarms no sooner than 30 s; unpacked (tests) 1 s. */
const MIN_DELAY_MS = 1_000;

export interface AlarmPort {
  get(name: string): Promise<{ name: string; scheduledTime: number } | undefined>;
  create(name: string, info: { when: number }): Promise<void>;
}

export interface NotifierPort {
  notify(id: string, content: { title: string; message: string }): Promise<void>;
}

export const alarmNameFor = (reminder: Pick<ReminderRecord, 'id'>) => `${ALARM_PREFIX}${reminder.id}`;

export async function pendingReminders(db: ReviewGuardDatabase): Promise<ReminderRecord[]> {
  return db.reminders.filter((r) => r.firedAtMs === null && !r.doneAtMs).toArray();
}

/** Creates the alarms that are missing; never re-creates existing ones (that would reset their schedule). */
export async function rebuildAlarms(db: ReviewGuardDatabase, alarms: AlarmPort, nowMs: number): Promise<number> {
  let created = 0;
  for (const reminder of await pendingReminders(db)) {
    const name = alarmNameFor(reminder);
    if (await alarms.get(name)) continue;
    await alarms.create(name, { when: Math.max(reminder.dueAtMs, nowMs + MIN_DELAY_MS) });
    created++;
  }
  return created;
}

export async function scheduleReminder(alarms: AlarmPort, reminder: ReminderRecord, nowMs: number): Promise<void> {
  await alarms.create(alarmNameFor(reminder), { when: Math.max(reminder.dueAtMs, nowMs + MIN_DELAY_MS) });
}

/** Shows the reminder's notification once and records that it fired. Returns false for unknown or fired alarms. */
export async function fireReminder(
  db: ReviewGuardDatabase,
  alarmName: string,
  notifier: NotifierPort,
  nowMs: number,
): Promise<boolean> {
  if (!alarmName.startsWith(ALARM_PREFIX)) return false;
  const reminder = await db.reminders.get(alarmName.slice(ALARM_PREFIX.length));
  if (!reminder || reminder.firedAtMs !== null || reminder.doneAtMs) return false;
  await notifier.notify(alarmName, { title: reminder.title, message: reminder.message });
  await db.reminders.update(reminder.id, { firedAtMs: nowMs });
  return true;
}

/** 稍后提醒: the reminder fires again after `minutes`; its alarm is re-created by the caller. */
export async function snoozeReminder(
  db: ReviewGuardDatabase,
  reminderId: string,
  nowMs: number,
  minutes: number,
): Promise<ReminderRecord | null> {
  const reminder = await db.reminders.get(reminderId);
  if (!reminder || reminder.doneAtMs) return null;
  const snoozed: ReminderRecord = { ...reminder, dueAtMs: nowMs + minutes * 60_000, firedAtMs: null };
  await db.reminders.put(snoozed);
  return snoozed;
}
