import { describe, expect, it } from 'vitest';
import {
  formatShanghai,
  fromShanghaiWallClock,
  parseConsoleTime,
  parseIsoWithOffset,
  shanghaiDateKey,
  shanghaiMidnight,
  toShanghaiIso,
} from '../../lib/time/shanghai';

/** 2026-11-20 21:14:03.120 in Shanghai = 13:14:03.120 UTC. */
const NOV_20_EVENING = Date.UTC(2026, 10, 20, 13, 14, 3, 120);

describe('Shanghai time formatting', () => {
  it('writes ISO 8601 with the +08:00 offset and milliseconds', () => {
    expect(toShanghaiIso(NOV_20_EVENING)).toBe('2026-11-20T21:14:03.120+08:00');
  });

  it('round-trips through Date.parse', () => {
    expect(Date.parse(toShanghaiIso(NOV_20_EVENING))).toBe(NOV_20_EVENING);
  });

  it('formats the UI patterns on the Shanghai wall clock', () => {
    expect(formatShanghai(NOV_20_EVENING, 'YYYY-MM-DD HH:mm')).toBe('2026-11-20 21:14');
    expect(formatShanghai(NOV_20_EVENING, 'YYYY-MM-DD HH:mm:ss')).toBe('2026-11-20 21:14:03');
    expect(formatShanghai(NOV_20_EVENING, 'M月D日')).toBe('11月20日');
    expect(formatShanghai(NOV_20_EVENING, 'M月D日 HH:mm')).toBe('11月20日 21:14');
    expect(formatShanghai(NOV_20_EVENING, 'YYYY年M月D日')).toBe('2026年11月20日');
    expect(formatShanghai(NOV_20_EVENING, 'HH:mm:ss')).toBe('21:14:03');
  });

  it('uses no leading zeros in the Chinese month-day pattern', () => {
    expect(formatShanghai(Date.UTC(2026, 8, 8, 0, 0), 'M月D日')).toBe('9月8日');
  });

  it('gives the Shanghai calendar day even when the UTC day is still the day before', () => {
    // 2026-10-09T20:00Z is already 04:00 on October 10 in Shanghai.
    expect(shanghaiDateKey(Date.UTC(2026, 9, 9, 20, 0))).toBe('2026-10-10');
    expect(shanghaiDateKey(Date.UTC(2026, 9, 9, 15, 59, 59, 999))).toBe('2026-10-09');
  });
});

describe('parseConsoleTime reads seller-console times as Shanghai local time', () => {
  const cases: Array<[string, number]> = [
    ['2026-10-12 14:33:20', Date.UTC(2026, 9, 12, 6, 33, 20)],
    ['2026-10-12 14:33', Date.UTC(2026, 9, 12, 6, 33)],
    ['2026/10/12 14:33', Date.UTC(2026, 9, 12, 6, 33)],
    ['2026年10月12日 14:33:20', Date.UTC(2026, 9, 12, 6, 33, 20)],
    ['2026年9月8日 7:05', Date.UTC(2026, 8, 7, 23, 5)],
    ['2026-10-12', Date.UTC(2026, 9, 11, 16, 0)],
    ['2026年10月12日', Date.UTC(2026, 9, 11, 16, 0)],
    ['  2026-10-12   14:33  ', Date.UTC(2026, 9, 12, 6, 33)],
    ['２０２６－１０－１２ １４：３３', Date.UTC(2026, 9, 12, 6, 33)],
    ['2026-1-2 08:00', Date.UTC(2026, 0, 2, 0, 0)],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(parseConsoleTime(text)).toBe(expected);
  });

  it('turns midnight-crossing times into the right UTC day', () => {
    const ms = parseConsoleTime('2026-10-01 00:30');
    expect(ms).not.toBeNull();
    expect(new Date(ms ?? 0).toISOString()).toBe('2026-09-30T16:30:00.000Z');
    expect(toShanghaiIso(ms ?? 0)).toBe('2026-10-01T00:30:00.000+08:00');
  });

  const garbage = [
    '',
    '   ',
    'abc',
    '昨天 14:33',
    '3天前',
    '2026-13-01',
    '2026-02-30',
    '2026-02-29 10:00',
    '2026-10-12 24:00',
    '2026-10-12 14:60',
    '2026-10-12 14:33:61',
    '2026-10-12 14',
    '2026-10/12',
    '10-12 14:33',
    '2026年10月',
    '2026年13月1日',
    '20261012',
    '1712345678000',
    '0026-10-12',
    '9999-10-12',
    '2026-10-12 14:33 下午',
    '评价时间：2026-10-12 14:33',
    '2026-10-12T14:33:20+08:00',
  ];
  it.each(garbage)('refuses to guess: %j → null', (text) => {
    expect(parseConsoleTime(text)).toBeNull();
  });

  it('does not depend on the machine time zone', () => {
    // The same text always means the same instant; the assertion above already pins it to UTC+8.
    expect(parseConsoleTime('2026-10-12 14:33')).toBe(Date.parse('2026-10-12T14:33:00+08:00'));
  });
});

describe('wall-clock helpers', () => {
  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(fromShanghaiWallClock({ year: 2026, month: 2, day: 29 })).toBeNull();
    expect(fromShanghaiWallClock({ year: 2028, month: 2, day: 29 })).not.toBeNull();
    expect(shanghaiMidnight('2026-04-31')).toBeNull();
    expect(shanghaiMidnight('2026-10-10')).toBe(Date.UTC(2026, 9, 9, 16, 0));
  });

  it('reads stored ISO strings only when they carry an offset', () => {
    expect(parseIsoWithOffset('2026-10-12T14:33:20+08:00')).toBe(Date.UTC(2026, 9, 12, 6, 33, 20));
    expect(parseIsoWithOffset('2026-10-12T06:33:20.500Z')).toBe(Date.UTC(2026, 9, 12, 6, 33, 20, 500));
    expect(parseIsoWithOffset('2026-10-12T14:33:20')).toBeNull();
    expect(parseIsoWithOffset('2026-02-30T10:00:00+08:00')).toBeNull();
    expect(parseIsoWithOffset('not a date')).toBeNull();
  });
});
