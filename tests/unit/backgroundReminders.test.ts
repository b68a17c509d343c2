import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setupReminders } from '../../entrypoints/background/reminders';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { ALARM_PREFIX } from '../../lib/reminders/alarmSync';

let db: ReviewGuardDatabase;
const due = Date.now() + 60_000;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new ReviewGuardDatabase(`test-${Math.random()}`);
  await db.reminders.put({
    id: 'pinduoduo:1#appeal-decision#1',
    caseKey: 'pinduoduo:1',
    kind: 'appeal-decision',
    dueAtMs: due,
    title: '申诉结果待查看 · 拼多多',
    message: '订单 1 的差评申诉预计已有结果',
    firedAtMs: null,
  });
});
afterEach(async () => {
  await db.delete();
});

const alarmName = `${ALARM_PREFIX}pinduoduo:1#appeal-decision#1`;

describe('background reminders', () => {
  it('rebuilds the alarm from the database when the worker starts', async () => {
    setupReminders(db);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(alarmName)).toBeTruthy());
    expect((await fakeBrowser.alarms.get(alarmName))!.scheduledTime).toBe(due);
  });

  it('rebuilds lost alarms on install/update and on browser start', async () => {
    setupReminders(db);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(alarmName)).toBeTruthy());
    await fakeBrowser.alarms.clearAll();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' } as never);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(alarmName)).toBeTruthy());
    await fakeBrowser.alarms.clearAll();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(alarmName)).toBeTruthy());
  });

  it('shows a notification when the alarm fires, once', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation(async () => alarmName);
    setupReminders(db);
    await fakeBrowser.alarms.onAlarm.trigger({ name: alarmName, scheduledTime: due, persistAcrossSessions: false });
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create.mock.calls[0]![0]).toBe(alarmName);
    expect(create.mock.calls[0]![1]).toMatchObject({ type: 'basic', title: '申诉结果待查看 · 拼多多' });
    await vi.waitFor(async () => expect((await db.reminders.get('pinduoduo:1#appeal-decision#1'))!.firedAtMs).toBeGreaterThan(0));
    await fakeBrowser.alarms.onAlarm.trigger({ name: alarmName, scheduledTime: due, persistAcrossSessions: false });
    await new Promise((r) => setTimeout(r, 20));
    expect(create).toHaveBeenCalledTimes(1);
  });
});
