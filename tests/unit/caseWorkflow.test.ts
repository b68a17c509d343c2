import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followPageStatus, planCaseTransition, recordCaseTransition } from '../../lib/cases/caseTransition';
import { pageOutcomeOf, pageOutcomePath } from '../../lib/cases/pageOutcome';
import { classifyReview } from '../../lib/classify';
import { ReviewGuardDatabase } from '../../lib/db/database';
import { processingTimeFor } from '../../lib/db/processingTimes';
import { setSetting } from '../../lib/db/settings';
import { DEFAULT_PROCESSING_TIMES } from '../../lib/deadlines/processingDefaults';
import { caseStatistics, workingDaysBetween } from '../../lib/insight/statistics';
import { pendingReminders } from '../../lib/reminders/alarmSync';
import { badgeText, dueItems, nextDailyCheckAt } from '../../lib/reminders/dueItems';
import type { CaseRecord, CaseState } from '../../lib/schemas';
import { toShanghaiIso } from '../../lib/time/shanghai';

const KEY = 'pinduoduo:261012-662259689903207';
const FRIDAY_10AM = Date.parse('2026-11-20T10:00:00+08:00');
const PDD = DEFAULT_PROCESSING_TIMES.pinduoduo;
const clockAt = (ms: number) => ({ nowMs: () => ms, newId: () => 'id' });

function caseIn(state: CaseState, key = KEY, platform: CaseRecord['platform'] = 'pinduoduo'): CaseRecord {
  const text = '不给我返现20元就一直给差评';
  return {
    key,
    platform,
    review: {
      key,
      platform,
      text,
      stars: 1,
      reviewedAt: '2026-11-13T14:33:20.000+08:00',
      orderSn: key.split(':')[1]!,
      buyerNick: '阿***',
      goodsName: '保温杯',
      pictureCount: 0,
      sellerReply: null,
      missing: [],
    },
    pageUrl: 'https://mms.pinduoduo.com/goods/evaluation/index',
    classification: classifyReview({ text, rating: 1 }),
    state,
    history: [{ at: toShanghaiIso(1), atMs: 1, state, note: '' }],
    appeal: null,
    createdAtMs: 1,
    updatedAtMs: 1,
  };
}

let db: ReviewGuardDatabase;
beforeEach(() => {
  db = new ReviewGuardDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('case workflow with reminders', () => {
  it('an appeal decision reminder is retired when the seller records the outcome', async () => {
    await db.cases.put(caseIn('取证中'));
    await recordCaseTransition(db, KEY, '已申诉', { processing: PDD }, clockAt(FRIDAY_10AM));
    expect(await pendingReminders(db)).toHaveLength(1);
    const { record, retired } = await recordCaseTransition(db, KEY, '申诉驳回', { note: '平台认为证据不足' }, clockAt(FRIDAY_10AM + 3_600_000));
    expect(retired).toHaveLength(1);
    expect(await pendingReminders(db)).toHaveLength(0);
    expect(record.history.at(-1)).toMatchObject({ state: '申诉驳回', note: '平台认为证据不足', at: '2026-11-20T11:00:00.000+08:00' });
  });

  it('待补充材料 needs a future deadline and reminds a day before it', async () => {
    await db.cases.put(caseIn('已申诉'));
    await expect(recordCaseTransition(db, KEY, '待补充材料', {}, clockAt(FRIDAY_10AM))).rejects.toThrow('截止时间');
    await expect(recordCaseTransition(db, KEY, '待补充材料', { materialDueAtMs: FRIDAY_10AM - 1 }, clockAt(FRIDAY_10AM))).rejects.toThrow('已过');
    const due = Date.parse('2026-11-23T18:00:00+08:00');
    const { reminders, record } = await recordCaseTransition(db, KEY, '待补充材料', { materialDueAtMs: due }, clockAt(FRIDAY_10AM));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ kind: 'material-deadline', dueAtMs: due - 86_400_000, deadlineAtMs: due });
    expect(reminders[0]!.title).toContain('11月23日 18:00');
    expect(record.history.at(-1)!.note).toContain('截止 11月23日 18:00');
  });

  it('supplying the material resubmits: a new expected decision from that moment, the material reminder retired', async () => {
    await db.cases.put(caseIn('待补充材料'));
    await db.reminders.put({ id: `${KEY}#material-deadline#1`, caseKey: KEY, kind: 'material-deadline', dueAtMs: FRIDAY_10AM + 5, title: '', message: '', firedAtMs: null });
    const { record, reminders } = await recordCaseTransition(db, KEY, '已申诉', { processing: PDD }, clockAt(FRIDAY_10AM));
    expect(record.appeal!.expectedDecisionAt).toBe('2026-11-26T10:00:00.000+08:00');
    expect((await pendingReminders(db)).map((r) => r.id)).toEqual([reminders[0]!.id]);
  });

  it('a second appeal after a rejection gets its own decision reminder', async () => {
    await db.cases.put(caseIn('申诉驳回'));
    const { reminders, record } = await recordCaseTransition(db, KEY, '二次申诉', { processing: PDD }, clockAt(FRIDAY_10AM));
    expect(record.state).toBe('二次申诉');
    expect(reminders[0]!.message).toContain('二次申诉');
  });

  it('refuses a step that makes no sense with the reason, and changes nothing', async () => {
    await db.cases.put(caseIn('取证中'));
    await expect(recordCaseTransition(db, KEY, '申诉成功', {}, clockAt(FRIDAY_10AM))).rejects.toThrow('不能直接变为「申诉成功」');
    expect((await db.cases.get(KEY))!.state).toBe('取证中');
    const plan = planCaseTransition(caseIn('已结案'), [], '协商中', {}, FRIDAY_10AM);
    expect(plan).toEqual({ ok: false, reason: expect.stringContaining('已结案') });
  });

  it('reminds with the seller’s processing time from settings', async () => {
    await setSetting(db, 'processingTimes', { ...DEFAULT_PROCESSING_TIMES, pinduoduo: { ...PDD, minDays: 1, maxDays: 1 } });
    await expect(setSetting(db, 'processingTimes', { ...DEFAULT_PROCESSING_TIMES, jd: { ...PDD, minDays: 3, maxDays: 1 } })).rejects.toThrow();
    expect((await processingTimeFor(db, 'pinduoduo')).maxDays).toBe(1);
    expect((await processingTimeFor(db, 'dianping')).maxDays).toBe(5);
  });
});

describe('the case follows the page', () => {
  it('maps Pinduoduo report states, by text and by code, and Taobao complaint states', () => {
    expect(pageOutcomeOf('举报成功')).toBe('申诉成功');
    expect(pageOutcomeOf('举报失败')).toBe('申诉驳回');
    expect(pageOutcomeOf('已举报')).toBe('审核中');
    expect(pageOutcomeOf(8)).toBe('申诉成功');
    expect(pageOutcomeOf(9)).toBe('申诉驳回');
    expect(pageOutcomeOf(99)).toBeNull();
    expect(pageOutcomeOf('未被举报')).toBeNull();
    expect(pageOutcomeOf('投诉不成立')).toBe('申诉驳回');
  });

  it('goes through 已申诉 when the seller never said they submitted, and leaves decided cases alone', () => {
    expect(pageOutcomePath('取证中', '举报成功')).toEqual(['已申诉', '申诉成功']);
    expect(pageOutcomePath('已申诉', '举报失败')).toEqual(['申诉驳回']);
    expect(pageOutcomePath('已申诉', '已举报')).toEqual([]);
    expect(pageOutcomePath('取证中', '已举报')).toEqual(['已申诉']);
    expect(pageOutcomePath('申诉成功', '举报失败')).toEqual([]);
    expect(pageOutcomePath('已结案', '举报成功')).toEqual([]);
  });

  it('records the page’s outcome in the history and retires the decision reminder', async () => {
    await db.cases.put(caseIn('取证中'));
    await recordCaseTransition(db, KEY, '已申诉', { processing: PDD }, clockAt(FRIDAY_10AM));
    const steps = await followPageStatus(db, KEY, '举报失败', { processing: PDD }, clockAt(FRIDAY_10AM + 1000));
    expect(steps).toEqual(['申诉驳回']);
    const record = (await db.cases.get(KEY))!;
    expect(record.history.at(-1)!.note).toBe('平台页面显示「举报失败」，案件随之更新');
    expect(await pendingReminders(db)).toHaveLength(0);
  });
});

describe('daily check and badge', () => {
  const awaiting = (expectedMs: number, key = KEY): CaseRecord => ({
    ...caseIn('已申诉', key),
    appeal: { submittedAt: '', submittedAtMs: 0, processingDays: 4, expectedDecisionAt: '', expectedDecisionAtMs: expectedMs, warnings: [] },
  });

  it('lists overdue appeals with the hotline/escalation advice, due-soon ones, and material deadlines', () => {
    const now = FRIDAY_10AM;
    const material = { ...caseIn('待补充材料', 'pinduoduo:3'), appeal: null };
    const items = dueItems(
      [awaiting(now - 1, 'pinduoduo:1'), awaiting(now + 3_600_000, 'pinduoduo:2'), awaiting(now + 5 * 86_400_000, 'pinduoduo:9'), material, { ...awaiting(now - 1, 'pinduoduo:4'), state: '申诉成功' }],
      [{ id: 'm', caseKey: 'pinduoduo:3', kind: 'material-deadline', dueAtMs: now, deadlineAtMs: now + 86_400_000, title: '', message: '', firedAtMs: now, doneAtMs: null }],
      now,
    );
    expect(items.map((i) => [i.caseKey, i.kind])).toEqual([
      ['pinduoduo:1', 'decision-overdue'],
      ['pinduoduo:2', 'decision-due-soon'],
      ['pinduoduo:3', 'material-due-soon'],
    ]);
    expect(items[0]!.advice).toMatch(/商家客服热线.*升级处理/);
    expect(badgeText(items)).toBe('3');
    expect(badgeText([])).toBe('');
  });

  it('runs at the next 09:00 Shanghai time', () => {
    expect(toShanghaiIso(nextDailyCheckAt(FRIDAY_10AM))).toBe('2026-11-21T09:00:00.000+08:00');
    expect(toShanghaiIso(nextDailyCheckAt(Date.parse('2026-11-20T08:59:00+08:00')))).toBe('2026-11-20T09:00:00.000+08:00');
  });
});

describe('statistics', () => {
  it('counts working days to a decision across the 2026 National Day holiday and make-up days', () => {
    // Submitted Tue 29 Sep; 30 Sep worked, 1–7 Oct off, 8 Oct worked (Thu), 9 Oct (Fri) decided at 10:00.
    expect(workingDaysBetween(Date.parse('2026-09-29T10:00:00+08:00'), Date.parse('2026-10-09T10:00:00+08:00'))).toBe(3);
    // Spring Festival: submitted Fri 13 Feb, Sat 14 Feb is a make-up workday, 15–23 off, decided Tue 24 Feb.
    expect(workingDaysBetween(Date.parse('2026-02-13T10:00:00+08:00'), Date.parse('2026-02-24T10:00:00+08:00'))).toBe(2);
  });

  it('success rate counts each case once by its last decision; median per platform from the real decisions', () => {
    const h = (state: CaseState, iso: string) => ({ at: iso, atMs: Date.parse(iso), state, note: '' });
    const won = { ...caseIn('申诉成功', 'pinduoduo:1'), history: [h('已申诉', '2026-11-16T10:00:00+08:00'), h('申诉成功', '2026-11-18T10:00:00+08:00')] };
    const wonSecond = {
      ...caseIn('申诉成功', 'pinduoduo:2'),
      history: [h('已申诉', '2026-11-02T10:00:00+08:00'), h('申诉驳回', '2026-11-06T10:00:00+08:00'), h('二次申诉', '2026-11-09T10:00:00+08:00'), h('申诉成功', '2026-11-12T10:00:00+08:00')],
    };
    const lost = { ...caseIn('申诉驳回', 'taobao:3', 'taobao'), history: [h('已申诉', '2026-11-16T10:00:00+08:00'), h('申诉驳回', '2026-11-17T10:00:00+08:00')] };
    const open = caseIn('取证中', 'pinduoduo:4');
    const stats = caseStatistics([won, wonSecond, lost, open]);
    expect(stats.total).toBe(4);
    expect(stats.byPlatform).toMatchObject({ pinduoduo: 3, taobao: 1, jd: 0 });
    expect(stats.byCategory.extortion).toBe(4);
    expect(stats.decidedCases).toBe(3);
    expect(stats.successRate).toBeCloseTo(2 / 3);
    // PDD decisions took 2, 4 and 3 working days → median 3.
    expect(stats.perPlatform.pinduoduo).toMatchObject({ decided: 2, succeeded: 2, successRate: 1, medianWorkingDays: 3 });
    expect(stats.perPlatform.taobao).toMatchObject({ decided: 1, succeeded: 0, successRate: 0, medianWorkingDays: 1 });
    expect(stats.perPlatform.jd).toMatchObject({ decided: 0, successRate: null, medianWorkingDays: null });
  });
});
