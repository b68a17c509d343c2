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

describe('notification buttons, daily check and badge', () => {
  it('稍后提醒 puts the reminder back in the database and re-creates its alarm later', async () => {
    vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation(async () => alarmName);
    setupReminders(db);
    await fakeBrowser.alarms.onAlarm.trigger({ name: alarmName, scheduledTime: due, persistAcrossSessions: false });
    await vi.waitFor(async () => expect((await db.reminders.get('pinduoduo:1#appeal-decision#1'))!.firedAtMs).toBeGreaterThan(0));
    await fakeBrowser.alarms.clear(alarmName); // a fired one-shot alarm is gone
    const before = Date.now();
    await fakeBrowser.notifications.onButtonClicked.trigger(alarmName, 1);
    await vi.waitFor(async () => expect((await db.reminders.get('pinduoduo:1#appeal-decision#1'))!.firedAtMs).toBeNull());
    const snoozed = (await db.reminders.get('pinduoduo:1#appeal-decision#1'))!;
    expect(snoozed.dueAtMs).toBeGreaterThanOrEqual(before + 180 * 60_000);
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(alarmName))?.scheduledTime).toBe(snoozed.dueAtMs));
  });

  it('打开案件 opens the side panel page at the case', async () => {
    const open = vi.spyOn(fakeBrowser.tabs, 'create');
    setupReminders(db);
    await fakeBrowser.notifications.onButtonClicked.trigger(alarmName, 0);
    expect(open).toHaveBeenCalledWith({ url: expect.stringContaining('sidepanel.html#case=pinduoduo%3A1') });
  });

  it('schedules the daily check once and sets the badge to the number of items due', async () => {
    await db.cases.put({
      key: 'pinduoduo:1',
      platform: 'pinduoduo',
      review: { key: 'pinduoduo:1', platform: 'pinduoduo', text: '', stars: 1, reviewedAt: null, orderSn: '1', buyerNick: null, goodsName: null, pictureCount: 0, sellerReply: null, missing: [] },
      pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
      classification: { category: 'abusive', confidence: 1, also: [], phrases: [], reasons: [], version: 't' },
      state: '已申诉',
      history: [],
      appeal: { submittedAt: '', submittedAtMs: 0, processingDays: 4, expectedDecisionAt: '', expectedDecisionAtMs: Date.now() - 1, warnings: [] },
      createdAtMs: 0,
      updatedAtMs: 0,
    });
    const badge = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation(async () => 'x');
    setupReminders(db);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('rg-daily-check')).toBeTruthy());
    const daily = (await fakeBrowser.alarms.get('rg-daily-check'))!;
    expect(daily.periodInMinutes).toBe(24 * 60);
    await vi.waitFor(() => expect(badge).toHaveBeenLastCalledWith({ text: '1' }));
    await fakeBrowser.alarms.onAlarm.trigger(daily);
    await vi.waitFor(() => expect(create).toHaveBeenCalledWith(expect.stringMatching(/^rg-daily:/), expect.objectContaining({ title: expect.stringContaining('1 个案件需要处理（1 个已超时）') })));
  });
});
