import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordReviewCapture, type Clock } from '../../lib/cases/recordCapture';
import { recordAppealSubmission } from '../../lib/cases/submitAppeal';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { sha256Hex } from '../../lib/evidence/bytes';
import { fireReminder, rebuildAlarms, type AlarmPort } from '../../lib/reminders/alarmSync';
import { reviewRequest } from './captureRequests';

const captureRequest = () => reviewRequest({ text: '你们就是骗子，sb 店家', buyerNick: '阿***', goodsName: '保温杯' });

// Friday 2026-11-20 10:00 in Shanghai.
const FRIDAY_10AM = Date.parse('2026-11-20T10:00:00+08:00');
let ids = 0;
const clockAt = (ms: number): Clock => ({ nowMs: () => ms, newId: () => `id-${++ids}` });

let db: ReviewGuardDatabase;
beforeEach(() => {
  db = new ReviewGuardDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

function fakeAlarms() {
  const alarms = new Map<string, number>();
  const port: AlarmPort = {
    get: async (name) => (alarms.has(name) ? { name, scheduledTime: alarms.get(name)! } : undefined),
    create: async (name, { when }) => {
      alarms.set(name, when);
    },
  };
  return { alarms, port };
}

describe('capturing a review', () => {
  it('stores the image bytes with the SHA-256 of exactly those bytes and opens a case in 取证中', async () => {
    const saved = await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM));
    const evidence = await db.evidence.get(saved.evidenceId);
    expect(evidence).toBeDefined();
    expect(evidence!.sha256).toBe(await sha256Hex(evidence!.bytes));
    expect(evidence!.size).toBe(evidence!.bytes.byteLength);
    expect(evidence!.capturedAt).toBe('2026-11-20T10:00:00.000+08:00');
    expect(evidence!.capturedAtMs).toBe(FRIDAY_10AM);
    expect(evidence!.kind).toBe('review');
    expect(evidence!.reviewKey).toBe('pinduoduo:261012-662259689903207');
    const record = await db.cases.get(saved.caseKey);
    expect(record!.state).toBe('取证中');
    expect(record!.history.map((h) => h.state)).toEqual(['发现', '已分类', '取证中']);
    expect(record!.classification.category).toBe('abusive');
  });

  it('a second capture adds evidence to the same case without moving it back', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM));
    await recordAppealSubmission(db, 'pinduoduo:261012-662259689903207', {}, clockAt(FRIDAY_10AM + 1000));
    await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM + 2000));
    expect(await db.evidence.count()).toBe(2);
    expect((await db.cases.get('pinduoduo:261012-662259689903207'))!.state).toBe('已申诉');
  });

  it('a broken image stores nothing at all', async () => {
    const bad = captureRequest();
    bad.image.dataUrl = 'data:image/png;base64,';
    await expect(recordReviewCapture(db, bad, clockAt(FRIDAY_10AM))).rejects.toThrow();
    expect(await db.cases.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
  });
});

describe('appeal submission and reminders', () => {
  it('computes the expected decision in working days and stores a reminder', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM));
    const { appeal, reminder } = await recordAppealSubmission(db, 'pinduoduo:261012-662259689903207', {}, clockAt(FRIDAY_10AM));
    // Pinduoduo: up to 4 working days → Mon 23, Tue 24, Wed 25, Thu 26 Nov, same time of day.
    expect(appeal.expectedDecisionAt).toBe('2026-11-26T10:00:00.000+08:00');
    expect(reminder.dueAtMs).toBe(appeal.expectedDecisionAtMs);
    expect((await db.cases.get('pinduoduo:261012-662259689903207'))!.state).toBe('已申诉');
  });

  it('refuses a second submission while the appeal is pending', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM));
    await recordAppealSubmission(db, 'pinduoduo:261012-662259689903207', {}, clockAt(FRIDAY_10AM));
    await expect(recordAppealSubmission(db, 'pinduoduo:261012-662259689903207', {}, clockAt(FRIDAY_10AM))).rejects.toThrow(
      /不能直接变为「已申诉」/,
    );
  });

  it('alarms are rebuilt from the database without resetting existing ones, and each reminder fires once', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM));
    const { reminder } = await recordAppealSubmission(
      db,
      'pinduoduo:261012-662259689903207',
      { reminderDelayOverrideMs: 5_000 },
      clockAt(FRIDAY_10AM),
    );
    const { alarms, port } = fakeAlarms();
    expect(await rebuildAlarms(db, port, FRIDAY_10AM)).toBe(1);
    const name = [...alarms.keys()][0]!;
    expect(alarms.get(name)).toBe(FRIDAY_10AM + 5_000);
    // A later rebuild (worker restart) keeps the schedule.
    expect(await rebuildAlarms(db, port, FRIDAY_10AM + 3_000)).toBe(0);
    expect(alarms.get(name)).toBe(FRIDAY_10AM + 5_000);

    const shown: string[] = [];
    const notifier = { notify: async (id: string) => void shown.push(id) };
    expect(await fireReminder(db, name, notifier, FRIDAY_10AM + 5_000)).toBe(true);
    expect(await fireReminder(db, name, notifier, FRIDAY_10AM + 6_000)).toBe(false);
    expect(shown).toEqual([name]);
    expect((await db.reminders.get(reminder.id))!.firedAtMs).toBe(FRIDAY_10AM + 5_000);

    // Fired reminders are not rescheduled; overdue unfired ones fire soon after a restart.
    alarms.clear();
    expect(await rebuildAlarms(db, port, FRIDAY_10AM + 10_000)).toBe(0);
  });

  it('an overdue reminder found at worker start is scheduled right away, not in the past', async () => {
    await recordReviewCapture(db, captureRequest(), clockAt(FRIDAY_10AM));
    await recordAppealSubmission(db, 'pinduoduo:261012-662259689903207', { reminderDelayOverrideMs: 1_000 }, clockAt(FRIDAY_10AM));
    const { alarms, port } = fakeAlarms();
    await rebuildAlarms(db, port, FRIDAY_10AM + 60_000);
    expect([...alarms.values()][0]).toBe(FRIDAY_10AM + 61_000);
  });
});
