/**
 * Asia/Shanghai wall-clock time, independent of the machine's time zone.
 *
 * Seller consoles show times in Beijing time without an offset; we store epoch ms plus an ISO string with
 * `+08:00`. Everything goes through `TZDate` from @date-fns/tz, never a hand-written `+8 h`.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const SHANGHAI_TZ = 'Asia/Shanghai';

/** Years a seller console can plausibly show; anything outside is treated as garbage, not guessed. */
const PLAUSIBLE_YEARS = { min: 1990, max: 2100 } as const;

/** The instant `ms` seen on a Shanghai wall clock (getters such as `getDate()` answer in Shanghai). */
export function inShanghai(ms: number): TZDate {
  return new TZDate(ms, SHANGHAI_TZ);
}

/** `2026-11-20T21:14:03.120+08:00` */
export function toShanghaiIso(ms: number): string {
  return format(inShanghai(ms), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
}

const PATTERN_TOKENS = {
  'YYYY-MM-DD HH:mm': 'yyyy-MM-dd HH:mm',
  'YYYY-MM-DD HH:mm:ss': 'yyyy-MM-dd HH:mm:ss',
  'YYYY-MM-DD': 'yyyy-MM-dd',
  'M月D日': "M'月'd'日'",
  'M月D日 HH:mm': "M'月'd'日' HH:mm",
  'YYYY年M月D日': "yyyy'年'M'月'd'日'",
  'YYYY年M月D日 HH:mm': "yyyy'年'M'月'd'日' HH:mm",
  'HH:mm': 'HH:mm',
  'HH:mm:ss': 'HH:mm:ss',
} as const;

export type ShanghaiPattern = keyof typeof PATTERN_TOKENS;

/** Formats `ms` as Shanghai wall-clock text for the UI, e.g. `2026-11-20 21:14` or `11月20日`. */
export function formatShanghai(ms: number, pattern: ShanghaiPattern): string {
  return format(inShanghai(ms), PATTERN_TOKENS[pattern]);
}

/** The Shanghai calendar day of `ms`: `2026-11-20`. */
export function shanghaiDateKey(ms: number): string {
  return formatShanghai(ms, 'YYYY-MM-DD');
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/**
 * Epoch ms of a Shanghai wall-clock time, or null when no such time exists
 * (Feb 30, 24:61, year 0026…). Checked by formatting the result back, so nothing is silently rolled over.
 */
export function fromShanghaiWallClock(wall: WallClock): number | null {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = wall;
  const parts = [year, month, day, hour, minute, second, millisecond];
  if (!parts.every(Number.isInteger)) return null;
  if (year < PLAUSIBLE_YEARS.min || year > PLAUSIBLE_YEARS.max) return null;
  const date = new TZDate(year, month - 1, day, hour, minute, second, millisecond, SHANGHAI_TZ);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const back = inShanghai(ms);
  const same =
    back.getFullYear() === year &&
    back.getMonth() === month - 1 &&
    back.getDate() === day &&
    back.getHours() === hour &&
    back.getMinutes() === minute &&
    back.getSeconds() === second &&
    back.getMilliseconds() === millisecond;
  return same ? ms : null;
}

/** Epoch ms of 00:00 Shanghai time on `dateKey` (`YYYY-MM-DD`), or null if it is not a real date. */
export function shanghaiMidnight(dateKey: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateKey);
  if (!m) return null;
  return fromShanghaiWallClock({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
}

// `2026-10-12 14:33:20`, `2026-10-12 14:33`, `2026/10/12 14:33`, `2026.10.12`, `2026-10-12` (one separator kind).
const NUMERIC_DATE_TIME =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// `2026年10月12日 14:33:20`, `2026年9月8日 7:05`, `2026年10月12日`.
const CHINESE_DATE_TIME = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses a time string as shown in a seller console, read as Asia/Shanghai local time.
 * Returns epoch ms, or null for anything it does not fully recognise (it never guesses).
 *
 * Accepted: `2026-10-12 14:33:20`, `2026-10-12 14:33`, `2026/10/12 14:33`, `2026年10月12日 14:33:20`,
 * `2026年9月8日 7:05`, `2026-10-12` (midnight). Full-width digits, colons and spaces are normalised first.
 */
export function parseConsoleTime(text: string): number | null {
  const normalised = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const m = NUMERIC_DATE_TIME.exec(normalised);
  if (m) return wallClockFromMatch(m[1], m[3], m[4], m[5], m[6], m[7]);
  const c = CHINESE_DATE_TIME.exec(normalised);
  if (c) return wallClockFromMatch(c[1], c[2], c[3], c[4], c[5], c[6]);
  return null;
}

function wallClockFromMatch(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): number | null {
  if (year === undefined || month === undefined || day === undefined) return null;
  return fromShanghaiWallClock({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: hour === undefined ? 0 : Number(hour),
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
  });
}

// ISO 8601 with an explicit offset or Z, as stored in our records (`2026-10-12T14:33:20+08:00`).
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch ms of a stored ISO 8601 string that carries its offset (or Z); null otherwise.
 * Strings without an offset are rejected here because `Date.parse` would read them in the machine's zone;
 * use `parseConsoleTime` for those.
 */
export function parseIsoWithOffset(text: string): number | null {
  const trimmed = text.trim();
  const m = ISO_WITH_OFFSET.exec(trimmed);
  if (!m) return null;
  // Date.parse rolls 2026-02-30 over to March 2; refuse dates and times that do not exist instead.
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (!isRealUtcCalendarDay(year, month, day)) return null;
  if ((hour ?? 99) > 23 || (minute ?? 99) > 59 || (second ?? 99) > 59) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

function isRealUtcCalendarDay(year?: number, month?: number, day?: number): boolean {
  if (year === undefined || month === undefined || day === undefined) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
