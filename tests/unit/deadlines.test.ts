import { isWorkday as libraryIsWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingDaysDetailed,
  COVERED_YEARS,
  isWorkingDay,
  judgeShanghaiDay,
  judgeWorkingDay,
  WorkdayOverrides,
} from '../../lib/deadlines';
import { buildAppealRecord, expectedDecision, ProcessingTime } from '../../lib/deadlines/processing';
import { appealRulesFor } from '../../lib/appeal/rulesFor';
import { routeFor } from '../../lib/classify/route';
import { DEFAULT_PROCESSING_TIMES } from '../../lib/deadlines/processingDefaults';
import { platformProfile } from '../../lib/platforms';
import { AppealRecord } from '../../lib/schemas/case';
import { Category } from '../../lib/schemas/classification';
import { PlatformId } from '../../lib/schemas/platform';
import { formatShanghai, fromShanghaiWallClock } from '../../lib/time/shanghai';

/** A Date at the given Shanghai wall-clock time. */
function sh(date: string, time = '10:00'): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const ms = fromShanghaiWallClock({ year: y ?? 0, month: m ?? 0, day: d ?? 0, hour: hh ?? 0, minute: mm ?? 0 });
  if (ms === null) throw new Error(`bad test date ${date} ${time}`);
  return new Date(ms);
}

/** `2026-10-08 10:00` on the Shanghai wall clock. */
function wall(d: Date): string {
  return formatShanghai(d.getTime(), 'YYYY-MM-DD HH:mm');
}

const plusOne = (date: string, time = '10:00') => wall(addWorkingDays(sh(date, time), 1));

describe('chinese-days data as we read it', () => {
  it('covers 2004–2026, read from the library data rather than hard-coded', () => {
    expect(COVERED_YEARS[0]).toBe(2004);
    expect(COVERED_YEARS.at(-1)).toBe(2026);
    expect(COVERED_YEARS).toHaveLength(2026 - 2004 + 1);
  });

  it('has the 2026 make-up workdays 1月4日, 2月14日, 2月28日, 5月9日, 9月20日, 10月10日', () => {
    for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      const verdict = judgeShanghaiDay(day);
      expect(verdict, day).toMatchObject({ working: true, source: 'library' });
    }
  });

  // chinese-days builds its lookup tables at import time with local-time Date getters; in time zones west of
  // UTC (e.g. America/Los_Angeles) its isWorkday() then misses make-up days such as 2026-10-10. We read the
  // static JSON instead, so compare only where the library's own functions are reliable.
  const libraryReliableHere = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
  it.skipIf(!libraryReliableHere)('agrees with the library’s own isWorkday for every day of every covered year', () => {
    const disagreements: string[] = [];
    for (let year = 2004; year <= 2026; year += 1) {
      for (let day = new Date(year, 0, 1); day.getFullYear() === year; day.setDate(day.getDate() + 1)) {
        // chinese-days judges a Date by the machine's local calendar day, so give it local midnight.
        const key = `${year}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
        if (judgeShanghaiDay(key).working !== libraryIsWorkday(new Date(day))) disagreements.push(key);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('isWorkingDay', () => {
  it('knows the 2026 Spring Festival: 2月15日–23日 off, Saturday 2月14日 and 2月28日 worked', () => {
    expect(isWorkingDay(sh('2026-02-13'))).toBe(true);
    expect(isWorkingDay(sh('2026-02-14'))).toBe(true);
    for (let d = 15; d <= 23; d += 1) expect(isWorkingDay(sh(`2026-02-${d}`)), `2月${d}日`).toBe(false);
    expect(isWorkingDay(sh('2026-02-24'))).toBe(true);
    expect(isWorkingDay(sh('2026-02-28'))).toBe(true);
    expect(isWorkingDay(sh('2026-03-01'))).toBe(false);
  });

  it('knows Labour Day 2026: 5月1日–5日 off, Saturday 5月9日 worked', () => {
    for (let d = 1; d <= 5; d += 1) expect(isWorkingDay(sh(`2026-05-0${d}`)), `5月${d}日`).toBe(false);
    expect(isWorkingDay(sh('2026-05-06'))).toBe(true);
    expect(isWorkingDay(sh('2026-05-09'))).toBe(true);
    expect(isWorkingDay(sh('2026-05-10'))).toBe(false);
  });

  it('knows National Day 2026 per the data: 10月1日–7日 off, 10月8日 worked, Sunday 9月20日 and Saturday 10月10日 worked', () => {
    for (let d = 1; d <= 7; d += 1) expect(isWorkingDay(sh(`2026-10-0${d}`)), `10月${d}日`).toBe(false);
    expect(isWorkingDay(sh('2026-10-08'))).toBe(true);
    expect(isWorkingDay(sh('2026-09-20'))).toBe(true);
    expect(isWorkingDay(sh('2026-10-10'))).toBe(true);
    expect(judgeShanghaiDay('2026-10-01').name).toBe('国庆节');
  });

  it('judges the Shanghai calendar day, not the UTC one', () => {
    // 2026-09-30T17:00Z is 10月1日 01:00 in Shanghai: a holiday, although UTC still says Wednesday 9月30日.
    expect(isWorkingDay(new Date('2026-09-30T17:00:00Z'))).toBe(false);
    // 2026-10-09T20:00Z is Saturday 10月10日 04:00 in Shanghai: a make-up workday.
    expect(isWorkingDay(new Date('2026-10-09T20:00:00Z'))).toBe(true);
    // 2026-10-10T17:00Z is Sunday 10月11日 01:00 in Shanghai, although UTC still says the make-up Saturday.
    expect(isWorkingDay(new Date('2026-10-10T17:00:00Z'))).toBe(false);
  });

  it('lets the seller’s overrides win over the library', () => {
    const overrides: WorkdayOverrides = { holidays: ['2026-10-08'], workdays: ['2026-10-03'] };
    expect(isWorkingDay(sh('2026-10-08'), overrides)).toBe(false);
    expect(isWorkingDay(sh('2026-10-03'), overrides)).toBe(true);
    expect(judgeWorkingDay(sh('2026-10-08'), overrides).source).toBe('override');
  });

  it('falls back to weekends for 2027 and says so', () => {
    const friday = judgeWorkingDay(sh('2027-01-01'));
    expect(friday).toMatchObject({ working: true, source: 'weekend-fallback' });
    expect(friday.warning).toBe('2027 年的法定节假日和调休数据尚未收录，已按周末推算，请核对');
    expect(isWorkingDay(sh('2027-01-02'))).toBe(false);
  });

  it('says so for years before the data starts too', () => {
    expect(judgeShanghaiDay('2003-05-01').warning).toBe('2003 年的法定节假日和调休数据未收录，已按周末推算，请核对');
  });
});

describe('addWorkingDays', () => {
  it('Friday + 1 working day is Monday, same time', () => {
    expect(plusOne('2026-11-20')).toBe('2026-11-23 10:00');
  });

  it('keeps the Shanghai time of day to the millisecond', () => {
    const start = new Date('2026-11-20T21:14:03.120+08:00');
    const at = addWorkingDays(start, 3);
    expect(at.toISOString()).toBe('2026-11-25T13:14:03.120Z');
  });

  it('counts from the next day, so a Saturday start + 1 is Monday', () => {
    expect(plusOne('2026-11-21', '09:30')).toBe('2026-11-23 09:30');
  });

  it('adds nothing for 0 days and refuses negative or fractional days', () => {
    const start = sh('2026-11-20');
    expect(addWorkingDays(start, 0).getTime()).toBe(start.getTime());
    expect(() => addWorkingDays(start, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(start, 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('crosses the 2026 Spring Festival using the make-up Saturdays', () => {
    expect(plusOne('2026-02-13')).toBe('2026-02-14 10:00');
    expect(wall(addWorkingDays(sh('2026-02-13'), 2))).toBe('2026-02-24 10:00');
    expect(wall(addWorkingDays(sh('2026-02-14', '18:00'), 1))).toBe('2026-02-24 18:00');
    expect(plusOne('2026-02-27')).toBe('2026-02-28 10:00');
  });

  it('crosses Labour Day 2026 (5月1日–5日) and lands on the make-up Saturday 5月9日', () => {
    expect(plusOne('2026-04-30')).toBe('2026-05-06 10:00');
    expect(plusOne('2026-05-08')).toBe('2026-05-09 10:00');
  });

  it('crosses Mid-autumn and National Day 2026 with the make-up days 9月20日 and 10月10日', () => {
    expect(plusOne('2026-09-19')).toBe('2026-09-20 10:00');
    expect(plusOne('2026-09-24')).toBe('2026-09-28 10:00');
    expect(plusOne('2026-09-30')).toBe('2026-10-08 10:00');
    expect(plusOne('2026-10-09')).toBe('2026-10-10 10:00');
    expect(wall(addWorkingDays(sh('2026-09-29', '16:45'), 4))).toBe('2026-10-10 16:45');
  });

  it('starts from the Shanghai day even when the Date’s UTC day differs', () => {
    // 10月1日 01:00 Shanghai (9月30日 in UTC) + 1 → 10月8日 01:00 Shanghai, not 10月1日.
    const at = addWorkingDays(new Date('2026-09-30T17:00:00Z'), 1);
    expect(at.toISOString()).toBe('2026-10-07T17:00:00.000Z');
    expect(wall(at)).toBe('2026-10-08 01:00');
  });

  it('lets overrides win in both directions', () => {
    expect(wall(addWorkingDays(sh('2026-09-30'), 1, { holidays: ['2026-10-08'], workdays: [] }))).toBe('2026-10-09 10:00');
    expect(wall(addWorkingDays(sh('2026-09-30'), 1, { holidays: [], workdays: ['2026-10-02'] }))).toBe('2026-10-02 10:00');
  });
});

describe('addWorkingDaysDetailed', () => {
  it('has no warnings inside the covered data', () => {
    expect(addWorkingDaysDetailed(sh('2026-09-30'), 4).warnings).toEqual([]);
  });

  it('falls back to weekends in 2027 with one visible warning', () => {
    const { at, warnings } = addWorkingDaysDetailed(sh('2027-03-05'), 3);
    expect(wall(at)).toBe('2027-03-10 10:00');
    expect(warnings).toEqual(['2027 年的法定节假日和调休数据尚未收录，已按周末推算，请核对']);
  });

  it('warns when a count crosses from 2026 into 2027', () => {
    const { at, warnings } = addWorkingDaysDetailed(sh('2026-12-31'), 1);
    expect(wall(at)).toBe('2027-01-01 10:00');
    expect(warnings).toContain('2027 年的法定节假日和调休数据尚未收录，已按周末推算，请核对');
  });

  it('warns that the last days of 2026 may still move with the unpublished 2027 New Year schedule', () => {
    const { at, warnings } = addWorkingDaysDetailed(sh('2026-12-28'), 1);
    expect(wall(at)).toBe('2026-12-29 10:00');
    expect(warnings).toEqual(['2027 年元旦放假安排尚未收录，2026 年 12 月下旬可能有调休变化，请核对']);
  });

  it('keeps warning for 2027 days the overrides do not mention', () => {
    const overrides = { holidays: ['2027-01-01'], workdays: [] };
    const { at, warnings } = addWorkingDaysDetailed(sh('2026-12-31'), 1, overrides);
    expect(wall(at)).toBe('2027-01-04 10:00');
    expect(warnings).toContain('2027 年的法定节假日和调休数据尚未收录，已按周末推算，请核对');
  });

  it('needs no calendar guess when only overridden days are counted', () => {
    const overrides = { holidays: [], workdays: ['2027-01-02'] };
    const { warnings } = addWorkingDaysDetailed(sh('2027-01-01'), 1, overrides);
    expect(warnings).toEqual([]);
  });
});

describe('WorkdayOverrides schema', () => {
  it('accepts YYYY-MM-DD lists', () => {
    expect(WorkdayOverrides.safeParse({ holidays: ['2027-02-06'], workdays: ['2027-02-20'] }).success).toBe(true);
  });

  it('rejects impossible dates, other formats and a day listed both ways', () => {
    expect(WorkdayOverrides.safeParse({ holidays: ['2027-02-30'], workdays: [] }).success).toBe(false);
    expect(WorkdayOverrides.safeParse({ holidays: ['2027/02/06'], workdays: [] }).success).toBe(false);
    expect(WorkdayOverrides.safeParse({ holidays: ['2027-02-06'], workdays: ['2027-02-06'] }).success).toBe(false);
  });
});

describe('expected appeal decision', () => {
  const pddExperience: ProcessingTime = {
    minDays: 2,
    maxDays: 4,
    source: '卖家申诉指南（经验值）',
    verified: false,
    verifiedAt: null,
  };

  it('is maxDays working days after submission, across National Day', () => {
    const submitted = sh('2026-09-24', '15:00');
    const { expectedDecisionAtMs } = expectedDecision(submitted.getTime(), pddExperience);
    expect(formatShanghai(expectedDecisionAtMs, 'YYYY-MM-DD HH:mm')).toBe('2026-10-08 15:00');
  });

  it('labels unverified processing times as 经验值，未核实', () => {
    const { warnings } = expectedDecision(sh('2026-11-20').getTime(), pddExperience);
    expect(warnings).toEqual(['处理时长 2–4 个工作日为经验值，未核实，已按 4 个工作日提醒']);
  });

  it('has no warnings for a verified time inside the covered data', () => {
    const verified = { ...pddExperience, verified: true, verifiedAt: '2026-11-20T10:00:00.000+08:00' };
    expect(expectedDecision(sh('2026-11-20').getTime(), verified).warnings).toEqual([]);
  });

  it('passes calendar warnings and overrides through', () => {
    const verified = { ...pddExperience, verified: true, verifiedAt: null };
    const result = expectedDecision(sh('2027-03-01').getTime(), verified, { holidays: ['2027-03-02'], workdays: [] });
    expect(formatShanghai(result.expectedDecisionAtMs, 'YYYY-MM-DD HH:mm')).toBe('2027-03-08 10:00');
    expect(result.warnings).toEqual(['2027 年的法定节假日和调休数据尚未收录，已按周末推算，请核对']);
  });

  it('builds a valid AppealRecord', () => {
    const record = buildAppealRecord(sh('2026-09-24', '15:00').getTime(), pddExperience);
    expect(AppealRecord.parse(record)).toEqual(record);
    expect(record.submittedAt).toBe('2026-09-24T15:00:00.000+08:00');
    expect(record.expectedDecisionAt).toBe('2026-10-08T15:00:00.000+08:00');
    expect(record.processingDays).toBe(4);
  });

  it('rejects a processing time whose minimum exceeds its maximum', () => {
    expect(ProcessingTime.safeParse({ ...pddExperience, minDays: 5 }).success).toBe(false);
    expect(ProcessingTime.safeParse(pddExperience).success).toBe(true);
  });
});

describe('where the numbers and rules come from, as the seller reads it', () => {
  // 设置 shows each processing time's source; the case card and upload list show each rule's. A seller cannot open
  // our reference notes, so the text says what kind of source it is, not which of our files records it.
  const developerFile = /\.md\b|reference\/|platform-rules|seller-consoles/;

  it('every default processing time and appeal-rule source names no developer file', () => {
    for (const platform of PlatformId.options) {
      expect(DEFAULT_PROCESSING_TIMES[platform].source).not.toMatch(developerFile);
      expect(DEFAULT_PROCESSING_TIMES[platform]).toEqual(platformProfile(platform).processingTime);
      expect(appealRulesFor(platform).source).not.toMatch(developerFile);
    }
  });

  it('every classification route names no developer file in its source', () => {
    for (const platform of [...PlatformId.options, null]) {
      for (const category of Category.options) {
        expect(routeFor(category, platform, [], 1).source ?? '').not.toMatch(developerFile);
      }
    }
  });
});
