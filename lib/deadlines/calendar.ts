/**
 * Which Shanghai calendar days are working days.
 *
 * Order of authority for one day:
 *   1. the seller's override table (`WorkdayOverrides`),
 *   2. chinese-days' holiday / 调休 data, for years that data covers,
 *   3. otherwise weekends only, reported as a fallback so callers can warn (never a silent guess).
 *
 * We read chinese-days' published JSON (`dist/chinese-days.json`) instead of calling `isWorkday()`:
 * its key sets tell us which years are covered, and the library's own functions answer "workday" for any
 * Monday of an uncovered year without saying so. The JSON and the functions come from the same generator;
 * tests/unit/deadlines.test.ts checks that they agree for every covered day.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';
import { z } from 'zod';
import { inShanghai, shanghaiDateKey, shanghaiMidnight } from '../time/shanghai';

/** `YYYY-MM-DD` day names, each value `English,中文,n` as published by chinese-days. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}
const LIBRARY: ChineseDaysData = calendarData;

const DateKey = z.string().refine((s) => shanghaiMidnight(s) !== null, { message: '日期格式应为 YYYY-MM-DD' });

/** Seller-editable corrections; they win over the library. Dates are Shanghai calendar days, `YYYY-MM-DD`. */
export const WorkdayOverrides = z
  .object({
    /** Days off that the library does not know (or gets wrong). */
    holidays: z.array(DateKey),
    /** Days of work (e.g. 调休 make-up Saturdays) that the library does not know. */
    workdays: z.array(DateKey),
  })
  .refine((o) => !o.holidays.some((d) => o.workdays.includes(d)), {
    message: '同一天不能既是休息日又是工作日',
  });
export type WorkdayOverrides = z.infer<typeof WorkdayOverrides>;

export const NO_OVERRIDES: WorkdayOverrides = { holidays: [], workdays: [] };

/** Years for which chinese-days has the State Council's schedule (taken from its data, not hard-coded). */
export const COVERED_YEARS: readonly number[] = [
  ...new Set(Object.keys(LIBRARY.holidays).map((key) => Number(key.slice(0, 4)))),
].sort((a, b) => a - b);

const COVERED = new Set(COVERED_YEARS);

export function isYearCovered(year: number): boolean {
  return COVERED.has(year);
}

/**
 * The next year's schedule can move days at the very end of December (e.g. 2018-12-29 was a make-up
 * workday and 2018-12-30/31 were holidays for New Year 2019). From this day on, a covered year's last days
 * are uncertain while the next year is not covered.
 */
const YEAR_END_UNCERTAIN_FROM = '12-24';

export type DaySource = 'override' | 'library' | 'weekend-fallback';

export interface WorkingDayVerdict {
  /** `YYYY-MM-DD`, Shanghai calendar day. */
  date: string;
  working: boolean;
  source: DaySource;
  /** Holiday or make-up-day name from the library (`春节`, `国庆节`…), when there is one. */
  name: string | null;
  /** Set when the verdict is a guess the seller should check; Chinese, ready to show. */
  warning: string | null;
}

/** Whether `date`, judged as a Shanghai calendar day, is a working day. */
export function isWorkingDay(date: Date, overrides: WorkdayOverrides = NO_OVERRIDES): boolean {
  return judgeWorkingDay(date, overrides).working;
}

/** Same as `isWorkingDay`, with where the answer came from and a warning when it had to be guessed. */
export function judgeWorkingDay(date: Date, overrides: WorkdayOverrides = NO_OVERRIDES): WorkingDayVerdict {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('judgeWorkingDay: invalid Date');
  return judgeShanghaiDay(shanghaiDateKey(ms), overrides);
}

/** Judges one Shanghai calendar day given as `YYYY-MM-DD`. */
export function judgeShanghaiDay(dateKey: string, overrides: WorkdayOverrides = NO_OVERRIDES): WorkingDayVerdict {
  const midnight = shanghaiMidnight(dateKey);
  if (midnight === null) throw new RangeError(`judgeShanghaiDay: not a date: ${dateKey}`);
  const weekday = inShanghai(midnight).getDay();
  const weekend = weekday === 0 || weekday === 6;
  const year = Number(dateKey.slice(0, 4));

  if (overrides.holidays.includes(dateKey)) {
    return { date: dateKey, working: false, source: 'override', name: null, warning: null };
  }
  if (overrides.workdays.includes(dateKey)) {
    return { date: dateKey, working: true, source: 'override', name: null, warning: null };
  }
  if (!isYearCovered(year)) {
    return {
      date: dateKey,
      working: !weekend,
      source: 'weekend-fallback',
      name: null,
      warning: uncoveredYearWarning(year),
    };
  }
  const makeUp = LIBRARY.workdays[dateKey];
  const holiday = LIBRARY.holidays[dateKey];
  const working = makeUp !== undefined || (!weekend && holiday === undefined);
  const name = chineseName(makeUp ?? holiday);
  const nearUnknownYear = dateKey.slice(5) >= YEAR_END_UNCERTAIN_FROM && !isYearCovered(year + 1);
  return { date: dateKey, working, source: 'library', name, warning: nearUnknownYear ? yearEndWarning(year + 1) : null };
}

export function uncoveredYearWarning(year: number): string {
  const when = year > (COVERED_YEARS.at(-1) ?? year) ? '尚未收录' : '未收录';
  return `${year} 年的法定节假日和调休数据${when}，已按周末推算，请核对`;
}

function yearEndWarning(nextYear: number): string {
  return `${nextYear} 年元旦放假安排尚未收录，${nextYear - 1} 年 12 月下旬可能有调休变化，请核对`;
}

/** `New Year's Day,元旦,1` → `元旦` */
function chineseName(entry: string | undefined): string | null {
  if (entry === undefined) return null;
  return entry.split(',')[1] ?? null;
}
